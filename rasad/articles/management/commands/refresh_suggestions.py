"""``python manage.py refresh_suggestions``: recompute similar-article suggestions in batches.

Imports compute suggestions for at most ``RASAD_IMPORT_SUGGEST_LIMIT`` articles so they stay fast;
after a very large import, run this (or from cron) to cover the rest.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from rasad.articles.models import Article
from rasad.articles.similarity import refresh_suggestions
from rasad.core.digits import to_persian_digits


class Command(BaseCommand):
    help = _("پیشنهادهای مقالهٔ مشابه را دوباره می‌سازد (تازه‌ترین مقاله‌ها نخست).")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--limit", type=int, default=None, help=_("حداکثر چند مقاله (پیش‌فرض همه)"))
        parser.add_argument("--missing", action="store_true", help=_("فقط مقاله‌هایی که هنوز پیشنهادی ندارند"))

    def handle(self, *args: Any, **options: Any) -> None:
        articles = Article.objects.order_by("-id")
        if options["missing"]:
            articles = articles.filter(similar_suggestions__isnull=True)
        ids = articles.values_list("pk", flat=True)
        if options["limit"]:
            ids = ids[: options["limit"]]
        done = stored = 0
        batch: list[int] = []
        for pk in ids.iterator(chunk_size=2000):
            batch.append(pk)
            if len(batch) == 500:
                stored += refresh_suggestions(article_ids=batch)
                done += len(batch)
                batch = []
        if batch:
            stored += refresh_suggestions(article_ids=batch)
            done += len(batch)
        self.stdout.write(
            _("پیشنهادهای %(n)s مقاله ساخته شد (%(s)s پیشنهاد).")
            % {"n": to_persian_digits(done), "s": to_persian_digits(stored)}
        )
