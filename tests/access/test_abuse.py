"""Password spraying, the reading-time label behind the gate, and the CSP on debug pages."""

from __future__ import annotations

import re

import pytest
from axes.models import AccessAttempt
from django.test import Client, override_settings
from django.urls import reverse

from tests.factories import make_article, make_user
from tests.world import PASSWORD

pytestmark = pytest.mark.django_db


def test_guesses_spread_over_many_accounts_from_one_address_are_locked_out(settings):
    client = Client(REMOTE_ADDR="203.0.113.7")
    for n in range(settings.AXES_FAILURE_LIMIT):
        make_user(f"victim{n}", password=PASSWORD)
        client.post(reverse("login"), {"username": f"victim{n}", "password": "guess"})
    make_user("innocent", password=PASSWORD)
    response = client.post(reverse("login"), {"username": "innocent", "password": PASSWORD})
    assert response.status_code == 429
    assert "قفل" in response.content.decode()
    # Another address is not affected.
    other = Client(REMOTE_ADDR="198.51.100.2")
    assert other.post(reverse("login"), {"username": "innocent", "password": PASSWORD}).status_code == 302


def test_one_account_guessed_from_many_addresses_is_locked_out(settings):
    make_user("target", password=PASSWORD)
    for n in range(settings.AXES_FAILURE_LIMIT):
        Client(REMOTE_ADDR=f"192.0.2.{n + 1}").post(reverse("login"), {"username": "target", "password": "guess"})
    response = Client(REMOTE_ADDR="192.0.2.200").post(reverse("login"), {"username": "target", "password": PASSWORD})
    assert response.status_code == 429


def test_an_editor_lifts_a_lock_out_in_the_admin(settings):
    make_user("target", password=PASSWORD)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        Client().post(reverse("login"), {"username": "target", "password": "guess"})
    attempt = AccessAttempt.objects.get(username="target")
    editor = make_user("editor", is_staff=True, is_superuser=True)
    admin = Client()
    admin.force_login(editor)
    url = reverse("admin:axes_accessattempt_delete", args=[attempt.pk])
    assert admin.post(url, {"post": "yes"}).status_code == 302
    assert Client().post(reverse("login"), {"username": "target", "password": PASSWORD}).status_code == 302


def minutes_shown(html: str) -> set[str]:
    return set(re.findall(r"([۰-۹]+) دقیقه مطالعه", html))


def test_reading_time_counts_the_body_only_for_readers_who_may_read_it():
    body = "<p>" + " ".join(["واژه"] * 2000) + "</p>"
    article = make_article("گزارش بلند", summary="خلاصهٔ کوتاه", body=body)
    page = Client().get(article.get_absolute_url()).content.decode()
    assert minutes_shown(page) == {"۱"}
    assert minutes_shown(Client().get("/").content.decode()) == {"۱"}
    editor = Client()
    editor.force_login(make_user("editor", is_staff=True))
    assert minutes_shown(editor.get(article.get_absolute_url()).content.decode()) == {"۱۱"}


@override_settings(DEBUG=True)
def test_debug_404_and_500_pages_carry_the_csp():
    response = Client().get("/no-such-page/")
    assert response.status_code == 404
    assert "default-src 'self'" in response["Content-Security-Policy"]
