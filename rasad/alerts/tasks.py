"""Background work of alerts, on Celery (eager, in-process, without ``CELERY_BROKER_URL``).

Each task is idempotent: the rows it writes are unique and e-mails are claimed before sending, so a
retry, a redelivered message or two workers doing the same thing send nothing twice.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging

from celery import shared_task
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from rasad.alerts import emails, services
from rasad.alerts.models import Delivery, Email
from rasad.annotations.selectors import jalali_week_start

log = logging.getLogger(__name__)


def queue_emails(email_ids: list[int]) -> None:
    """Send each e-mail from a worker, once the rows that say what to send are committed."""
    for pk in email_ids:
        transaction.on_commit(functools.partial(send_email.delay, pk))


@shared_task(ignore_result=True)
def send_email(email_id: int) -> str:
    return emails.email_send(email_id=email_id)


@shared_task(ignore_result=True)
def match_articles(article_ids: list[int]) -> int:
    """Match these just-published articles against every alert, and send the immediate e-mails."""
    pending = services.articles_match(article_ids=article_ids)
    queue_emails(pending)
    return len(pending)


@shared_task(ignore_result=True)
def match_new_articles() -> int:
    """Every minute or so (beat): articles published or imported since the last run, and scheduled
    articles whose date has arrived."""
    ids = services.pending_article_ids()
    return match_articles(ids) if ids else 0


@shared_task(ignore_result=True)
def retry_due_emails() -> int:
    """Failed e-mails whose backoff has passed go out again."""
    due = list(
        Email.objects.filter(status=Email.Status.FAILED)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=timezone.now()))
        .values_list("pk", flat=True)[:1000]
    )
    queue_emails(due)
    return len(due)


@shared_task(ignore_result=True)
def send_daily_digests(day: str | None = None) -> int:
    """The digest of yesterday (a Tehran calendar day) for every reader with daily alerts."""
    start = dt.date.fromisoformat(day) if day else timezone.localdate() - dt.timedelta(days=1)
    pending = services.digests_queue(delivery=Delivery.DAILY, start=start)
    queue_emails(pending)
    return len(pending)


@shared_task(ignore_result=True)
def send_weekly_digests(week: str | None = None) -> int:
    """The digest of the last Jalali week (Saturday to Friday) for every reader with weekly alerts."""
    start = dt.date.fromisoformat(week) if week else last_week_start()
    pending = services.digests_queue(delivery=Delivery.WEEKLY, start=jalali_week_start(start))
    queue_emails(pending)
    return len(pending)


@shared_task(ignore_result=True)
def send_team_digests(week: str | None = None) -> int:
    """Each organisation member's weekly e-mail of the team's notes and replies."""
    start = dt.date.fromisoformat(week) if week else last_week_start()
    pending = services.team_digests_queue(start=jalali_week_start(start))
    queue_emails(pending)
    return len(pending)


def last_week_start() -> dt.date:
    return jalali_week_start(timezone.localdate()) - dt.timedelta(days=7)
