"""Reading figures: counts per article, day and kind, and nothing about who.

``DailyCount`` is what the dashboard reads; it is rebuilt for a day from the buffer
(``rasad.insights.buffer``) by ``fold_reading_stats``. No IP address, session or reader is
stored here, only how many.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from rasad.articles.models import Article


class Metric(models.TextChoices):
    VIEW_ANONYMOUS = "view_anon", _("بازدید خوانندهٔ ناشناس")
    VIEW_READER = "view_reader", _("بازدید خوانندهٔ بی‌دسترسی")
    VIEW_SUBSCRIBER = "view_sub", _("بازدید خوانندهٔ دارای دسترسی")
    FULL_READ = "full", _("خواندن متن کامل")
    GATE_VIEW = "gate", _("دیدن دروازهٔ اشتراک")
    GATE_CLICK = "gate_click", _("کلیک روی «دریافت اشتراک»")
    SIGNUP_AFTER_GATE = "signup", _("ثبت‌نام پس از دیدن دروازه")
    CONTRIBUTION_AFTER_GATE = "contrib", _("رصد فرستاده‌شده پس از دیدن دروازه")


VIEW_METRICS = (Metric.VIEW_ANONYMOUS, Metric.VIEW_READER, Metric.VIEW_SUBSCRIBER)


class DailyCount(models.Model):
    day = models.DateField(_("روز"))
    article = models.ForeignKey(Article, verbose_name=_("مقاله"), on_delete=models.CASCADE, related_name="+")
    metric = models.CharField(_("شاخص"), max_length=12, choices=Metric.choices)
    count = models.PositiveIntegerField(_("شمار"), default=0)

    class Meta:
        verbose_name = _("شمار روزانه")
        verbose_name_plural = _("شمارهای روزانه")
        constraints = [models.UniqueConstraint(fields=["day", "article", "metric"], name="daily_count_unique")]
        indexes = [models.Index(fields=["day", "metric"], name="daily_count_day_idx")]

    def __str__(self) -> str:
        return f"{self.day} {self.article_id} {self.metric}={self.count}"


class PendingView(models.Model):
    """The buffer when there is no Redis (one process, SQLite): one row per distinct
    visitor-article-kind of a day, under a daily salted hash; emptied once the day is folded."""

    day = models.DateField()
    member = models.CharField(max_length=120)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["day", "member"], name="pending_view_unique")]

    def __str__(self) -> str:
        return f"{self.day} {self.member}"
