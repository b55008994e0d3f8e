"""Writes of alerts: matching newly published articles, telling readers, queueing e-mails.

Matching uses the search engine of ``/search/`` (``rasad.search.selectors.matching_ids``), once
per distinct (words, filters, gate) among all alerts, restricted to the new articles.
Every insert is ``ignore_conflicts`` against a unique constraint, so running any of this twice, or
on two workers at once, changes nothing the second time.
"""

from __future__ import annotations

import datetime as dt
import math
import secrets
from collections import defaultdict
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from rasad.access import teams
from rasad.access.policy import has_full_access
from rasad.alerts.models import Alert, Delivery, Email, Match, MatchedArticle, Notification, ReaderSettings, ThreadMute
from rasad.annotations.models import Annotation, Reply
from rasad.articles.models import Article
from rasad.search.backends import Filters
from rasad.search.selectors import matching_ids


def alert_filters(alert: Alert) -> Filters:
    return Filters(
        think_tank_id=alert.think_tank_id,
        topic_id=alert.topic_id,
        author_id=alert.author_id,
        date_from=alert.date_from,
        date_to=alert.date_to,
    )


def pending_article_ids(*, limit: int = 5000) -> list[int]:
    """Published articles, new lately (imported, or their date arrived), not matched yet."""
    hours = settings.RASAD_ALERTS_LOOKBACK_HOURS
    since = timezone.now() - dt.timedelta(hours=hours)
    since_day = timezone.localdate() - dt.timedelta(days=math.ceil(hours / 24))
    recent = Article.objects.published().filter(Q(created_at__gte=since) | Q(published_on__gte=since_day))
    done = MatchedArticle.objects.values("article_id")
    return list(
        recent.filter(search_document__isnull=False)
        .exclude(pk__in=done)
        .order_by("pk")
        .values_list("pk", flat=True)[:limit]
    )


def articles_match(*, article_ids: Iterable[int]) -> list[int]:
    """Match the given published articles against every active alert; returns the ids of the
    e-mails to send now (``Email`` rows still pending)."""
    ids = list(
        Article.objects.published()
        .filter(pk__in=list(article_ids), search_document__isnull=False)
        .values_list("pk", flat=True)
    )
    if not ids:
        return []
    groups: dict[tuple[str, Filters, bool], list[Alert]] = defaultdict(list)
    access: dict[int, bool] = {}
    for alert in Alert.objects.filter(paused=False, user__is_active=True).select_related("user"):
        if alert.user_id not in access:
            access[alert.user_id] = has_full_access(alert.user)
        groups[(alert.q.strip(), alert_filters(alert), access[alert.user_id])].append(alert)
    rows: list[Match] = []
    for (text, filters, full), alerts in groups.items():
        found = matching_ids(text=text, filters=filters, full=full, among=ids)
        rows.extend(Match(alert=alert, article_id=pk) for alert in alerts for pk in sorted(found))
    with transaction.atomic():
        Match.objects.bulk_create(rows, ignore_conflicts=True, batch_size=2000)
        MatchedArticle.objects.bulk_create([MatchedArticle(article_id=pk) for pk in ids], ignore_conflicts=True)
        return matches_notify(article_ids=ids)


def matches_notify(*, article_ids: list[int]) -> list[int]:
    """Notifications for every match of these articles, and the immediate e-mails: one per reader
    and article, whatever number of their alerts found it."""
    notes, emails = [], []
    seen: set[tuple[int, int]] = set()
    matches = (
        Match.objects.filter(article_id__in=article_ids, alert__paused=False)
        .select_related("alert")
        .order_by("alert__user_id", "article_id", "alert_id")
    )
    for match in matches:
        alert = match.alert
        pair = (alert.user_id, match.article_id)
        if pair in seen:
            continue
        seen.add(pair)
        notes.append(
            Notification(
                user_id=alert.user_id,
                kind=Notification.Kind.ALERT,
                key=f"article:{match.article_id}",
                article_id=match.article_id,
                alert=alert,
            )
        )
        if alert.delivery == Delivery.IMMEDIATE:
            emails.append(
                Email(
                    key=f"article:{alert.user_id}:{match.article_id}",
                    user_id=alert.user_id,
                    kind=Email.Kind.ARTICLE,
                    article_id=match.article_id,
                    alert=alert,
                )
            )
    Notification.objects.bulk_create(notes, ignore_conflicts=True, batch_size=2000)
    Email.objects.bulk_create(emails, ignore_conflicts=True, batch_size=2000)
    return list(
        Email.objects.filter(
            kind=Email.Kind.ARTICLE, article_id__in=article_ids, status=Email.Status.PENDING
        ).values_list("pk", flat=True)
    )


def digests_queue(*, delivery: str, start: dt.date) -> list[int]:
    """One digest e-mail per reader with matches of their ``delivery`` alerts in the Jalali day
    (daily) or week (weekly, Saturday to Friday) starting ``start``; returns the pending ones."""
    kind = Email.Kind.DAILY if delivery == Delivery.DAILY else Email.Kind.WEEKLY
    begin, end = period_bounds(start, days=1 if kind == Email.Kind.DAILY else 7)
    users = (
        Match.objects.filter(alert__delivery=delivery, alert__paused=False, created_at__gte=begin, created_at__lt=end)
        .values_list("alert__user_id", flat=True)
        .distinct()
    )
    rows = [Email(key=f"{kind}:{u}:{start.isoformat()}", user_id=u, kind=kind, period_start=start) for u in users]
    Email.objects.bulk_create(rows, ignore_conflicts=True, batch_size=2000)
    return list(
        Email.objects.filter(kind=kind, period_start=start, status=Email.Status.PENDING).values_list("pk", flat=True)
    )


