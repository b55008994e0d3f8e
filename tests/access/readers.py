"""Readers of every kind the gate must tell apart: with access (and through what) and without."""

from __future__ import annotations

from django.contrib.auth.models import User

from rasad.access.models import Membership, Organisation, Subscription
from rasad.contributions.models import Contribution
from tests.factories import make_user
from tests.world import PASSWORD, days

NO_ACCESS_KINDS = ["anonymous", "no_access", "expired_subscription", "expired_credit", "org_without_access"]
ACCESS_KINDS = ["staff", "subscriber", "credit", "org_member"]


def make_reader(kind: str) -> User | None:
    """A user of the given kind (``None`` for anonymous)."""
    if kind == "anonymous":
        return None
    user = make_user(f"reader_{kind}", password=PASSWORD, is_staff=(kind == "staff"))
    if kind == "expired_subscription":
        Subscription.objects.create(user=user, starts_on=days(-40), ends_on=days(-1))
    elif kind == "expired_credit":
        credit = Subscription.objects.create(
            user=user, starts_on=days(-31), ends_on=days(-1), source=Subscription.Source.CONTRIBUTION
        )
        Contribution.objects.create(
            user=user, title="رصد قدیمی", source_url="https://example.org/old", summary="خ", body="م", credit=credit
        )
    elif kind == "org_without_access":
        org = Organisation.objects.create(
            name="سازمان منقضی", slug="expired-org", access_starts_on=days(-100), access_ends_on=days(-1)
        )
        Membership.objects.create(organisation=org, user=user)
    elif kind == "subscriber":
        Subscription.objects.create(user=user, starts_on=days(-1), ends_on=days(30))
    elif kind == "credit":
        Subscription.objects.create(
            user=user, starts_on=days(0), ends_on=days(29), source=Subscription.Source.CONTRIBUTION
        )
    elif kind == "org_member":
        org = Organisation.objects.create(
            name="سازمان فعال", slug="active-org", access_starts_on=days(-10), access_ends_on=days(10)
        )
        Membership.objects.create(organisation=org, user=user)
    return user
