"""Teams: the one vocabulary for "who shares what" with whom, for every app that has team objects.

A team is an ``Organisation``; its members are its team. A team object (a team collection, a
team note) belongs to exactly one organisation, chosen when it was made: only that
organisation's members see it, and only its managers (besides its owner) may change or remove
it. Whatever else a user joins or leaves later changes nothing about objects of other teams.
Library and annotations ask these functions and never query memberships themselves.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Protocol

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from rasad.access.models import Membership, Organisation, OrganisationQuerySet
from rasad.core.users import Reader

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class TeamObject(Protocol):
    """Something owned by one user and, when shared, by one organisation (``None``: personal)."""

    @property
    def owner_id(self) -> int: ...

    @property
    def organisation_id(self) -> int | None: ...


def team_field(
    *, related_name: str, help_text: StrOrPromise = ""
) -> models.ForeignKey[Organisation | None, Organisation | None]:
    """The ``organisation`` of a team object: the one team it belongs to, empty when personal."""
    return models.ForeignKey(
        Organisation,
        verbose_name=_lazy("تیم"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name=related_name,
        help_text=help_text,
    )


def organisations_of(user: Reader) -> OrganisationQuerySet:
    """The organisations ``user`` is a member of, by name."""
    if user is None or not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(memberships__user=user).order_by("name")


def organisation_ids_of(user: Reader) -> QuerySet[Membership, int]:
    """A subquery of the ids of ``user``'s organisations (for ``organisation__in=``)."""
    if user is None or not user.is_authenticated:
        return Membership.objects.none().values_list("organisation_id", flat=True)
    return Membership.objects.filter(user=user).values_list("organisation_id", flat=True)


def managed_organisations(user: Reader) -> OrganisationQuerySet:
    """The organisations ``user`` manages."""
    if user is None or not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(memberships__user=user, memberships__role=Membership.Role.MANAGER)


def managed_organisation_ids(user: Reader) -> set[int]:
    return set(managed_organisations(user).values_list("pk", flat=True))


def teammates(organisation: Organisation) -> QuerySet[Membership]:
    """The members of ``organisation`` with their accounts, managers first, then by joining date."""
    return organisation.memberships.select_related("user").order_by("role", "joined_at")


def may_change_team_object(user: Reader, obj: TeamObject, *, managed: set[int] | None = None) -> bool:
    """Its owner, or a manager of *the object's own* organisation (for a team object).

    ``managed`` (``managed_organisation_ids(user)``) saves a query per object on long lists.
    """
    if user is None or not user.is_authenticated:
        return False
    if obj.owner_id == user.pk:
        return True
    if obj.organisation_id is None:
        return False
    if managed is None:
        return managed_organisations(user).filter(pk=obj.organisation_id).exists()
    return obj.organisation_id in managed


def team_for_new_object(user: Reader, chosen: Organisation | None) -> Organisation:
    """The organisation a new team object of ``user``'s belongs to: the one they chose, or their
    only one. Raises a Persian ``ValidationError`` when they belong to none, when they belong to
    several and chose none, or when they chose one they do not belong to."""
    mine = list(organisations_of(user)[:2]) if chosen is None else []
    if chosen is not None:
        if not organisations_of(user).filter(pk=chosen.pk).exists():
            raise ValidationError(_("این تیم را نمی‌شناسیم یا عضو آن نیستید."), code="not_member")
        return chosen
    if not mine:
        raise ValidationError(_("شما عضو هیچ تیمی نیستید؛ «فقط خودم» را برگزینید."), code="no_team")
    if len(mine) > 1:
        raise ValidationError(_("تیمی را که این برای آن است برگزینید."), code="choose_team")
    return mine[0]


_MENTION_RE = re.compile(r"(?<![\w@])@([\w.+-]{1,150})")


def mentioned_teammates(organisation: Organisation | None, text: str) -> list[User]:
    """The members of ``organisation`` that ``text`` names as ``@username``, in the order named.

    A name that is not a member's mentions nobody (and nothing says whether such an account exists).
    """
    names = list(dict.fromkeys(_MENTION_RE.findall(text or "")))
    if organisation is None or not names:
        return []
    found = {m.user.username: m.user for m in teammates(organisation).filter(user__username__in=names)}
    return [found[n] for n in names if n in found]


def member_ids(organisation_id: int) -> list[int]:
    """The user ids of one organisation's members."""
    return list(Membership.objects.filter(organisation_id=organisation_id).values_list("user_id", flat=True))
