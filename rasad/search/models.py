"""The stored search index: one normalised document per published article, and its vocabulary.

The text columns hold tokens from ``rasad.search.text.document`` (normalised, stemmed, joined by
spaces), never displayed text. The database keeps its own index of them:

* PostgreSQL: ``public_vector`` (title A, authors/think tank/topics B, summary C) and
  ``full_vector`` (the same plus body D) ``tsvector`` columns filled by a trigger with the
  ``simple`` configuration (Postgres has no Persian stemmer; the tokens are already folded), each
  with a GIN index; ``SearchTerm.term`` has a pg_trgm GIN index for "did you mean".
* SQLite: an FTS5 table ``search_fts`` over these columns (external content), kept in step by
  triggers.

Those columns, indexes, triggers and tables live only in migration 0001's vendor-specific
operations, not in the model state, so each database gets just its own.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from rasad.articles.models import Article, ThinkTank


class SearchDocument(models.Model):
    article = models.OneToOneField(
        Article, verbose_name=_("مقاله"), on_delete=models.CASCADE, primary_key=True, related_name="search_document"
    )
    title = models.TextField(_("عنوان (نرمال‌شده)"), blank=True)
    meta = models.TextField(_("نویسندگان، اندیشکده و موضوع‌ها (نرمال‌شده)"), blank=True)
    summary = models.TextField(_("خلاصه (نرمال‌شده)"), blank=True)
    body = models.TextField(_("متن کامل (نرمال‌شده)"), blank=True)
    # Copies of what results are filtered and sorted by, so a search reads one table.
    published_on = models.DateField(_("تاریخ انتشار"))
    think_tank = models.ForeignKey(
        ThinkTank, verbose_name=_("اندیشکده"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("سند جست‌وجو")
        verbose_name_plural = _("سندهای جست‌وجو")
        indexes = [models.Index(fields=["-published_on", "-article"], name="search_doc_newest_idx")]

    def __str__(self) -> str:
        return str(self.article_id)


class SearchTerm(models.Model):
    """A word of the public documents (never of bodies): the vocabulary "did you mean" picks from."""

    term = models.CharField(_("واژه"), max_length=100, unique=True)

    class Meta:
        verbose_name = _("واژهٔ جست‌وجو")
        verbose_name_plural = _("واژه‌های جست‌وجو")

    def __str__(self) -> str:
        return self.term


class SearchToken(models.Model):
    """Every token in any stored document (bodies too). Queries drop alternatives whose tokens are
    in no document before they reach the full-text index: a typed word tries many ways of being
    split, and most of those halves exist nowhere. Never shown to anyone."""

    token = models.CharField(_("نشانه"), max_length=200, unique=True)

    class Meta:
        verbose_name = _("نشانهٔ نمایه")
        verbose_name_plural = _("نشانه‌های نمایه")

    def __str__(self) -> str:
        return self.token
