"""Where a form may send the reader afterwards: ``next`` only when it stays on this site."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def is_same_site(request: HttpRequest, url: str) -> bool:
    return bool(url) and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )


def safe_next(request: HttpRequest, default: str) -> str:
    """``next`` from the form or the query when it points at this site; otherwise ``default``."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    return target if is_same_site(request, target) else default
