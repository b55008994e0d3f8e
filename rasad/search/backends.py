"""The two search backends: PostgreSQL (tsvector + GIN, pg_trgm) and SQLite (FTS5).

Both read the same stored tokens (``SearchDocument``) and compile the same parsed ``Query``, so
they find the same articles; only the ranking functions differ (``ts_rank`` versus ``bm25``, both
weighting title above authors/think tank/topics above summary above body).

A search returns ids for one page and how many matched: on SQLite one SQL statement
(``LIMIT``/``OFFSET`` in the database); on PostgreSQL, ranked by relevance, one to three
statements, one per date slice of the ranking window (see ``_postgres_ranked``). The count is the
size of the ranking window, so it is exact up to RANK_WINDOW matches and "more than RANK_WINDOW"
beyond (counting every match of a common word at 100k articles would cost more than the search);
sorted by date, a count capped the same way costs one more statement. Snippets and cards are
built afterwards for that page only.
"""

from __future__ import annotations

import datetime as dt
import math
import time
from dataclasses import dataclass

from django.db import connection

from rasad.search.text import Query, query_to_fts5, query_to_tsquery


@dataclass(frozen=True)
class Hits:
    """One page of ids, and how many articles matched (``total``; at least that many if ``capped``)."""

    ids: list[int]
    total: int
    capped: bool


@dataclass(frozen=True)
class Filters:
    think_tank_id: int | None = None
    topic_id: int | None = None
    author_id: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    # Only among these articles (alerts match a batch of newly published ones).
    article_ids: tuple[int, ...] | None = None


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
    if filters.article_ids is not None:
        sql.append(f"{alias}.article_id IN ({', '.join(['%s'] * len(filters.article_ids)) or 'NULL'})")
        params.extend(filters.article_ids)
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
) -> Hits:
    """Ids of matching, published articles for one page, best (or newest) first, and their count.

    ``full``: search gated bodies too (only for readers the gate lets read every article);
    open-access bodies are searched for everyone.
    ``query`` None: no words, only filters (a browse, newest first).
    """
    where, params = _filter_sql(filters, today)
    if query is None or query.is_empty:
        sql = (
            f"SELECT d.article_id FROM search_searchdocument d WHERE {where} "
            "ORDER BY d.published_on DESC, d.article_id DESC LIMIT %s OFFSET %s"
        )
        count = f"SELECT count(*) FROM (SELECT 1 FROM search_searchdocument d WHERE {where} LIMIT %s) AS c"
        return _with_count(_fetch_ids(sql, [*params, limit, offset]), count, params)
    if connection.vendor == "postgresql":
        return _postgres(query, full=full, where=where, params=params, newest=newest, offset=offset, limit=limit)
    return _sqlite(query, full=full, where=where, params=params, newest=newest, offset=offset, limit=limit)


def _fetch_ids(sql: str, params: list) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def _with_count(ids: list[int], count_sql: str, params: list) -> Hits:
    """``ids`` with a count of at most RANK_WINDOW + 1 rows (``count_sql`` ends in ``LIMIT %s``)."""
    with connection.cursor() as cursor:
        cursor.execute(count_sql, [*params, RANK_WINDOW + 1])
        total = cursor.fetchone()[0]
    return Hits(ids=ids, total=min(total, RANK_WINDOW), capped=total > RANK_WINDOW)


# Relevance is ranked among the newest RANK_WINDOW matches: on PostgreSQL they are gathered from
# date slices, newest first (``_postgres_ranked``), so a common word costs about what a rare one
# does, and ts_rank runs on at most this many rows. 600 matches are 50 pages of results; older ones are
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


