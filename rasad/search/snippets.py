"""Result snippets with the matched words marked, built safely: escape first, then wrap matches.

The gate decides the source: the summary always; the body only for a reader
``can_read_full_text`` lets read it, and only when the summary has no match.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from html import escape  # what django.utils.html.escape calls, without its lazy-string wrapper

from django.utils.safestring import SafeString, mark_safe

from rasad.search.text import Query, tokens

_DISPLAY_WORD = re.compile(r"\S+")
WINDOW = 45  # words shown around the first match in a long text
LEAD = 8  # words of context before the first match


@functools.lru_cache(maxsize=100_000)
def _word_tokens(word: str) -> tuple[str, ...]:
    # Display words repeat across results and pages; tokenising each once is most of the cost.
    return tuple(tokens(word))


@dataclass(frozen=True)
class Snippet:
    html: SafeString
    matched: bool


def highlight(text: str, query: Query | None) -> Snippet:
    """``text`` (plain) escaped, cut to a window around the first match, matches in ``<mark>``."""
    text = text or ""
    spans = [(m.start(), m.end()) for m in _DISPLAY_WORD.finditer(text)]
    exact, prefixes = query.highlight_terms() if query is not None else (frozenset(), ())
    hits = []
    seen: dict[str, bool] = {}  # words repeat within a text; decide each once
    for index, (start, end) in enumerate(spans):
        word = text[start:end]
        hit = seen.get(word)
        if hit is None:
            # str.startswith(()) is False, so no prefixes means exact matches only.
            hit = seen[word] = any(t in exact or t.startswith(prefixes) for t in _word_tokens(word))
        if hit:
            hits.append(index)
    first = hits[0] if hits else 0
    begin = max(0, first - LEAD) if len(spans) > WINDOW else 0
    end = min(len(spans), begin + WINDOW)
    hit_set = set(hits)
    parts: list[str] = []
    if begin > 0:
        parts.append("… ")
    for index in range(begin, end):
        start, stop = spans[index]
        word = escape(text[start:stop])
        parts.append(f"<mark>{word}</mark>" if index in hit_set else word)
        if index + 1 < end:
            parts.append(" ")
    if end < len(spans):
        parts.append(" …")
    return Snippet(html=mark_safe("".join(parts)), matched=bool(hits))  # noqa: S308 (every piece escaped)
