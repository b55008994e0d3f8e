"""The fixed Persian lexicon the search tokeniser consults before it folds a word.

A suffix rule alone cuts real words («میزان» is not «میز», «ثبات» is not «ثب»), so a fold is
taken only when the folded form is a Persian word. "A word" means: in wordfreq's Persian list
(about 31,000 words, the surface forms of large web, subtitle and Wikipedia corpora; a pinned,
well-kept package with no heavy dependencies) or in the project's own lists in ``data/``:

* ``own_words.txt``: words that end like a plural but are words of their own (اطلاعات, سودان…);
* ``broken_plurals.tsv``: Arabic broken plurals and their singulars (اسناد → سند);
* ``person_nouns.txt``: person nouns that take the «ان» plural without a suffix to show it.

The lexicon is fixed data, never the growing vocabulary of the corpus: the index side and the
query side consult the same lexicon, so a word folds the same way whenever it is indexed or
typed. Changing any of it (or upgrading wordfreq) changes stored tokens: run
``python manage.py rebuild_search_index`` after deploying such a change.

Hamza: ``search_normalise`` folds characters as ``rasad.core.normalise`` does (ئ → ی, ؤ → و,
أ → ا) and also drops a seat written before «و» («مسئول», «مسؤول» and «مسول» are one word).
Words written both with «ئ» and with «أ» in the lexicon («جرئت»/«جرأت», «مسئله»/«مسأله») get one
spelling for all their forms, the bare alef one («جرات», «مساله»), through ``hamza_class``.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from rasad.core.normalise import normalise

DATA = Path(__file__).resolve().parent / "data"
# A hamza seat before «و» is dropped: مسئول / مسؤول / مسول, شئون / شون.
_SEAT_BEFORE_WAW = re.compile("[\u0626\u0624](?=[\u064b-\u065f\u0670\u0640]*\u0648)")  # diacritics, tatweel between
_YEH_SEAT = "\u0626"  # ئ
_ALEF_SEAT = "\u0623"  # أ


def search_normalise(text: str) -> str:
    """``normalise`` plus the hamza rule above: the character folding of both search sides."""
    return normalise(_SEAT_BEFORE_WAW.sub("", text or ""))


def _data_lines(name: str) -> list[str]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


@functools.cache
def _wordfreq_raw() -> dict[str, float]:
    from wordfreq import get_frequency_dict

    return get_frequency_dict("fa", wordlist="small")


@functools.cache
def _frequencies() -> dict[str, float]:
    """Frequency of each normalised word (spellings that normalise alike are added up)."""
    folded: dict[str, float] = {}
    for word, freq in _wordfreq_raw().items():
        key = search_normalise(word)
        if key and " " not in key:
            folded[key] = folded.get(key, 0.0) + freq
    return folded


@functools.cache
def _hamza_classes() -> dict[str, str]:
    """«ی» spelling → «ا» spelling, for words the lexicon writes both with «ئ» and with «أ»."""
    raw = _wordfreq_raw()
    classes: dict[str, str] = {}
    for word in raw:
        for i, ch in enumerate(word):
            if ch == _YEH_SEAT and word[:i] + _ALEF_SEAT + word[i + 1 :] in raw:
                yeh, alef = search_normalise(word), search_normalise(word[:i] + _ALEF_SEAT + word[i + 1 :])
                if yeh != alef:
                    classes[yeh] = alef
    return classes


def hamza_class(word: str) -> str:
    """The one spelling of a normalised word whose hamza the lexicon writes two ways."""
    return _hamza_classes().get(word, word)


def _normalised_words(name: str) -> frozenset[str]:
    return frozenset(hamza_class(search_normalise(line)) for line in _data_lines(name))


@functools.cache
def own_words() -> frozenset[str]:
    return _normalised_words("own_words.txt")


@functools.cache
def person_nouns() -> frozenset[str]:
    return _normalised_words("person_nouns.txt")


@functools.cache
def broken_plurals() -> dict[str, str]:
    table: dict[str, str] = {}
    for line in _data_lines("broken_plurals.tsv"):
        plural, singular = line.split("\t")
        table[hamza_class(search_normalise(plural))] = hamza_class(search_normalise(singular))
    return table


def frequency(word: str) -> float:
    """How often ``word`` (normalised) occurs in Persian text, 0.0 when the lexicon lacks it."""
    return _frequencies().get(word, 0.0)


def is_word(word: str) -> bool:
    """Whether ``word`` (normalised) is a Persian word the lexicon knows."""
    return word in _frequencies() or word in own_words() or word in person_nouns() or word in broken_plurals().values()
