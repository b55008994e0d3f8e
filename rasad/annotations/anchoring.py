"""Anchoring: the text a selector points into, and re-attaching selectors to edited text.

Positions count characters of the field's *text content*, exactly what the browser's
``element.textContent`` gives for the rendered summary/body container (see static/js/annotations.js).
Re-attachment follows the W3C selectors' intent: the quote is what matters, the position only
breaks ties. Where the quote no longer occurs verbatim we attach only with high confidence and
otherwise call the annotation orphaned: a note on the wrong passage is worse than none.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from html.parser import HTMLParser

from django.template.defaultfilters import linebreaks_filter

from rasad.articles.models import Article

CONTEXT_CHARS = 32
FUZZY_THRESHOLD = 0.9


class _TextContent(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def text_content(html: str) -> str:
    """The ``textContent`` a browser computes for ``html``."""
    parser = _TextContent()
    parser.feed(html or "")
    parser.close()
    return "".join(parts for parts in parser.parts).replace("\r\n", "\n")


def field_html(article: Article, field: str) -> str:
    """The HTML the article page renders inside the field's container."""
    if field == "body":
        return article.body or ""
    return str(linebreaks_filter(article.summary or "", autoescape=True))


def field_text(article: Article, field: str) -> str:
    return text_content(field_html(article, field))


@dataclass(frozen=True)
class Anchor:
    start: int
    end: int
    status: str  # "attached" (same text), "moved" (re-attached after an edit), "orphaned"

    @property
    def orphaned(self) -> bool:
        return self.status == "orphaned"


ORPHANED = Anchor(-1, -1, "orphaned")


def quote_selectors(text: str, exact: str, start: int | None = None) -> tuple[str, str, int, int] | None:
    """(prefix, suffix, start, end) for ``exact`` in ``text``: at ``start`` if it is there, else first."""
    if not exact:
        return None
    if start is None or text[start : start + len(exact)] != exact:
        start = text.find(exact)
        if start < 0:
            return None
    end = start + len(exact)
    return text[max(0, start - CONTEXT_CHARS) : start], text[end : end + CONTEXT_CHARS], start, end


def _context_score(text: str, start: int, end: int, prefix: str, suffix: str) -> int:
    """How many characters of prefix (from its end) and suffix (from its start) still match."""
    score = 0
    before = text[max(0, start - len(prefix)) : start]
    for a, b in zip(reversed(before), reversed(prefix), strict=False):
        if a != b:
            break
        score += 1
    after = text[end : end + len(suffix)]
    for a, b in zip(after, suffix, strict=False):
        if a != b:
            break
        score += 1
    return score


def _ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def resolve(text: str, *, exact: str, prefix: str, suffix: str, start: int, end: int) -> Anchor:
    """Where the quote is in ``text`` now, or ``ORPHANED``."""
    if not exact:
        return ORPHANED
    if text[start:end] == exact and _context_score(text, start, end, prefix, suffix) == len(
        text[max(0, start - len(prefix)) : start]
    ) + len(text[end : end + len(suffix)]):
        return Anchor(start, end, "attached")
    # Exact quote: every occurrence; prefix/suffix choose among several, the old position breaks ties.
    found: list[int] = []
    at = text.find(exact)
    while at >= 0:
        found.append(at)
        at = text.find(exact, at + 1)
    if found:
        best = max(found, key=lambda s: (_context_score(text, s, s + len(exact), prefix, suffix), -abs(s - start)))
        status = "attached" if best == start else "moved"
        return Anchor(best, best + len(exact), status)
    return _fuzzy(text, exact=exact, prefix=prefix, suffix=suffix, start=start)


def _fuzzy(text: str, *, exact: str, prefix: str, suffix: str, start: int) -> Anchor:
    """Attach to an edited passage only when both it and its surroundings are ≥ 90% alike."""
    n = len(exact)
    if n < 4:
        return ORPHANED
    slack = min(8, max(2, n // 10))
    # Candidate alignments from the blocks the quote shares with the text.
    matcher = difflib.SequenceMatcher(None, text, exact, autojunk=False)
    min_block = max(3, n // 5)
    aligned = {b.a - b.b for b in matcher.get_matching_blocks() if b.size >= min_block}
    context = prefix + exact + suffix
    scored: list[tuple[float, int, int]] = []
    for guess in aligned:
        # Coordinate ascent on (start, end) around the alignment: best start, best end, best start again.
        s, e = max(0, guess), min(len(text), guess + n)
        for _round in range(2):
            s = max(
                range(max(0, s - slack), min(e, s + slack) + 1),
                key=lambda s0: (_ratio(text[s0:e], exact), -abs(s0 - s)),
            )
            e = max(
                range(max(s + 1, e - slack), min(len(text), e + slack) + 1),
                key=lambda e0: (_ratio(text[s:e0], exact), -abs(e0 - e)),
            )
        own = _ratio(text[s:e], exact)
        if own < FUZZY_THRESHOLD:
            continue
        around = text[max(0, s - len(prefix)) : s] + text[s:e] + text[e : e + len(suffix)]
        ctx = _ratio(around, context)
        if ctx < FUZZY_THRESHOLD:
            continue
        scored.append((ctx + own, s, e))
    if not scored:
        return ORPHANED
    scored.sort(reverse=True)
    distinct = [c for c in scored if abs(c[1] - scored[0][1]) > slack]
    if distinct and scored[0][0] - distinct[0][0] < 0.02:
        # Two different passages fit about equally well: refuse to guess.
        return ORPHANED
    _, s, e = scored[0]
    return Anchor(s, e, "moved")
