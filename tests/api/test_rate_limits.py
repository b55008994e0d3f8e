"""Per-token rate limits: 429 with Retry-After, and one count shared by every app server via Redis."""

from __future__ import annotations

import os
import uuid

import pytest

from rasad.api.throttle import hit
from tests.api.conftest import TokenClient, token_for

REDIS_URL = os.environ.get("RASAD_TEST_REDIS_URL", "redis://127.0.0.1:6379/7")


def test_over_the_limit_is_429_with_retry_after(reader, subscriber, corpus, settings):
    settings.RASAD_API_RATE_LIMIT = 3
    api, other = TokenClient(token_for(reader)), TokenClient(token_for(subscriber))
    assert [api.get("/api/v1/topics").status_code for _ in range(3)] == [200, 200, 200]
    refused = api.get("/api/v1/topics")
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= settings.RASAD_API_RATE_WINDOW
    assert "بیش از حد" in refused.json()["detail"]
    assert other.get("/api/v1/topics").status_code == 200  # each token has its own count


def test_a_window_ends():
    from django.core.cache import cache

    ident = f"t-{uuid.uuid4()}"
    assert [hit(ident, limit=2, window=60, now=120.0).allowed for _ in range(3)] == [True, True, False]
    assert hit(ident, limit=2, window=60, now=150.0).retry_after == 30
    assert hit(ident, limit=2, window=60, now=180.0).allowed  # the next window
    cache.clear()


def _redis_cache():
    from django_redis.cache import RedisCache

    return RedisCache(REDIS_URL, {"OPTIONS": {"CLIENT_CLASS": "django_redis.client.DefaultClient"}})


def test_two_app_servers_share_one_count_in_redis():
    """Two cache clients stand for two app servers pointed at the same REDIS_URL."""
    try:
        first, second = _redis_cache(), _redis_cache()
        first.get("ping")
    except Exception as exc:  # no Redis on this machine
        if os.environ.get("CI"):
            pytest.fail(f"Redis is needed at {REDIS_URL}: {exc}")
        pytest.skip(f"no Redis at {REDIS_URL}")
    assert first is not second  # separate clients and connection pools, as on separate servers
    ident = f"shared-{uuid.uuid4()}"
    verdicts = [hit(ident, limit=4, window=60, store=server) for server in (first, second, first, second, first)]
    assert [v.allowed for v in verdicts] == [True, True, True, True, False]
    assert verdicts[3].remaining == 0
