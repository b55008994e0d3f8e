"""The stored search index: one normalised document per published article, and its vocabulary.

The text columns hold tokens from ``rasad.search.text.document`` (normalised, stemmed, joined by
spaces), never displayed text. The database keeps its own index of them:

* PostgreSQL: ``public_vector`` (title A, authors/think tank/topics B, summary C, an open-access
  body D) and ``full_vector`` (the same plus a gated body D) ``tsvector`` columns filled by a trigger with the
  ``simple`` configuration (Postgres has no Persian stemmer; the tokens are already folded), each
  with a GIN index; ``SearchTerm.term`` has a pg_trgm GIN index for "did you mean".
* SQLite: an FTS5 table ``search_fts`` over these columns (external content), kept in step by
  triggers.

Those columns, indexes, triggers and tables live only in the migrations' vendor-specific
operations (0001, 0003), not in the model state, so each database gets just its own.
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
    # An open-access body is searched by everyone, any other only by readers with full access.
    body = models.TextField(_("متن کامل با دسترسی آزاد (نرمال‌شده)"), blank=True)
    gated_body = models.TextField(_("متن کامل پشت دروازه (نرمال‌شده)"), blank=True)
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
    """A word of the public fields (never of bodies) as sources wrote it, with its index token: the
    vocabulary "did you mean" and corrections pick from, so they offer words, never stems."""

    term = models.CharField(_("واژه"), max_length=100, unique=True)
    token = models.CharField(_("نشانه"), max_length=200, db_index=True, default="")

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


class Equivalent(models.Model):
    """One organisation, person or institution and the spellings sources use for it (Latin, an
    acronym, Persian spellings): a query naming any of them finds the others. Applied when a query
    is parsed, so a change needs no reindexing."""

    name = models.CharField(_("نام"), max_length=200, unique=True)
    spellings = models.TextField(
        _("نگارش‌ها"), help_text=_("هر نگارش در یک سطر: نام لاتین، سرواژه و نگارش‌های فارسی دیگر.")
    )

    class Meta:
        verbose_name = _("هم‌ارز")
        verbose_name_plural = _("هم‌ارزها")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def spelling_list(self) -> list[str]:
        """The name and every spelling, one each."""
        lines = (line.strip() for line in self.spellings.splitlines())
        return list(dict.fromkeys([self.name, *(line for line in lines if line)]))
