"""``python manage.py send_digests``: what Celery beat does, by hand or from cron without a broker.

Safe to repeat: a digest for a given reader and Jalali day or week is sent at most once.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from rasad.alerts import tasks
from rasad.core.digits import to_persian_digits
from rasad.core.jalali import parse_date_any


class Command(BaseCommand):
    help = _("مطالب تازه را با هشدارها می‌سنجد و خلاصه‌های روزانه، هفتگی و تیمی را می‌فرستد.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--kind", choices=["match", "daily", "weekly", "team", "all"], default="all")
        parser.add_argument("--day", help=_("روز (شمسی یا میلادی) که خلاصه‌اش فرستاده شود؛ پیش‌فرض: دیروز یا هفتهٔ پیش"))

    def handle(self, *args: Any, **options: Any) -> None:
        day: dt.date | None = None
        if options["day"]:
            try:
                day = parse_date_any(options["day"])
            except ValueError as exc:
                raise CommandError(str(exc)) from exc
        iso = day.isoformat() if day else None
        kind = options["kind"]
        counts = {}
        if kind in {"match", "all"}:
            counts["match"] = tasks.match_new_articles()
        if kind in {"daily", "all"}:
            counts["daily"] = tasks.send_daily_digests(iso)
        if kind in {"weekly", "all"}:
            counts["weekly"] = tasks.send_weekly_digests(iso)
        if kind in {"team", "all"}:
            counts["team"] = tasks.send_team_digests(iso)
        for name, n in counts.items():
            self.stdout.write(_("%(kind)s: %(n)s ایمیل در صف") % {"kind": name, "n": to_persian_digits(n)})
