"""The Content Security Policy on every response, Django's debug 404 and 500 pages included.

django-csp leaves those two pages without a header when ``DEBUG`` is on (they carry inline
styles and scripts). Here they get the site's policy like every other page: the debug page is
plainer without its inline styles, and a page that breaks the policy is seen in development.
"""

from __future__ import annotations

from dataclasses import asdict
from http import HTTPStatus

from csp.constants import HEADER
from csp.middleware import CSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.http import HttpRequest
from django.http.response import HttpResponseBase

DEBUG_PAGES = (HTTPStatus.NOT_FOUND, HTTPStatus.INTERNAL_SERVER_ERROR)


class EveryResponseCSPMiddleware(CSPMiddleware):
    def process_response(self, request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
        if not (settings.DEBUG and response.status_code in DEBUG_PAGES):
            return super().process_response(request, response)
        policy = build_policy(**asdict(self.get_policy_parts(request=request, response=response)))
        if policy and HEADER not in response:
            response[HEADER] = policy
        return response
