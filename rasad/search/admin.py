"""The editors' table of equivalent spellings («هم‌ارزها»)."""

from __future__ import annotations

from django.contrib import admin

from rasad.search.models import Equivalent


@admin.register(Equivalent)
class EquivalentAdmin(admin.ModelAdmin):
    list_display = ["name", "spelling_count"]
    search_fields = ["name", "spellings"]

    @admin.display(description="نگارش‌ها")
    def spelling_count(self, obj: Equivalent) -> int:
        return len(obj.spelling_list()) - 1
