"""Responses that may depend on who is asking are marked so no shared cache serves them to others."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers


class PrivateCacheMiddleware:
    """``Cache-Control: private`` and ``Vary: Cookie`` on every response not declared public.

    Pages show the gate or the full text, the reader's name and their access, so by default a
    response belongs to one reader. Views whose output is the same for everyone (the RSS feed, the
    sitemap) declare ``Cache-Control: public`` themselves and are left alone.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        cache_control = response.get("Cache-Control", "")
        if "public" not in cache_control:
            patch_cache_control(response, private=True)
            patch_vary_headers(response, ("Cookie",))
        return response
