"""``saved_article_ids``: the set of article ids the user has saved, computed at most once a request.

Cards and the article page ask ``article.pk in saved_article_ids``; the set is lazy so pages that
show no save button pay no query.
"""

from __future__ import annotations

from django.utils.functional import SimpleLazyObject


def _saved_ids(request) -> set[int]:
    cached = getattr(request, "_rasad_saved_ids", None)
    if cached is None:
        from rasad.library.models import SavedArticle

        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            cached = set()
        else:
            cached = set(SavedArticle.objects.filter(user=user).values_list("article_id", flat=True))
        request._rasad_saved_ids = cached
    return cached


def saved_articles(request) -> dict:
    return {"saved_article_ids": SimpleLazyObject(lambda: _saved_ids(request))}
