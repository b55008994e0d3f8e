"""Subscriptions: the command, back-to-back extension, the boundary day in Tehran, the profile."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from rasad.access.models import Plan, Subscription
from rasad.access.policy import can_read_full_text, has_full_access
from rasad.access.selectors import access_until
from rasad.access.services import subscription_grant
from tests.factories import make_article, make_user
from tests.world import SENTINEL, login

pytestmark = pytest.mark.django_db
TEHRAN = ZoneInfo("Asia/Tehran")


def at_tehran(monkeypatch, year, month, day, hour, minute):
    moment = dt.datetime(year, month, day, hour, minute, tzinfo=TEHRAN).astimezone(dt.UTC)
    monkeypatch.setattr(timezone, "now", lambda: moment)


def test_subscribe_command_grants_and_extends_back_to_back():
    user = make_user("reza")
    out = StringIO()
    call_command("subscribe", "reza", "--days", "30", stdout=out)
    first = Subscription.objects.get(user=user)
    today = timezone.localdate()
    assert (first.starts_on, first.ends_on) == (today, today + dt.timedelta(days=29))
    assert first.source == Subscription.Source.ADMIN
    call_command("subscribe", "reza", "--days", "10", stdout=StringIO())
    second = Subscription.objects.filter(user=user).order_by("-ends_on").first()
    assert second.starts_on == first.ends_on + dt.timedelta(days=1)
    assert access_until(user) == today + dt.timedelta(days=39)
    assert "reza" in out.getvalue()


def test_subscribe_command_with_a_plan_uses_its_duration():
    user = make_user("reza")
    Plan.objects.create(name="ماهانه", duration_days=30, price_toman=120000)
    call_command("subscribe", "reza", "--plan", "ماهانه", stdout=StringIO())
    sub = Subscription.objects.get(user=user)
    assert sub.plan.name == "ماهانه" and (sub.ends_on - sub.starts_on).days == 29


@pytest.mark.parametrize(
    "args", [["nobody", "--days", "5"], ["reza", "--days", "0"], ["reza"], ["reza", "--plan", "هیچ"]]
)
def test_subscribe_command_rejects_bad_input(args):
    make_user("reza")
    with pytest.raises(CommandError):
        call_command("subscribe", *args, stdout=StringIO())
    assert not Subscription.objects.exists()


def test_access_ends_at_midnight_tehran_on_the_boundary_day(monkeypatch):
    user = make_user("reza")
    article = make_article()
    Subscription.objects.create(user=user, starts_on=dt.date(2025, 3, 1), ends_on=dt.date(2025, 3, 20))
    # 23:59 Tehran on the last day is 20:29 UTC the same day: still inside.
    at_tehran(monkeypatch, 2025, 3, 20, 23, 59)
    assert has_full_access(user)
    # 00:01 Tehran the next day is still 20 March in UTC, but the Tehran date has moved on.
    at_tehran(monkeypatch, 2025, 3, 21, 0, 1)
    assert not can_read_full_text(user, article)
    # The first day counts too.
    at_tehran(monkeypatch, 2025, 3, 1, 0, 0)
    assert has_full_access(user)
    at_tehran(monkeypatch, 2025, 2, 28, 23, 59)
    assert not has_full_access(user)


def test_organisation_access_boundary_in_tehran(monkeypatch):
    from rasad.access.models import Membership, Organisation

    user = make_user("reza")
    org = Organisation.objects.create(
        name="س", slug="s", access_starts_on=dt.date(2025, 3, 1), access_ends_on=dt.date(2025, 3, 20)
    )
    Membership.objects.create(organisation=org, user=user)
    at_tehran(monkeypatch, 2025, 3, 20, 23, 59)
    assert has_full_access(user)
    at_tehran(monkeypatch, 2025, 3, 21, 0, 0)
    assert not has_full_access(user)


def test_gate_answer_is_cached_per_user_object(django_assert_num_queries):
    user = make_user("reza")
    subscription_grant(user=user, days=5)
    articles = [make_article() for _ in range(5)]
    with django_assert_num_queries(1):
        assert all(can_read_full_text(user, a) for a in articles)


def test_inactive_or_draft_rules():
    user = make_user("reza")
    subscription_grant(user=user, days=5)
    from rasad.articles.models import Article

    draft = make_article(status=Article.Status.DRAFT)
    future = make_article(published_on=timezone.localdate() + dt.timedelta(days=3))
    assert not can_read_full_text(user, draft)
    assert not can_read_full_text(user, future)
    user.is_active = False
    assert not has_full_access(user)


def test_profile_shows_until_when_and_through_what(client):
    user = make_user("reza")
    Plan.objects.create(name="سالانه", duration_days=365, price_toman=1_000_000)
    call_command("subscribe", "reza", "--plan", "سالانه", stdout=StringIO())
    login(client, user)
    html = client.get(reverse("access:profile")).content.decode()
    until = timezone.localdate() + dt.timedelta(days=364)
    from rasad.core.jalali import jalali_with_weekday

    assert jalali_with_weekday(until) in html
    assert "اعطای سردبیری" in html and "سالانه" in html


def test_profile_without_access_points_to_the_guide(client):
    login(client, make_user("reza"))
    html = client.get(reverse("access:profile")).content.decode()
    assert "شما اکنون به متن کامل رصدها دسترسی ندارید" in html
    assert reverse("access:guide") in html


def test_profile_queries_stay_constant(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from rasad.access.models import Membership, Organisation

    user = make_user("reza", email="reza@big.example")
    login(client, user)

    def add(n: int) -> int:
        for _ in range(n):
            subscription_grant(user=user, days=3)
            org = Organisation.objects.create(
                name=f"س{Organisation.objects.count()}",
                slug=f"s{Organisation.objects.count()}",
                access_starts_on=timezone.localdate(),
                access_ends_on=timezone.localdate(),
            )
            Membership.objects.create(organisation=org, user=user)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("access:profile")).status_code == 200
        return len(ctx.captured_queries)

    assert add(1) == add(5)


def test_guide_lists_plans_in_toman_with_persian_digits(client):
    Plan.objects.create(name="ماهانه", duration_days=30, price_toman=120000)
    Plan.objects.create(name="قدیمی", duration_days=30, price_toman=1, is_active=False)
    html = client.get(reverse("access:guide")).content.decode()
    assert "۱۲۰٬۰۰۰ تومان" in html and "۳۰ روز" in html
    assert "قدیمی" not in html
    for way in ("اشتراک شخصی", "حساب سازمانی", "اشتراک رصد"):
        assert way in html


def test_subscriber_reads_and_expired_does_not(client, world):
    user = make_user("reza")
    Subscription.objects.create(
        user=user, starts_on=timezone.localdate() - dt.timedelta(days=3), ends_on=timezone.localdate()
    )
    login(client, user)
    assert SENTINEL.encode() in client.get(world.gated.get_absolute_url()).content


def test_access_until_joins_back_to_back_spans_and_stops_at_a_gap():
    from rasad.access.models import Membership, Organisation

    user = make_user("reza")
    today = timezone.localdate()
    assert access_until(user) is None
    Subscription.objects.create(user=user, starts_on=today - dt.timedelta(days=2), ends_on=today + dt.timedelta(days=5))
    org = Organisation.objects.create(
        name="س", slug="s", access_starts_on=today + dt.timedelta(days=6), access_ends_on=today + dt.timedelta(days=20)
    )
    Membership.objects.create(organisation=org, user=user)
    assert access_until(user) == today + dt.timedelta(days=20)
    Subscription.objects.create(
        user=user, starts_on=today + dt.timedelta(days=30), ends_on=today + dt.timedelta(days=40)
    )
    assert access_until(user) == today + dt.timedelta(days=20)
