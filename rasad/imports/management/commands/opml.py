"""``manage.py opml export [FILE]`` and ``manage.py opml import FILE [--dry-run]``: think tanks' feeds as OPML."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from rasad.articles.models import ThinkTank
from rasad.core.digits import to_persian_digits
from rasad.imports.opml import OpmlError, opml_export, think_tanks_import_opml

STATUS_LABELS = {"new": "جدید", "updated": "بروزرسانی", "unchanged": "بی‌تغییر", "error": "خطا"}


class Command(BaseCommand):
    help = _("خوراک اندیشکده‌ها را به OPML می‌دهد یا از OPML می‌گیرد.")

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        export = sub.add_parser("export", help=_("نوشتن OPML (در پرونده یا خروجی استاندارد)"))
        export.add_argument("path", nargs="?", help=_("پروندهٔ مقصد؛ بی آن، خروجی استاندارد"))
        imported = sub.add_parser("import", help=_("خواندن OPML"))
        imported.add_argument("path")
        imported.add_argument("--dry-run", action="store_true", help=_("فقط گزارش؛ چیزی تغییر نمی‌کند"))

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "export":
            data = opml_export(ThinkTank.objects.order_by("name"))
            if options.get("path"):
                Path(options["path"]).write_bytes(data)
            else:
                self.stdout.write(data.decode("utf-8"))
            return
        try:
            data = Path(options["path"]).read_bytes()
        except OSError as exc:
            raise CommandError(_("پرونده خوانده نشد: %(error)s") % {"error": exc}) from exc
        try:
            rows = think_tanks_import_opml(data=data, dry_run=options["dry_run"])
        except OpmlError as exc:
            raise CommandError(str(exc)) from exc
        for row in rows:
            line = f"{STATUS_LABELS[row.status]}: {row.name} <{row.feed_url}>"
            (self.stderr if row.error else self.stdout).write(f"{line} — {row.error}" if row.error else line)
        failed = sum(1 for row in rows if row.error)
        if failed:
            self.stderr.write(_("%(n)s خطا؛ هیچ تغییری ذخیره نشد.") % {"n": to_persian_digits(failed)})
            sys.exit(1)
