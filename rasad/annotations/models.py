"""Highlights with an optional note, anchored with W3C Web Annotation selectors.

A note is private (its author's alone) or a team note, which belongs to one organisation chosen
when it was written: that organisation's members see it, its managers may remove it
(``rasad.access.teams``).

The anchor is a TextQuoteSelector (``exact`` with ``prefix``/``suffix``) plus a
TextPositionSelector (``start``/``end`` over the field's text content), and the article
``revision`` it was made on, so it can be re-attached after an editor fixes the text.
https://www.w3.org/TR/annotation-model/#text-quote-selector
"""

from __future__ import annotations

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from rasad.access import teams
from rasad.articles.models import Article
from rasad.core.users import Reader


class AnnotationQuerySet(models.QuerySet["Annotation"]):
    def visible_to(self, user: Reader) -> AnnotationQuerySet:
        """The user's own notes and the team notes of their organisations, on articles they may see."""
        if user is None or not user.is_authenticated:
            return self.none()
        return self.filter(
            Q(author=user) | Q(visibility=Annotation.Visibility.TEAM, organisation__in=teams.organisation_ids_of(user))
        ).on_articles_visible_to(user)

    def by_team_of(self, user: Reader) -> AnnotationQuerySet:
        """Team notes of the user's organisations (the user's own included), on articles they may see."""
        if user is None or not user.is_authenticated:
            return self.none()
        return self.filter(
            visibility=Annotation.Visibility.TEAM, organisation__in=teams.organisation_ids_of(user)
        ).on_articles_visible_to(user)

    def mine(self, user: Reader) -> AnnotationQuerySet:
        if user is None or not user.is_authenticated:
            return self.none()
        return self.filter(author=user).on_articles_visible_to(user)

    def on_articles_visible_to(self, user: Reader) -> AnnotationQuerySet:
        return self.filter(article__in=Article.objects.visible_to(user))

    def for_display(self) -> AnnotationQuerySet:
        return self.select_related("author", "article", "article__think_tank")


class Annotation(models.Model):
    class Field(models.TextChoices):
        SUMMARY = "summary", _("خلاصه")
        BODY = "body", _("متن کامل")

    class Visibility(models.TextChoices):
        PRIVATE = "private", _("خصوصی")
        TEAM = "team", _("تیم")

    article = models.ForeignKey(
        "articles.Article", verbose_name=_("مقاله"), on_delete=models.CASCADE, related_name="annotations"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("نویسنده"), on_delete=models.CASCADE, related_name="annotations"
    )
    field = models.CharField(_("بخش"), max_length=10, choices=Field.choices, default=Field.SUMMARY)
    exact = models.TextField(_("عبارت"), max_length=2000)
    prefix = models.CharField(_("پیش از عبارت"), max_length=64, blank=True)
    suffix = models.CharField(_("پس از عبارت"), max_length=64, blank=True)
    start = models.PositiveIntegerField(_("آغاز"))
    end = models.PositiveIntegerField(_("پایان"))
    revision = models.PositiveIntegerField(_("ویرایش مقاله"))
    note = models.TextField(_("یادداشت"), blank=True, max_length=5000)
    visibility = models.CharField(_("دیدپذیری"), max_length=10, choices=Visibility.choices, default=Visibility.TEAM)
    # The team a team note was written for; empty for a private note.
    organisation = teams.team_field(related_name="annotations")
    # An IRI the note is known by elsewhere (Web Annotation ``canonical``): kept as the client sent it.
    canonical = models.CharField(_("شناسهٔ اصلی (canonical)"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("ایجاد"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("به‌روزرسانی"), auto_now=True)

    objects = AnnotationQuerySet.as_manager()

    class Meta:
        verbose_name = _("یادداشت")
        verbose_name_plural = _("یادداشت‌ها")
        ordering = ["field", "start", "id"]
        indexes = [models.Index(fields=["article", "field", "start"], name="annotation_article_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="annotation_range"),
            # A team note belongs to exactly one team; a private note to none.
            models.CheckConstraint(
                condition=Q(visibility="team", organisation__isnull=False)
                | Q(visibility="private", organisation__isnull=True),
                name="annotation_team_has_organisation",
            ),
        ]

    def __str__(self) -> str:
        return f"«{self.exact[:40]}»"

    def get_absolute_url(self) -> str:
        return reverse("annotations:detail", args=[self.pk])

    @property
    def is_body(self) -> bool:
        return self.field == self.Field.BODY

    @property
    def owner_id(self) -> int:
        """Its author (``rasad.access.teams.TeamObject``)."""
        return self.author_id


# A team note removed (by its author or a manager of its team) is on the audit log with who and when.
auditlog.register(Annotation, include_fields=["author", "organisation", "visibility", "note"])


class ReplyQuerySet(models.QuerySet["Reply"]):
    def visible_to(self, user: Reader) -> ReplyQuerySet:
        """Replies under the team notes ``user`` may see (a thread has its note's audience)."""
        return self.filter(annotation__in=Annotation.objects.by_team_of(user))


class Reply(models.Model):
    """An answer under a team note: same organisation, same readers as the note."""

    annotation = models.ForeignKey(
        Annotation, verbose_name=_("یادداشت"), on_delete=models.CASCADE, related_name="replies"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("نویسنده"), on_delete=models.CASCADE, related_name="+"
    )
    text = models.TextField(_("پاسخ"), max_length=5000)
    created_at = models.DateTimeField(_("ایجاد"), auto_now_add=True, db_index=True)

    objects = ReplyQuerySet.as_manager()

    class Meta:
        verbose_name = _("پاسخ")
        verbose_name_plural = _("پاسخ‌ها")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.text[:40]

    def get_absolute_url(self) -> str:
        return reverse("annotations:detail", args=[self.annotation_id]) + f"#reply-{self.pk}"
