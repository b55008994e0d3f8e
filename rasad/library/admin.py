from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from rasad.core.admin import JalaliAdminMixin, jalali
from rasad.library.models import Collection, CollectionItem, ReaderRequest, SavedArticle


@admin.register(SavedArticle)
class SavedArticleAdmin(JalaliAdminMixin, admin.ModelAdmin):
    list_display = ["user", "article", "saved_on", "read_at"]
    list_select_related = ["user", "article"]
    raw_id_fields = ["user", "article"]
    search_fields = ["user__username", "article__title"]

    @admin.display(description=_("زمان ذخیره"), ordering="saved_at")
    def saved_on(self, obj: SavedArticle) -> str:
        return jalali(obj.saved_at)


class CollectionItemInline(admin.TabularInline):
    model = CollectionItem
    raw_id_fields = ["article", "added_by"]
    extra = 0


@admin.register(Collection)
class CollectionAdmin(JalaliAdminMixin, admin.ModelAdmin):
    list_display = ["name", "owner", "organisation"]
    list_select_related = ["owner", "organisation"]
    raw_id_fields = ["owner"]
    inlines = [CollectionItemInline]


@admin.register(ReaderRequest)
class ReaderRequestAdmin(JalaliAdminMixin, admin.ModelAdmin):
    """Links readers brought from other services that are not Rasad articles, most wanted first."""

    list_display = ["title_or_url", "reader_count", "status", "first_on", "last_on"]
    list_filter = ["status"]
    search_fields = ["url", "title"]
    readonly_fields = ["url_key", "url", "title", "reader_count", "first_requested_at", "last_requested_at"]
    exclude = ["readers"]
    actions = ["mark_added", "mark_dismissed"]

    @admin.display(description=_("پیوند"), ordering="title")
    def title_or_url(self, obj: ReaderRequest) -> str:
        return format_html('{} <a href="{}" dir="ltr" rel="noopener">↗</a>', obj.title or obj.url, obj.url)

    @admin.display(description=_("نخستین درخواست"), ordering="first_requested_at")
    def first_on(self, obj: ReaderRequest) -> str:
        return jalali(obj.first_requested_at)

    @admin.display(description=_("آخرین درخواست"), ordering="last_requested_at")
    def last_on(self, obj: ReaderRequest) -> str:
        return jalali(obj.last_requested_at)

    @admin.action(description=_("علامت: افزوده شد"))
    def mark_added(self, request: HttpRequest, queryset: QuerySet[ReaderRequest]) -> None:
        queryset.update(status=ReaderRequest.Status.ADDED)

    @admin.action(description=_("علامت: کنار گذاشته شد"))
    def mark_dismissed(self, request: HttpRequest, queryset: QuerySet[ReaderRequest]) -> None:
        queryset.update(status=ReaderRequest.Status.DISMISSED)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # requests come from readers' imports
