"""The editors' desk: think tanks, authors, topics and articles, in Persian with Jalali dates."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import Count, Max, Q, QuerySet
from django.http import HttpRequest
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from rasad.articles.models import Article, Author, SimilarLink, ThinkTank, Topic
from rasad.core.admin import JalaliAdminMixin, jalali
from rasad.core.digits import to_persian_digits
from rasad.ingestion.admin_mixins import ArticleAdminIngestionMixin


@admin.register(ThinkTank)
class ThinkTankAdmin(admin.ModelAdmin):
    list_display = ["name", "name_original", "country", "article_count"]
    search_fields = ["name", "name_original"]
    list_filter = ["country"]
    ordering = ["name"]  # Meta.ordering is dropped once the article count groups the query.
    fields = ["name", "name_original", "slug", "country", "website", "feed_url", "description"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[ThinkTank]:
        return super().get_queryset(request).annotate(_article_count=Count("articles"))

    @admin.display(description=_("تعداد مقاله"), ordering="_article_count")
    def article_count(self, obj: ThinkTank) -> str:
        return to_persian_digits(obj._article_count)


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "think_tank"]
    list_select_related = ["think_tank"]
    search_fields = ["name"]
    list_filter = ["think_tank"]
    autocomplete_fields = ["think_tank"]


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]


class SimilarLinkInline(admin.TabularInline):
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

    def lookups(self, request, model_admin):
        return [("yes", _("در انتخاب سردبیر")), ("no", _("خارج از انتخاب سردبیر"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(editors_choice_rank__isnull=False)
        if self.value() == "no":
            return queryset.filter(editors_choice_rank__isnull=True)
        return queryset


@admin.register(Article)
class ArticleAdmin(ArticleAdminIngestionMixin, JalaliAdminMixin, admin.ModelAdmin):
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
    list_filter = ["status", EditorsChoiceFilter, "open_access", "think_tank", "topics", "published_on"]
    list_select_related = ["think_tank"]
    list_per_page = 50
    search_fields = ["title", "summary", "source_url", "authors__name", "think_tank__name", "observer_name"]
    search_help_text = _("در عنوان، خلاصه، لینک منبع، نام نویسنده، اندیشکده یا رصدگر")
    autocomplete_fields = ["think_tank", "authors", "topics", "observer_user"]
    readonly_fields = ["revision", "linked_from", "created_at", "updated_at"]
    inlines = [SimilarLinkInline]
    actions = ["add_to_editors_choice", "remove_from_editors_choice", "publish", "unpublish"]
    save_on_top = True

    class Media:
        css = {"all": ["css/admin.css"]}

    fieldsets = [
        (None, {"fields": ["title", "slug", "status", "published_on", "source_url"]}),
        (_("منبع و پدیدآورندگان"), {"fields": ["think_tank", "authors", "observer_user", "observer_name", "topics"]}),
        (_("متن"), {"fields": ["summary", "body", "open_access"]}),
        (_("انتخاب سردبیر و پیوندها"), {"fields": ["editors_choice_rank", "linked_from"]}),
        (_("سابقه"), {"fields": ["revision", "created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    @admin.display(description=_("تاریخ انتشار"), ordering="published_on")
    def published_jalali(self, obj: Article) -> str:
        return jalali(obj.published_on)

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
