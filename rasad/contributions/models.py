"""Readers' observations («رصد»): sent for review, published as articles, credited with access once."""

from __future__ import annotations

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Contribution(models.Model):
    """A reader's observation, reviewed by editors; approval publishes it and grants credit."""

    class Status(models.TextChoices):
        PENDING = "pending", _("در انتظار بررسی")
        APPROVED = "approved", _("پذیرفته‌شده")
        REJECTED = "rejected", _("ردشده")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("رصدگر"), on_delete=models.CASCADE, related_name="contributions"
    )
    title = models.CharField(_("عنوان"), max_length=300)
    source_url = models.URLField(_("لینک منبع اصلی"), max_length=1000)
    think_tank = models.ForeignKey(
        "articles.ThinkTank", verbose_name=_("اندیشکده"), on_delete=models.SET_NULL, null=True, blank=True
    )
    summary = models.TextField(_("خلاصه"))
    body = models.TextField(_("متن کامل یا ترجمه"))
    topics = models.ManyToManyField(
        "articles.Topic", verbose_name=_("موضوع‌ها"), blank=True, db_table="access_contribution_topics"
    )
    status = models.CharField(_("وضعیت"), max_length=10, choices=Status.choices, default=Status.PENDING)
    rejection_reason = models.TextField(_("دلیل رد"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("بررسی‌کننده"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("زمان بررسی"), null=True, blank=True)
    article = models.OneToOneField(
        "articles.Article",
        verbose_name=_("مقالهٔ منتشرشده"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contribution",
    )
    # The access this contribution earned. One column, unique: a contribution is credited at most
    # once, and a subscription credits at most one contribution, whatever races the approval.
    credit = models.OneToOneField(
        "access.Subscription",
        verbose_name=_("اعتبار دسترسی"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contribution",
    )
    created_at = models.DateTimeField(_("ارسال"), auto_now_add=True)

    class Meta:
        # The table the model had when contributions were part of access.
        db_table = "access_contribution"
        verbose_name = _("رصد ارسالی")
        verbose_name_plural = _("رصدهای ارسالی")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title


# Approvals and rejections on the audit log (who reviewed, when; see rasad/access/models.py).
auditlog.register(Contribution, include_fields=["status", "rejection_reason", "reviewed_by", "reviewed_at"])
