"""Template context shared by every page."""

from __future__ import annotations

from django.http import HttpRequest


def csp_nonce(request: HttpRequest) -> dict[str, object]:
    """This request's CSP nonce as ``csp_nonce``, the name ``{% htmx_script %}`` looks for.

    django-csp 4 exposes the nonce as ``request.csp_nonce`` (lazy: the header only lists a nonce
    once something used it). Without the middleware (e.g. a RequestFactory request) it is None
    and script tags are rendered without a nonce.
    """
    return {"csp_nonce": getattr(request, "csp_nonce", None)}
