from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from rasad.annotations.models import Annotation
from rasad.core.admin import JalaliAdminMixin, jalali


@admin.register(Annotation)
class AnnotationAdmin(JalaliAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "article", "author", "field", "visibility", "created_on"]
    list_filter = ["field", "visibility"]
    list_select_related = ["article", "author"]
    raw_id_fields = ["article", "author"]
    readonly_fields = ["exact", "prefix", "suffix", "start", "end", "revision"]
    search_fields = ["note", "author__username", "article__title"]

    @admin.display(description=_("ایجاد"), ordering="created_at")
    def created_on(self, obj: Annotation) -> str:
        return jalali(obj.created_at)
