"""The relevance window (the newest RANK_WINDOW matches) is the same however it is gathered.

On PostgreSQL the window is filled from date slices, newest first; with tiny slices a handful of
articles exercise every slice, and the results must equal ranking the newest matches in one go.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection

from rasad.search import backends
from rasad.search.selectors import search_articles
from tests.factories import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def tiny_slices(monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("date slices are PostgreSQL's path")
    monkeypatch.setattr(backends, "FIRST_SLICE", 3)
    monkeypatch.setattr(backends, "RANK_WINDOW", 5)
    backends._slice_cache.clear()
    yield
    backends._slice_cache.clear()


def titles(text: str) -> list[str]:
    page = search_articles(text=text, user=AnonymousUser(), per_page=20)
    return [article.title for article in page.articles]


def test_window_from_slices_is_the_newest_matches_ranked(tiny_slices):
    start = dt.date(2024, 1, 1)
    for n in range(12):
        # Every article matches; the ones whose title says «تحریم» twice rank higher.
        title = f"تحریم و تحریم نفتی {n}" if n % 3 == 0 else f"گزارش تحریم {n}"
        make_article(
            title,
            summary="خلاصه",
            published_on=start + dt.timedelta(days=30 * n),
            source_url=f"https://example.org/w/{n}",
        )
    make_article("بی‌ربط", summary="خلاصه", source_url="https://example.org/w/x")

    found = titles("تحریم")
    # Only the newest five matches (n = 11…7) are in the window…
    assert sorted(found) == sorted(
        f"تحریم و تحریم نفتی {n}" if n % 3 == 0 else f"گزارش تحریم {n}" for n in range(7, 12)
    )
    # …ranked: the double mention (n = 9) first, then the rest newest first.
    assert found[0] == "تحریم و تحریم نفتی 9"
    assert found[1:] == ["گزارش تحریم 11", "گزارش تحریم 10", "گزارش تحریم 8", "گزارش تحریم 7"]


def test_prefix_of_the_last_word_matches_while_typing():
    make_article("امنیت انرژی اروپا", summary="خلاصه", source_url="https://example.org/p/1")
    make_article("امنیت انرژی آسیا", summary="خلاصه", source_url="https://example.org/p/2")
    assert titles("امنیت انرژی اروپ") == ["امنیت انرژی اروپا"]


def test_sparse_recent_matches_reach_back_through_every_slice(tiny_slices):
    newest = dt.date(2024, 12, 31)
    # The newest three documents (the first slice) hold a single match…
    make_article(
        "گزارش تحریم تازه",
        summary="خلاصه",
        published_on=newest - dt.timedelta(days=1),
        source_url="https://example.org/s/0",
    )
    for n in (0, 2):
        make_article(
            f"بی‌ربط {n}",
            summary="خلاصه",
            published_on=newest - dt.timedelta(days=n),
            source_url=f"https://example.org/s/x{n}",
        )
    # …and the other matches are months older than the second slice reaches.
    for n in range(1, 7):
        make_article(
            f"گزارش تحریم قدیمی {n}",
            summary="خلاصه",
            published_on=newest - dt.timedelta(days=70 + 30 * n),
            source_url=f"https://example.org/s/{n}",
        )
    found = set(titles("تحریم"))
    assert found == {"گزارش تحریم تازه", *(f"گزارش تحریم قدیمی {n}" for n in range(1, 5))}
