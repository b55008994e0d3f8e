"""``python manage.py import_articles PATH…``: JSON Lines/JSON, CSV, XLSX and RSS/Atom files or URLs.

Exit codes (README, «Importing articles»): 0 everything imported (or would be, with --dry-run);
1 bad rows, nothing landed; 2 a file could not be read or the command was misused, nothing landed;
3 the good rows landed and the bad ones were skipped (--skip-bad).
"""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError
from django.utils.translation import gettext as _
from tqdm import tqdm

from rasad.access.audit import command_line_actor
from rasad.articles.models import Article
from rasad.core.digits import to_persian_digits
from rasad.imports.report import ImportReport
from rasad.imports.services import import_articles


class Command(BaseCommand):
    help = _("مقاله‌ها را از پرونده‌های JSON Lines، JSON، CSV، XLSX یا خوراک RSS/Atom وارد می‌کند.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", metavar="PATH", help=_("پرونده یا نشانی خوراک"))
        parser.add_argument("--dry-run", action="store_true", help=_("فقط گزارش بده؛ چیزی ذخیره نکن."))
        parser.add_argument(
            "--skip-bad", action="store_true", help=_("سطرهای سالم را وارد کن و سطرهای خراب را فهرست کن.")
        )
        parser.add_argument(
            "--status",
            choices=[Article.Status.PUBLISHED, Article.Status.DRAFT],
            default=Article.Status.PUBLISHED,
            help=_("وضعیت سطرهایی که status ندارند (پیش‌فرض published؛ خوراک‌ها همیشه draft)."),
        )
        parser.add_argument("--no-suggestions", action="store_true", help=_("پیشنهاد مقالهٔ مشابه را نساز."))
        parser.add_argument("--progress", action="store_true", help=_("نوار پیشرفت حتی وقتی خروجی ترمینال نیست."))

    def execute(self, *args: Any, **options: Any) -> str | None:
        # Usage errors exit 2 like argparse does; bad input never prints a traceback.
        try:
            return super().execute(*args, **options)
        except CommandError as exc:
            self.stderr.write(str(exc))
            sys.exit(ImportReport.FILE_ERROR)

    def handle(self, *args: Any, **options: Any) -> None:
        show_bar = options["progress"] or (hasattr(sys.stderr, "isatty") and sys.stderr.isatty())
        bar = tqdm(unit=_(" سطر"), disable=not show_bar, file=sys.stderr, mininterval=0.5)
        try:
            report = import_articles(
                paths_or_files=options["paths"],
                dry_run=options["dry_run"],
                skip_bad=options["skip_bad"],
                default_status=options["status"],
                progress=bar.update,
                suggest=not options["no_suggestions"],
                actor_label=command_line_actor(),
            )
        except DatabaseError as exc:
            # E.g. two imports racing on the same source_url: nothing landed (one transaction).
            bar.close()
            self.stderr.write(_("پایگاه داده خطا داد و هیچ چیز وارد نشد: %(error)s") % {"error": exc})
            sys.exit(ImportReport.FILE_ERROR)
        finally:
            bar.close()
        self.print_report(report)
        if report.exit_code:
            sys.exit(report.exit_code)

    def print_report(self, report: ImportReport) -> None:
        for error in report.file_errors:
            self.stderr.write(str(error))
        for error in report.errors:
            self.stderr.write(str(error))
        if report.bad_rows > len(report.errors):
            self.stderr.write(
                _("… و %(n)s سطر خراب دیگر.") % {"n": to_persian_digits(report.bad_rows - len(report.errors))}
            )
        counts = {
            "created": to_persian_digits(report.created),
            "updated": to_persian_digits(report.updated),
            "unchanged": to_persian_digits(report.unchanged),
            "bad": to_persian_digits(report.bad_rows),
        }
        if report.dry_run:
            line = _(
                "آزمایشی (چیزی ذخیره نشد): %(created)s تازه، %(updated)s به‌روز، %(unchanged)s بی‌تغییر، %(bad)s خراب."
            )
        elif report.landed and report.bad_rows:
            line = _(
                "وارد شد: %(created)s تازه، %(updated)s به‌روز، %(unchanged)s بی‌تغییر؛ %(bad)s سطر خراب کنار گذاشته شد."
            )
        elif report.landed:
            line = _("وارد شد: %(created)s تازه، %(updated)s به‌روز، %(unchanged)s بی‌تغییر.")
        elif report.file_errors:
            line = _("هیچ چیز وارد نشد: پرونده خوانده نشد.")
        else:
            line = _(
                "هیچ چیز وارد نشد: %(bad)s سطر خراب است. سطرها را درست کنید یا با --skip-bad فقط سطرهای سالم را وارد کنید."
            )
        style = self.style.SUCCESS if report.exit_code == 0 else self.style.WARNING
        self.stdout.write(style(line % counts))
