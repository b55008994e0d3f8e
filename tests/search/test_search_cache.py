"""Anonymous search pages come from the page cache; nobody else's do, and htmx targets stay apart."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from rasad.access.models import Subscription
from tests.factories import make_article, make_user

pytestmark = pytest.mark.django_db


def test_anonymous_search_is_served_from_cache_and_sees_new_articles(page_cache):
    make_article("تحریم‌های نفتی و بازار آسیا")
    client = Client()
    assert client.get(reverse("search:results"), {"q": "تحریم"})["X-Rasad-Cache"] == "miss"
    second = client.get(reverse("search:results"), {"q": "تحریم"})
    assert second["X-Rasad-Cache"] == "hit"
    assert "تحریم‌های نفتی و بازار آسیا" in second.content.decode()
    # A new article invalidates the cached results.
    make_article("تحریم‌ها و صنعت فولاد", source_url="https://example.org/steel")
    assert "تحریم‌ها و صنعت فولاد" in client.get(reverse("search:results"), {"q": "تحریم"}).content.decode()


def test_htmx_targets_do_not_share_a_cached_partial(page_cache):
    make_article("تحریم‌های نفتی و بازار آسیا")
    client = Client()
    full = client.get("/search/", {"q": "تحریم"}).content.decode()
    results = client.get("/search/", {"q": "تحریم"}, headers={"HX-Request": "true", "HX-Target": "search-results"})
    more = client.get("/search/", {"q": "تحریم"}, headers={"HX-Request": "true", "HX-Target": "more-1"})
    assert more["X-Rasad-Cache"] == "miss"
    assert (
        client.get("/search/", {"q": "تحریم"}, headers={"HX-Request": "true", "HX-Target": "more-1"})["X-Rasad-Cache"]
        == "hit"
    )
    assert "<html" in full and "<html" not in results.content.decode()
    # The live-results partial updates the header box out of band; the «بیشتر» cards do not.
    assert "hx-swap-oob" in results.content.decode() and "hx-swap-oob" not in more.content.decode()


def test_live_results_are_never_shared(page_cache):
    """Whether live results push or replace the address depends on the reader's current page."""
    make_article("تحریم‌های نفتی و بازار آسیا")
    client = Client()
    for _ in range(2):
        live = client.get("/search/", {"q": "تحریم"}, headers={"HX-Request": "true", "HX-Target": "main"})
        assert "X-Rasad-Cache" not in live
        assert live["HX-Push-Url"] == "/search/?q=%D8%AA%D8%AD%D8%B1%DB%8C%D9%85"


def test_a_subscribers_search_never_uses_the_shared_cache(page_cache):
    make_article("تحریم‌های نفتی و بازار آسیا", body="<p>واژهٔ‌محرمانه در متن کامل</p>")
    reader = make_user()
    today = timezone.localdate()
    Subscription.objects.create(user=reader, starts_on=today, ends_on=today + dt.timedelta(days=30))
    client = Client()
    client.force_login(reader)
    for _ in range(2):
        response = client.get(reverse("search:results"), {"q": "تحریم"})
        assert "X-Rasad-Cache" not in response
