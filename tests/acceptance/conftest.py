"""A small world of teams: two organisations and a lone reader, an article with gated full text."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.utils import timezone

from rasad.access.models import Membership, Organisation
from tests.factories import make_article, make_think_tank, make_topic, make_user

SUMMARY = "تحریم‌های تازه صادرات نفت ایران را کاهش داد.\n\nکارشناسان می‌گویند دولت باید راه‌های تازه‌ای برای فروش بیابد."
BODY = (
    "<p>متن کامل: پالایشگاه‌های چین بزرگ‌ترین خریداران نفت ایران مانده‌اند.</p>"
    "<p>رازِ محرمانهٔ گزارش این است که تخفیف‌ها به بیست درصد رسیده است.</p>"
)
SECRET = "تخفیف‌ها به بیست درصد رسیده است"


@dataclass
class World:
    org: Organisation
    other_org: Organisation
    manager: object
    owner: object
    teammate: object
    outsider: object
    article: object
    topic: object
    think_tank: object


@pytest.fixture
def world(db) -> World:
    today = timezone.localdate()
    org = Organisation.objects.create(
        name="اندیشکده نمونه",
        slug="sample",
        access_starts_on=today - dt.timedelta(days=30),
        access_ends_on=today + dt.timedelta(days=30),
    )
    other_org = Organisation.objects.create(
        name="خبرگزاری دیگر",
        slug="other",
        access_starts_on=today - dt.timedelta(days=30),
        access_ends_on=today + dt.timedelta(days=30),
    )
    manager = make_user("manager", first_name="مریم", last_name="مدیر")
    owner = make_user("owner", first_name="علی", last_name="نویسنده")
    teammate = make_user("teammate", first_name="سارا", last_name="همکار")
    outsider = make_user("outsider", first_name="رضا", last_name="بیرونی")
    Membership.objects.create(organisation=org, user=manager, role=Membership.Role.MANAGER)
    Membership.objects.create(organisation=org, user=owner)
    Membership.objects.create(organisation=org, user=teammate)
    Membership.objects.create(organisation=other_org, user=outsider, role=Membership.Role.MANAGER)
    topic = make_topic("انرژی")
    think_tank = make_think_tank("شورای آتلانتیک")
    article = make_article(
        "نفت و تحریم", summary=SUMMARY, body=BODY, topics=[topic], think_tank=think_tank, published_on=today
    )
    return World(org, other_org, manager, owner, teammate, outsider, article, topic, think_tank)


def login(client, user):
    client.logout()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # Four users a test: hashing passwords properly would dominate the run time.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
