"""The small site most tests read: two teams and a lone reader, gated, open and draft articles.

``tests/conftest.py`` gives it to tests as the ``world`` fixture; tests import the helpers and
constants from here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from rasad.access.models import Membership, Organisation
from rasad.articles.models import Article, Author, SimilarLink, ThinkTank, Topic
from tests.factories import make_article, make_author, make_think_tank, make_topic, make_user

# --- the small site --------------------------------------------------------------------------

# If any of these bytes reach a reader without access, the gate has leaked.
SENTINEL = "کبوترنقره‌ای-SENTINEL-7f3a9"
SENTINEL_WORD = "کبوترنقره‌ای"
PASSWORD = "pass-1234-word"

SUMMARY = "تحریم‌های تازه صادرات نفت ایران را کاهش داد.\n\nکارشناسان می‌گویند دولت باید راه‌های تازه‌ای برای فروش بیابد."
BODY = (
    "<p>متن کامل: پالایشگاه‌های چین بزرگ‌ترین خریداران نفت ایران مانده‌اند.</p>"
    "<p>رازِ محرمانهٔ گزارش این است که تخفیف‌ها به بیست درصد رسیده است.</p>"
)
SECRET = "تخفیف‌ها به بیست درصد رسیده است"


def days(n: int) -> dt.date:
    """The Tehran calendar day ``n`` days from today."""
    return timezone.localdate() + dt.timedelta(days=n)


@dataclass
class World:
    """Two teams and a lone reader; articles gated, open, draft, with similar links."""

    org: Organisation
    other_org: Organisation
    manager: User  # manager of ``org``
    owner: User  # member of ``org``
    teammate: User  # member of ``org``
    outsider: User  # manager of ``other_org``
    article: Article  # today's gated article the teams annotate (``SUMMARY``, ``BODY``)
    gated: Article  # yesterday's gated article whose body carries ``SENTINEL``
    open: Article  # open access
    draft: Article  # a draft whose body carries ``SENTINEL``
    others: list[Article] = field(default_factory=list)  # neighbours of ``gated``
    think_tank: ThinkTank | None = None
    author: Author | None = None
    topic: Topic | None = None


def build_world() -> World:
    think_tank = make_think_tank("اندیشکدهٔ آزمون", name_original="Test Institute")
    author = make_author("نویسندهٔ آزمون", think_tank=think_tank)
    topic = make_topic("انرژی")
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
        "پیش‌نویس محرمانه", body=f"<p>{SENTINEL}</p>", status=Article.Status.DRAFT, think_tank=think_tank, topics=[topic]
    )
    article = make_article(
        "نفت و تحریم", summary=SUMMARY, body=BODY, topics=[topic], think_tank=think_tank, published_on=days(0)
    )
    org = Organisation.objects.create(
        name="اندیشکده نمونه", slug="sample", access_starts_on=days(-30), access_ends_on=days(30)
    )
    other_org = Organisation.objects.create(
        name="خبرگزاری دیگر", slug="other", access_starts_on=days(-30), access_ends_on=days(30)
    )
    manager = make_user("manager", first_name="مریم", last_name="مدیر")
    owner = make_user("owner", first_name="علی", last_name="نویسنده")
    teammate = make_user("teammate", first_name="سارا", last_name="همکار")
    outsider = make_user("outsider", first_name="رضا", last_name="بیرونی")
    Membership.objects.create(organisation=org, user=manager, role=Membership.Role.MANAGER)
    Membership.objects.create(organisation=org, user=owner)
    Membership.objects.create(organisation=org, user=teammate)
    Membership.objects.create(organisation=other_org, user=outsider, role=Membership.Role.MANAGER)
    return World(
        org=org,
        other_org=other_org,
        manager=manager,
        owner=owner,
        teammate=teammate,
        outsider=outsider,
        article=article,
        gated=gated,
        open=open_article,
        draft=draft,
        others=others,
        think_tank=think_tank,
        author=author,
        topic=topic,
    )


def login(client: Client, user: User | None) -> Client:
    """``client`` logged in as ``user`` (logged out for ``None``)."""
    client.logout()
    if user is not None:
        client.force_login(user)
    return client
