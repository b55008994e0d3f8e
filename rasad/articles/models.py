"""Think tanks, authors, topics and the articles Rasad's editors summarise."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from rasad.core.html import sanitise_html
from rasad.core.users import Reader, is_editor


class PrivateStorage(FileSystemStorage):
    """Files that have no URL at all: a template or API that asks for one fails loudly."""

    def url(self, name: str | None) -> str:
        raise ValueError("private files have no URL; serve them through a gated view")


def private_documents() -> FileSystemStorage:
    """Where original PDFs live: outside MEDIA_ROOT and with no URL, so the only way to one is the
    gated download view (``rasad.articles.views.article_pdf``)."""
    return PrivateStorage(location=settings.RASAD_PRIVATE_MEDIA_ROOT)


def persian_slug(text: str, max_length: int = 200) -> str:
    """A readable Unicode slug: half-spaces become hyphens instead of gluing words together."""
    slug = slugify(text.replace("\u200c", "-"), allow_unicode=True)[:max_length].strip("-")
    return slug or "item"


class SluggedModel(models.Model):
    """Fills an empty slug from ``name`` (or ``title``) and keeps it unique."""

    slug: models.SlugField
    slug_source = "name"

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.slug:
            base = persian_slug(getattr(self, self.slug_source))
            slug, n = base, 2
            others = type(self)._default_manager.exclude(pk=self.pk)
            while others.filter(**{"slug": slug}).exists():
                slug = f"{base}-{n}"
                n += 1
            self.slug = slug
        super().save(*args, **kwargs)


class LinkStatus(models.TextChoices):
    """What the last checks of a link said. "unknown" (timeouts, refused connections) becomes
    "dead" only after ``LINK_FAILURES_BEFORE_DEAD`` failures in a row; an HTTP 404/410 is dead at once."""

    UNCHECKED = "unchecked", _("بررسی نشده")
    OK = "ok", _("در دسترس")
    UNKNOWN = "unknown", _("نامعلوم")
    DEAD = "dead", _("در دسترس نیست")


LINK_FAILURES_BEFORE_DEAD = 3


class ThinkTankManager(models.Manager["ThinkTank"]):
    def get_by_natural_key(self, name: str) -> ThinkTank:
        return self.get(name=name)

    def profiled(
        self, *, country: str = "", orientation: str = "", founded_after: int | None = None
    ) -> models.QuerySet[ThinkTank]:
        """Think tanks matching the profile filters (empty ones match all), by name."""
        found = self.get_queryset()
        if country:
            found = found.filter(country=country.strip())
        if orientation:
            found = found.filter(orientation=orientation.strip())
        if founded_after:
            found = found.filter(founded_year__gte=founded_after)
        return found.order_by("name")

    def facets(self) -> dict[str, list[str]]:
        """The countries and orientations there are, for the filter's choices."""

        def distinct(field: str) -> list[str]:
            return list(self.exclude(**{field: ""}).order_by(field).values_list(field, flat=True).distinct())

        return {"countries": distinct("country"), "orientations": distinct("orientation")}


class AuthorManager(models.Manager["Author"]):
    def get_by_natural_key(self, slug: str) -> Author:
        return self.get(slug=slug)


