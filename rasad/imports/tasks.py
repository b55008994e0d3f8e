"""Background work of the importer, run by Celery beat (``CELERY_BEAT_SCHEDULE``)."""

from __future__ import annotations

from celery import shared_task

from rasad.imports.think_tank_feeds import fetch_all_feeds


@shared_task(ignore_result=True)
def fetch_think_tank_feeds() -> int:
    """Every think tank's feed, new items as drafts (what ``manage.py fetch_feeds`` does); returns
    how many feeds failed. One failing feed is reported in its result and the others go on."""
    return sum(1 for result in fetch_all_feeds() if result.error)
