"""A query evaluated in Python: the reference both databases' searches are tested against."""

from __future__ import annotations

from collections.abc import Sequence

from rasad.search.text import Node, Or, Query, Seq, tokens


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


def matches(query: Query, text: str) -> bool:
    """Whether ``text`` satisfies ``query``, evaluated in Python (the tests' reference)."""
    doc = tokens(text)
    if query.is_empty:
        return False
    return all(node_matches(c, doc) for c in query.clauses) and not any(node_matches(c, doc) for c in query.excluded)
