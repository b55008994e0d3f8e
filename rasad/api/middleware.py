"""A cap on the size of API request bodies, answered before anything reads them."""

from __future__ import annotations

import json

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from rasad.api.errors import persian_message


class ApiBodyLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith("/api/"):
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = 0
            if length > settings.RASAD_API_MAX_BODY_BYTES:
                body = {"detail": persian_message(413)}
                return HttpResponse(
                    json.dumps(body, ensure_ascii=False), status=413, content_type="application/json; charset=utf-8"
                )
        return self.get_response(request)
