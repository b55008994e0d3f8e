"""The gate in search: bodies are searched and quoted only for readers the policy lets read them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from rasad.access.models import Membership, Organisation
from tests.factories import make_article, make_user

pytestmark = pytest.mark.django_db

SENTINEL = "زبرجدستان"  # appears only in one gated body
BODY = f"<p>جمله‌ای محرمانه در متن کامل که واژهٔ {SENTINEL} را دارد و نباید به دست همه برسد.</p>"


@pytest.fixture
def gated():
    return make_article(
        "گزارشی دربارهٔ معادن",
        summary="خلاصهٔ عمومی دربارهٔ معادن و صنعت.",
        body=BODY,
    )


@pytest.fixture
def subscriber():
    today = dt.date.today()
    org = Organisation.objects.create(
        name="سازمان نمونه",
        slug="org",
        access_starts_on=today - dt.timedelta(days=30),
        access_ends_on=today + dt.timedelta(days=30),
    )
    user = make_user()
    Membership.objects.create(organisation=org, user=user)
    return user


def search(client, q: str) -> str:
    response = client.get(reverse("search:results"), {"q": q})
    assert response.status_code == 200
    return response.content.decode()


def test_anonymous_reader_cannot_find_body_word(client, gated):
    html = search(client, SENTINEL)
    assert gated.get_absolute_url() not in html
    assert "محرمانه" not in html


def test_reader_without_access_cannot_find_body_word(client, gated):
    client.force_login(make_user())
    html = search(client, SENTINEL)
    assert gated.get_absolute_url() not in html
    assert "محرمانه" not in html


def test_non_reader_snippet_comes_from_summary_even_when_body_matches(client, gated):
    html = search(client, "معادن")
    assert gated.get_absolute_url() in html
    assert "<mark>معادن</mark>" in html
    assert "محرمانه" not in html
    assert SENTINEL not in html


def test_subscriber_finds_body_word_with_body_snippet(client, gated, subscriber):
    client.force_login(subscriber)
    html = search(client, SENTINEL)
    assert gated.get_absolute_url() in html
    assert f"<mark>{SENTINEL}</mark>" in html


def test_subscriber_gets_summary_snippet_when_summary_matches(client, gated, subscriber):
    client.force_login(subscriber)
    html = search(client, "معادن")
    assert "<mark>معادن</mark> و صنعت" in html
    assert "محرمانه" not in html


def test_body_word_is_never_suggested(client, gated):
    typo = SENTINEL.replace("س", "ص")  # one letter off the body-only word
    html = search(client, typo + " ")
    assert "پیدا نکردیم" in html
    assert "آیا منظورتان" not in html
    assert SENTINEL not in html


OPEN_SENTINEL = "لاجوردستان"  # only in an open-access body


@pytest.fixture
def open_access():
    return make_article(
        "گزارشی با دسترسی آزاد",
        summary="خلاصهٔ عمومی دربارهٔ صنعت.",
        body=f"<p>متن کامل آزاد که واژهٔ {OPEN_SENTINEL} را دارد.</p>",
        open_access=True,
    )


def test_everyone_finds_a_word_of_an_open_access_body(client, open_access, gated):
    html = search(client, OPEN_SENTINEL)
    assert open_access.get_absolute_url() in html
    assert f"<mark>{OPEN_SENTINEL}</mark>" in html  # the gate lets everyone read it, snippet included
    assert gated.get_absolute_url() not in search(client, SENTINEL)


def test_a_body_that_stops_being_open_access_stops_being_searchable(client, open_access):
    open_access.open_access = False
    open_access.save()
    assert open_access.get_absolute_url() not in search(client, OPEN_SENTINEL)
