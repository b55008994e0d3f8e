"""Search over a reader's own things — saved articles, private notes, annotations, team notes —
with the tokeniser and query language of article search, evaluated in Python.

A reader's library or a team's week holds tens to a few thousand short texts, already loaded for
the page, so matching them here costs less than a query and gives the same answer on SQLite and
PostgreSQL. Article search uses the databases' full-text indexes instead; ``matches`` is also the
reference their results are tested against.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from rasad.search.equivalents import equivalents
from rasad.search.text import Node, Or, Query, Seq, parse_query, tokens

T = TypeVar("T")


def _seq_matches(seq: Seq, doc: Sequence[str]) -> bool:
    n = len(seq.tokens)
    for start in range(len(doc) - n + 1):
        ok = True
        for k, want in enumerate(seq.tokens):
            have = doc[start + k]
            last = k == n - 1
            if not (have == want or (last and seq.prefix and have.startswith(want))):
                ok = False
                break
        if ok:
            return True
    return False


def node_matches(node: Node, doc: Sequence[str]) -> bool:
    if isinstance(node, Seq):
        return _seq_matches(node, doc)
    if isinstance(node, Or):
        return any(node_matches(c, doc) for c in node.children)
    return all(node_matches(c, doc) for c in node.children)


def fields_match(query: Query, docs: Sequence[Sequence[str]]) -> bool:
    """Whether the token lists ``docs`` (one per field; a phrase never runs across two) satisfy
    ``query``: each clause in some field, no excluded node in any."""
    if query.is_empty:
        return False
    return all(any(node_matches(c, d) for d in docs) for c in query.clauses) and not any(
        node_matches(c, d) for c in query.excluded for d in docs
    )


def matches(query: Query, text: str) -> bool:
    """Whether ``text`` satisfies ``query``."""
    return fields_match(query, [tokens(text)])


@functools.lru_cache(maxsize=20_000)
def _tokens(text: str) -> tuple[str, ...]:
    return tuple(tokens(text))


def filter_matching(items: Iterable[T], text: str, fields: Callable[[T], Iterable[str]]) -> list[T]:
    """The ``items`` whose ``fields`` match the reader's query ``text`` (all of them for no words).

    Same rules as article search: Persian folding, names in any spelling, "phrases", -excluded
    words, the last word as a prefix while it is typed (and dropped if it would leave nothing).
    """
    items = list(items)
    query = parse_query(text, equivalents=equivalents())
    if not (text or "").strip() or query.is_empty:
        return items
    docs = [[_tokens(f or "") for f in fields(item)] for item in items]
    found = [item for item, doc in zip(items, docs, strict=True) if fields_match(query, doc)]
    if not found and query.fallback is not None:
        found = [item for item, doc in zip(items, docs, strict=True) if fields_match(query.fallback, doc)]
    return found