def _postgres(query: Query, *, full: bool, where: str, params: list, newest: bool, offset: int, limit: int) -> Hits:
    if not newest:
        return _postgres_ranked(query, full=full, where=where, params=params, offset=offset, limit=limit)
    sql = postgres_sql(query, full=full, where=where, newest=newest)
    ids = _fetch_ids(sql, postgres_params(query, params=params, newest=newest, offset=offset, limit=limit))
    vector = "d.full_vector" if full else "d.public_vector"
    count = (
        f"SELECT count(*) FROM (SELECT 1 FROM search_searchdocument d "
        f"WHERE {vector} @@ to_tsquery('simple', %s) AND {where} LIMIT %s) AS c"
    )
    return _with_count(ids, count, [query_to_tsquery(query), *params])


# Finding the newest RANK_WINDOW matches with one bitmap scan reads the heap row of *every* match
# to learn its date (11k rows, ~15 ms, for two common words). Instead the window is filled from
# date slices, newest first: the GIN bitmap is ANDed with a date range of the newest-first index,
# so only matches inside the slice are read. The first slice holds the newest FIRST_SLICE
# documents; the second is sized from the match rate seen in the first; the third is the rest.
# The slices are disjoint and cover every date, so the window is exactly the same as one scan's.
FIRST_SLICE = 4000  # a common word fills the window reading ~4,000 × its match rate rows
_SLICE_TTL = 300.0  # seconds a process keeps the first slice's dates
_slice_cache: dict[dt.date, tuple[float, tuple[dt.date, dt.date, dt.date] | None]] = {}


def _first_slice(today: dt.date) -> tuple[dt.date, dt.date, dt.date] | None:
    """(newest date, date of the FIRST_SLICE-th newest document, oldest date) up to ``today``;
    None if there are fewer documents.

    Cached per process for a few minutes: stale dates only move a slice boundary, never the result.
    """
    now = time.monotonic()
    cached = _slice_cache.get(today)
    if cached is not None and now - cached[0] < _SLICE_TTL:
        return cached[1]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT (SELECT max(published_on) FROM search_searchdocument WHERE published_on <= %s), "
            "(SELECT published_on FROM search_searchdocument WHERE published_on <= %s "
            "ORDER BY published_on DESC, article_id DESC OFFSET %s LIMIT 1), "
            "(SELECT min(published_on) FROM search_searchdocument)",
            [today, today, FIRST_SLICE - 1],
        )
        newest, boundary, oldest = cursor.fetchone()
    bounds = (newest, boundary, oldest) if newest is not None and boundary is not None else None
    _slice_cache.clear()  # one day's entry is all a process needs
    _slice_cache[today] = (now, bounds)
    return bounds


def postgres_slice_sql(*, full: bool, where: str, since: bool, before: bool) -> str:
    """One date slice of the window, with ranks; parameters: tsquery source (for ts_rank), tsquery
    source again (for @@), filter params, [since date], [before date], limit."""
    vector = "d.full_vector" if full else "d.public_vector"
    dates = (" AND d.published_on >= %s" if since else "") + (" AND d.published_on < %s" if before else "")
    return (
        "SELECT s.article_id, s.published_on, ts_rank(s.v, to_tsquery('simple', %s)) FROM ("
        f"SELECT d.article_id, d.published_on, {vector} AS v FROM search_searchdocument d "
        f"WHERE {vector} @@ to_tsquery('simple', %s) AND {where}{dates} "
        "ORDER BY d.published_on DESC, d.article_id DESC LIMIT %s) AS s"
    )


