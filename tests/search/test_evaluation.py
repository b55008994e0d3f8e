"""The evaluation in ``evaluation.py``, run through the search page as a reader would.

Every case makes its article and an unrelated one, searches, and checks what the page shows. It
runs on SQLite and on PostgreSQL (``DATABASE_URL``), with the index built as production builds it
(the signals that index each saved article).
"""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from rasad.search.lexicon import DATA, _data_lines, search_normalise
from tests.factories import make_article
from tests.search.evaluation import (
    CASES_MUST_MATCH,
    CASES_MUST_NOT_MATCH,
    HELD_OUT_FALSE_FRIENDS,
    HELD_OUT_PAIRS,
)

pytestmark = pytest.mark.django_db


def _page(client, query: str) -> str:
    response = client.get(reverse("search:results"), {"q": query})
    assert response.status_code == 200
    return response.content.decode()


def _ids(cases: list[tuple[str, str, str]]) -> list[str]:
    return [f"{family}: {text} ← {query}" for family, text, query in cases]


@pytest.mark.parametrize(("family", "text", "query"), CASES_MUST_MATCH, ids=_ids(CASES_MUST_MATCH))
def test_spelling_pair_finds_the_article(client, family, text, query):
    target = make_article(f"گزارش: {text}", summary=f"خلاصه: {text}.")
    decoy = make_article("گزارشی دربارهٔ کشاورزی و آب", summary="خلاصه‌ای بی‌ربط دربارهٔ کم‌آبی.")
    html = _page(client, query)
    assert target.get_absolute_url() in html
    assert decoy.get_absolute_url() not in html


@pytest.mark.parametrize(("family", "text", "query"), CASES_MUST_NOT_MATCH, ids=_ids(CASES_MUST_NOT_MATCH))
def test_false_friend_does_not_find_the_article(client, family, text, query):
    article = make_article(f"گزارش: {text}", summary=f"خلاصه: {text}.")
    assert article.get_absolute_url() not in _page(client, query + " ")


def _data_words() -> set[str]:
    words: set[str] = set()
    for name in ("own_words.txt", "person_nouns.txt", "broken_plurals.tsv"):
        for line in _data_lines(name):
            words.update(search_normalise(line).split())
    for entry in json.loads((DATA / "equivalents.json").read_text(encoding="utf-8")):
        # One-word spellings: a word inside a longer name changes no folding.
        words.update(w for w in map(search_normalise, [entry["name"], *entry["spellings"]]) if " " not in w)
    return words


def test_held_out_words_are_in_no_list():
    """The held-out cases test the rules: none of their varied words was added to a list."""
    listed = _data_words()
    for _family, text, query in HELD_OUT_PAIRS + HELD_OUT_FALSE_FRIENDS:
        varied = search_normalise(query.strip(' "«»')).split()[:1] + search_normalise(text).split()[:1]
        assert not set(varied) & listed, (text, query)
