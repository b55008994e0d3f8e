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
from rasad.search.text import fold, words

CHUNK = 2000
MAX_TERM = 100


@functools.lru_cache(maxsize=200_000)
def _fold_cached(word: str) -> str:
    return fold(word)


def _document(text: str) -> str:
    # Same as text.document(), with the per-word fold memoised: bulk indexing repeats words a lot.
    return " ".join(t for t in map(_fold_cached, words(text)) if t)


def _public_terms(doc: SearchDocument) -> set[str]:
    """Vocabulary for "did you mean": public fields only, so a body word is never suggested."""
    terms: set[str] = set()
    for field in (doc.title, doc.meta, doc.summary):
        terms.update(t for t in field.split() if 3 <= len(t) <= MAX_TERM and not t.isdigit())
    return terms


def _build_documents(article_ids: list[int]) -> tuple[list[SearchDocument], list[int]]:
    """Documents for the published articles among ``article_ids``, and the ids that have none."""
    rows = Article.objects.filter(pk__in=article_ids).values_list(
        "pk", "title", "summary", "body", "status", "published_on", "think_tank_id",
        "think_tank__name", "think_tank__name_original",
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
    documents, absent = [], set(article_ids)
    for pk, title, summary, body, status, published_on, think_tank_id, tank, tank_original in rows:
        if status != Article.Status.PUBLISHED:
            continue
        absent.discard(pk)
        names = [tank or "", tank_original or "", *meta.get(pk, [])]
        documents.append(
            SearchDocument(
                article_id=pk,
                title=_document(title),
                meta=_document(" . ".join(names)),
                summary=_document(summary),
                body=_document(html_to_text(body)),
                published_on=published_on,
                think_tank_id=think_tank_id,
            )
        )
    return documents, sorted(absent)


def _save_terms(documents: Iterable[SearchDocument]) -> None:
    terms: set[str] = set()
    all_tokens: set[str] = set()
    for doc in documents:
        terms |= _public_terms(doc)
        for field in (doc.title, doc.meta, doc.summary, doc.body):
            all_tokens.update(t for t in field.split() if len(t) <= 200)
    if all_tokens:
        SearchToken.objects.bulk_create(
            [SearchToken(token=t) for t in sorted(all_tokens)], ignore_conflicts=True, batch_size=5000
        )
    if terms:
        SearchTerm.objects.bulk_create(
            [SearchTerm(term=t) for t in sorted(terms)], ignore_conflicts=True, batch_size=5000
        )


@transaction.atomic
def index_articles(*, article_ids: Iterable[int]) -> int:
    """(Re)index the given articles; unpublished or deleted ones leave the index. Returns how many
    documents were written."""
    ids = sorted(set(article_ids))
    written = 0
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        documents, absent = _build_documents(chunk)
        SearchDocument.objects.filter(article_id__in=chunk).delete()
        SearchDocument.objects.bulk_create(documents, batch_size=500)
        _save_terms(documents)
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
            documents, _absent = _build_documents(chunk)
            SearchDocument.objects.bulk_create(documents, batch_size=500)
            _save_terms(documents)
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