class ThinkTank(SluggedModel):
    name = models.CharField(_("نام فارسی"), max_length=200, unique=True)
    name_original = models.CharField(_("نام اصلی"), max_length=200, blank=True)
    slug = models.SlugField(_("نامک"), max_length=220, unique=True, allow_unicode=True, blank=True)
    country = models.CharField(_("کشور"), max_length=100, blank=True)
    website = models.URLField(_("وب‌سایت"), blank=True)
    feed_url = models.URLField(_("نشانی خوراک (RSS/Atom)"), blank=True)
    description = models.TextField(_("معرفی"), blank=True)
    # The profile analysts ask about.
    orientation = models.CharField(
        _("گرایش"), max_length=100, blank=True, help_text=_("مثلاً محافظه‌کار، لیبرال، میانه.")
    )
    founded_year = models.PositiveSmallIntegerField(_("سال تأسیس (میلادی)"), null=True, blank=True)
    funding_sources = models.TextField(_("منابع مالی"), blank=True)
    funding_source_url = models.URLField(_("منبع اطلاعات مالی"), max_length=1000, blank=True)
    # Link health of the feed (``rasad.insights.links``).
    feed_status = models.CharField(
        _("وضعیت خوراک"), max_length=10, choices=LinkStatus.choices, default=LinkStatus.UNCHECKED
    )
    feed_checked_at = models.DateTimeField(_("آخرین بررسی خوراک"), null=True, blank=True)
    feed_failures = models.PositiveSmallIntegerField(_("خطاهای پیاپی خوراک"), default=0)

    # Fixtures name think tanks by their (unique) Persian name.
    objects = ThinkTankManager()

    class Meta:
        verbose_name = _("اندیشکده")
        verbose_name_plural = _("اندیشکده‌ها")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("articles:think_tank", args=[self.slug])

    def natural_key(self) -> tuple[str]:
        return (self.name,)


