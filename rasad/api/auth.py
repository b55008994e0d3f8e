"""Who is calling: a personal access token (``Authorization: Bearer rasad_…``) or, for same-site
pages, the signed-in session with its CSRF token.

A request that names a token is judged by that token alone: an unknown or revoked token is a
401 even when a session cookie came along. A read-only token may only read (GET, HEAD, OPTIONS);
writing with it is a 403.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, AuthorizationError, HttpError
from ninja.security import HttpBearer, SessionAuth
from ninja.utils import check_csrf

from rasad.access.models import AccessToken
from rasad.access.tokens import token_authenticate

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class ApiRequest(HttpRequest):
    """A request the API has authenticated: its user is an account; ``api_token`` is the token
    it came with, or None for a session."""

    user: User
    api_token: AccessToken | None


def _check_scope(request: HttpRequest, token: AccessToken) -> None:
    if request.method not in SAFE_METHODS and not token.can_write:
        raise AuthorizationError(message=_("این توکن «فقط خواندن» است و نمی‌تواند چیزی را تغییر دهد."))


class TokenAuth(HttpBearer):
    """A personal access token; sets ``request.user`` to its owner and ``request.api_token``."""

    def __call__(self, request: HttpRequest) -> Any | None:
        header = request.headers.get("Authorization", "")
        if not header:
            return None
        scheme, _sep, raw = header.partition(" ")
        if scheme.lower() != "bearer" or not raw.strip():
            raise AuthenticationError(message=_("سرآیند Authorization باید «Bearer <توکن>» باشد."))
        return self.authenticate(request, raw.strip())

    def authenticate(self, request: HttpRequest, token: str) -> Any | None:
        found = token_authenticate(token)
        if found is None:
            raise AuthenticationError(message=_("این توکن شناخته نیست یا باطل شده است."))
        _check_scope(request, found)
        request.user = found.user
        request.api_token = found  # type: ignore[attr-defined]
        return found.user


class SessionCsrfAuth(SessionAuth):
    """The signed-in session; unsafe methods need the CSRF token (``X-CSRFToken``) as on the site."""

    def __call__(self, request: HttpRequest) -> Any | None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not user.is_active:
            return None
        if request.method not in SAFE_METHODS and check_csrf(request) is not None:
            raise HttpError(403, _("بررسی CSRF ناموفق بود؛ سرآیند X-CSRFToken را با کوکی csrftoken بفرستید."))
        request.api_token = None  # type: ignore[attr-defined]
        return user

    def authenticate(self, request: HttpRequest, key: str | None) -> Any | None:  # pragma: no cover
        return self(request)


token_auth = TokenAuth()
session_auth = SessionCsrfAuth(csrf=True)
API_AUTH = [token_auth, session_auth]


def authenticate(request: HttpRequest) -> Any:
    """The same decision for views outside ninja (the Web Annotation Protocol endpoints)."""
    for method in API_AUTH:
        user = method(request)
        if user:
            return user
    raise AuthenticationError()