def team_digests_queue(*, start: dt.date) -> list[int]:
    """One weekly e-mail per member of each organisation whose team wrote notes or replies that
    Jalali week (members who turned it off excepted)."""
    begin, end = period_bounds(start, days=7)
    notes = Annotation.objects.filter(visibility=Annotation.Visibility.TEAM, created_at__gte=begin, created_at__lt=end)
    replies = Reply.objects.filter(created_at__gte=begin, created_at__lt=end)
    org_ids = set(notes.values_list("organisation_id", flat=True)) | set(
        replies.values_list("annotation__organisation_id", flat=True)
    )
    off = set(ReaderSettings.objects.filter(team_digest=False).values_list("user_id", flat=True))
    rows = []
    for org_id in sorted(i for i in org_ids if i is not None):
        for user_id in teams.member_ids(org_id):
            if user_id not in off:
                rows.append(
                    Email(
                        key=f"team:{user_id}:{org_id}:{start.isoformat()}",
                        user_id=user_id,
                        kind=Email.Kind.TEAM,
                        organisation_id=org_id,
                        period_start=start,
                    )
                )
    Email.objects.bulk_create(rows, ignore_conflicts=True, batch_size=2000)
    return list(
        Email.objects.filter(kind=Email.Kind.TEAM, period_start=start, status=Email.Status.PENDING).values_list(
            "pk", flat=True
        )
    )


def period_bounds(start: dt.date, *, days: int) -> tuple[dt.datetime, dt.datetime]:
    tz = timezone.get_current_timezone()
    begin = dt.datetime.combine(start, dt.time.min).replace(tzinfo=tz)
    return begin, begin + dt.timedelta(days=days)


@transaction.atomic
def conversation_notify(*, annotation: Annotation, reply: Reply | None = None) -> list[int]:
    """Tell a team note's mentioned teammates and its thread's participants about a new note or
    reply (never its author, never who muted the thread, never anyone outside its organisation).
    Returns the pending e-mails."""
    if annotation.visibility != Annotation.Visibility.TEAM or annotation.organisation is None:
        return []
    actor_id = reply.author_id if reply else annotation.author_id
    text = reply.text if reply else annotation.note
    members = set(teams.member_ids(annotation.organisation.pk))
    mentioned = {u.pk for u in teams.mentioned_teammates(annotation.organisation, text)}
    participants: set[int] = set()
    if reply is not None:
        participants = {annotation.author_id, *annotation.replies.values_list("author_id", flat=True)}
    muted = set(ThreadMute.objects.filter(annotation=annotation).values_list("user_id", flat=True))
    key = f"reply:{reply.pk}" if reply else f"note:{annotation.pk}"
    told = []
    for user_id in sorted((mentioned | participants) & members - muted - {actor_id}):
        kind = Notification.Kind.MENTION if user_id in mentioned else Notification.Kind.REPLY
        told.append(
            Notification(
                user_id=user_id,
                kind=kind,
                key=key,
                article_id=annotation.article_id,
                annotation=annotation,
                reply=reply,
                actor_id=actor_id,
            )
        )
    Notification.objects.bulk_create(told, ignore_conflicts=True)
    wanted = {n.user_id for n in told} - set(
        ReaderSettings.objects.filter(email_conversation=False).values_list("user_id", flat=True)
    )
    saved = Notification.objects.filter(
        key=key, user_id__in=wanted, kind__in=[Notification.Kind.MENTION, Notification.Kind.REPLY]
    )
    emails = [
        Email(key=f"conversation:{n.user_id}:{key}", user_id=n.user_id, kind=Email.Kind.CONVERSATION, notification=n)
        for n in saved
    ]
    Email.objects.bulk_create(emails, ignore_conflicts=True)
    return list(
        Email.objects.filter(key__in=[e.key for e in emails], status=Email.Status.PENDING).values_list("pk", flat=True)
    )


def reader_settings(user: User) -> ReaderSettings:
    return ReaderSettings.objects.get_or_create(user=user)[0]


def feed_token_regenerate(*, user: User) -> ReaderSettings:
    """A new private feed address; the old one answers 404 from now on."""
    found = reader_settings(user)
    found.feed_token = secrets.token_urlsafe()
    found.save(update_fields=["feed_token"])
    return found


def follow_set(*, user: User, kind: str, target: object, following: bool) -> Alert | None:
    """Follow (or stop following) one think tank, author or topic; idempotent."""
    lookup = {"user": user, "kind": kind, kind: target}
    if not following:
        Alert.objects.filter(**lookup).delete()
        return None
    alert, _created = Alert.objects.get_or_create(**lookup, defaults={"name": str(target)})
    return alert


def thread_mute_set(*, user: User, annotation: Annotation, muted: bool) -> None:
    if muted:
        ThreadMute.objects.get_or_create(user=user, annotation=annotation)
    else:
        ThreadMute.objects.filter(user=user, annotation=annotation).delete()
