"""Write logic for access: granting subscriptions, contribution review, organisation seats."""

from __future__ import annotations

import datetime as dt
import re

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.html import linebreaks
from django.utils.translation import gettext as _

from rasad.access.models import Contribution, Invitation, Membership, Organisation, Plan, Subscription
from rasad.access.policy import forget_access
from rasad.access.selectors import seats_used
from rasad.articles.models import Article


def _next_start(*, user, today: dt.date) -> dt.date:
    """The first day not yet covered by the user's current or future subscriptions.

    Extending runs back to back: a new grant starts the day after the last running one ends, so
    credit earned while subscribed is not wasted.
    """
    last_end = Subscription.objects.filter(user=user).current_and_future(today).aggregate(m=Max("ends_on"))["m"]
    return max(today, last_end + dt.timedelta(days=1)) if last_end else today


@transaction.atomic
def subscription_grant(
    *,
    user,
    days: int,
    source: str = Subscription.Source.ADMIN,
    plan: Plan | None = None,
    note: str = "",
    contribution: Contribution | None = None,
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
        contribution=contribution,
    )
    forget_access(user)
    return subscription


# Contributions ---------------------------------------------------------------------------------


def contribution_body_html(text: str) -> str:
    """Contributors type plain text (paragraphs split by blank lines) or simple HTML.

    Plain text becomes escaped paragraphs; HTML is kept and ``Article.save`` sanitises it.
    """
    if re.search(r"<(p|div|br|ul|ol|blockquote|h[2-6])\b", text or "", re.I):
        return text
    return linebreaks(text or "", autoescape=True)


def _publish(contribution: Contribution) -> Article:
    article = Article.objects.create(
        title=contribution.title,
        summary=contribution.summary,
        body=contribution_body_html(contribution.body),
        source_url=contribution.source_url,
        think_tank=contribution.think_tank,
        observer_user=contribution.user,
        status=Article.Status.PUBLISHED,
        published_on=timezone.localdate(),
    )
    article.topics.set(contribution.topics.all())
    return article


@transaction.atomic
def contribution_approve(*, contribution_id: int, reviewer) -> Contribution:
    """Publish a contribution as an article and credit its contributor, exactly once.

    The row lock makes a second (or concurrent) approval see the first one's result and return
    without a second article or a second credit; the unique ``Subscription.contribution`` key
    backs that up in the database.
    """
    contribution = Contribution.objects.select_for_update().get(pk=contribution_id)
    if contribution.status == Contribution.Status.APPROVED:
        return contribution
    if Article.objects.filter(source_url=contribution.source_url).exists():
        raise ValidationError(_("مقاله‌ای با همین لینک منبع پیش‌تر منتشر شده است."))
    try:
        with transaction.atomic():  # a savepoint: a racing duplicate source must not poison the outer block
            article = _publish(contribution)
    except IntegrityError as exc:
        raise ValidationError(_("مقاله‌ای با همین لینک منبع پیش‌تر منتشر شده است.")) from exc
    contribution.status = Contribution.Status.APPROVED
    contribution.rejection_reason = ""
    contribution.reviewed_by = reviewer
    contribution.reviewed_at = timezone.now()
    contribution.article = article
    contribution.save(update_fields=["status", "rejection_reason", "reviewed_by", "reviewed_at", "article"])
    if not Subscription.objects.filter(contribution=contribution).exists():
        subscription_grant(
            user=contribution.user,
            days=settings.RASAD_CONTRIBUTION_CREDIT_DAYS,
            source=Subscription.Source.CONTRIBUTION,
            contribution=contribution,
            note=_("اعتبار رصد «%(title)s»") % {"title": contribution.title[:200]},
        )
    return contribution


@transaction.atomic
def contribution_reject(*, contribution_id: int, reviewer, reason: str) -> Contribution:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("دلیل رد را بنویسید؛ رصدگر آن را می‌بیند."))
    contribution = Contribution.objects.select_for_update().get(pk=contribution_id)
    if contribution.status == Contribution.Status.APPROVED:
        raise ValidationError(_("این رصد پیش‌تر پذیرفته و منتشر شده است."))
    contribution.status = Contribution.Status.REJECTED
    contribution.rejection_reason = reason
    contribution.reviewed_by = reviewer
    contribution.reviewed_at = timezone.now()
    contribution.save(update_fields=["status", "rejection_reason", "reviewed_by", "reviewed_at"])
    return contribution


# Organisations ---------------------------------------------------------------------------------


def _lock(organisation: Organisation) -> Organisation:
    return Organisation.objects.select_for_update().get(pk=organisation.pk)


JOIN_SALT = "rasad.access.organisation-join"
JOIN_MAX_AGE = 3 * 24 * 3600  # seconds a join confirmation link stays valid


def organisation_join_token(*, organisation: Organisation, user) -> str:
    """A signed link token proving the user reads mail at their address (they joined by domain)."""
    return signing.dumps({"o": organisation.pk, "u": user.pk, "e": (user.email or "").strip().lower()}, salt=JOIN_SALT)


def organisation_from_join_token(*, token: str, user) -> Organisation:
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


def organisation_join_check(*, organisation: Organisation, user) -> None:
    """Raise a Persian ``ValidationError`` unless ``user`` may join ``organisation`` by domain now."""
    email = (user.email or "").strip().lower()
    if "@" not in email or email.rsplit("@", 1)[1] not in organisation.domains:
        raise ValidationError(_("دامنهٔ ایمیل شما با دامنه‌های این سازمان نمی‌خواند."))
    if Membership.objects.filter(organisation=organisation, user=user).exists():
        raise ValidationError(_("شما از پیش عضو این سازمان هستید."))
    if seats_used(organisation) >= organisation.seats:
        raise ValidationError(_("ظرفیت این سازمان پر است؛ با مدیر سازمان تماس بگیرید."))


@transaction.atomic
def organisation_join_by_domain(*, organisation: Organisation, user) -> Membership:
    """Add ``user`` as a member; call only once they have proved their address (a join token)."""
    organisation = _lock(organisation)
    organisation_join_check(organisation=organisation, user=user)
    membership = Membership.objects.create(organisation=organisation, user=user)
    forget_access(user)
    return membership


@transaction.atomic
def organisation_invite(*, organisation: Organisation, invited_by, who: str) -> Invitation:
    """Invite an existing account, named by username or e-mail, into ``organisation``."""
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
def invitation_accept(*, invitation: Invitation, user) -> Membership:
    if invitation.user_id != user.pk:
        raise ValidationError(_("این دعوت‌نامه برای شما نیست."))
    _lock(invitation.organisation)
    membership, _created = Membership.objects.get_or_create(organisation=invitation.organisation, user=user)
    invitation.delete()
    forget_access(user)
    return membership


@transaction.atomic
def membership_remove(*, organisation: Organisation, user_id: int, removed_by) -> None:
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
