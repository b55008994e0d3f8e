"""Readers of every kind, and a gated article whose body carries a sentinel phrase."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from rasad.access.models import Membership, Organisation, Subscription
from rasad.articles.models import Article, SimilarLink
from rasad.contributions.models import Contribution
from tests.factories import make_article, make_author, make_think_tank, make_topic, make_user

# If any of these bytes reach a reader without access, the gate has leaked.
SENTINEL = "کبوترنقره‌ای-SENTINEL-7f3a9"
SENTINEL_WORD = "کبوترنقره‌ای"
PASSWORD = "pass-1234-word"

NO_ACCESS_KINDS = ["anonymous", "no_access", "expired_subscription", "expired_credit", "org_without_access"]
ACCESS_KINDS = ["staff", "subscriber", "credit", "org_member"]


def days(n: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=n)


@pytest.fixture(autouse=True)
def _locmem_cache_and_small_pages(settings):
    settings.RASAD_PAGE_SIZE = 2
    # Password hashing is what these tests would otherwise spend their time on.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # axes counts failures per test; a clean cache keeps tests independent.
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def world(db):
    """A small site: a gated article with the sentinel, neighbours, a draft with the sentinel."""
    think_tank = make_think_tank("اندیشکدهٔ آزمون", name_original="Test Institute")
    author = make_author("نویسندهٔ آزمون", think_tank=think_tank)
    topic = make_topic("روسیه")
    gated = make_article(
        "دوستی ایران و روسیه",
        summary="خلاصه‌ای که همه می‌بینند.",
        body=f"<p>آغاز متن کامل. {SENTINEL} پایان متن کامل.</p>",
        think_tank=think_tank,
        authors=[author],
        topics=[topic],
        editors_choice_rank=1,
        published_on=days(-1),
    )
    others = [
        make_article(think_tank=think_tank, authors=[author], topics=[topic], published_on=days(-2 - i))
        for i in range(4)
    ]
    SimilarLink.objects.create(from_article=gated, to_article=others[0])
    open_article = make_article(
        "گزارش آزاد", body="<p>متن آزاد برای همه.</p>", open_access=True, think_tank=think_tank, published_on=days(-3)
    )
    draft = make_article(
        "پیش‌نویس محرمانه",
        body=f"<p>{SENTINEL}</p>",
        status=Article.Status.DRAFT,
        think_tank=think_tank,
        topics=[topic],
    )
    return {
        "gated": gated,
        "draft": draft,
        "open": open_article,
        "others": others,
        "think_tank": think_tank,
        "author": author,
        "topic": topic,
    }


def make_reader(kind: str):
    """A user of the given kind (``None`` for anonymous)."""
    if kind == "anonymous":
        return None
    user = make_user(f"reader_{kind}", password=PASSWORD, is_staff=(kind == "staff"))
    if kind == "expired_subscription":
        Subscription.objects.create(user=user, starts_on=days(-40), ends_on=days(-1))
    elif kind == "expired_credit":
        credit = Subscription.objects.create(
            user=user, starts_on=days(-31), ends_on=days(-1), source=Subscription.Source.CONTRIBUTION
        )
        Contribution.objects.create(
            user=user, title="رصد قدیمی", source_url="https://example.org/old", summary="خ", body="م", credit=credit
        )
    elif kind == "org_without_access":
        org = Organisation.objects.create(
            name="سازمان منقضی", slug="expired-org", access_starts_on=days(-100), access_ends_on=days(-1)
        )
        Membership.objects.create(organisation=org, user=user)
    elif kind == "subscriber":
        Subscription.objects.create(user=user, starts_on=days(-1), ends_on=days(30))
    elif kind == "credit":
        Subscription.objects.create(
            user=user, starts_on=days(0), ends_on=days(29), source=Subscription.Source.CONTRIBUTION
        )
    elif kind == "org_member":
        org = Organisation.objects.create(
            name="سازمان فعال", slug="active-org", access_starts_on=days(-10), access_ends_on=days(10)
        )
        Membership.objects.create(organisation=org, user=user)
    return user


def client_for(client, user):
    if user is not None:
        client.force_login(user)
    return client