class Author(SluggedModel):
    name = models.CharField(_("نام"), max_length=200)
    slug = models.SlugField(_("نامک"), max_length=220, unique=True, allow_unicode=True, blank=True)
    think_tank = models.ForeignKey(
        ThinkTank,
        verbose_name=_("اندیشکده"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="authors",
    )

    # Fixtures name authors by slug: two authors may share a name, never a slug.
    objects = AuthorManager()

    class Meta:
        verbose_name = _("نویسنده")
        verbose_name_plural = _("نویسندگان")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("articles:author", args=[self.slug])

    def natural_key(self) -> tuple[str]:
        return (self.slug,)


class Topic(SluggedModel):
    name = models.CharField(_("نام"), max_length=100, unique=True)
    slug = models.SlugField(_("نامک"), max_length=120, unique=True, allow_unicode=True, blank=True)

    class Meta:
        verbose_name = _("موضوع")
        verbose_name_plural = _("موضوع‌ها")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("articles:topic", args=[self.slug])


class ArticleQuerySet(models.QuerySet["Article"]):
    """Reads of articles. "May this user see that this article exists" is decided here and in
    ``Article.is_visible_to``, the same rule for one row, and nowhere else."""

    def published(self) -> ArticleQuerySet:
        """What everyone may see: published and dated today or earlier (Tehran calendar day)."""
        return self.filter(status=Article.Status.PUBLISHED, published_on__lte=timezone.localdate())

    def visible_to(self, user: Reader) -> ArticleQuerySet:
        """The articles ``user`` may see: the published ones, or every article for editors."""
        return self.all() if is_editor(user) else self.published()

    def for_cards(self) -> ArticleQuerySet:
        """Everything a feed card shows, in a constant number of queries."""
        return self.select_related("think_tank", "observer_user").prefetch_related("authors", "topics")

    def for_feed(self) -> ArticleQuerySet:
        return self.published().for_cards().order_by("-published_on", "-id")

    def editors_choice(self) -> ArticleQuerySet:
        return self.published().filter(editors_choice_rank__isnull=False).order_by("editors_choice_rank", "-id")


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("پیش‌نویس")
        PUBLISHED = "published", _("منتشرشده")

    title = models.CharField(_("عنوان"), max_length=300)
    slug = models.SlugField(_("نامک"), max_length=220, allow_unicode=True, blank=True)
    summary = models.TextField(_("خلاصه (عمومی)"), help_text=_("پیش‌نمایشی که همه می‌بینند."))
    body = models.TextField(_("متن کامل"), blank=True, help_text=_("فقط مشترکان متن کامل را می‌بینند."))
    source_url = models.URLField(_("لینک منبع اصلی"), max_length=1000, unique=True)
    think_tank = models.ForeignKey(
        ThinkTank,
        verbose_name=_("اندیشکده"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="articles",
    )
    authors = models.ManyToManyField(Author, verbose_name=_("نویسندگان"), blank=True, related_name="articles")
    observer_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("رصدگر (کاربر)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="observed_articles",
    )
    observer_name = models.CharField(
        _("رصدگر (نام)"), max_length=200, blank=True, help_text=_("وقتی رصدگر کاربر سایت نیست.")
    )
    topics = models.ManyToManyField(Topic, verbose_name=_("موضوع‌ها"), blank=True, related_name="articles")
    published_on = models.DateField(_("تاریخ انتشار"), default=timezone.localdate, db_index=True)
    status = models.CharField(_("وضعیت"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    open_access = models.BooleanField(_("دسترسی آزاد"), default=False, help_text=_("متن کامل برای همه باز است."))
    editors_choice_rank = models.PositiveSmallIntegerField(
        _("رتبه در انتخاب سردبیر"),
        null=True,
        blank=True,
        help_text=_("خالی یعنی در انتخاب سردبیر نیست؛ عدد کمتر بالاتر می‌نشیند."),
    )
    # Bumped whenever summary or body changes, so annotations know which text they were made on.
    revision = models.PositiveIntegerField(_("ویرایش"), default=1, editable=False)
    # The source in its own language.
    title_original = models.CharField(_("عنوان به زبان اصلی"), max_length=500, blank=True)
    abstract_original = models.TextField(_("چکیده به زبان اصلی"), blank=True)
    language = models.CharField(_("زبان اصلی"), max_length=20, blank=True, help_text=_("مثلاً en یا fr."))
    # The original document: full text, so only ``article_pdf`` (through the gate) serves it.
    pdf = models.FileField(_("سند اصلی (PDF)"), storage=private_documents, upload_to="pdf/%Y/%m/", blank=True)
    pdf_pages = models.PositiveIntegerField(_("شمار صفحه‌های PDF"), null=True, blank=True, editable=False)
    pdf_size = models.PositiveBigIntegerField(_("حجم PDF (بایت)"), null=True, blank=True, editable=False)
    pdf_text = models.TextField(_("متن PDF"), blank=True, editable=False)
    # Link health of source_url (``rasad.insights.links``).
    source_status = models.CharField(
        _("وضعیت لینک منبع"), max_length=10, choices=LinkStatus.choices, default=LinkStatus.UNCHECKED
    )
    source_checked_at = models.DateTimeField(_("آخرین بررسی لینک منبع"), null=True, blank=True)
    source_failures = models.PositiveSmallIntegerField(_("خطاهای پیاپی لینک منبع"), default=0)
    source_http_status = models.PositiveSmallIntegerField(_("پاسخ HTTP منبع"), null=True, blank=True)
    source_final_url = models.URLField(_("نشانی نهایی منبع (پس از تغییر مسیر)"), max_length=1000, blank=True)
    created_at = models.DateTimeField(_("ایجاد"), auto_now_add=True)
    updated_at = models.DateTimeField(_("به‌روزرسانی"), auto_now=True)

    objects = ArticleQuerySet.as_manager()
    # What a card shows besides the article: a machine suggestion among similar articles
    # (``selectors.similar_articles``), a search result's highlighted snippet (search).
    is_suggestion = False
    search_snippet: str | None = None

    class Meta:
        verbose_name = _("مقاله")
        verbose_name_plural = _("مقاله‌ها")
        ordering = ["-published_on", "-id"]
        indexes = [
            # The feed: published articles, newest first.
            models.Index(fields=["status", "-published_on", "-id"], name="article_feed_idx"),
            # A think tank's page: its published articles, newest first, without walking the whole feed.
            models.Index(fields=["think_tank", "status", "-published_on", "-id"], name="article_think_tank_feed_idx"),
            models.Index(
                fields=["editors_choice_rank"],
                name="article_choice_idx",
                condition=Q(editors_choice_rank__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.slug:
            self.slug = persian_slug(self.title, 200)
        # Whatever the channel (admin, import, contribution), stored body HTML is sanitised.
        self.body = sanitise_html(self.body)
        if self.pk:
            old = Article.objects.filter(pk=self.pk).values("summary", "body").first()
            if old and (old["summary"] != self.summary or old["body"] != self.body):
                self.revision += 1
                update_fields = kwargs.get("update_fields")
                if update_fields is not None:
                    kwargs["update_fields"] = {*update_fields, "revision"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("articles:detail", args=[self.pk, self.slug])

    @property
    def summary_before_body(self) -> str:
        """The summary as a reader of the full text sees it, just above that text.

        A public summary often ends with the first words of the full text, cut off with «…».
        When the full text starts with that fragment, the fragment is dropped here, so a reader
        with access does not read the same sentence twice.
        """
        summary = self.summary.rstrip()
        if not summary.endswith(("…", "...")):
            return self.summary
        cut = max(summary.rfind(mark) for mark in (".", "؟", "!", "\n"))
        fragment = summary[cut + 1 :].rstrip(".…").strip()
        body_start = " ".join(strip_tags(self.body).split())[: len(fragment) + 20]
        if cut < 0 or len(fragment) < 8 or not body_start.startswith(" ".join(fragment.split())):
            return self.summary
        return summary[: cut + 1]

    @property
    def source_is_dead(self) -> bool:
        return self.source_status == LinkStatus.DEAD

    @property
    def observer_display(self) -> str:
        user = self.observer_user if self.observer_user_id else None
        if user is not None:
            return user.get_full_name() or user.get_username()
        return self.observer_name

    @property
    def is_public(self) -> bool:
        """``ArticleQuerySet.published()`` for one article: everyone may see it exists."""
        return self.status == self.Status.PUBLISHED and self.published_on <= timezone.localdate()

    def is_visible_to(self, user: Reader) -> bool:
        """``ArticleQuerySet.visible_to(user)`` for one article."""
        return self.is_public or is_editor(user)


class SimilarLink(models.Model):
    """An editor's link between two related articles; shown on both articles' pages."""

    from_article = models.ForeignKey(
        Article, verbose_name=_("مقاله"), on_delete=models.CASCADE, related_name="similar_links"
    )
    to_article = models.ForeignKey(
        Article, verbose_name=_("مقاله مشابه"), on_delete=models.CASCADE, related_name="similar_backlinks"
    )
    position = models.PositiveSmallIntegerField(_("ترتیب"), default=0)

    class Meta:
        verbose_name = _("مقاله مشابه")
        verbose_name_plural = _("مقاله‌های مشابه")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["from_article", "to_article"], name="similar_link_unique"),
            models.CheckConstraint(condition=~Q(from_article=models.F("to_article")), name="similar_link_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.from_article} ↔ {self.to_article}"


class SimilarSuggestion(models.Model):
    """A machine suggestion that ``suggested`` is related to ``article``, with the reasons why.

    Computed by ``rasad.articles.similarity`` when an article is saved in the admin or imported;
    an editor accepts one with a click, which turns it into a ``SimilarLink``.
    """

    REASON_TOPIC = "topic"
    REASON_THINK_TANK = "think_tank"
    REASON_AUTHOR = "author"
    REASON_TEXT = "text"
    REASON_LABELS = {
        REASON_TOPIC: _("موضوع مشترک"),
        REASON_THINK_TANK: _("همان اندیشکده"),
        REASON_AUTHOR: _("نویسندهٔ مشترک"),
        REASON_TEXT: _("متن مشابه"),
    }

    article = models.ForeignKey(
        Article, verbose_name=_("مقاله"), on_delete=models.CASCADE, related_name="similar_suggestions"
    )
    suggested = models.ForeignKey(
        Article, verbose_name=_("پیشنهاد"), on_delete=models.CASCADE, related_name="suggested_for"
    )
    score = models.FloatField(_("امتیاز"), default=0)
    reasons = models.JSONField(_("دلیل‌ها"), default=list, blank=True)
    created_at = models.DateTimeField(_("ایجاد"), auto_now_add=True)

    class Meta:
        verbose_name = _("پیشنهاد مقالهٔ مشابه")
        verbose_name_plural = _("پیشنهادهای مقالهٔ مشابه")
        ordering = ["-score", "id"]
        constraints = [
            models.UniqueConstraint(fields=["article", "suggested"], name="similar_suggestion_unique"),
            models.CheckConstraint(condition=~Q(article=models.F("suggested")), name="similar_suggestion_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.article} → {self.suggested}"

    @property
    def reason_labels(self) -> list[str]:
        return [str(self.REASON_LABELS.get(reason, reason)) for reason in self.reasons]
