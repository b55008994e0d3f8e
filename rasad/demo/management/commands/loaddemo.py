"""``python manage.py loaddemo``: demo content for trying Rasad out; safe to run any number of times.

Everything is data in ``rasad/demo``: think tanks and authors as fixtures (natural keys), the
articles as JSON Lines imported by ``import_articles`` (the importer editors use), and the demo's
people (``data/people.json``). It all runs in one transaction.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from rasad.access.audit import command_line_actor
from rasad.demo import people
from rasad.imports.services import import_articles

DEMO = Path(__file__).resolve().parents[2]
ARTICLES = DEMO / "data" / "articles.jsonl"
FIXTURES = ("demo_think_tanks", "demo_authors")
# One password for every demo account, printed on purpose: this command is for a developer's
# machine, not production.
DEFAULT_PASSWORD = "rasad-demo-1403"


class Command(BaseCommand):
    help = "محتوای نمایشی رصد را بارگذاری می‌کند (اجرای دوباره چیزی را تکرار نمی‌کند)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="اجرا حتی وقتی RASAD_ENV=production است (کاربران نمایشی با گذرواژهٔ نمایشی می‌سازد).",
        )

    def handle(self, *args: Any, allow_production: bool = False, **options: Any) -> None:
        if settings.PRODUCTION and not allow_production:
            raise CommandError(
                "در محیط production محتوای نمایشی بارگذاری نمی‌شود؛ اگر مطمئنید --allow-production بدهید."
            )
        password = os.environ.get("RASAD_DEMO_PASSWORD") or DEFAULT_PASSWORD
        with transaction.atomic():
            call_command("loaddata", *FIXTURES, app_label="demo", verbosity=0)
            # Suggestions are left to editors' saves: the demo shows the curated links only.
            report = import_articles(paths_or_files=[ARTICLES], suggest=False, actor_label=command_line_actor())
            if not report.landed:
                raise CommandError("\n".join(str(error) for error in report.file_errors + report.errors))
            users = people.load(password=password)
        self.stdout.write(
            f"مقاله‌ها: {report.rows} (تازه: {report.created}، به‌روز: {report.updated}، بی‌تغییر: {report.unchanged})"
        )
        self.stdout.write(f"حساب‌های نمایشی (گذرواژهٔ همه: {password}):")
        for user in users:
            self.stdout.write(f"  {user['username']:<13} – {user['about']}")
        self.stdout.write(self.style.SUCCESS("محتوای نمایشی آماده است."))
        self.stdout.write(f"ورود به میز سردبیری: /admin/  نام کاربری: admin  گذرواژه: {password}")
