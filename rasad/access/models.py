"""Organisations and their members. Plans, subscriptions and contributions join them here.

The gate itself (who may read full text) lives in ``rasad.access.policy``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


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

    class Meta:
        verbose_name = _("سازمان")
        verbose_name_plural = _("سازمان‌ها")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def domains(self) -> list[str]:
        return [d.strip().lower().lstrip("@") for d in self.email_domains.split(",") if d.strip()]

    def has_access_on(self, day=None) -> bool:
        day = day or timezone.localdate()
        if not self.access_starts_on or not self.access_ends_on:
            return False
        return self.access_starts_on <= day <= self.access_ends_on


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
