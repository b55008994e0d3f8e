from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from rasad.core.digits import to_persian_digits
from rasad.core.jalali import jalali_numeric
from rasad.insights.services import reading_stats_fold


class Command(BaseCommand):
    help = _("شمارش‌های بافرشده را در آمار روزانه جمع می‌کند (کار دوره‌ای).")

    def handle(self, *args: Any, **options: Any) -> None:
        folded = reading_stats_fold()
        for day, events in folded.items():
            self.stdout.write(_("%(day)s: %(n)s رویداد") % {"day": jalali_numeric(day), "n": to_persian_digits(events)})
        if not folded:
            self.stdout.write(_("چیزی برای جمع‌کردن نبود."))
