"""Minimal article admin for the ingestion branch's tests.

The ``skeleton`` engineer writes the full editors' desk; at merge their version of this file wins and
keeps this exact class declaration, so ``ArticleAdminIngestionMixin`` plugs into it unchanged.
"""

from __future__ import annotations

from django.contrib import admin

from rasad.articles.models import Article, Author, ThinkTank, Topic
from rasad.core.admin import JalaliAdminMixin
from rasad.ingestion.admin_mixins import ArticleAdminIngestionMixin

admin.site.register(ThinkTank, search_fields=["name"])
admin.site.register(Author, search_fields=["name"])
admin.site.register(Topic, search_fields=["name"])


@admin.register(Article)
class ArticleAdmin(ArticleAdminIngestionMixin, JalaliAdminMixin, admin.ModelAdmin):
    list_display = ["title", "think_tank", "status"]
    search_fields = ["title", "source_url"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "status", "published_on", "source_url"]}),
        (None, {"fields": ["think_tank", "authors", "observer_name", "topics"]}),
        (None, {"fields": ["summary", "body", "open_access", "editors_choice_rank"]}),
    ]
