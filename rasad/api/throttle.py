"""Per-token rate limits, counted in the shared cache.

A fixed window per token (or per signed-in user for session calls): the first request of a
window creates its counter, each request increments it atomically (``INCR`` on Redis), and the
request over the limit gets 429 with ``Retry-After`` = seconds to the next window. With
``REDIS_URL`` set the cache is Redis, so every app server counts into the same window
(rasad/settings.py); without it each process counts alone.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import BaseCache, cache
from django.http import HttpRequest
from ninja.throttling import BaseThrottle


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    remaining: int
    retry_after: int  # seconds until the window resets


def hit(ident: str, *, limit: int, window: int, store: BaseCache | None = None, now: float | None = None) -> Verdict:
    """Count one request for ``ident`` in the current window of ``window`` seconds."""
    store = store or cache
    now = time.time() if now is None else now
    slot = int(now // window)
    key = f"rasad:api-rate:{ident}:{window}:{slot}"
    # add() is a no-op when the key exists (SET NX on Redis); incr() is atomic.
    store.add(key, 0, timeout=window + 5)
    try:
        count = store.incr(key)
    except ValueError:  # expired between add() and incr()
        store.add(key, 1, timeout=window + 5)
        count = 1
    retry_after = max(1, int((slot + 1) * window - now + 0.999))
    return Verdict(allowed=count <= limit, remaining=max(0, limit - count), retry_after=retry_after)


def request_ident(request: HttpRequest) -> str | None:
    token = getattr(request, "api_token", None)
    if token is not None:
        return f"token:{token.pk}"
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    return None


def check(request: HttpRequest) -> Verdict | None:
    """The verdict for this request, or None when nobody is identified (auth answers first)."""
    ident = request_ident(request)
    if ident is None:
        return None
    return hit(ident, limit=settings.RASAD_API_RATE_LIMIT, window=settings.RASAD_API_RATE_WINDOW)


class TokenRateThrottle(BaseThrottle):
    def allow_request(self, request: HttpRequest) -> bool:
        verdict = check(request)
        return verdict is None or verdict.allowed

    def wait(self) -> float | None:
        # Every window starts on a multiple of its length, so the wait is the same for all callers
        # (and this shared instance keeps no per-request state).
        window = settings.RASAD_API_RATE_WINDOW
        return window - (time.time() % window)
