"""Reads for the search page: one page of results for one reader, with snippets."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils import timezone

from rasad.access.policy import can_read_full_text, has_full_access
from rasad.articles.models import Article
from rasad.core.html import html_to_text
from rasad.search.backends import Filters, closest_term, known_terms, search_ids
from rasad.search.models import SearchToken
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
    user,
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
        needed = sorted(exact_tokens(query))
        known = set(SearchToken.objects.filter(token__in=needed).values_list("token", flat=True)) if needed else set()
        searchable = prune(query, known)
        if searchable is not None:
            searchable = expand_prefixes(searchable, prefix_expansions(prefixes(searchable)))
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


def prefix_expansions(found: set[str]) -> dict[str, tuple[str, ...]]:
    """Every index token starting with each prefix in ``found``, for prefixes with few of them.

    ``SearchToken`` holds every token of every stored document (it only grows), so a prefix that
    names no token matches nothing. Tokens over 200 characters are not recorded; no word is that long.
    """
    expansions = {}
    for prefix in sorted(found, key=len):
        if any(prefix.startswith(p) and len(expansions[p]) == 0 for p in expansions):
            expansions[prefix] = ()  # a shorter prefix already names no token
            continue
        rows = SearchToken.objects.filter(token__startswith=prefix).values_list("token", flat=True)
        found_tokens = [t for t in rows[: MAX_PREFIX_EXPANSION + 1] if t.startswith(prefix)]
        if len(found_tokens) <= MAX_PREFIX_EXPANSION:
            expansions[prefix] = tuple(sorted(found_tokens))
    return expansions


def snippet_for(article: Article, query: Query | None, *, user):
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