def _postgres_ranked(query: Query, *, full: bool, where: str, params: list, offset: int, limit: int) -> Hits:
    tsquery = query_to_tsquery(query)
    today = params[0]  # _filter_sql's first parameter

    def slice_rows(since: dt.date | None, before: dt.date | None, n: int) -> list[tuple]:
        sql = postgres_slice_sql(full=full, where=where, since=since is not None, before=before is not None)
        dates = [d for d in (since, before) if d is not None]
        with connection.cursor() as cursor:
            cursor.execute(sql, [tsquery, tsquery, *params, *dates, n])
            return cursor.fetchall()

    bounds = _first_slice(today)
    if bounds is None:  # a small corpus: one slice is everything
        rows = slice_rows(None, None, RANK_WINDOW)
    else:
        newest, boundary, oldest = bounds
        rows = slice_rows(boundary, None, RANK_WINDOW)
        before: dt.date | None = boundary
        if len(rows) < RANK_WINDOW and rows:
            # Size the second slice to hold the missing matches 1.5 times over at the rate seen so far.
            days = max(1, (newest - boundary).days + 1)
            rate = len(rows) / FIRST_SLICE
            missing = RANK_WINDOW - len(rows)
            span = math.ceil(missing / rate * 1.5 / (FIRST_SLICE / days))
            if span < (boundary - oldest).days:
                since = boundary - dt.timedelta(days=span)
                rows += slice_rows(since, before, missing)
                before = since
            else:  # the second slice would reach the oldest document: make it the last one
                rows += slice_rows(None, before, missing)
                before = None
        if len(rows) < RANK_WINDOW and before is not None:
            rows += slice_rows(None, before, RANK_WINDOW - len(rows))
    # The order ts_rank DESC, published_on DESC, article_id DESC, as one SQL sort would give.
    rows.sort(key=lambda r: (-r[2], -r[1].toordinal(), -r[0]))
    # Every slice together holds all matches when the window is not full: then this is the count.
    return Hits(
        ids=[r[0] for r in rows[offset : offset + limit]],
        total=min(len(rows), RANK_WINDOW),
        capped=len(rows) >= RANK_WINDOW,
    )


# What everyone searches: title, names, summary and open-access bodies (``body``); readers with
# full access search gated bodies too.
PUBLIC_COLUMNS = ("title", "meta", "summary", "body")


def _sqlite(query: Query, *, full: bool, where: str, params: list, newest: bool, offset: int, limit: int) -> Hits:
    match = query_to_fts5(query, columns=None if full else PUBLIC_COLUMNS)
    rank = "bm25(search_fts, 10.0, 5.0, 2.0, 1.0, 1.0)" if full else "bm25(search_fts, 10.0, 5.0, 2.0, 1.0, 0.0)"
    found = (
        "FROM search_fts JOIN search_searchdocument d ON d.article_id = search_fts.rowid "
        f"WHERE search_fts MATCH %s AND {where}"
    )
    if newest:
        sql = f"SELECT d.article_id {found} ORDER BY d.published_on DESC, d.article_id DESC LIMIT %s OFFSET %s"
        ids = _fetch_ids(sql, [match, *params, limit, offset])
        return _with_count(ids, f"SELECT count(*) FROM (SELECT 1 {found} LIMIT %s) AS c", [match, *params])
    # Same window as PostgreSQL, so both rank the same candidates; its size is the count.
    sql = (
        "SELECT article_id, count(*) OVER () FROM ("
        f"SELECT d.article_id, d.published_on, {rank} AS score {found} "
        "ORDER BY d.published_on DESC, d.article_id DESC LIMIT %s) "
        "ORDER BY score, published_on DESC, article_id DESC LIMIT %s OFFSET %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [match, *params, RANK_WINDOW, limit, offset])
        rows = cursor.fetchall()
    total = rows[0][1] if rows else 0
    if not rows and offset:  # a page past the end: the count needs its own statement
        return _with_count([], f"SELECT count(*) FROM (SELECT 1 {found} LIMIT %s) AS c", [match, *params])
    return Hits(ids=[r[0] for r in rows], total=min(total, RANK_WINDOW), capped=total >= RANK_WINDOW)


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


def known_tokens(tokens: list[str]) -> set[str]:
    """Which of ``tokens`` some public word (title, names, summary) folds to."""
    from rasad.search.models import SearchTerm

    return set(SearchTerm.objects.filter(token__in=tokens).values_list("token", flat=True))


def closest_term(word: str) -> str | None:
    """The public word (as sources wrote it) most similar to ``word`` (trigram similarity ≥ 0.3),
    or None."""
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
