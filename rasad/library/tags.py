"""Tags on saved articles: the reader's own words, kept in ``SavedArticle.labels`` as typed.

Two spellings of one word are one tag: tags are compared by their ``rasad.core.normalise`` key
(«كتاب» and «کتاب», with or without a half-space), and the first spelling met is the one shown.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rasad.core.normalise import normalise

MAX_TAGS = 20
MAX_TAG_LENGTH = 50
# Latin comma and Persian comma «،» both separate tags.
_SEPARATORS = re.compile("[,،]")
_SPACE = re.compile(r"\s+")


def tag_key(tag: str) -> str:
    """What two tags must share to be one tag."""
    return normalise(tag)


def clean_tags(names: Iterable[str]) -> list[str]:
    """Trimmed, empties dropped, each tag once (by its key), first spelling kept, order kept."""
    seen: set[str] = set()
    tags: list[str] = []
    for name in names:
        shown = _SPACE.sub(" ", str(name)).strip()
        key = tag_key(shown)
        if key and key not in seen:
            seen.add(key)
            tags.append(shown)
    return tags


def parse_tags(text: str) -> list[str]:
    """The tags of a comma- or «،»-separated line."""
    return clean_tags(_SEPARATORS.split(text or ""))
