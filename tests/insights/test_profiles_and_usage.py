"""Think-tank profiles and an organisation's usage page for its managers."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from rasad.access.models import Membership, Organisation
from rasad.library.models import SavedArticle
from tests.factories import make_article, make_think_tank, make_user

pytestmark = pytest.mark.django_db


def test_profile_is_shown_on_the_think_tank_page(client):
    tank = make_think_tank(
        "بروکینگز", country="ایالات متحده", orientation="میانه", founded_year=1916,
        funding_sources="بنیادها و شرکت‌ها", funding_source_url="https://example.org/funding",
    )  # fmt: skip
    html = client.get(tank.get_absolute_url()).content.decode()
    assert "میانه" in html and "۱۹۱۶" in html and "بنیادها و شرکت‌ها" in html
    assert "https://example.org/funding" in html


def test_think_tanks_are_filterable(client):
    make_think_tank("الف", country="آلمان", orientation="لیبرال", founded_year=1990)
    make_think_tank("ب", country="فرانسه", orientation="لیبرال", founded_year=1950)
    make_think_tank("ج", country="آلمان", orientation="محافظه‌کار", founded_year=1970)
    url = reverse("articles:think_tanks")
    names = lambda **q: [t.name for t in client.get(url, q).context["think_tanks"]]  # noqa: E731
    assert names(country="آلمان") == ["الف", "ج"]
    assert names(orientation="لیبرال") == ["الف", "ب"]
    assert names(founded_after="۱۹۶۰") == ["الف", "ج"]
    bad = client.get(url, {"founded_after": "دیروز"})
    assert bad.status_code == 400 and "عدد" in bad.content.decode()


@pytest.fixture
def organisation():
    today = dt.date.today()
    org = Organisation.objects.create(
        name="وزارت نمونه", slug="sample", seats=5,
        access_starts_on=today - dt.timedelta(days=30), access_ends_on=today + dt.timedelta(days=30),
    )  # fmt: skip
    return org


def test_usage_shows_counts_only_to_managers(client, organisation):
    manager, member = make_user("modir"), make_user("ozv")
    Membership.objects.create(organisation=organisation, user=manager, role=Membership.Role.MANAGER)
    Membership.objects.create(organisation=organisation, user=member)
    secret = make_article("عنوانی که مدیر نباید ببیند")
    SavedArticle.objects.create(user=member, article=secret, read_at=timezone.now())
    url = reverse("insights:organisation_usage", args=[organisation.slug])
    client.force_login(member)
    assert client.get(url).status_code == 404
    client.force_login(manager)
    html = client.get(url).content.decode()
    assert "۲ از ۵ صندلی" in html
    assert "ozv" in html and "عنوانی که مدیر نباید ببیند" not in html
    assert "<svg" in html and "<td>۱</td>" in html
    assert url in client.get(reverse("access:organisation_manage", args=[organisation.slug])).content.decode()


def test_usage_of_an_empty_organisation(client, organisation):
    manager = make_user()
    Membership.objects.create(organisation=organisation, user=manager, role=Membership.Role.MANAGER)
    client.force_login(manager)
    response = client.get(reverse("insights:organisation_usage", args=[organisation.slug]))
    assert response.status_code == 200 and "هنوز خواندنی ثبت نشده است." in response.content.decode()
