"""View decorators for pages and actions about one article named in the URL."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse

from rasad.articles.selectors import article_for


def with_visible_article(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Pass the URL's ``article_id`` as ``article`` when the requester may see it, else a 404.

    It comes before any login check, so an article nobody may see yet answers 404 to everyone,
    anonymous readers included, on every endpoint that names it.
    """

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, article_id: int, **kwargs: Any) -> HttpResponse:
        return view(request, *args, article=article_for(request.user, article_id), **kwargs)

    return wrapped
