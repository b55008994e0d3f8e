"""Reading lists: what each reader saved, whether they read it, and named collections.

A collection is personal (``organisation`` empty, only its owner sees it) or a team collection
(every member of ``organisation`` sees it and may add to it; its owner and the organisation's
managers rename or delete it: ``rasad.access.teams``).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import User
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from rasad.access import teams
from rasad.articles.models import Article
from rasad.core.users import Reader


class SavedArticleQuerySet(models.QuerySet["SavedArticle"]):
    def of(self, user: User) -> SavedArticleQuerySet:
        """The user's saved articles, those they may still see (a saved article may be withdrawn)."""
        return self.filter(user=user, article__in=Article.objects.visible_to(user))

    def unread(self) -> SavedArticleQuerySet:
        return self.filter(read_at__isnull=True)

    def read(self) -> SavedArticleQuerySet:
        return self.filter(read_at__isnull=False)


class SavedArticle(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("کاربر"), on_delete=models.CASCADE, related_name="saved_articles"
    )
    article = models.ForeignKey(
        "articles.Article", verbose_name=_("مقاله"), on_delete=models.CASCADE, related_name="saves"
    )
    saved_at = models.DateTimeField(_("زمان ذخیره"), auto_now_add=True)
    read_at = models.DateTimeField(_("زمان خواندن"), null=True, blank=True)
    note = models.TextField(_("یادداشت خصوصی"), blank=True, max_length=5000)
    # Tags the reader brought from another service (Pocket, Instapaper, Wallabag, Omnivore). Kept
    # as a list of names, so the reading list's own tags can take them over as they are.
    labels = models.JSONField(_("برچسب‌های واردشده"), default=list, blank=True)

    objects = SavedArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("مقالهٔ ذخیره‌شده")
        verbose_name_plural = _("مقاله‌های ذخیره‌شده")
        ordering = ["-saved_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["user", "article"], name="saved_article_unique")]
        indexes = [models.Index(fields=["user", "-saved_at"], name="saved_user_recent_idx")]

    def __str__(self) -> str:
        return f"{self.user} → {self.article_id}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class CollectionQuerySet(models.QuerySet["Collection"]):
    def visible_to(self, user: Reader) -> CollectionQuerySet:
        """The user's own personal collections and the team collections of their organisations."""
        if user is None or not user.is_authenticated:
            return self.none()
        return self.filter(
            Q(organisation__isnull=True, owner=user) | Q(organisation__in=teams.organisation_ids_of(user))
        )


class Collection(models.Model):
    name = models.CharField(_("نام"), max_length=150)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("سازنده"), on_delete=models.CASCADE, related_name="collections"
    )
    organisation = teams.team_field(related_name="collections", help_text=_("خالی یعنی مجموعهٔ شخصی."))
    articles: models.ManyToManyField[Article, CollectionItem] = models.ManyToManyField(
        "articles.Article", through="CollectionItem", related_name="collections", verbose_name=_("مقاله‌ها")
    )
    created_at = models.DateTimeField(_("ایجاد"), auto_now_add=True)

    objects = CollectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("مجموعه")
        verbose_name_plural = _("مجموعه‌ها")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("library:collection", args=[self.pk])

    @property
    def is_team(self) -> bool:
        return self.organisation_id is not None


class CollectionItemQuerySet(models.QuerySet["CollectionItem"]):
    def on_articles_visible_to(self, user: Reader) -> CollectionItemQuerySet:
        return self.filter(article__in=Article.objects.visible_to(user))


class CollectionItem(models.Model):
    collection = models.ForeignKey(Collection, on_delete=models.CASCADE, related_name="items")
    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="collection_items")
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    objects = CollectionItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("مقالهٔ مجموعه")
        verbose_name_plural = _("مقاله‌های مجموعه")
        ordering = ["-added_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["collection", "article"], name="collection_item_unique")]

    def __str__(self) -> str:
        return f"{self.collection_id} ∋ {self.article_id}"


class ReaderRequest(models.Model):
    """A link readers brought from another service that is no Rasad article (yet): editors' queue.

    One row per page (``url_key`` is ``rasad.core.links.normalise_url``); each reader counts once.
    """

    class Status(models.TextChoices):
        OPEN = "open", _("در انتظار")
        ADDED = "added", _("افزوده شد")
        DISMISSED = "dismissed", _("کنار گذاشته شد")

    url_key = models.CharField(_("نشانی یکسان‌شده"), max_length=1000, unique=True)
    url = models.URLField(_("نشانی"), max_length=1000)
    title = models.CharField(_("عنوان"), max_length=300, blank=True)
    readers: models.ManyToManyField[User, ReaderRequestVote] = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="ReaderRequestVote",
        related_name="reader_requests",
        verbose_name=_("خوانندگان"),
    )
    reader_count = models.PositiveIntegerField(_("شمار خوانندگان"), default=0, db_index=True)
    status = models.CharField(_("وضعیت"), max_length=10, choices=Status.choices, default=Status.OPEN)
    first_requested_at = models.DateTimeField(_("نخستین درخواست"), auto_now_add=True)
    last_requested_at = models.DateTimeField(_("آخرین درخواست"), auto_now=True)

    class Meta:
        verbose_name = _("درخواست خواننده")
        verbose_name_plural = _("درخواست‌های خوانندگان")
        ordering = ["-reader_count", "-last_requested_at", "-id"]

    def __str__(self) -> str:
        return self.title or self.url


class ReaderRequestVote(models.Model):
    request = models.ForeignKey(ReaderRequest, on_delete=models.CASCADE, related_name="votes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["request", "user"], name="reader_request_vote_unique")]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.request_id}"
