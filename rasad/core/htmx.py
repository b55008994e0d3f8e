"""htmx requests: their type for views, and logging in from one (the browser, not the swapped
fragment, goes to the login page)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.contrib.auth.models import User
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.utils.http import urlencode
from django_htmx.http import HttpResponseClientRedirect
from django_htmx.middleware import HtmxDetails

from rasad.core.redirects import is_same_site, safe_next


class HtmxHttpRequest(HttpRequest):
    """A request that went through django-htmx's middleware (the type its example app uses)."""

    htmx: HtmxDetails


class LoggedInRequest(HtmxHttpRequest):
    """The request of a view behind a login check: its user is an account, never anonymous.
    https://github.com/typeddjango/django-stubs#how-do-i-annotate-cases-where-requestuser-is-guaranteed-to-be-authenticated
    """

    user: User


def login_required_htmx(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Like ``login_required``, but an htmx request gets ``HX-Redirect`` to the login page.

    A plain redirect would be followed by htmx's XMLHttpRequest and the login form swapped into
    a button. After logging in, the reader comes back to the page they were on (same site only).
    """

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated:
            return view(request, *args, **kwargs)
        return login_redirect(request)

    return wrapped


def login_redirect(request: HttpRequest) -> HttpResponse:
    """To the login page and back to the page the reader was on (same site only); htmx gets
    ``HX-Redirect`` so the browser, not the swapped fragment, goes there."""
    back = safe_next(request, request.headers.get("Referer", "") or request.get_full_path())
    if not is_same_site(request, back):
        back = "/"
    response = redirect_to_login(back)  # settings.LOGIN_URL
    # The login page says why the reader was sent there: the name of the view they asked for.
    match = request.resolver_match
    if match is not None and match.view_name:
        response["Location"] += "&" + urlencode({"reason": match.view_name})
    if getattr(request, "htmx", False):
        return HttpResponseClientRedirect(response["Location"])
    return response
