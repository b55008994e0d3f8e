"""Link health: each article's source link and each think tank's feed, checked with the feed
fetcher's safety rules (``rasad.imports.fetcher.probe_url``).

An HTTP 404 or 410 is dead at once; any other 4xx/5xx, a timeout or a refused connection is
"unknown" and becomes dead only at ``LINK_FAILURES_BEFORE_DEAD`` failures in a row; a 2xx/3xx
answer is alive and clears the count.
"""

from __future__ import annotations

from django.db.models import F
from django.utils import timezone

from rasad.articles.models import LINK_FAILURES_BEFORE_DEAD, Article, LinkStatus, ThinkTank
from rasad.imports.fetcher import LinkProbe, probe_url

GONE = {404, 410}


def judge(probe: LinkProbe, failures: int) -> tuple[str, int]:
    """(status, failures in a row) after ``probe``, given the failures before it."""
    if probe.status is not None and probe.status < 400:
        return LinkStatus.OK, 0
    if probe.status in GONE:
        return LinkStatus.DEAD, failures + 1
    failures += 1
    return (LinkStatus.DEAD if failures >= LINK_FAILURES_BEFORE_DEAD else LinkStatus.UNKNOWN), failures


def article_link_check(*, article: Article) -> str:
    probe = probe_url(article.source_url)
    article.source_status, article.source_failures = judge(probe, article.source_failures)
    article.source_http_status = probe.status
    article.source_final_url = probe.final_url if probe.final_url != article.source_url else ""
    article.source_checked_at = timezone.now()
    # Only the health fields: an editor's change made meanwhile is not overwritten.
    Article.objects.filter(pk=article.pk).update(
        source_status=article.source_status,
        source_failures=article.source_failures,
        source_http_status=article.source_http_status,
        source_final_url=article.source_final_url,
        source_checked_at=article.source_checked_at,
    )
    return article.source_status


def feed_link_check(*, think_tank: ThinkTank) -> str:
    status, failures = judge(probe_url(think_tank.feed_url), think_tank.feed_failures)
    ThinkTank.objects.filter(pk=think_tank.pk).update(
        feed_status=status, feed_failures=failures, feed_checked_at=timezone.now()
    )
    return status


def links_check() -> dict[str, int]:
    """Check every published article's source link and every think tank's feed, least recently
    checked first. Returns how many links ended in each status."""
    tally: dict[str, int] = {}
    articles = Article.objects.published().order_by(F("source_checked_at").asc(nulls_first=True), "pk")
    for article in articles.only("pk", "source_url", "source_failures").iterator():
        status = article_link_check(article=article)
        tally[status] = tally.get(status, 0) + 1
    for tank in ThinkTank.objects.exclude(feed_url="").only("pk", "feed_url", "feed_failures"):
        status = feed_link_check(think_tank=tank)
        tally[f"feed_{status}"] = tally.get(f"feed_{status}", 0) + 1
    return tally
