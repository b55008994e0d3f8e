"""Alerts: saved searches and follows, what they matched, what the reader is told, and the e-mails.

Every "at most once" is a unique constraint, not a check before an insert: an article matches an
alert once (``Match``), a reader is told once (``Notification.key``), an e-mail is sent once per
key (``Email.key``: one per article and reader, one per reader and Jalali day or week), whatever
number of workers run the same task and however often it is retried.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from rasad.annotations.models import Annotation, Reply
from rasad.articles.models import Article, Author, ThinkTank, Topic


class Delivery(models.TextChoices):
    IMMEDIATE = "immediate", _("همان لحظه با ایمیل")
    DAILY = "daily", _("خلاصهٔ روزانه")
    WEEKLY = "weekly", _("خلاصهٔ هفتگی (شنبه تا جمعه)")
    APP = "app", _("فقط در رصد و خوراک خصوصی")


class Alert(models.Model):
    """A saved search (words and filters) or a follow (one think tank, author or topic)."""

    class Kind(models.TextChoices):
        SEARCH = "search", _("جست‌وجوی ذخیره‌شده")
        THINK_TANK = "think_tank", _("اندیشکده")
        AUTHOR = "author", _("نویسنده")
        TOPIC = "topic", _("موضوع")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("خواننده"), on_delete=models.CASCADE, related_name="alerts"
    )
    kind = models.CharField(_("گونه"), max_length=12, choices=Kind.choices, default=Kind.SEARCH)
    name = models.CharField(_("نام"), max_length=100)
    q = models.CharField(_("عبارت جست‌وجو"), max_length=200, blank=True)
    think_tank = models.ForeignKey(
        ThinkTank, verbose_name=_("اندیشکده"), on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    author = models.ForeignKey(
        Author, verbose_name=_("نویسنده"), on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    topic = models.ForeignKey(
        Topic, verbose_name=_("موضوع"), on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    date_from = models.DateField(_("از تاریخ"), null=True, blank=True)
    date_to = models.DateField(_("تا تاریخ"), null=True, blank=True)
    delivery = models.CharField(_("ارسال"), max_length=10, choices=Delivery.choices, default=Delivery.IMMEDIATE)
    paused = models.BooleanField(_("متوقف"), default=False)
    created_at = models.DateTimeField(_("ایجاد"), auto_now_add=True)

    class Meta:
        verbose_name = _("هشدار")
        verbose_name_plural = _("هشدارها")
        ordering = ["-created_at", "-id"]
        constraints = [
            # One follow per thing per reader.
            models.UniqueConstraint(
                fields=["user", "think_tank"], condition=Q(kind="think_tank"), name="alert_follow_think_tank"
            ),
            models.UniqueConstraint(fields=["user", "author"], condition=Q(kind="author"), name="alert_follow_author"),
            models.UniqueConstraint(fields=["user", "topic"], condition=Q(kind="topic"), name="alert_follow_topic"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("alerts:index") + f"#alert-{self.pk}"

    @property
    def is_follow(self) -> bool:
        return self.kind != self.Kind.SEARCH

    def followed(self) -> ThinkTank | Author | Topic | None:
        return {"think_tank": self.think_tank, "author": self.author, "topic": self.topic}.get(self.kind)


class Match(models.Model):
    """An article that matched an alert when it was published: once per alert and article."""

    alert = models.ForeignKey(Alert, verbose_name=_("هشدار"), on_delete=models.CASCADE, related_name="matches")
    article = models.ForeignKey(Article, verbose_name=_("مقاله"), on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(_("زمان"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("مطلب یافته")
        verbose_name_plural = _("مطالب یافته")
        constraints = [models.UniqueConstraint(fields=["alert", "article"], name="match_once_per_alert")]

    def __str__(self) -> str:
        return f"{self.alert_id} ← {self.article_id}"


class MatchedArticle(models.Model):
    """An article whose publication has been matched against every alert (so it is done once)."""

    article = models.OneToOneField(Article, on_delete=models.CASCADE, primary_key=True, related_name="+")
    matched_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("مقالهٔ سنجیده")
        verbose_name_plural = _("مقاله‌های سنجیده")

    def __str__(self) -> str:
        return str(self.article_id)


class ReaderSettings(models.Model):
    """A reader's private feed token and what they want by e-mail besides their alerts."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="alert_settings")
    feed_token = models.CharField(_("کلید خوراک خصوصی"), max_length=64, unique=True, default=secrets.token_urlsafe)
    email_conversation = models.BooleanField(_("پاسخ‌ها و نام‌بردن‌ها را ایمیل کن"), default=True)
    team_digest = models.BooleanField(_("خلاصهٔ هفتگی یادداشت‌های تیم"), default=True)

    class Meta:
        verbose_name = _("تنظیمات اعلان")
        verbose_name_plural = _("تنظیمات اعلان")

    def __str__(self) -> str:
        return str(self.user)


