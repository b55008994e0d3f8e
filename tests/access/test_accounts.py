"""Accounts: sign up, log in (rate-limited, session rotated, safe ``next``), log out, passwords."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from tests.factories import make_user
from tests.world import PASSWORD

pytestmark = pytest.mark.django_db


def test_login_page_has_username_and_password_fields(client):
    html = client.get(reverse("login")).content.decode()
    assert 'name="username"' in html and 'name="password"' in html
    assert "csrfmiddlewaretoken" in html


def test_login_rotates_the_session_and_follows_a_local_next(client):
    make_user("ali", password=PASSWORD)
    client.get(reverse("login"))
    session = client.session
    session["probe"] = "x"
    session.save()
    before = client.cookies["sessionid"].value
    response = client.post(reverse("login") + "?next=/subscribe/guide/", {"username": "ali", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/subscribe/guide/"
    assert client.cookies["sessionid"].value != before


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "http://evil.example/x"])
def test_login_never_redirects_off_site(client, target):
    make_user("ali", password=PASSWORD)
    response = client.post(f"/accounts/login/?next={target}", {"username": "ali", "password": PASSWORD})
    assert response.status_code == 302
    assert "evil" not in response["Location"]


def test_wrong_password_gives_a_persian_error(client):
    make_user("ali", password=PASSWORD)
    response = client.post(reverse("login"), {"username": "ali", "password": "wrong"})
    assert response.status_code == 200
    assert "نام کاربری یا گذرواژه درست نیست" in response.content.decode()


def test_empty_login_form_gives_persian_errors(client):
    response = client.post(reverse("login"), {})
    assert response.status_code == 200
    assert "این فیلد لازم است" in response.content.decode()


def test_password_reset_with_a_bad_address_says_so_in_persian(client):
    response = client.post(reverse("password_reset"), {"email": "bad"})
    assert response.status_code == 200
    assert "ایمیل آدرس معتبر" in response.content.decode()
    assert not mail.outbox


def test_login_is_locked_after_repeated_failures_and_says_so(client, settings):
    make_user("ali", password=PASSWORD)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "ali", "password": "wrong"})
    response = client.post(reverse("login"), {"username": "ali", "password": PASSWORD})
    assert response.status_code == 429
    assert "ورود موقتاً قفل شد" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_logout_is_a_post_form_in_the_header(client):
    user = make_user("ali", password=PASSWORD)
    client.force_login(user)
    html = client.get(reverse("articles:feed")).content.decode()
    assert f'action="{reverse("logout")}"' in html and 'method="post"' in html
    assert client.get(reverse("logout")).status_code == 405
    client.post(reverse("logout"))
    assert "_auth_user_id" not in client.session


def test_signup_creates_an_account_and_logs_in(client):
    response = client.post(
        "/accounts/signup/",
        {
            "username": "sara",
            "email": "sara@example.com",
            "password1": "a-Long-pass-1403",
            "password2": "a-Long-pass-1403",
        },
    )
    assert response.status_code == 302
    assert get_user_model().objects.filter(username="sara", email="sara@example.com").exists()
    assert client.get(reverse("access:profile")).status_code == 200


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({}, "نام کاربری را بنویسید."),
        (
            {
                "username": "sara",
                "email": "not-an-email",
                "password1": "a-Long-pass-1403",
                "password2": "a-Long-pass-1403",
            },
            "ایمیل معتبری وارد کنید.",
        ),
        (
            {
                "username": "sara",
                "email": "s@example.com",
                "password1": "a-Long-pass-1403",
                "password2": "other-pass-1403",
            },
            "دو گذرواژه یکی نیستند.",
        ),
        (
            {
                "username": "taken",
                "email": "s@example.com",
                "password1": "a-Long-pass-1403",
                "password2": "a-Long-pass-1403",
            },
            "این نام کاربری پیش‌تر گرفته شده است.",
        ),
        (
            {
                "username": "sara",
                "email": "TAKEN@example.com",
                "password1": "a-Long-pass-1403",
                "password2": "a-Long-pass-1403",
            },
            "حسابی با این ایمیل وجود دارد",
        ),
        ({"username": "sara", "email": "s@example.com", "password1": "123", "password2": "123"}, "گذرواژه"),
    ],
)
def test_signup_bad_input_gives_persian_errors(client, data, error):
    make_user("taken", email="taken@example.com")
    response = client.post(reverse("access:signup"), data)
    assert response.status_code == 400
    assert error in response.content.decode()
    assert not get_user_model().objects.filter(username="sara").exists()


def test_signup_next_cannot_leave_the_site(client):
    response = client.post(
        "/accounts/signup/?next=https://evil.example/",
        {
            "username": "sara",
            "email": "s@example.com",
            "password1": "a-Long-pass-1403",
            "password2": "a-Long-pass-1403",
        },
    )
    assert response["Location"] == reverse("access:profile")


def test_password_reset_sends_a_persian_email(client):
    make_user("ali", email="ali@example.com")
    response = client.post(reverse("password_reset"), {"email": "ali@example.com"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "بازیابی گذرواژه" in mail.outbox[0].subject
    assert "/accounts/reset/" in mail.outbox[0].body


def test_password_change_requires_the_old_password(client):
    user = make_user("ali", password=PASSWORD)
    client.force_login(user)
    response = client.post(
        "/accounts/password_change/",
        {"old_password": "wrong", "new_password1": "n3w-Pass-1403", "new_password2": "n3w-Pass-1403"},
    )
    assert response.status_code == 200
    assert "گذرواژهٔ قدیمی" in response.content.decode()
    ok = client.post(
        "/accounts/password_change/",
        {"old_password": PASSWORD, "new_password1": "n3w-Pass-1403", "new_password2": "n3w-Pass-1403"},
    )
    assert ok.status_code == 302


def test_csrf_is_enforced_on_login(world):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(reverse("login"), {"username": "x", "password": "y"})
    assert response.status_code == 403


def test_profile_needs_login(client):
    response = client.get(reverse("access:profile"))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_overlong_username_at_login_is_a_persian_error_not_a_500(client):
    response = client.post(reverse("login"), {"username": "ع" * 5000, "password": "x"})
    assert response.status_code == 200
    assert "نام کاربری بیش از اندازه بلند است." in response.content.decode()


def test_overlong_email_at_signup_is_a_persian_error_not_a_500(client):
    email = "a" * 250 + "@example.com"
    response = client.post(
        "/accounts/signup/",
        {"username": "sara", "email": email, "password1": "a-Long-pass-1403", "password2": "a-Long-pass-1403"},
    )
    assert response.status_code == 400
    assert "ایمیل بیش از اندازه بلند است." in response.content.decode()
