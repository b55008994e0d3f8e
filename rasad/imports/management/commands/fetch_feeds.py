"""``python manage.py fetch_feeds``: every think tank's RSS/Atom feed, new items as drafts.

Safe to run from cron: one failing feed is reported and the others go on; exit code 0 when every
feed was read, 1 when at least one failed.
"""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from rasad.core.digits import to_persian_digits
from rasad.imports.think_tank_feeds import fetch_all_feeds


class Command(BaseCommand):
    help = _("خوراک RSS/Atom همهٔ اندیشکده‌ها را می‌خواند و مطالب تازه را پیش‌نویس می‌کند.")

    def handle(self, *args: Any, **options: Any) -> None:
        results = fetch_all_feeds()
        for result in results:
            (self.stderr if result.error else self.stdout).write(str(result))
        failed = sum(1 for result in results if result.error)
        self.stdout.write(
            _("%(n)s خوراک خوانده شد، %(failed)s ناموفق.")
            % {"n": to_persian_digits(len(results)), "failed": to_persian_digits(failed)}
        )
        if failed:
            sys.exit(1)
