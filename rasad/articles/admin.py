"""The editors' desk: think tanks, authors, topics and articles, in Persian with Jalali dates.

On an article's change page, the suggested similar articles with their reasons and a one-click
«پذیرفتن» (a POST with the change form's CSRF token) that makes a suggestion a curated
``SimilarLink``; suggestions are recomputed after every save, once the many-to-many fields are
saved. Import and export are added by ``rasad.imports.admin``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import filesizeformat
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from rasad.articles.documents import apply_pdf_facts, read_pdf
from rasad.articles.models import Article, Author, SimilarLink, SimilarSuggestion, ThinkTank, Topic
from rasad.articles.similarity import accept_suggestion, refresh_suggestions
from rasad.core.admin import JalaliAdminMixin, TolerantAutocompleteAdminMixin, jalali
from rasad.core.digits import to_persian_digits

SUGGESTIONS_FIELD = "similar_suggestions_panel"


@admin.register(ThinkTank)
class ThinkTankAdmin(admin.ModelAdmin):
    list_display = ["name", "name_original", "country", "orientation", "founded_year", "feed_status", "article_count"]
    search_fields = ["name", "name_original", "funding_sources"]
    list_filter = ["country", "orientation", "feed_status"]
    ordering = ["name"]  # Meta.ordering is dropped once the article count groups the query.
    fields = [
        "name", "name_original", "slug", "country", "orientation", "founded_year", "website", "feed_url",
        "description", "funding_sources", "funding_source_url", "feed_status", "feed_checked_at",
    ]  # fmt: skip
    readonly_fields = ["feed_status", "feed_checked_at"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[ThinkTank]:
        return super().get_queryset(request).annotate(_article_count=Count("articles"))

    @admin.display(description=_("تعداد مقاله"), ordering="_article_count")
    def article_count(self, obj: ThinkTank) -> str:
        return to_persian_digits(obj._article_count)  # type: ignore[attr-defined]  # get_queryset's annotation


@admin.register(Author)
class AuthorAdmin(TolerantAutocompleteAdminMixin, admin.ModelAdmin):
    list_display = ["name", "think_tank"]
    list_select_related = ["think_tank"]
    search_fields = ["name"]
    list_filter = ["think_tank"]
    autocomplete_fields = ["think_tank"]


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]


class SimilarLinkInline(TolerantAutocompleteAdminMixin, admin.TabularInline):
    """The editor's ordered list of similar articles; each link shows on both articles' pages."""

    model = SimilarLink
    fk_name = "from_article"
    fields = ["position", "to_article"]
    autocomplete_fields = ["to_article"]
    ordering = ["position", "id"]
    extra = 1
    verbose_name = _("مقاله مشابه")
    verbose_name_plural = _("مقاله‌های مشابه (به ترتیب نمایش؛ در صفحهٔ هر دو مقاله دیده می‌شوند)")


class EditorsChoiceFilter(admin.SimpleListFilter):
    title = _("انتخاب سردبیر")
    parameter_name = "choice"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, Any]]:
        return [("yes", _("در انتخاب سردبیر")), ("no", _("خارج از انتخاب سردبیر"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Article]) -> QuerySet[Article]:
        if self.value() == "yes":
            return queryset.filter(editors_choice_rank__isnull=False)
        if self.value() == "no":
            return queryset.filter(editors_choice_rank__isnull=True)
        return queryset


class _StoredDocument:
    """A stored PDF as the file widget shows it: its name, linked to the gated download."""

    def __init__(self, name: str, url: str) -> None:
        self.name, self.url = name, url

    def __str__(self) -> str:
        return self.name


class GatedFileInput(forms.ClearableFileInput):
    """The file widget for private files, which have no media URL: links to the gated view."""

    def is_initial(self, value: Any) -> bool:
        return bool(value)

    def get_context(self, name: str, value: Any, attrs: Any) -> dict[str, Any]:
        if value and getattr(value, "instance", None) is not None and value.instance.pk:
            value = _StoredDocument(value.name, reverse("articles:pdf", args=[value.instance.pk]))
        return super().get_context(name, value, attrs)


class ArticleAdminForm(forms.ModelForm):
    class Meta:
        model = Article
        # The admin builds the form from ArticleAdmin.fieldsets; this names only what is set here.
        fields = ["pdf"]
        widgets = {"pdf": GatedFileInput}

    def clean_pdf(self) -> Any:
        """An uploaded PDF is read here (refused with a Persian message when it must be), so its page
        count, size and text are stored with it."""
        upload = self.cleaned_data.get("pdf")
        if upload is False:  # «پاک کردن» ticked
            apply_pdf_facts(self.instance, None)
        elif upload and upload is not self.instance.pdf:
            upload.seek(0)
            apply_pdf_facts(self.instance, read_pdf(upload.read()))
            upload.seek(0)
        return upload


@admin.register(Article)
class ArticleAdmin(TolerantAutocompleteAdminMixin, JalaliAdminMixin, admin.ModelAdmin):
    form = ArticleAdminForm
    list_display = [
        "title",
        "editors_choice_rank",
        "think_tank",
        "published_jalali",
        "status",
        "open_access",
    ]
    list_display_links = ["title"]
    list_editable = ["editors_choice_rank"]
    list_filter = [
        "status",
        EditorsChoiceFilter,
        "open_access",
        "source_status",
        "think_tank",
        "topics",
        "published_on",
    ]
    list_select_related = ["think_tank"]
    list_per_page = 50
    search_fields = ["title", "summary", "source_url", "authors__name", "think_tank__name", "observer_name"]
    search_help_text = _("در عنوان، خلاصه، لینک منبع، نام نویسنده، اندیشکده یا رصدگر")
    autocomplete_fields = ["think_tank", "authors", "topics", "observer_user"]
    readonly_fields = [
        "revision", "linked_from", "created_at", "updated_at", "pdf_facts",
        "source_status", "source_http_status", "source_final_url", "source_checked_at",
    ]  # fmt: skip
    inlines = [SimilarLinkInline]
    actions = ["add_to_editors_choice", "remove_from_editors_choice", "publish", "unpublish"]
    save_on_top = True

    class Media:
        css = {"all": ["css/admin.css"]}

    fieldsets = [
        (None, {"fields": ["title", "slug", "status", "published_on", "source_url"]}),
        (_("منبع و پدیدآورندگان"), {"fields": ["think_tank", "authors", "observer_user", "observer_name", "topics"]}),
        (_("متن"), {"fields": ["summary", "body", "open_access"]}),
        (
            _("سند اصلی و زبان اصلی"),
            {"fields": ["pdf", "pdf_facts", "title_original", "abstract_original", "language"]},
        ),
        (
            _("سلامت لینک منبع"),
            {"fields": ["source_status", "source_http_status", "source_final_url", "source_checked_at"]},
        ),
        (_("انتخاب سردبیر و پیوندها"), {"fields": ["editors_choice_rank", "linked_from"]}),
        (_("سابقه"), {"fields": ["revision", "created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    @admin.display(description=_("تاریخ انتشار"), ordering="published_on")
    def published_jalali(self, obj: Article) -> str:
        return jalali(obj.published_on)

    @admin.display(description=_("صفحه و حجم PDF"))
    def pdf_facts(self, obj: Article) -> str:
        if not obj.pdf_pages:
            return "—"
        return gettext("%(pages)s صفحه، %(size)s") % {
            "pages": to_persian_digits(obj.pdf_pages),
            "size": to_persian_digits(filesizeformat(obj.pdf_size or 0)),
        }

    @admin.display(description=_("مقاله‌هایی که به این مقاله پیوند داده‌اند"))
    def linked_from(self, obj: Article) -> str:
        links = obj.similar_backlinks.select_related("from_article") if obj.pk else []
        if not links:
            return "—"
        return format_html(
            "<ul>{}</ul>",
            format_html_join("", "<li>{}</li>", ((link.from_article.title,) for link in links)),
        )

    @admin.action(description=_("افزودن به انتخاب سردبیر"))
    def add_to_editors_choice(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        # New picks go to the end of the list, in the order the editor sees them.
        last = Article.objects.aggregate(last=Max("editors_choice_rank"))["last"] or 0
        added = 0
        for article in queryset.filter(editors_choice_rank__isnull=True).order_by("-published_on", "-id"):
            last += 1
            article.editors_choice_rank = last
            article.save(update_fields=["editors_choice_rank", "updated_at"])
            added += 1
        self.message_user(
            request,
            to_persian_digits(
                ngettext("%(n)d مقاله به انتخاب سردبیر افزوده شد.", "%(n)d مقاله به انتخاب سردبیر افزوده شد.", added)
                % {"n": added}
            ),
            messages.SUCCESS,
        )

    @admin.action(description=_("برداشتن از انتخاب سردبیر"))
    def remove_from_editors_choice(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        removed = queryset.filter(editors_choice_rank__isnull=False).update(editors_choice_rank=None)
        self.message_user(
            request,
            to_persian_digits(
                ngettext(
                    "%(n)d مقاله از انتخاب سردبیر برداشته شد.", "%(n)d مقاله از انتخاب سردبیر برداشته شد.", removed
                )
                % {"n": removed}
            ),
            messages.SUCCESS,
        )

    @admin.action(description=_("انتشار"))
    def publish(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        count = queryset.filter(~Q(status=Article.Status.PUBLISHED)).update(status=Article.Status.PUBLISHED)
        self.message_user(
            request, to_persian_digits(ngettext("%(n)d مقاله منتشر شد.", "%(n)d مقاله منتشر شد.", count) % {"n": count})
        )

    @admin.action(description=_("بازگرداندن به پیش‌نویس"))
    def unpublish(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        count = queryset.filter(status=Article.Status.PUBLISHED).update(status=Article.Status.DRAFT)
        self.message_user(
            request,
            to_persian_digits(
                ngettext("%(n)d مقاله به پیش‌نویس برگشت.", "%(n)d مقاله به پیش‌نویس برگشت.", count) % {"n": count}
            ),
        )

    # --- suggestions on the change page -----------------------------------------------------

    def get_readonly_fields(self, request: HttpRequest, obj: Article | None = None) -> list[str]:
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None and SUGGESTIONS_FIELD not in readonly:
            readonly.append(SUGGESTIONS_FIELD)
        return readonly

    def get_fieldsets(self, request: HttpRequest, obj: Article | None = None) -> Any:
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj is None:
            return fieldsets
        listed = {name for _, options in fieldsets for name in _flatten(options.get("fields", ()))}
        if SUGGESTIONS_FIELD in listed:
            # get_fields() put it at the end of the first fieldset; give it its own section instead.
            fieldsets = [
                (title, {**options, "fields": [f for f in options["fields"] if f != SUGGESTIONS_FIELD]})
                for title, options in fieldsets
            ]
        return [*fieldsets, (_("مقاله‌های مشابه پیشنهادی"), {"fields": [SUGGESTIONS_FIELD]})]

    @staticmethod
    def _suggestions(obj: Article) -> QuerySet[SimilarSuggestion]:
        return (
            SimilarSuggestion.objects.filter(article=obj)
            .select_related("suggested__think_tank")
            .order_by("-score", "id")
        )

    @admin.display(description=_("پیشنهادها"))
    def similar_suggestions_panel(self, obj: Article) -> str:
        suggestions = list(self._suggestions(obj)) if obj and obj.pk else []
        if not suggestions:
            return gettext("پیشنهادی نیست؛ پس از افزودن موضوع، نویسنده یا اندیشکده دوباره ذخیره کنید.")
        rows = format_html_join(
            "",
            '<li class="similar-suggestion"><a href="{}" dir="auto">{}</a> <span class="help">{} — {}</span> '
            '<button type="submit" class="button" formmethod="post" formaction="{}" formnovalidate>{}</button></li>',
            (
                (
                    reverse(
                        f"{self.admin_site.name}:{self.model._meta.app_label}_{self.model._meta.model_name}_change",
                        args=[s.suggested_id],
                    ),
                    s.suggested.title,
                    s.suggested.think_tank.name if s.suggested.think_tank else "",
                    "، ".join(s.reason_labels),
                    reverse(
                        f"{self.admin_site.name}:articles_article_accept_suggestion",
                        args=[obj.pk, s.pk],
                    ),
                    gettext("پذیرفتن"),
                )
                for s in suggestions
            ),
        )
        return format_html('<ul class="similar-suggestions">{}</ul>', rows)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        # Topics and authors are saved only now, so suggestions are computed after them.
        refresh_suggestions(article_ids=[form.instance.pk])

    # --- accepting a suggestion -------------------------------------------------------------

    def get_urls(self) -> list[URLPattern]:
        urls = super().get_urls()
        accept = path(
            "<path:object_id>/suggestions/<int:suggestion_id>/accept/",
            self.admin_site.admin_view(require_POST(self.accept_suggestion_view)),
            name=f"{self.model._meta.app_label}_{self.model._meta.model_name}_accept_suggestion",
        )
        return [accept, *urls]

    def accept_suggestion_view(self, request: HttpRequest, object_id: str, suggestion_id: int) -> HttpResponse:
        article = self.get_object(request, object_id)
        if article is None:
            raise Http404(gettext("این مقاله پیدا نشد."))
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        suggestion = get_object_or_404(SimilarSuggestion, pk=suggestion_id, article=article)
        title = suggestion.suggested.title
        accept_suggestion(suggestion=suggestion)
        messages.success(request, gettext("«%(title)s» به مقاله‌های مشابه افزوده شد.") % {"title": title})
        return HttpResponseRedirect(
            reverse(
                f"{self.admin_site.name}:{self.model._meta.app_label}_{self.model._meta.model_name}_change",
                args=[article.pk],
            )
        )


def _flatten(names: Iterable[Any]) -> Iterator[str]:
    for name in names:
        if isinstance(name, (list, tuple)):
            yield from name
        else:
            yield name
