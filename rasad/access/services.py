"""Write logic for access: granting and extending subscriptions, organisation seats and invitations."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Max, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from rasad.access.models import Invitation, Membership, Organisation, Plan, Subscription
from rasad.access.policy import forget_access
from rasad.access.selectors import seats_used


@transaction.atomic
def subscriptions_extend(*, subscriptions: QuerySet[Subscription], days: int) -> int:
    """Move the end of each subscription ``days`` later (the admin's «تمدید» actions)."""
    extended = 0
    # Locked so that two editors extending at once both count.
    for subscription in subscriptions.select_for_update():
        subscription.ends_on += dt.timedelta(days=days)
        subscription.save(update_fields=["ends_on"])
        forget_access(subscription.user)
        extended += 1
    return extended


def _next_start(*, user: User, today: dt.date) -> dt.date:
    """The first day not yet covered by the user's current or future subscriptions.

    Extending runs back to back: a new grant starts the day after the last running one ends, so
    credit earned while subscribed is not wasted.
    """
    last_end = Subscription.objects.filter(user=user).current_and_future(today).aggregate(m=Max("ends_on"))["m"]
    return max(today, last_end + dt.timedelta(days=1)) if last_end else today


@transaction.atomic
def subscription_grant(
    *,
    user: User,
    days: int,
    source: str = Subscription.Source.ADMIN,
    plan: Plan | None = None,
    note: str = "",
) -> Subscription:
    """Give ``user`` ``days`` days of full access, after whatever access they already hold."""
    if days < 1:
        raise ValidationError(_("تعداد روزها باید دست‌کم ۱ باشد."))
    # Lock the user's row so two grants at once do not both start on the same day.
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()
    start = _next_start(user=user, today=timezone.localdate())
    subscription = Subscription.objects.create(
        user=user,
        plan=plan,
        starts_on=start,
        ends_on=start + dt.timedelta(days=days - 1),
        source=source,
        note=note,
    )
    forget_access(user)
    return subscription


# Organisations ---------------------------------------------------------------------------------


def _lock(organisation: Organisation) -> Organisation:
    return Organisation.objects.select_for_update().get(pk=organisation.pk)


JOIN_SALT = "rasad.access.organisation-join"
JOIN_MAX_AGE = 3 * 24 * 3600  # seconds a join confirmation link stays valid


def organisation_join_token(*, organisation: Organisation, user: User) -> str:
    """A signed link token proving the user reads mail at their address (they joined by domain)."""
    return signing.dumps({"o": organisation.pk, "u": user.pk, "e": (user.email or "").strip().lower()}, salt=JOIN_SALT)


def organisation_from_join_token(*, token: str, user: User) -> Organisation:
    """The organisation a join token is for; a Persian ``ValidationError`` if it is not this user's."""
    try:
        data = signing.loads(token, salt=JOIN_SALT, max_age=JOIN_MAX_AGE)
    except signing.SignatureExpired as exc:
        raise ValidationError(_("این پیوند منقضی شده است؛ دوباره از صفحهٔ حساب کاربری درخواست دهید.")) from exc
    except signing.BadSignature as exc:
        raise ValidationError(_("این پیوند تأیید معتبر نیست.")) from exc
    if data.get("u") != user.pk or data.get("e") != (user.email or "").strip().lower():
        raise ValidationError(_("این پیوند تأیید برای حساب شما نیست."))
    organisation = Organisation.objects.filter(pk=data.get("o")).first()
    if organisation is None:
        raise ValidationError(_("این سازمان دیگر وجود ندارد."))
    return organisation


def organisation_join_check(*, organisation: Organisation, user: User) -> None:
    """Raise a Persian ``ValidationError`` unless ``user`` may join ``organisation`` by domain now."""
    email = (user.email or "").strip().lower()
    if "@" not in email or email.rsplit("@", 1)[1] not in organisation.domains:
        raise ValidationError(_("دامنهٔ ایمیل شما با دامنه‌های این سازمان نمی‌خواند."))
    if Membership.objects.filter(organisation=organisation, user=user).exists():
        raise ValidationError(_("شما از پیش عضو این سازمان هستید."))
    if seats_used(organisation) >= organisation.seats:
        raise ValidationError(_("ظرفیت این سازمان پر است؛ با مدیر سازمان تماس بگیرید."))


def organisation_join_request(*, organisation: Organisation, user: User, link_for: Callable[[str], str]) -> None:
    """Step one of joining by e-mail domain: mail the reader a confirmation link to their address.

    An address typed at sign-up proves nothing, so the seat is taken only once the reader opens the
    link that reached that mailbox (``organisation_join_by_domain``). ``link_for`` makes the
    absolute URL of a token's confirmation page.
    """
    organisation_join_check(organisation=organisation, user=user)
    link = link_for(organisation_join_token(organisation=organisation, user=user))
    send_mail(
        _("تأیید پیوستن به %(name)s در رصد") % {"name": organisation.name},
        _("برای پیوستن به «%(name)s» این پیوند را باز کنید (تا سه روز معتبر است):\n%(link)s\n")
        % {"name": organisation.name, "link": link},
        None,
        [user.email],
    )


@transaction.atomic
def organisation_join_by_domain(*, organisation: Organisation, user: User) -> Membership:
    """Add ``user`` as a member; call only once they have proved their address (a join token)."""
    organisation = _lock(organisation)
    organisation_join_check(organisation=organisation, user=user)
    membership = Membership.objects.create(organisation=organisation, user=user)
    forget_access(user)
    return membership


def organisation_invite(*, organisation: Organisation, invited_by: User, who: str, profile_url: str) -> Invitation:
    """Invite an existing account, named by username or e-mail, into ``organisation``; once the
    invitation is stored, tell them by mail where to answer it (``profile_url``)."""
    invitation = _invitation_create(organisation=organisation, invited_by=invited_by, who=who)
    if invitation.user.email:
        send_mail(
            _("دعوت به %(name)s در رصد") % {"name": organisation.name},
            _("«%(name)s» شما را به عضویت دعوت کرده است. برای پذیرفتن، وارد رصد شوید:\n%(link)s\n")
            % {"name": organisation.name, "link": profile_url},
            None,
            [invitation.user.email],
        )
    return invitation


@transaction.atomic
def _invitation_create(*, organisation: Organisation, invited_by: User, who: str) -> Invitation:
    # The organisation's row is locked so that two invitations cannot both take the last seat.
    organisation = _lock(organisation)
    who = (who or "").strip()
    if not who:
        raise ValidationError(_("نام کاربری یا ایمیل را بنویسید."))
    users = list(get_user_model().objects.filter(Q(username=who) | Q(email__iexact=who), is_active=True)[:2])
    if len(users) != 1:
        raise ValidationError(_("کاربری با این نام کاربری یا ایمیل پیدا نشد؛ از او بخواهید نخست ثبت‌نام کند."))
    user = users[0]
    if Membership.objects.filter(organisation=organisation, user=user).exists():
        raise ValidationError(_("این کاربر از پیش عضو سازمان است."))
    if Invitation.objects.filter(organisation=organisation, user=user).exists():
        raise ValidationError(_("این کاربر از پیش دعوت شده است."))
    if seats_used(organisation) >= organisation.seats:
        raise ValidationError(_("همهٔ صندلی‌های سازمان پر است."))
    return Invitation.objects.create(organisation=organisation, user=user, invited_by=invited_by)


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user: User) -> Membership:
    if invitation.user_id != user.pk:
        raise ValidationError(_("این دعوت‌نامه برای شما نیست."))
    _lock(invitation.organisation)
    membership, _created = Membership.objects.get_or_create(organisation=invitation.organisation, user=user)
    invitation.delete()
    forget_access(user)
    return membership


@transaction.atomic
def invitation_decline(*, invitation: Invitation, user: User) -> None:
    """The invited user says no: the invitation goes and its seat is free again."""
    if invitation.user_id != user.pk:
        raise ValidationError(_("این دعوت‌نامه برای شما نیست."))
    invitation.delete()


@transaction.atomic
def membership_remove(*, organisation: Organisation, user_id: int, removed_by: User) -> None:
    organisation = _lock(organisation)
    membership = Membership.objects.filter(organisation=organisation, user_id=user_id).first()
    if membership is None:
        Invitation.objects.filter(organisation=organisation, user_id=user_id).delete()
        return
    if membership.user_id == removed_by.pk:
        raise ValidationError(_("نمی‌توانید خودتان را از سازمان حذف کنید."))
    if membership.is_manager:
        raise ValidationError(_("مدیران سازمان را فقط سردبیران می‌توانند حذف کنند."))
    membership.delete()
