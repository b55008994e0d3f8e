"""Where a form may send the reader afterwards: ``next`` only when it stays on this site.

This is the one same-site check every ``next`` goes through (sign-up, log-in, saving, the login
redirect of htmx views). What it returns is a URL, to be given to ``HttpResponseRedirect``, never
to ``redirect()``: that shortcut takes a bare word such as ``-1`` or ``logout`` for the name of a
view and either fails with NoReverseMatch (a 500) or sends the reader to that view.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def is_same_site(request: HttpRequest, url: str) -> bool:
    """``url`` is an absolute path (``/…``) or an absolute URL of this host."""
    if not url or any(ch in url for ch in "\\\x00") or any(ord(ch) < 32 for ch in url):
        return False
    if not url.startswith("/") and not url.lower().startswith(("http://", "https://")):
        # «-1», «logout», «page?x»: relative words are not places on this site.
        return False
    return url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}, require_https=request.is_secure())


def safe_next(request: HttpRequest, default: str) -> str:
    """``next`` from the form or the query when it points at this site; otherwise ``default``."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    return target if is_same_site(request, target) else default
