"""Keeping the search index in step with articles: one article at a time (signals) or in bulk."""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

from django.db import connection, transaction

from rasad.articles.models import Article
from rasad.core.html import html_to_text
from rasad.search.models import SearchDocument, SearchTerm, SearchToken
from rasad.search.text import fold_group, word_groups

CHUNK = 2000
MAX_TERM = 100


@functools.lru_cache(maxsize=200_000)
def _fold_cached(group: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(fold_group(group))


def _document(text: str, terms: dict[str, str] | None = None) -> str:
    """Same as text.document(), with the fold memoised (bulk indexing repeats words a lot).

    ``terms``, when given, collects each word as written (normalised) with its token: the public
    vocabulary "did you mean" and corrections draw on, words sources wrote rather than stems.
    """
    found: list[str] = []
    for group in word_groups(text):
        folded = _fold_cached(tuple(group))
        found.extend(t for t in folded if t)
        if terms is not None:
            for part, token in zip(group, folded, strict=True):
                if token and 3 <= len(part) <= MAX_TERM and not part.isdigit():
                    terms.setdefault(part, token)
    return " ".join(found)


def _build_documents(article_ids: list[int]) -> tuple[list[SearchDocument], dict[str, str]]:
    """Documents for the published articles among ``article_ids``, and their public words.

    An open-access article's body (and its original PDF's text) is part of what everyone may search (``body``); any other body
    only of what readers with full access search (``gated_body``).
    """
    rows = Article.objects.filter(pk__in=article_ids).values_list(
        "pk", "title", "summary", "body", "status", "published_on", "think_tank_id",
        "think_tank__name", "think_tank__name_original", "open_access", "pdf_text",
    )  # fmt: skip
    meta: dict[int, list[str]] = defaultdict(list)
    for article_id, name in Article.authors.through.objects.filter(article_id__in=article_ids).values_list(
        "article_id", "author__name"
    ):
        meta[article_id].append(name)
    for article_id, name in Article.topics.through.objects.filter(article_id__in=article_ids).values_list(
        "article_id", "topic__name"
    ):
        meta[article_id].append(name)
    documents: list[SearchDocument] = []
    terms: dict[str, str] = {}
    for pk, title, summary, body, status, published_on, think_tank_id, tank, tank_original, open_access, pdf in rows:
        if status != Article.Status.PUBLISHED:
            continue
        names = [tank or "", tank_original or "", *meta.get(pk, [])]
        # The original PDF is full text too: searched exactly like the body.
        body_tokens = _document(f"{html_to_text(body)}\n{pdf}" if pdf else html_to_text(body))
        documents.append(
            SearchDocument(
                article_id=pk,
                title=_document(title, terms),
                meta=_document(" . ".join(names), terms),
                summary=_document(summary, terms),
                body=body_tokens if open_access else "",
                gated_body="" if open_access else body_tokens,
                published_on=published_on,
                think_tank_id=think_tank_id,
            )
        )
    return documents, terms


def _save_terms(documents: Iterable[SearchDocument], terms: dict[str, str]) -> None:
    all_tokens: set[str] = set()
    for doc in documents:
        for field in (doc.title, doc.meta, doc.summary, doc.body, doc.gated_body):
            all_tokens.update(t for t in field.split() if len(t) <= 200)
    if all_tokens:
        SearchToken.objects.bulk_create(
            [SearchToken(token=t) for t in sorted(all_tokens)], ignore_conflicts=True, batch_size=5000
        )
    if terms:
        SearchTerm.objects.bulk_create(
            [SearchTerm(term=t, token=terms[t][:200]) for t in sorted(terms)], ignore_conflicts=True, batch_size=5000
        )


@transaction.atomic
def index_articles(*, article_ids: Iterable[int]) -> int:
    """(Re)index the given articles; unpublished or deleted ones leave the index. Returns how many
    documents were written."""
    ids = sorted(set(article_ids))
    written = 0
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        documents, terms = _build_documents(chunk)
        SearchDocument.objects.filter(article_id__in=chunk).delete()
        SearchDocument.objects.bulk_create(documents, batch_size=500)
        _save_terms(documents, terms)
        written += len(documents)
    return written


def rebuild_index(*, stdout: SupportsWrite[str] | None = None) -> int:
    """Rebuild the whole index (after imports that bypass signals, e.g. ``bulk_create``)."""
    with transaction.atomic():
        SearchDocument.objects.all().delete()
        SearchTerm.objects.all().delete()
        SearchToken.objects.all().delete()
    ids = list(Article.objects.filter(status=Article.Status.PUBLISHED).order_by("pk").values_list("pk", flat=True))
    written = 0
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        with transaction.atomic():
            documents, terms = _build_documents(chunk)
            SearchDocument.objects.bulk_create(documents, batch_size=500)
            _save_terms(documents, terms)
        written += len(documents)
        if stdout is not None:
            stdout.write(f"{written}/{len(ids)}\n")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE search_searchdocument")
            cursor.execute("ANALYZE search_searchterm")
            cursor.execute("ANALYZE search_searchtoken")
    elif connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
    return written
