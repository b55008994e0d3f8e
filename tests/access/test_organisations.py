"""Organisations: seats, joining by e-mail domain, invitations, the manager's page."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from rasad.access.models import Invitation, Membership, Organisation
from rasad.access.selectors import seats_used
from rasad.access.services import organisation_join_token
from tests.factories import make_user
from tests.world import SENTINEL, login

pytestmark = pytest.mark.django_db


@pytest.fixture
def org(db):
    today = timezone.localdate()
    return Organisation.objects.create(
        name="دانشگاه نمونه",
        slug="uni",
        seats=3,
        email_domains="uni.example, @Research.uni.example",
        access_starts_on=today - dt.timedelta(days=5),
        access_ends_on=today + dt.timedelta(days=5),
    )


@pytest.fixture
def manager(org):
    user = make_user("boss", email="boss@uni.example")
    Membership.objects.create(organisation=org, user=user, role=Membership.Role.MANAGER)
    return user


def manage_url(org):
    return reverse("access:organisation_manage", args=[org.slug])


def test_matching_domain_sees_join_and_joins_then_reads(client, org, manager, world):
    user = make_user("student", email="Student@research.uni.example")
    login(client, user)
    html = client.get(reverse("access:profile")).content.decode()
    assert "پیوستن به دانشگاه نمونه" in html
    response = client.post(reverse("access:organisation_join", args=[org.slug]), follow=True)
    assert "پیوند تأیید به" in response.content.decode()
    # No seat until the link that reached the mailbox is opened.
    assert not Membership.objects.filter(user=user).exists()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["Student@research.uni.example"]
    link = confirm_path(mail.outbox[0].body)
    page = client.get(link)
    assert page.status_code == 200 and "پیوستن" in page.content.decode()
    assert not Membership.objects.filter(user=user).exists()
    client.post(link)
    assert Membership.objects.filter(organisation=org, user=user, role="member").exists()
    assert SENTINEL.encode() in client.get(world.gated.get_absolute_url()).content


def test_join_links_work_only_for_their_own_account_and_address(client, org):
    user = make_user("student", email="student@uni.example")
    link = reverse("access:organisation_join_confirm", args=[organisation_join_token(organisation=org, user=user)])
    for intruder in (make_user("intruder", email="intruder@uni.example"),):
        login(client, intruder)
        response = client.post(link)
        assert response.status_code == 404
        assert "این پیوند تأیید برای حساب شما نیست." in response.content.decode()
    login(client, user)
    assert client.get(link[:-3] + "xx/").status_code == 404
    user.email = "student@elsewhere.example"
    user.save()
    assert client.post(link).status_code == 404
    assert not Membership.objects.exists()


def join(client, org, user):
    """Join by domain the way a reader does: ask, then open the e-mailed link."""
    login(client, user)
    mail.outbox.clear()
    client.post(reverse("access:organisation_join", args=[org.slug]))
    if mail.outbox:
        client.post(confirm_path(mail.outbox[0].body))


def confirm_path(body: str) -> str:
    return re.search(r"http://testserver(/accounts/join-organisation/[^/\s]+/)", body).group(1)


def test_other_domains_cannot_join(client, org):
    user = make_user("outsider", email="x@other.example")
    login(client, user)
    assert "پیوستن به دانشگاه نمونه" not in client.get(reverse("access:profile")).content.decode()
    client.post(reverse("access:organisation_join", args=[org.slug]))
    assert not Membership.objects.filter(user=user).exists()
    # A look-alike domain does not match either.
    sneaky = make_user("sneaky", email="x@notuni.example")
    login(client, sneaky)
    response = client.post(reverse("access:organisation_join", args=[org.slug]), follow=True)
    assert "دامنهٔ ایمیل شما با دامنه‌های این سازمان نمی‌خواند." in response.content.decode()
    assert not Membership.objects.filter(user=sneaky).exists()


def test_seats_are_never_exceeded(client, org, manager):
    # The manager holds one seat of three.
    for i in range(2):
        join(client, org, make_user(f"s{i}", email=f"s{i}@uni.example"))
    assert seats_used(org) == 3
    late = make_user("late", email="late@uni.example")
    login(client, late)
    assert "پیوستن به دانشگاه نمونه" not in client.get(reverse("access:profile")).content.decode()
    response = client.post(reverse("access:organisation_join", args=[org.slug]), follow=True)
    assert "ظرفیت این سازمان پر است" in response.content.decode()
    assert not Membership.objects.filter(user=late).exists()
    # Nor by invitation.
    login(client, manager)
    response = client.post(manage_url(org), {"who": "late"})
    assert response.status_code == 400
    assert "همهٔ صندلی‌های سازمان پر است." in response.content.decode()


def test_manager_page_shows_seats_in_persian_and_is_404_for_others(client, org, manager):
    login(client, manager)
    html = client.get(manage_url(org)).content.decode()
    assert "۱ از ۳ صندلی پر است." in html
    member = make_user("member", email="m@uni.example")
    Membership.objects.create(organisation=org, user=member)
    for user in (member, make_user("stranger")):
        login(client, user)
        assert client.get(manage_url(org)).status_code == 404
        assert client.post(manage_url(org), {"who": "x"}).status_code == 404
        assert client.post(reverse("access:organisation_remove", args=[org.slug, member.pk])).status_code == 404
    assert Membership.objects.filter(user=member).exists()
    client.logout()
    assert client.get(manage_url(org)).status_code == 302


def test_manager_invites_by_username_or_email_and_invitee_accepts(client, org, manager):
    invitee = make_user("guest", email="guest@elsewhere.example")
    login(client, manager)
    response = client.post(manage_url(org), {"who": "GUEST@elsewhere.example"})
    assert response.status_code == 302
    assert Invitation.objects.filter(organisation=org, user=invitee).exists()
    assert mail.outbox[-1].to == ["guest@elsewhere.example"] and "دانشگاه نمونه" in mail.outbox[-1].subject
    assert "۲ از ۳ صندلی پر است." in client.get(manage_url(org)).content.decode()
    login(client, invitee)
    assert "«دانشگاه نمونه» شما را دعوت کرده است." in client.get(reverse("access:profile")).content.decode()
    invitation = Invitation.objects.get(user=invitee)
    # Nobody else can answer it.
    other = make_user("other")
    login(client, other)
    assert client.post(reverse("access:invitation_answer", args=[invitation.pk, "accept"])).status_code == 404
    login(client, invitee)
    assert client.post(reverse("access:invitation_answer", args=[invitation.pk, "maybe"])).status_code == 404
    assert client.get(reverse("access:invitation_answer", args=[invitation.pk, "accept"])).status_code == 405
    client.post(reverse("access:invitation_answer", args=[invitation.pk, "accept"]))
    assert Membership.objects.filter(organisation=org, user=invitee).exists()
    assert not Invitation.objects.exists()


@pytest.mark.parametrize(
    ("who", "error"),
    [
        ("", "نام کاربری یا ایمیل را بنویسید."),
        ("nobody", "کاربری با این نام کاربری یا ایمیل پیدا نشد"),
        ("boss", "این کاربر از پیش عضو سازمان است."),
    ],
)
def test_invite_bad_input_gives_persian_errors(client, org, manager, who, error):
    login(client, manager)
    response = client.post(manage_url(org), {"who": who})
    assert response.status_code == 400
    assert error in response.content.decode()


def test_manager_removes_members_but_not_managers(client, org, manager):
    member = make_user("member")
    Membership.objects.create(organisation=org, user=member)
    login(client, manager)
    client.post(reverse("access:organisation_remove", args=[org.slug, member.pk]))
    assert not Membership.objects.filter(user=member).exists()
    response = client.post(reverse("access:organisation_remove", args=[org.slug, manager.pk]), follow=True)
    assert "نمی‌توانید خودتان را از سازمان حذف کنید." in response.content.decode()
    assert Membership.objects.filter(user=manager).exists()


def test_members_of_an_organisation_without_access_do_not_read(client, org, manager, world):
    org.access_ends_on = timezone.localdate() - dt.timedelta(days=1)
    org.save()
    login(client, manager)
    assert SENTINEL.encode() not in client.get(world.gated.get_absolute_url()).content
