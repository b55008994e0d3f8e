"""Equivalent spellings of names and acronyms, as the query parser uses them.

The editors' table (``Equivalent``, «هم‌ارزها» in the admin) is read once per process and read
again after any change: saving or deleting an entry bumps a generation number in the shared
cache, so every app server sees the change on its next search without a reindex.
"""

from __future__ import annotations

import uuid

from django.core.cache import cache

from rasad.search.models import Equivalent
from rasad.search.text import NAME_KEY, Equivalents, is_persian_name, name_key, tokens

GENERATION_KEY = "rasad:search:equivalents"
_loaded: dict[str, Equivalents] = {}


def table_from(groups: list[list[str]]) -> Equivalents:
    """Each spelling's tokens → the tokens of every other spelling of the same entity."""
    table: dict[tuple[str, ...], tuple[tuple[str, ...], ...]] = {}
    for spellings in groups:
        keys = list(dict.fromkeys(tuple(tokens(s)) for s in spellings))
        keys = [k for k in keys if k]
        # Query words that are no Persian word are looked up by sound (see text.name_key).
        sounds = {(NAME_KEY + name_key(k[0]),) for k in keys if len(k) == 1 and is_persian_name(k[0])}
        for key in [*keys, *sounds]:
            others = tuple(k for k in keys if k != key)
            table[key] = tuple(dict.fromkeys([*table.get(key, ()), *others]))
    return table


def equivalents() -> Equivalents:
    """The current table (cached per process until an editor changes it)."""
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        generation = uuid.uuid4().hex
        cache.add(GENERATION_KEY, generation, timeout=None)
        generation = cache.get(GENERATION_KEY, generation)
    table = _loaded.get(generation)
    if table is None:
        table = table_from([e.spelling_list() for e in Equivalent.objects.all()])
        _loaded.clear()
        _loaded[generation] = table
    return table


def forget_equivalents() -> None:
    """After an editor's change: every process reloads the table on its next search."""
    cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
