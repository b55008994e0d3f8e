"""Reads for the search page: one page of results for one reader, with snippets."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from django.db import connection
from django.utils import timezone

from rasad.access.policy import can_read_full_text, has_full_access
from rasad.articles.models import Article
from rasad.core.html import html_to_text
from rasad.core.users import Reader
from rasad.search.backends import Filters, Hits, closest_term, known_tokens, search_ids
from rasad.search.equivalents import equivalents
from rasad.search.lexicon import is_word
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
# A query finding fewer articles than this is "almost nothing": a corrected spelling that finds
# more is shown instead («نتایج برای …»), with a link to the query as typed.
FEW_RESULTS = 3


@dataclass
class SearchPage:
    articles: list[Article] = field(default_factory=list)
    number: int = 1
    has_next: bool = False
    query: Query | None = None
    # How many articles matched; at least that many when ``total_capped``.
    total: int = 0
    total_capped: bool = False
    # "Did you mean": a corrected query to offer when nothing matched.
    suggestion: str = ""
    # The corrected query whose results are shown instead of the typed one's ("results for …").
    corrected: str = ""

    @property
    def next_page_number(self) -> int:
        return self.number + 1


@dataclass(frozen=True)
class _Search:
    """Everything about one search but its words: who, which filters, which page."""

    user: Reader
    filters: Filters
    newest: bool
    page: int
    per_page: int
    # Search gated bodies; None: whatever the gate says of ``user`` today.
    full: bool | None = None


def search_articles(
    *,
    text: str,
    user: Reader,
    filters: Filters | None = None,
    newest: bool = False,
    page: int = 1,
    per_page: int = 12,
    as_typed: bool = False,
) -> SearchPage:
    """One page of published articles matching ``text`` for ``user``, and how many matched.

    The gate: only readers with full access search gated bodies; everyone searches the public
    document (title, summary, authors, think tank, topics) and open-access bodies. Snippets come
    from the summary, or from the body when the summary has no match and ``can_read_full_text``
    allows it. When the words find (almost) nothing and a close spelling of public words finds more,
    the page shows that spelling's results and says so (``corrected``), unless ``as_typed``.
    """
    search = _Search(user=user, filters=filters or Filters(), newest=newest, page=page, per_page=per_page)
    query = parse_query(text, equivalents=equivalents()) if (text or "").strip() else None
    if query is not None and query.is_empty:
        return SearchPage(number=page, query=query)
    result = _page(query, search)
    if query is None or page != 1 or result.total >= FEW_RESULTS:
        return result
    suggestion = suggest(query)
    if not suggestion or as_typed:
        result.suggestion = suggestion if not result.articles else ""
        return result
    corrected = _page(parse_query(suggestion, equivalents=equivalents()), search)
    if corrected.total <= result.total:
        result.suggestion = suggestion if not result.articles else ""
        return result
    corrected.query, corrected.corrected = query, suggestion
    return corrected


MATCH_CHUNK = 2000  # ids per statement (SQLite allows 32,766 parameters)


def matching_ids(*, text: str, filters: Filters, full: bool, among: Iterable[int]) -> set[int]:
    """Which of the published articles ``among`` the search ``text`` with ``filters`` finds: the
    engine, normaliser and query language of ``/search/`` (as typed, no spelling correction).

    ``full``: for a reader the gate lets read every article, gated bodies are searched too.
    """
    query = parse_query(text, equivalents=equivalents()) if (text or "").strip() else None
    if query is not None and query.is_empty:
        return set()
    ids = sorted(set(among))
    found: set[int] = set()
    for start in range(0, len(ids), MATCH_CHUNK):
        chunk = tuple(ids[start : start + MATCH_CHUNK])
        search = _Search(
            user=None, filters=replace(filters, article_ids=chunk), newest=True, page=1, per_page=len(chunk), full=full
        )
        found.update(_hits(query, search).ids)
    return found


def _searchable(query: Query) -> Query | None:
    """``query`` as the database should see it: alternatives no document has dropped, prefixes
    expanded into the tokens they stand for; None if it cannot match at all."""
    known, expansions = vocabulary(exact_tokens(query), prefixes(query))
    pruned = prune(query, known)
    return expand_prefixes(pruned, expansions) if pruned is not None else None


def _hits(query: Query | None, search: _Search) -> Hits:
    searchable = query
    if query is not None:
        searchable = _searchable(query)
        if searchable is None and query.fallback is not None:
            return _hits(query.fallback, search)
        if searchable is None:  # some word is in no document at all
            return Hits(ids=[], total=0, capped=False)
    hits = search_ids(
        searchable,
        full=has_full_access(search.user) if search.full is None else search.full,
        filters=search.filters,
        today=timezone.localdate(),
        newest=search.newest or query is None,
        offset=(search.page - 1) * search.per_page,
        limit=search.per_page + 1,
    )
    if not hits.ids and search.page == 1 and query is not None and query.fallback is not None:
        return _hits(query.fallback, search)
    return hits


def _page(query: Query | None, search: _Search) -> SearchPage:
    hits = _hits(query, search)
    result = SearchPage(number=search.page, query=query, total=hits.total, total_capped=hits.capped)
    result.has_next = len(hits.ids) > search.per_page
    ids = hits.ids[: search.per_page]
    # The index holds published articles only; what a page shows is still what this reader may see.
    by_id = Article.objects.visible_to(search.user).for_cards().in_bulk(ids)
    result.articles = [by_id[i] for i in ids if i in by_id]
    for article in result.articles:
        article.search_snippet = snippet_for(article, query, user=search.user)
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
    """The query with each typed word that is no Persian word and that no public word folds to
    replaced by the closest public word (as sources wrote it), or '' if there is none to replace.

    A real word is never "corrected" into another one («میزان» is not a misspelt «میز»).
    """
    words = [w for w in query.words if w not in STOPWORDS and not is_word(w)][:MAX_SUGGESTED_WORDS]
    folded = {w: fold(w) for w in words}
    known = known_tokens([t for t in folded.values() if t])
    replacements = {}
    for word, token in folded.items():
        if token and token not in known and len(word) >= 3:
            better = closest_term(word)
            if better and fold(better) != token:
                replacements[word] = better
    if not replacements:
        return ""
    return " ".join(replacements.get(w, w) for w in query.words)
