"""Odd input anywhere in access forms and URLs: a Persian message and a 4xx, never a 500."""

from __future__ import annotations

import pytest
from django.urls import reverse

from rasad.access.models import Membership, Organisation
from rasad.contributions.models import Contribution
from tests.factories import make_user
from tests.world import login

pytestmark = pytest.mark.django_db

NASTY = ["\x00", "ع" * 5000, "‮evil‭", "<script>alert(1)</script>", "١٢٣", "' OR 1=1 --", " "]


@pytest.mark.parametrize("value", NASTY)
def test_signup_and_login_survive_odd_input(client, value):
    for url, data in [
        ("/accounts/signup/", {"username": value, "email": value, "password1": value, "password2": value}),
        ("/accounts/login/", {"username": value, "password": value}),
        ("/accounts/password_reset/", {"email": value}),
    ]:
        response = client.post(url, data)
        assert response.status_code in (200, 400), url
        assert "<script>alert(1)</script>" not in response.content.decode()
        assert 'class="errorlist' in response.content.decode()


@pytest.mark.parametrize("value", NASTY)
def test_contribution_and_invite_survive_odd_input(client, value):
    user = make_user("boss")
    org = Organisation.objects.create(name="س", slug="s", seats=2)
    Membership.objects.create(organisation=org, user=user, role="manager")
    login(client, user)
    data = {"title": value, "source_url": value, "summary": value, "body": value, "think_tank": value}
    response = client.post(reverse("contributions:contribute"), {**data, "topics": [value]})
    assert response.status_code == 400
    assert not Contribution.objects.exists()
    response = client.post(reverse("access:organisation_manage", args=["s"]), {"who": value})
    assert response.status_code == 400
    assert 'class="errorlist' in response.content.decode()


def test_bad_reset_link_says_so(client):
    response = client.get(reverse("password_reset_confirm", args=["bad", "bad-token"]))
    assert response.status_code == 200
    assert "این پیوند بازیابی نامعتبر است" in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/organisations/nope/manage/",
        "/accounts/organisations/nope/join/",
        "/accounts/join-organisation/nonsense/",
        "/accounts/invitations/999/accept/",
    ],
)
def test_unknown_things_are_persian_404s(client, url):
    login(client, make_user("reza"))
    response = client.post(url)
    assert response.status_code == 404
    assert "پیدا نشد" in response.content.decode()
