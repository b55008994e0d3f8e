"""Organisations and their members, plans and subscriptions (spans of full access).

The gate itself (who may read full text) lives in ``rasad.access.policy``.
"""

from __future__ import annotations

import datetime as dt

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def period_covers(starts_on: dt.date | None, ends_on: dt.date | None, day: dt.date) -> bool:
    """Whether a period of access includes ``day``; both ends count, an open end never does."""
    return starts_on is not None and ends_on is not None and starts_on <= day <= ends_on


class OrganisationQuerySet(models.QuerySet["Organisation"]):
    def with_seats_used(self) -> OrganisationQuerySet:
        """``seats_used`` on each organisation: members plus pending invitations (an invitation
        holds its seat until it is answered)."""
        seats_used = Count("memberships", distinct=True) + Count("invitations", distinct=True)
        # Passed by name so the type checker takes ``Organisation.seats_used`` as declared there.
        return self.annotate(**{"seats_used": seats_used})


class Organisation(models.Model):
    name = models.CharField(_("نام سازمان"), max_length=200, unique=True)
    slug = models.SlugField(_("نامک"), max_length=220, unique=True, allow_unicode=True)
    seats = models.PositiveIntegerField(_("تعداد صندلی"), default=5)
    email_domains = models.CharField(
        _("دامنه‌های ایمیل"),
        max_length=500,
        blank=True,
        help_text=_("با ویرگول جدا کنید، مثلاً example.org, example.ir"),
    )
    access_starts_on = models.DateField(_("آغاز دسترسی"), null=True, blank=True)
    access_ends_on = models.DateField(_("پایان دسترسی"), null=True, blank=True)
    created_at = models.DateTimeField(_("ایجاد"), auto_now_add=True)

    objects = OrganisationQuerySet.as_manager()
    # Present on rows read through ``OrganisationQuerySet.with_seats_used()``.
    seats_used: int

    class Meta:
        verbose_name = _("سازمان")
        verbose_name_plural = _("سازمان‌ها")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def domains(self) -> list[str]:
        return [d.strip().lower().lstrip("@") for d in self.email_domains.split(",") if d.strip()]

    @property
    def has_access_today(self) -> bool:
        return period_covers(self.access_starts_on, self.access_ends_on, timezone.localdate())


