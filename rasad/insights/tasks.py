"""Periodic work of the editors' desk, for Celery beat (the same functions as the commands)."""

from __future__ import annotations

from celery import shared_task

from rasad.insights.links import links_check
from rasad.insights.services import reading_stats_fold


@shared_task(name="rasad.insights.fold_reading_stats")
def fold_reading_stats() -> int:
    """Fold the reading buffer into the daily counts (every few minutes)."""
    return sum(reading_stats_fold().values())


@shared_task(name="rasad.insights.check_links")
def check_links() -> dict[str, int]:
    """Check source links and feeds (daily)."""
    return links_check()
