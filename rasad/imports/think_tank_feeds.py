"""Refreshing every think tank's RSS/Atom feed: new items become drafts; one failing feed stops nothing.

Layers: ``fetcher`` (safe HTTP) ← ``readers`` (feed entries as records) ← ``services`` (the
importer) ← this module.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from rasad.articles.models import ThinkTank
from rasad.core.digits import to_persian_digits
from rasad.imports.fetcher import FeedFetchError, fetch_url
from rasad.imports.readers import Source, SourceError, parse_feed_bytes
from rasad.imports.services import import_articles


@dataclass
class FeedResult:
    think_tank: str
    url: str
    created: int = 0
    unchanged: int = 0
    error: str = ""

    def __str__(self) -> str:
        if self.error:
            return _("✗ %(tt)s: %(error)s") % {"tt": self.think_tank, "error": self.error}
        return _("✓ %(tt)s: %(new)s مطلب تازه (پیش‌نویس)، %(old)s تکراری") % {
            "tt": self.think_tank,
            "new": to_persian_digits(self.created),
            "old": to_persian_digits(self.unchanged),
        }


def fetch_all_feeds() -> list[FeedResult]:
    """Fetch every think tank's feed and import new items as drafts; one failing feed stops nothing."""
    results = []
    for think_tank in ThinkTank.objects.exclude(feed_url="").order_by("name"):
        result = FeedResult(think_tank=think_tank.name, url=think_tank.feed_url)
        results.append(result)
        try:
            records = list(parse_feed_bytes(fetch_url(think_tank.feed_url), think_tank.feed_url))
        except (FeedFetchError, SourceError) as exc:
            result.error = str(exc)
            continue
        source = Source(label=think_tank.feed_url, kind="records", opener=records, from_feed=True)
        report = import_articles(
            paths_or_files=[source], skip_bad=True, think_tank=think_tank, actor_label="feed fetcher"
        )
        result.created, result.unchanged = report.created, report.unchanged + report.updated
        if report.bad_rows:
            result.error = _("%(n)s مطلب نامعتبر کنار گذاشته شد: %(first)s") % {
                "n": to_persian_digits(report.bad_rows),
                "first": report.errors[0] if report.errors else "",
            }
    return results
