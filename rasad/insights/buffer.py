"""The reading-figures buffer: one write per counted page view, folded later.

A counted event is a *member* ``"<article>|<metrics>|<visitor>"`` added to the set of its day;
the set makes a repeat by the same visitor (same article, same kind, same day) a no-op, which is
how repeat views in a session are not counted. ``visitor`` is an HMAC of the day and the session
key (or, without a session, of the address and user agent) under ``SECRET_KEY``: it cannot be
turned back into either, changes every day, and is dropped with the day's set once folded.

With ``REDIS_URL`` the set is a Redis set (``SADD``: one round trip per view, shared by every
app server); without it (SQLite, one process) a ``PendingView`` row stands in.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from collections.abc import Iterator

from django.conf import settings
from django.core.cache import caches
from django_redis import get_redis_connection

from rasad.insights.models import PendingView

KEY_PREFIX = "rasad:reads:"
# A day's set outlives its last fold by a day, then Redis drops it even if no fold ran.
KEEP_SECONDS = 3 * 24 * 3600


def visitor_id(day: dt.date, identity: str) -> str:
    message = f"{day.isoformat()}|{identity}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()[:16]


def member(article_id: int, metrics: tuple[str, ...], visitor: str) -> str:
    return f"{article_id}|{','.join(metrics)}|{visitor}"


def parse_member(value: str) -> tuple[int, list[str]]:
    article, metrics, _visitor = value.split("|", 2)
    return int(article), metrics.split(",")


def _redis():  # type: ignore[no-untyped-def]  # django-redis ships no types
    """The raw Redis client behind the default cache, or ``None`` when the cache is not Redis."""
    if not caches["default"].__class__.__module__.startswith("django_redis"):
        return None
    return get_redis_connection("default")


def _key(day: dt.date) -> str:
    return f"{KEY_PREFIX}{day.isoformat()}"


def add(day: dt.date, value: str) -> None:
    """Record one event: a single ``SADD`` (or one insert without Redis)."""
    client = _redis()
    if client is None:
        PendingView.objects.bulk_create([PendingView(day=day, member=value)], ignore_conflicts=True)
        return
    pipe = client.pipeline(transaction=False)
    pipe.sadd(_key(day), value)
    pipe.expire(_key(day), KEEP_SECONDS)
    pipe.execute()


def buffered_days() -> list[dt.date]:
    client = _redis()
    if client is None:
        return sorted(set(PendingView.objects.values_list("day", flat=True)))
    days = []
    for key in client.scan_iter(match=f"{KEY_PREFIX}*", count=1000):
        raw = key.decode() if isinstance(key, bytes) else key
        days.append(dt.date.fromisoformat(raw.removeprefix(KEY_PREFIX)))
    return sorted(days)


def members(day: dt.date) -> Iterator[str]:
    client = _redis()
    if client is None:
        yield from PendingView.objects.filter(day=day).values_list("member", flat=True).iterator(chunk_size=20000)
        return
    for raw in client.sscan_iter(_key(day), count=10000):
        yield raw.decode() if isinstance(raw, bytes) else raw


def drop(day: dt.date) -> None:
    client = _redis()
    if client is None:
        PendingView.objects.filter(day=day).delete()
    else:
        client.delete(_key(day))
