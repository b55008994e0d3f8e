"""Personal access tokens on the profile page («توکن‌های دسترسی») and on the API."""

from __future__ import annotations

import re

import pytest

from rasad.access.models import AccessToken
from rasad.access.tokens import token_digest
from tests.api.conftest import TokenClient, token_for


def test_profile_makes_names_scopes_shows_once_and_revokes(client, reader, corpus):
    client.force_login(reader)
    page = client.get("/accounts/profile/")
    assert "توکن‌های دسترسی" in page.content.decode()

    made = client.post("/accounts/profile/tokens/", {"name": "زوترو", "scope": "read"})
    assert made.status_code == 201
    assert "no-store" in made["Cache-Control"]
    html = made.content.decode()
    raw = re.search(r'value="(rasad_[^"]+)"', html).group(1)
    assert "دیگر نشان داده نمی‌شود" in html

    token = AccessToken.objects.get(user=reader)
    assert token.name == "زوترو" and token.scope == "read"
    assert token.digest == token_digest(raw) and raw not in token.digest  # stored hashed only
    assert raw not in client.get("/accounts/profile/").content.decode()  # shown once

    api = TokenClient(raw)
    assert api.get("/api/v1/articles").status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None
    assert "هرگز" not in client.get("/accounts/profile/").content.decode().split("توکن‌های دسترسی")[1][:2000]

    revoked = client.post(f"/accounts/profile/tokens/{token.pk}/revoke/")
    assert revoked.status_code == 302
    answer = api.get("/api/v1/articles")
    assert answer.status_code == 401
    assert "باطل" in answer.json()["detail"]
    assert answer["WWW-Authenticate"].startswith("Bearer")


def test_token_form_errors_are_persian_and_nothing_is_made(client, reader, db):
    client.force_login(reader)
    answer = client.post("/accounts/profile/tokens/", {"name": "", "scope": "admin"})
    assert answer.status_code == 400
    html = answer.content.decode()
    assert "نامی بنویسید" in html and "دامنهٔ توکن" in html
    assert not AccessToken.objects.exists()


def test_nobody_revokes_another_readers_token(client, reader, subscriber):
    theirs = AccessToken.objects.get(pk=AccessToken.objects.create(
        user=subscriber, name="x", scope="read", prefix="rasad_x", digest="d" * 64
    ).pk)  # fmt: skip
    client.force_login(reader)
    assert client.post(f"/accounts/profile/tokens/{theirs.pk}/revoke/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.revoked_at is None


@pytest.mark.parametrize(
    "header",
    ["Bearer rasad_unknown", "Bearer ", "Token abc", "Basic dXNlcjpwYXNz", "Bearer " + "x" * 500],
)
def test_unknown_or_malformed_tokens_are_401_in_persian(corpus, header):
    answer = TokenClient().get("/api/v1/articles", HTTP_AUTHORIZATION=header)
    assert answer.status_code == 401
    assert re.search("[\u0600-\u06ff]", answer.json()["detail"])


def test_no_credentials_is_401(corpus, client):
    answer = client.get("/api/v1/articles")
    assert answer.status_code == 401
    assert "توکن" in answer.json()["detail"]


def test_a_bad_token_is_refused_even_with_a_session(client, reader, corpus):
    client.force_login(reader)
    assert client.get("/api/v1/articles").status_code == 200  # the session alone works
    assert client.get("/api/v1/articles", HTTP_AUTHORIZATION="Bearer rasad_nope").status_code == 401


def test_session_writes_need_csrf(reader, corpus):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(reader)
    answer = browser.put(f"/api/v1/library/saved/{corpus['gated'].pk}", {}, content_type="application/json")
    assert answer.status_code == 403
    assert "CSRF" in answer.json()["detail"]


def test_read_only_token_cannot_write(reader, corpus):
    api = TokenClient(token_for(reader, scope="read"))
    answer = api.put(f"/api/v1/library/saved/{corpus['gated'].pk}", {}, content_type="application/json")
    assert answer.status_code == 403
    assert "فقط خواندن" in answer.json()["detail"]
    assert not reader.saved_articles.exists()


def test_an_inactive_users_token_is_refused(reader, corpus):
    api = TokenClient(token_for(reader))
    reader.is_active = False
    reader.save()
    assert api.get("/api/v1/articles").status_code == 401
