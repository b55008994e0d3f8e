"""Counting reads (one buffer write per page view) and folding the buffer into ``DailyCount``."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from rasad.access.policy import has_full_access
from rasad.articles.models import Article
from rasad.core.users import is_editor
from rasad.insights import buffer
from rasad.insights.models import DailyCount, Metric

# User agents that say they are robots: crawlers, link checkers, previews, monitors, scrapers.
BOT_AGENT = re.compile(
    r"bot\b|bot/|crawl|spider|slurp|archiver|fetcher|facebookexternalhit|preview|monitor|checker|scrapy|wget|curl/",
    re.IGNORECASE,
)


def is_counted_visitor(request: HttpRequest) -> bool:
    """Editors and robots are not readers."""
    if is_editor(request.user):
        return False
    return not BOT_AGENT.search(request.headers.get("User-Agent", ""))


def _visitor(request: HttpRequest, day: dt.date) -> str:
    session_key = getattr(getattr(request, "session", None), "session_key", None)
    if session_key:
        identity = f"s:{session_key}"
    else:
        identity = f"a:{request.META.get('REMOTE_ADDR', '')}|{request.headers.get('User-Agent', '')}"
    return buffer.visitor_id(day, identity)


def view_metrics(request: HttpRequest, *, full_text_shown: bool) -> tuple[str, ...]:
    """What one article page view counts as: the reader's kind, and whether it showed the full
    text or the gate."""
    user = request.user
    if not user.is_authenticated:
        kind = Metric.VIEW_ANONYMOUS
    elif has_full_access(user):
        kind = Metric.VIEW_SUBSCRIBER
    else:
        kind = Metric.VIEW_READER
    return (kind.value, Metric.FULL_READ.value if full_text_shown else Metric.GATE_VIEW.value)


def reading_record(request: HttpRequest, *, article_id: int, metrics: tuple[str, ...]) -> None:
    """Count ``metrics`` for ``article_id`` once per visitor and day: one buffer write."""
    if not is_counted_visitor(request):
        return
    day = timezone.localdate()
    buffer.add(day, buffer.member(article_id, metrics, _visitor(request, day)))


def _count_day(day: dt.date) -> Counter[tuple[int, str]]:
    counts: Counter[tuple[int, str]] = Counter()
    for value in buffer.members(day):
        article_id, metrics = buffer.parse_member(value)
        for metric in metrics:
            counts[(article_id, metric)] += 1
    return counts


@transaction.atomic
def _replace_day(day: dt.date, counts: Counter[tuple[int, str]]) -> int:
    # The buffer holds the whole day, so a fold rewrites the day: folding again is harmless.
    DailyCount.objects.filter(day=day).delete()
    valid = set(Metric.values)
    rows = [
        DailyCount(day=day, article_id=article_id, metric=metric, count=n)
        for (article_id, metric), n in counts.items()
        if metric in valid
    ]
    # Articles deleted since they were read leave no row.
    alive = set(Article.objects.filter(pk__in={row.article_id for row in rows}).values_list("pk", flat=True))
    DailyCount.objects.bulk_create([row for row in rows if row.article_id in alive], batch_size=5000)
    return sum(n for (article_id, _m), n in counts.items() if article_id in alive)


def reading_stats_fold(*, today: dt.date | None = None) -> dict[dt.date, int]:
    """Fold every buffered day into ``DailyCount``; days before yesterday are then dropped from the
    buffer (today and yesterday stay, so late views still meet their repeats). Returns events per day."""
    today = today or timezone.localdate()
    folded: dict[dt.date, int] = {}
    for day in buffer.buffered_days():
        folded[day] = _replace_day(day, _count_day(day))
        if day < today - dt.timedelta(days=1):
            buffer.drop(day)
    return folded
