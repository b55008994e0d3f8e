from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from rasad.articles.models import LinkStatus
from rasad.core.digits import to_persian_digits
from rasad.insights.links import links_check


class Command(BaseCommand):
    help = _("لینک منبع مقاله‌ها و خوراک اندیشکده‌ها را بررسی می‌کند (کار دوره‌ای).")

    def handle(self, *args: Any, **options: Any) -> None:
        tally = links_check()
        for status in LinkStatus:
            self.stdout.write(
                _("لینک منبع %(label)s: %(n)s") % {"label": status.label, "n": to_persian_digits(tally.get(status, 0))}
            )
            if tally.get(f"feed_{status}"):
                self.stdout.write(
                    _("خوراک %(label)s: %(n)s")
                    % {"label": status.label, "n": to_persian_digits(tally[f"feed_{status}"])}
                )
