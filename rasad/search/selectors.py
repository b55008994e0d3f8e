"""Reads for the search page: one page of results for one reader, with snippets."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import connection
from django.utils import timezone

from rasad.access.policy import can_read_full_text, has_full_access
from rasad.articles.models import Article
from rasad.core.html import html_to_text
from rasad.core.users import Reader
from rasad.search.backends import Filters, closest_term, known_terms, search_ids
from rasad.search.snippets import highlight
from rasad.search.text import (
    STOPWORDS,
    Query,
    exact_tokens,
    expand_prefixes,
    fold,
    parse_query,
    prefixes,
    prune,
)

MAX_SUGGESTED_WORDS = 4
# A prefix standing for at most this many index tokens is searched as those tokens; a commoner one
# (a short prefix in a large vocabulary) stays a prefix.
MAX_PREFIX_EXPANSION = 16


@dataclass
class SearchPage:
    articles: list[Article] = field(default_factory=list)
    number: int = 1
    has_next: bool = False
    query: Query | None = None
    suggestion: str = ""

    @property
    def next_page_number(self) -> int:
        return self.number + 1


def search_articles(
    *,
    text: str,
    user: Reader,
    filters: Filters | None = None,
    newest: bool = False,
    page: int = 1,
    per_page: int = 12,
) -> SearchPage:
    """One page of published articles matching ``text`` for ``user``.

    The gate: only readers with full access search bodies; everyone else searches the public
    document (title, summary, authors, think tank, topics). Snippets come from the summary, or from
    the body when the summary has no match and ``can_read_full_text`` allows it.
    """
    filters = filters or Filters()
    query = parse_query(text) if (text or "").strip() else None
    result = SearchPage(number=page, query=query)
    if query is not None and query.is_empty:
        return result
    full = has_full_access(user)
    searchable = query
    if query is not None:
        known, expansions = vocabulary(exact_tokens(query), prefixes(query))
        searchable = prune(query, known)
        if searchable is not None:
            searchable = expand_prefixes(searchable, expansions)
    if query is not None and searchable is None:  # some word is in no document at all
        result.suggestion = suggest(query) if page == 1 else ""
        return result
    ids = search_ids(
        searchable,
        full=full,
        filters=filters,
        today=timezone.localdate(),
        newest=newest or query is None,
        offset=(page - 1) * per_page,
        limit=per_page + 1,
    )
    result.has_next = len(ids) > per_page
    ids = ids[:per_page]
    by_id = Article.objects.for_cards().in_bulk(ids)
    result.articles = [by_id[i] for i in ids if i in by_id]
    for article in result.articles:
        article.search_snippet = snippet_for(article, query, user=user)
    if not ids and page == 1 and query is not None:
        result.suggestion = suggest(query)
    return result


def vocabulary(exact: set[str], found: set[str]) -> tuple[set[str], dict[str, tuple[str, ...]]]:
    """In one query: which of the ``exact`` tokens are in some document, and every index token
    starting with each prefix in ``found`` (for prefixes with at most MAX_PREFIX_EXPANSION of them).

    ``SearchToken`` holds every token of every stored document (it only grows), so a prefix that
    names no token matches nothing. Tokens over 200 characters are not recorded; no word is that long.
    """
    exact_list, prefix_list = sorted(exact), sorted(found)
    parts, params = [], []
    if exact_list:
        marks = ", ".join(["%s"] * len(exact_list))
        parts.append(f"SELECT -1 AS k, token FROM search_searchtoken WHERE token IN ({marks})")
        params.extend(exact_list)
    for k, prefix in enumerate(prefix_list):
        # A subquery in FROM, so that each prefix has its own LIMIT on SQLite too.
        parts.append(
            f"SELECT {k} AS k, token FROM (SELECT token FROM search_searchtoken "
            f"WHERE token LIKE %s ESCAPE '\\' LIMIT {MAX_PREFIX_EXPANSION + 1}) AS p{k}"
        )
        params.append(_like_escape(prefix) + "%")
    rows: list[tuple[int, str]] = []
    if parts:
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(parts), params)
            rows = cursor.fetchall()
    known = {token for k, token in rows if k == -1}
    by_prefix: dict[int, list[str]] = {k: [] for k in range(len(prefix_list))}
    for k, token in rows:
        # SQLite's LIKE ignores ASCII case: keep true prefixes only.
        if k >= 0 and token.startswith(prefix_list[k]):
            by_prefix[k].append(token)
    expansions = {
        prefix_list[k]: tuple(sorted(tokens)) for k, tokens in by_prefix.items() if len(tokens) <= MAX_PREFIX_EXPANSION
    }
    return known, expansions


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def snippet_for(article: Article, query: Query | None, *, user: Reader) -> str:
    summary = highlight(article.summary, query)
    if summary.matched or query is None or not can_read_full_text(user, article):
        return summary.html
    body = highlight(html_to_text(article.body), query)
    return body.html if body.matched else summary.html


def suggest(query: Query) -> str:
    """A corrected query when some typed words are unknown and a close spelling exists, else ''."""
    words = [w for w in query.words if w not in STOPWORDS][:MAX_SUGGESTED_WORDS]
    folded = {w: fold(w) for w in words}
    known = known_terms([t for t in folded.values() if t])
    replacements = {}
    for word, token in folded.items():
        if token and token not in known and len(token) >= 3:
            better = closest_term(token)
            if better and better != token:
                replacements[word] = better
    if not replacements:
        return ""
    return " ".join(replacements.get(w, w) for w in query.words)
