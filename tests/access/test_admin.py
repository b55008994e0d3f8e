"""Editors' admin pages for access render in Persian and their actions work."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse
from django.utils import timezone

from rasad.access.models import Plan, Subscription
from tests.factories import make_user
from tests.world import login

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(db):
    return make_user("editor", is_staff=True, is_superuser=True)


@pytest.mark.parametrize(
    "model", ["access_plan", "access_subscription", "access_organisation", "contributions_contribution"]
)
def test_admin_pages_render(client, editor, model):
    login(client, editor)
    for name in (f"admin:{model}_changelist", f"admin:{model}_add"):
        url = reverse(name)
        assert client.get(url).status_code == 200, name


def test_editor_grants_a_subscription_with_jalali_dates(client, editor):
    reader = make_user("reader")
    login(client, editor)
    response = client.post(
        reverse("admin:access_subscription_add"),
        {"user": reader.pk, "starts_on": "۱۴۰۳/۰۳/۰۴", "ends_on": "1403/04/04", "source": "admin", "note": ""},
    )
    assert response.status_code == 302
    sub = Subscription.objects.get(user=reader)
    assert sub.starts_on == dt.date(2024, 5, 24) and sub.ends_on == dt.date(2024, 6, 24)


def test_admin_rejects_end_before_start_in_persian(client, editor):
    reader = make_user("reader")
    login(client, editor)
    response = client.post(
        reverse("admin:access_subscription_add"),
        {"user": reader.pk, "starts_on": "1403/04/04", "ends_on": "1403/03/04", "source": "admin"},
    )
    assert response.status_code == 200
    assert "تاریخ پایان نمی‌تواند پیش از تاریخ آغاز باشد." in response.content.decode()
    assert not Subscription.objects.exists()


def test_admin_fills_the_end_date_from_the_plan(client, editor):
    reader = make_user("reader")
    plan = Plan.objects.create(name="ماهانه", duration_days=30, price_toman=120000)
    login(client, editor)
    url = reverse("admin:access_subscription_add")
    missing = client.post(url, {"user": reader.pk, "starts_on": "1403/03/04", "ends_on": "", "source": "admin"})
    assert "تاریخ پایان را بنویسید یا یک طرح انتخاب کنید." in missing.content.decode()
    response = client.post(
        url, {"user": reader.pk, "plan": plan.pk, "starts_on": "1403/03/04", "ends_on": "", "source": "admin"}
    )
    assert response.status_code == 302
    assert Subscription.objects.get().ends_on == dt.date(2024, 6, 22)


def test_admin_bad_jalali_date_is_a_persian_error(client, editor):
    reader = make_user("reader")
    login(client, editor)
    response = client.post(
        reverse("admin:access_subscription_add"),
        {"user": reader.pk, "starts_on": "1403/13/40", "ends_on": "", "source": "admin"},
    )
    assert response.status_code == 200
    assert "تاریخ شمسی معتبری وارد کنید" in response.content.decode()


def test_admin_extend_action(client, editor):
    reader = make_user("reader")
    today = timezone.localdate()
    sub = Subscription.objects.create(user=reader, starts_on=today, ends_on=today)
    login(client, editor)
    client.post(
        reverse("admin:access_subscription_changelist"), {"action": "extend_30", ACTION_CHECKBOX_NAME: [sub.pk]}
    )
    sub.refresh_from_db()
    assert sub.ends_on == today + dt.timedelta(days=30)
