"""The two search backends: PostgreSQL (tsvector + GIN, pg_trgm) and SQLite (FTS5).

Both read the same stored tokens (``SearchDocument``) and compile the same parsed ``Query``, so
they find the same articles; only the ranking functions differ (``ts_rank`` versus ``bm25``, both
weighting title above authors/think tank/topics above summary above body).

Each search is one SQL statement returning ids for one page (``LIMIT``/``OFFSET`` in the
database); snippets and cards are built afterwards for that page only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import connection

from rasad.search.text import Query, query_to_fts5, query_to_tsquery


@dataclass(frozen=True)
class Filters:
    think_tank_id: int | None = None
    topic_id: int | None = None
    author_id: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None


def _filter_sql(filters: Filters, today: dt.date, alias: str = "d") -> tuple[str, list]:
    sql = [f"{alias}.published_on <= %s"]
    params: list = [today]
    if filters.think_tank_id is not None:
        sql.append(f"{alias}.think_tank_id = %s")
        params.append(filters.think_tank_id)
    if filters.date_from is not None:
        sql.append(f"{alias}.published_on >= %s")
        params.append(filters.date_from)
    if filters.date_to is not None:
        sql.append(f"{alias}.published_on <= %s")
        params.append(filters.date_to)
    if filters.topic_id is not None:
        sql.append(
            f"EXISTS (SELECT 1 FROM articles_article_topics t WHERE t.article_id = {alias}.article_id AND t.topic_id = %s)"
        )
        params.append(filters.topic_id)
    if filters.author_id is not None:
        sql.append(
            f"EXISTS (SELECT 1 FROM articles_article_authors a WHERE a.article_id = {alias}.article_id AND a.author_id = %s)"
        )
        params.append(filters.author_id)
    return " AND ".join(sql), params


def search_ids(
    query: Query | None,
    *,
    full: bool,
    filters: Filters,
    today: dt.date,
    newest: bool,
    offset: int,
    limit: int,
) -> list[int]:
    """Ids of matching, published articles for one page, best (or newest) first.

    ``full``: search bodies too (only for readers the gate lets read every article).
    ``query`` None: no words, only filters (a browse, newest first).
    """
    where, params = _filter_sql(filters, today)
    if query is None or query.is_empty:
        sql = (
            f"SELECT d.article_id FROM search_searchdocument d WHERE {where} "
            "ORDER BY d.published_on DESC, d.article_id DESC LIMIT %s OFFSET %s"
        )
        return _fetch_ids(sql, [*params, limit, offset])
    if connection.vendor == "postgresql":
        return _postgres(query, full=full, where=where, params=params, newest=newest, offset=offset, limit=limit)
    return _sqlite(query, full=full, where=where, params=params, newest=newest, offset=offset, limit=limit)


def _fetch_ids(sql: str, params: list) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


# Relevance is ranked among the newest RANK_WINDOW matches: finding them walks the newest-first
# index and stops early, so a word in a fifth of the corpus costs as little as a rare one, and
# ts_rank runs on at most this many rows. 600 matches are 50 pages of results; older ones are
# reached by sorting by newest or adding a word. (LIMIT before ranking: see the README.)
RANK_WINDOW = 600


def postgres_sql(query: Query, *, full: bool, where: str, newest: bool) -> str:
    """The ids query; parameters: tsquery source, filter params, [tsquery again, window], limit, offset."""
    vector = "d.full_vector" if full else "d.public_vector"
    if newest:
        return (
            "SELECT d.article_id FROM search_searchdocument d "
            f"WHERE {vector} @@ to_tsquery('simple', %s) AND {where} "
            "ORDER BY d.published_on DESC, d.article_id DESC LIMIT %s OFFSET %s"
        )
    return (
        "SELECT r.article_id FROM ("
        f"SELECT d.article_id, d.published_on, {vector} AS v FROM search_searchdocument d "
        f"WHERE {vector} @@ to_tsquery('simple', %s) AND {where} "
        "ORDER BY d.published_on DESC, d.article_id DESC LIMIT %s) AS r "
        "ORDER BY ts_rank(r.v, to_tsquery('simple', %s)) DESC, r.published_on DESC, r.article_id DESC "
        "LIMIT %s OFFSET %s"
    )


def postgres_params(query: Query, *, params: list, newest: bool, offset: int, limit: int) -> list:
    tsquery = query_to_tsquery(query)
    if newest:
        return [tsquery, *params, limit, offset]
    return [tsquery, *params, RANK_WINDOW, tsquery, limit, offset]


def _postgres(query: Query, *, full, where, params, newest, offset, limit) -> list[int]:
    sql = postgres_sql(query, full=full, where=where, newest=newest)
    return _fetch_ids(sql, postgres_params(query, params=params, newest=newest, offset=offset, limit=limit))


PUBLIC_COLUMNS = ("title", "meta", "summary")


def _sqlite(query: Query, *, full, where, params, newest, offset, limit) -> list[int]:
    match = query_to_fts5(query, columns=None if full else PUBLIC_COLUMNS)
    rank = "bm25(search_fts, 10.0, 5.0, 2.0, 1.0)" if full else "bm25(search_fts, 10.0, 5.0, 2.0, 0.0)"
    if newest:
        sql = (
            "SELECT d.article_id FROM search_fts JOIN search_searchdocument d ON d.article_id = search_fts.rowid "
            f"WHERE search_fts MATCH %s AND {where} ORDER BY d.published_on DESC, d.article_id DESC LIMIT %s OFFSET %s"
        )
        return _fetch_ids(sql, [match, *params, limit, offset])
    # Same window as PostgreSQL, so both rank the same candidates.
    sql = (
        "SELECT article_id FROM ("
        f"SELECT d.article_id, d.published_on, {rank} AS score FROM search_fts "
        "JOIN search_searchdocument d ON d.article_id = search_fts.rowid "
        f"WHERE search_fts MATCH %s AND {where} ORDER BY d.published_on DESC, d.article_id DESC LIMIT %s) "
        "ORDER BY score, published_on DESC, article_id DESC LIMIT %s OFFSET %s"
    )
    return _fetch_ids(sql, [match, *params, RANK_WINDOW, limit, offset])


# --- "did you mean" ---------------------------------------------------------------------------

SIMILARITY_THRESHOLD = 0.3  # pg_trgm's default for the % operator


def trigrams(word: str) -> set[str]:
    """pg_trgm's trigrams of one word: padded with two spaces before and one after."""
    padded = f"  {word.lower()} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def similarity(a: str, b: str) -> float:
    """pg_trgm's ``similarity()``: shared trigrams over all trigrams."""
    ta, tb = trigrams(a), trigrams(b)
    return len(ta & tb) / len(ta | tb) if ta and tb else 0.0


def known_terms(terms: list[str]) -> set[str]:
    from rasad.search.models import SearchTerm

    return set(SearchTerm.objects.filter(term__in=terms).values_list("term", flat=True))


def closest_term(word: str) -> str | None:
    """The vocabulary term most similar to ``word`` (trigram similarity ≥ 0.3), or None."""
    from rasad.search.models import SearchTerm

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # ``%`` uses pg_trgm.similarity_threshold, 0.3 unless someone changed it.
            cursor.execute(
                "SELECT term FROM search_searchterm WHERE term %% %s ORDER BY similarity(term, %s) DESC, term LIMIT 1",
                [word, word],
            )
            row = cursor.fetchone()
        return row[0] if row else None
    # SQLite has no trigram index: score the terms of a similar length in Python, same formula.
    candidates = SearchTerm.objects.extra(
        where=["length(term) BETWEEN %s AND %s"], params=[max(1, len(word) - 3), len(word) + 3]
    ).values_list("term", flat=True)
    best, best_score = None, SIMILARITY_THRESHOLD
    for term in candidates.iterator(chunk_size=5000):
        score = similarity(word, term)
        if score > best_score or (score == best_score and best is not None and term < best):
            best, best_score = term, score
    return best
