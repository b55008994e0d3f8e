"""``python manage.py rebuild_search_index``: rebuild the search index after a bulk import."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from rasad.search.indexing import rebuild_index


class Command(BaseCommand):
    help = "نمایهٔ جست‌وجو را از نو برای همهٔ مقاله‌های منتشرشده می‌سازد (پس از درون‌ریزی انبوه)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--quiet", action="store_true", help="پیشرفت را چاپ نکن.")

    def handle(self, *args: Any, quiet: bool = False, **options: Any) -> None:
        written = rebuild_index(stdout=None if quiet else self.stdout)
        self.stdout.write(self.style.SUCCESS(f"{written} سند جست‌وجو ساخته شد."))
