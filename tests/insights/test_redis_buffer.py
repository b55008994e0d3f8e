"""The buffer as production runs it: a Redis set per day, shared by every app server."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.test import Client

from rasad.insights import buffer
from rasad.insights.models import DailyCount, Metric, PendingView
from tests.factories import make_article, make_user

pytestmark = pytest.mark.django_db

REDIS_URL = os.environ.get("RASAD_TEST_REDIS_URL", "redis://127.0.0.1:6379/9")


@pytest.fixture
def redis_cache(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"CLIENT_CLASS": "django_redis.client.DefaultClient"},
        }
    }
    try:
        client = buffer._redis()
        client.ping()
    except Exception as exc:  # no Redis on this machine
        if os.environ.get("CI"):
            pytest.fail(f"Redis is needed at {REDIS_URL}: {exc}")
        pytest.skip(f"no Redis at {REDIS_URL}")
    for key in client.scan_iter(match=f"{buffer.KEY_PREFIX}*"):
        client.delete(key)
    yield client
    for key in client.scan_iter(match=f"{buffer.KEY_PREFIX}*"):
        client.delete(key)
    caches["default"].clear()


def test_views_go_to_a_redis_set_and_fold_from_it(redis_cache):
    article = make_article(published_on=dt.date.today() - dt.timedelta(days=1))
    reader = Client()
    reader.force_login(make_user())
    for _ in range(3):
        assert reader.get(article.get_absolute_url(), HTTP_USER_AGENT="Mozilla/5.0").status_code == 200
    Client().get(article.get_absolute_url(), HTTP_USER_AGENT="Mozilla/5.0")
    assert not PendingView.objects.exists()
    assert redis_cache.scard(buffer._key(dt.date.today())) == 2  # the reader's repeats are one member
    call_command("fold_reading_stats")
    counts = dict(DailyCount.objects.filter(article=article).values_list("metric", "count"))
    assert counts == {Metric.VIEW_READER: 1, Metric.VIEW_ANONYMOUS: 1, Metric.GATE_VIEW: 2}
    # Today's set stays (later repeats still meet it); a day before yesterday is dropped once folded.
    old = dt.date.today() - dt.timedelta(days=3)
    buffer.add(old, buffer.member(article.pk, ("view_anon",), "x"))
    call_command("fold_reading_stats")
    assert redis_cache.exists(buffer._key(dt.date.today()))
    assert not redis_cache.exists(buffer._key(old))
    assert DailyCount.objects.get(day=old, article=article).count == 1
