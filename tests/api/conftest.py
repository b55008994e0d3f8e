"""API fixtures: readers with and without access, their tokens, and a client that sends them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from rasad.access.models import AccessToken, Subscription
from rasad.access.tokens import token_create
from tests.factories import make_article, make_author, make_think_tank, make_topic, make_user

SENTINEL = "کبوترنقره‌ای-API-SENTINEL"


def days(n: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=n)


@pytest.fixture(autouse=True)
def _fast_and_clean(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.RASAD_API_RATE_LIMIT = 10_000
    from django.core.cache import cache

    cache.clear()


class TokenClient(Client):
    """The test client with ``Authorization: Bearer <token>`` on every request."""

    def __init__(self, token: str | None = None, **kwargs):
        super().__init__(**kwargs)
        self.token = token

    def request(self, **request):
        if self.token:
            request.setdefault("HTTP_AUTHORIZATION", f"Bearer {self.token}")
        return super().request(**request)


def token_for(user, scope: str = AccessToken.Scope.WRITE, name: str = "آزمون") -> str:
    return token_create(user=user, name=name, scope=scope)[1]


@pytest.fixture
def reader(db):
    return make_user("khanande_api")


@pytest.fixture
def subscriber(db):
    user = make_user("moshtarek_api")
    Subscription.objects.create(user=user, starts_on=days(-1), ends_on=days(30))
    return user


@pytest.fixture
def reader_api(reader):
    return TokenClient(token_for(reader))


@pytest.fixture
def subscriber_api(subscriber):
    return TokenClient(token_for(subscriber))


@pytest.fixture
def corpus(db):
    """A gated article with a sentinel in its body, an open one, a draft and a scheduled one."""
    tank = make_think_tank("بروکینگز", name_original="Brookings", slug="brookings")
    other_tank = make_think_tank("کارنگی", slug="carnegie")
    author = make_author("سوزان مالونی", think_tank=tank, slug="maloney")
    topic = make_topic("انرژی", slug="energy")
    gated = make_article(
        "تحریم‌ها و بازار نفت",
        summary="خلاصهٔ عمومی دربارهٔ تحریم‌ها و نفت.",
        body=f"<p>متن کامل دربارهٔ تحریم‌ها. {SENTINEL} پایان.</p>",
        think_tank=tank,
        authors=[author],
        topics=[topic],
        published_on=days(-1),
        editors_choice_rank=1,
        source_url="https://www.brookings.edu/articles/oil-sanctions/",
    )
    open_article = make_article(
        "گزارش آزاد دربارهٔ نفت",
        summary="خلاصهٔ آزاد.",
        body="<p>متن آزاد برای همه.</p>",
        open_access=True,
        think_tank=other_tank,
        published_on=days(-2),
    )
    older = [make_article(think_tank=tank, published_on=days(-10 - i)) for i in range(3)]
    draft = make_article("پیش‌نویس", body=f"<p>{SENTINEL}</p>", status="draft", think_tank=tank)
    scheduled = make_article("زمان‌بندی‌شده", body=f"<p>{SENTINEL}</p>", published_on=days(3), think_tank=tank)
    return {
        "gated": gated,
        "open": open_article,
        "older": older,
        "draft": draft,
        "scheduled": scheduled,
        "tank": tank,
        "author": author,
        "topic": topic,
    }
