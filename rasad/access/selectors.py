"""Reads for access: the periods of full access a user holds, and organisations' seats.

"Has access on day D" is defined here once, by ``access_spans``: a user has full access on a Tehran
calendar day when one of their subscriptions (an editor's grant, an organisation deal or
contribution credit) or the access period of an organisation they belong to covers it, both ends
inclusive. The gate (``policy.has_full_access``), the profile's «تا» date (``access_until``) and
the management command read it from here.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.utils import timezone

from rasad.access.models import Membership, Organisation, Subscription, period_covers

if TYPE_CHECKING:
    from django.contrib.auth.models import User

Span = tuple[dt.date, dt.date]


def access_spans(user: User, *, since: dt.date) -> list[Span]:
    """Every period of full access ``user`` holds that ends on ``since`` or later, in one query."""
    subscriptions = (
        Subscription.objects.filter(user=user, ends_on__gte=since).order_by().values_list("starts_on", "ends_on")
    )
    organisations = (
        Membership.objects.filter(
            user=user, organisation__access_starts_on__isnull=False, organisation__access_ends_on__gte=since
        )
        .order_by()
        .values_list("organisation__access_starts_on", "organisation__access_ends_on")
    )
    return sorted(subscriptions.union(organisations, all=True))


def covers(spans: list[Span], day: dt.date) -> bool:
    return any(period_covers(start, end, day) for start, end in spans)


def has_access_on(user: User, day: dt.date) -> bool:
    """Whether ``user`` holds full access on ``day`` (see the module docstring)."""
    return covers(access_spans(user, since=day), day)


def access_until(user: User, today: dt.date | None = None) -> dt.date | None:
    """The last day of unbroken full access from today, or ``None`` without access today."""
    today = today or timezone.localdate()
    until: dt.date | None = None
    for start, end in access_spans(user, since=today):
        reach = today if until is None else until + dt.timedelta(days=1)
        if start <= reach:
            until = max(until or end, end)
        elif until is None:
            break
    return until


def seats_used(organisation: Organisation) -> int:
    """Members plus pending invitations of ``organisation`` (``OrganisationQuerySet.with_seats_used``)."""
    return Organisation.objects.with_seats_used().get(pk=organisation.pk).seats_used


def organisations_joinable_by(user: User) -> list[Organisation]:
    """Organisations whose e-mail domain matches the user's and that still have a free seat."""
    email = (user.email or "").strip().lower()
    if "@" not in email:
        return []
    domain = email.rsplit("@", 1)[1]
    candidates = (
        Organisation.objects.filter(email_domains__icontains=domain).exclude(memberships__user=user).with_seats_used()
    )
    return [org for org in candidates if domain in org.domains and org.seats_used < org.seats]
