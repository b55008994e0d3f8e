"""``saved_article_ids``: the set of article ids the user has saved, computed at most once a request.

Cards and the article page ask ``article.pk in saved_article_ids``; the set is lazy so pages that
show no save button pay no query.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from rasad.library.selectors import saved_article_ids


def _saved_ids(request: HttpRequest) -> set[int]:
    cached: set[int] | None = getattr(request, "_rasad_saved_ids", None)
    if cached is None:
        cached = saved_article_ids(getattr(request, "user", None))
        request._rasad_saved_ids = cached  # type: ignore[attr-defined]
    return cached


def saved_articles(request: HttpRequest) -> dict[str, object]:
    return {"saved_article_ids": SimpleLazyObject(lambda: _saved_ids(request))}
