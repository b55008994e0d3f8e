"""The edges of /api/: a cap on request bodies, and Persian JSON for the errors Django answers itself."""

from __future__ import annotations

import json
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from rasad.api.errors import persian_message

API_PREFIX = "/api/"


def _json_error(status: int) -> HttpResponse:
    body = json.dumps({"detail": persian_message(status)}, ensure_ascii=False)
    return HttpResponse(body, status=status, content_type="application/json; charset=utf-8")


class ApiEdgeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(API_PREFIX):
            return self.get_response(request)
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.RASAD_API_MAX_BODY_BYTES:
            return _json_error(413)
        response = self.get_response(request)
        # An unknown address (404) or method (405) is answered by Django, in HTML and English.
        if response.status_code >= 400 and not response.get("Content-Type", "").startswith(
            ("application/json", "application/ld+json")
        ):
            replacement = _json_error(response.status_code)
            if response.has_header("Allow"):
                replacement["Allow"] = response["Allow"]
            return replacement
        return response