class Membership(models.Model):
    class Role(models.TextChoices):
        MANAGER = "manager", _("مدیر")
        MEMBER = "member", _("عضو")

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("سازمان"), on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("کاربر"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("نقش"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    joined_at = models.DateTimeField(_("تاریخ عضویت"), default=timezone.now)

    class Meta:
        verbose_name = _("عضویت سازمانی")
        verbose_name_plural = _("عضویت‌های سازمانی")
        constraints = [models.UniqueConstraint(fields=["organisation", "user"], name="membership_unique")]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation}"

    @property
    def is_manager(self) -> bool:
        return self.role == self.Role.MANAGER


class Plan(models.Model):
    """A subscription plan shown on the guide page. No online payment yet: people ask for one."""

    name = models.CharField(_("نام طرح"), max_length=100, unique=True)
    duration_days = models.PositiveIntegerField(_("مدت (روز)"))
    price_toman = models.PositiveIntegerField(_("قیمت (تومان)"))
    description = models.TextField(_("توضیح"), blank=True)
    is_active = models.BooleanField(_("فعال"), default=True)
    position = models.PositiveSmallIntegerField(_("ترتیب"), default=0)

    class Meta:
        verbose_name = _("طرح اشتراک")
        verbose_name_plural = _("طرح‌های اشتراک")
        ordering = ["position", "duration_days", "id"]

    def __str__(self) -> str:
        return self.name


class SubscriptionQuerySet(models.QuerySet):
    def current_and_future(self, day: dt.date | None = None) -> SubscriptionQuerySet:
        day = day or timezone.localdate()
        return self.filter(ends_on__gte=day)


class Subscription(models.Model):
    """A span of full access for one user, inclusive of both dates (Tehran calendar days)."""

    class Source(models.TextChoices):
        ADMIN = "admin", _("اعطای سردبیری")
        ORGANISATION = "organisation", _("سازمان")
        CONTRIBUTION = "contribution", _("اعتبار رصد")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("کاربر"), on_delete=models.CASCADE, related_name="subscriptions"
    )
    plan = models.ForeignKey(
        Plan, verbose_name=_("طرح"), on_delete=models.SET_NULL, null=True, blank=True, related_name="subscriptions"
    )
    starts_on = models.DateField(_("آغاز"), default=timezone.localdate)
    ends_on = models.DateField(_("پایان"))
    source = models.CharField(_("منبع"), max_length=20, choices=Source.choices, default=Source.ADMIN)
    note = models.CharField(_("یادداشت"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("ایجاد"), auto_now_add=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        verbose_name = _("اشتراک")
        verbose_name_plural = _("اشتراک‌ها")
        ordering = ["-ends_on", "-id"]
        indexes = [models.Index(fields=["user", "ends_on"], name="subscription_user_end_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="subscription_dates_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_source_display()})"


class Invitation(models.Model):
    """A manager's invitation of an existing account into an organisation; it holds a seat."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("سازمان"), on_delete=models.CASCADE, related_name="invitations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("کاربر"), on_delete=models.CASCADE, related_name="invitations"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("دعوت‌کننده"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("ایجاد"), auto_now_add=True)

    class Meta:
        verbose_name = _("دعوت‌نامه")
        verbose_name_plural = _("دعوت‌نامه‌ها")
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["organisation", "user"], name="invitation_unique")]

    def __str__(self) -> str:
        return f"{self.user} → {self.organisation}"


class AccessTokenQuerySet(models.QuerySet):
    def active(self) -> AccessTokenQuerySet:
        return self.filter(revoked_at__isnull=True)


class AccessToken(models.Model):
    """A reader's personal access token for the API (``Authorization: Bearer …``).

    Only a SHA-256 digest of the token is stored; the token itself is shown once, when it is made
    (``rasad.access.tokens.token_create``). ``prefix`` (the first characters) lets the reader tell
    tokens apart on the profile page.
    """

    class Scope(models.TextChoices):
        READ = "read", _("فقط خواندن")
        WRITE = "write", _("خواندن و نوشتن")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("کاربر"), on_delete=models.CASCADE, related_name="access_tokens"
    )
    name = models.CharField(_("نام"), max_length=100)
    scope = models.CharField(_("دامنه"), max_length=10, choices=Scope.choices, default=Scope.READ)
    prefix = models.CharField(_("آغاز توکن"), max_length=16)
    digest = models.CharField(_("چکیدهٔ توکن"), max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("ساخته‌شده"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("آخرین استفاده"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("باطل‌شده"), null=True, blank=True)

    objects = AccessTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("توکن دسترسی")
        verbose_name_plural = _("توکن‌های دسترسی")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def can_write(self) -> bool:
        return self.scope == self.Scope.WRITE

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


# The audit log (django-auditlog, admin → «ورودی‌های گزارش»): who granted, extended or revoked
# access, changed seats or managers, created or revoked an API token, and when. Read-only in the admin.
# https://django-auditlog.readthedocs.io/en/latest/usage.html
auditlog.register(Subscription)
auditlog.register(Organisation, include_fields=["name", "seats", "access_starts_on", "access_ends_on"])
auditlog.register(Membership)
auditlog.register(Invitation)
auditlog.register(AccessToken, include_fields=["user", "name", "scope", "prefix", "revoked_at"])


class AuditEvent(models.Model):
    """A privileged act that changes no other audited row: an import run, an export of team data.

    Each one is written once, by ``rasad.access.audit.record``, which puts its «ایجاد» entry on
    the same audit log (django-auditlog), with the actor and the details as additional data.
    """

    class Kind(models.TextChoices):
        IMPORT = "import", _("ورود مقاله‌ها")
        EXPORT = "export", _("خروجی داده‌های تیم")

    kind = models.CharField(_("نوع"), max_length=16, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("انجام‌دهنده"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Who, when there is no user: «خط فرمان (OS user)», the feed fetcher.
    actor_label = models.CharField(_("انجام‌دهنده (بی‌کاربر)"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("سازمان"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    summary = models.CharField(_("خلاصه"), max_length=500)
    details = models.JSONField(_("جزئیات"), default=dict, blank=True)
    created_at = models.DateTimeField(_("زمان"), auto_now_add=True)

    class Meta:
        verbose_name = _("رویداد ممیزی")
        verbose_name_plural = _("رویدادهای ممیزی")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.summary

    def get_additional_data(self) -> dict:
        """Read by django-auditlog when it writes this event's entry."""
        return {"kind": self.kind, "actor": self.actor_label, **self.details}
