"""The reader's display preferences: interface language, colour scheme and text size.

Each lives in its own cookie, set by a plain POST form (so it works without JavaScript) and read
on every request. The language comes from the cookie only, never from Accept-Language: a browser
that merely prefers English gets the Persian site until its reader picks English, and URLs stay
the same in both languages.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext_lazy as _

THEME_COOKIE = "rasad_theme"
THEMES = ("auto", "light", "dark")
TEXT_SIZE_COOKIE = "rasad_text"
TEXT_SIZES = ("normal", "large", "larger")
COOKIE_AGE = 365 * 24 * 3600
THEME_LABELS = {"auto": _("خودکار"), "light": _("روشن"), "dark": _("تیره")}
TEXT_SIZE_LABELS = {"normal": _("معمولی"), "large": _("درشت"), "larger": _("درشت‌تر")}


def _choice(request: HttpRequest, cookie: str, allowed: tuple[str, ...]) -> str:
    value = request.COOKIES.get(cookie, "")
    return value if value in allowed else allowed[0]


def theme_of(request: HttpRequest) -> str:
    return _choice(request, THEME_COOKIE, THEMES)


def text_size_of(request: HttpRequest) -> str:
    return _choice(request, TEXT_SIZE_COOKIE, TEXT_SIZES)


def language_of(request: HttpRequest) -> str:
    value = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    return value if value in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def set_preference_cookie(response: HttpResponse, name: str, value: str) -> None:
    response.set_cookie(
        name, value, max_age=COOKIE_AGE, samesite="Lax", secure=settings.SESSION_COOKIE_SECURE, httponly=True
    )


class ReaderLanguageMiddleware:
    """Activate the language of the reader's cookie (Persian without one)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = language_of(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Cookie",))
        return response


def preferences(request: HttpRequest) -> dict[str, object]:
    """Context processor: ``theme`` and ``text_size`` for <html>, and the footer's two switches."""
    theme, text_size = theme_of(request), text_size_of(request)
    return {
        "theme": theme,
        "text_size": text_size,
        "preference_switches": [
            ("theme", _("رنگ صفحه"), [(v, THEME_LABELS[v], v == theme) for v in THEMES]),
            ("text_size", _("اندازهٔ متن"), [(v, TEXT_SIZE_LABELS[v], v == text_size) for v in TEXT_SIZES]),
        ],
    }
