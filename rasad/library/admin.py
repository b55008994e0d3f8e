from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from rasad.core.admin import JalaliAdminMixin, jalali
from rasad.library.models import Collection, CollectionItem, SavedArticle


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