class ThreadMute(models.Model):
    """A reader who wants no more notifications about one team note's thread."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    annotation = models.ForeignKey(Annotation, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "annotation"], name="mute_once")]

    def __str__(self) -> str:
        return f"{self.user_id} × {self.annotation_id}"


class NotificationQuerySet(models.QuerySet["Notification"]):
    def unread(self) -> NotificationQuerySet:
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    class Kind(models.TextChoices):
        ALERT = "alert", _("هشدار")
        REPLY = "reply", _("پاسخ")
        MENTION = "mention", _("نام‌بردن")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(_("گونه"), max_length=10, choices=Kind.choices)
    # What it is about, so it is told once: "article:12", "reply:7", "note:3".
    key = models.CharField(max_length=80)
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    alert = models.ForeignKey(Alert, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    annotation = models.ForeignKey(Annotation, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    reply = models.ForeignKey(Reply, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("زمان"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("خوانده‌شده"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("اعلان")
        verbose_name_plural = _("اعلان‌ها")
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["user", "kind", "key"], name="notification_once")]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_unread_idx")]

    def __str__(self) -> str:
        return f"{self.kind} {self.key}"


class Email(models.Model):
    """One e-mail meant for one reader; ``key`` says which, so it is sent at most once."""

    class Kind(models.TextChoices):
        ARTICLE = "article", _("مطلب تازه")
        DAILY = "daily", _("خلاصهٔ روزانه")
        WEEKLY = "weekly", _("خلاصهٔ هفتگی")
        TEAM = "team", _("خلاصهٔ هفتگی تیم")
        CONVERSATION = "conversation", _("پاسخ یا نام‌بردن")

    class Status(models.TextChoices):
        PENDING = "pending", _("در صف")
        SENDING = "sending", _("در حال ارسال")
        SENT = "sent", _("فرستاده شد")
        FAILED = "failed", _("ناموفق؛ دوباره تلاش می‌شود")
        ABANDONED = "abandoned", _("رها شد")

    key = models.CharField(_("شناسه"), max_length=120, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("گیرنده"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("گونه"), max_length=14, choices=Kind.choices)
    article = models.ForeignKey(Article, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    alert = models.ForeignKey(Alert, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    notification = models.ForeignKey(Notification, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    organisation_id = models.BigIntegerField(null=True, blank=True)
    period_start = models.DateField(_("آغاز دوره"), null=True, blank=True)
    status = models.CharField(_("وضعیت"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    attempts = models.PositiveSmallIntegerField(_("تلاش‌ها"), default=0)
    last_error = models.TextField(_("آخرین خطا"), blank=True)
    next_attempt_at = models.DateTimeField(_("تلاش بعدی"), null=True, blank=True)
    subject = models.CharField(_("موضوع"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("ایجاد"), auto_now_add=True)
    sent_at = models.DateTimeField(_("ارسال"), null=True, blank=True)

    class Meta:
        verbose_name = _("ایمیل")
        verbose_name_plural = _("ایمیل‌ها")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.key
