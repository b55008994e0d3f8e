"""Whole-page cache for anonymous readers, safe with CSRF tokens and CSP nonces.

Most of a country's readers browse without logging in, and every anonymous reader sees the same
feed, listings and article pages (the gate gives an anonymous reader full text only of open-access
articles, the same for everyone). So an anonymous page is rendered once and served from the cache
until content changes.

Safety:
- Only requests without a session or messages cookie use it: such a visitor is anonymous (the
  gate gives an anonymous visitor no gated full text, so the page is the same for all of them) and
  no per-user message or state can be baked into a page another reader gets. Logged-in readers
  (whose pages show their subscription, saves and notes) are never cached.
- The two per-request secrets in a page are swapped out before caching and back in on every
  hit: the CSRF token (a fresh masked token for this request) and the CSP nonce.
- Only 200 responses to GET/HEAD are cached; the key has the path, query string, HX-Request
  and HX-Target headers and language, and the page is stored with a *generation* number that any
  save or delete of content bumps (``bump_generation``; each app whose rows appear on pages wires
  its models with ``invalidate_pages_on_change``), so an edit is visible on the next request. ``RASAD_PAGE_CACHE_SECONDS`` bounds staleness for what signals cannot see
  (bulk_create, raw SQL, an article's publication date arriving at midnight).

With several app servers, set ``REDIS_URL`` so that they share the cache and the generation.
"""

from __future__ import annotations

import functools
import hashlib
import re
import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.middleware import csrf
from django.utils.cache import patch_vary_headers

from rasad.core import preferences

GENERATION_KEY = "rasad:pagecache:generation"
_CSRF_PLACEHOLDER = "\x00rasad-csrf\x00"
_NONCE_PLACEHOLDER = "\x00rasad-nonce\x00"
_CSRF_PLACEHOLDER_BYTES = _CSRF_PLACEHOLDER.encode()
_NONCE_PLACEHOLDER_BYTES = _NONCE_PLACEHOLDER.encode()
# A masked CSRF token: 64 characters from CSRF_ALLOWED_CHARS.
_MASKED_TOKEN = re.compile(r"(?<![A-Za-z0-9])[A-Za-z0-9]{64}(?![A-Za-z0-9])")


def bump_generation(**_signal_kwargs: object) -> None:
    """Invalidate every cached page (call after bulk changes that send no signals)."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        # Missing key: start from a value no earlier page can have been stored under.
        cache.set(GENERATION_KEY, int(time.time() * 1000), timeout=None)


def invalidate_pages_on_change(*models: type[Model], unless_only: frozenset[str] = frozenset()) -> None:
    """Drop every cached page whenever a row of one of ``models`` is saved, deleted or has its
    many-to-many rows changed. A save that changes only fields in ``unless_only`` (e.g. a user's
    ``last_login``) leaves the cache alone."""

    def changed(sender: type[Model], update_fields: frozenset[str] | None = None, **kwargs: object) -> None:
        if update_fields and unless_only and update_fields <= unless_only:
            return
        bump_generation()
        # Again once the change is visible to other connections: a page rendered in between
        # (from the old rows) must not outlive the transaction.
        transaction.on_commit(bump_generation)

    for model in models:
        uid = f"rasad.pagecache.{model._meta.label}"
        post_save.connect(changed, sender=model, weak=False, dispatch_uid=f"{uid}.save")
        post_delete.connect(changed, sender=model, weak=False, dispatch_uid=f"{uid}.delete")
        m2m_changed.connect(changed, sender=model, weak=False, dispatch_uid=f"{uid}.m2m")


def _cacheable_request(request: HttpRequest) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return False
    return settings.RASAD_PAGE_CACHE_SECONDS > 0


def _key(request: HttpRequest) -> str:
    raw = "|".join(
        [
            request.get_full_path(),
            request.headers.get("HX-Request", ""),
            # Views may answer different partials for different htmx targets (search does).
            request.headers.get("HX-Target", ""),
            getattr(request, "LANGUAGE_CODE", ""),
            preferences.theme_of(request),
            preferences.text_size_of(request),
            request.get_host(),
        ]
    )
    return f"rasad:page:{hashlib.sha256(raw.encode()).hexdigest()}"


def _strip_secrets(request: HttpRequest, html: str) -> str | None:
    """The page with this request's CSRF tokens and nonce replaced by placeholders.

    None when the page cannot be cached safely (e.g. a token we could not recognise).
    """
    secret = request.META.get("CSRF_COOKIE")
    # Django's own unmasking (stable since 4.0); private, so its stubs do not declare it.
    unmask = getattr(csrf, "_unmask_cipher_token")  # noqa: B009
    if secret:

        def replace(match: re.Match[str]) -> str:
            return _CSRF_PLACEHOLDER if unmask(match.group(0)) == secret else match.group(0)

        html = _MASKED_TOKEN.sub(replace, html)
    nonce = getattr(request, "_csp_nonce", None)
    if isinstance(nonce, str):
        html = html.replace(nonce, _NONCE_PLACEHOLDER)
    if "csrfmiddlewaretoken" in html and _CSRF_PLACEHOLDER not in html:
        return None
    return html


def _fill_secrets(request: HttpRequest, content: bytes) -> bytes:
    # Pages are kept encoded, so a hit costs no decoding or encoding of the whole page.
    if _CSRF_PLACEHOLDER_BYTES in content:
        content = content.replace(_CSRF_PLACEHOLDER_BYTES, csrf.get_token(request).encode())
    if _NONCE_PLACEHOLDER_BYTES in content:
        content = content.replace(_NONCE_PLACEHOLDER_BYTES, str(getattr(request, "csp_nonce", "")).encode())
    return content


def anonymous_page_cache(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve ``view``'s page to anonymous readers from the cache (see the module docstring)."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if not _cacheable_request(request):
            return view(request, *args, **kwargs)
        key = _key(request)
        # One round trip (Redis) for the generation and the page; a page stored under an older
        # generation is stale.
        found = cache.get_many([GENERATION_KEY, key])
        generation = found.get(GENERATION_KEY)
        if generation is None:
            bump_generation()
            generation = cache.get(GENERATION_KEY)
        cached = found.get(key)
        if cached is not None and cached[0] == generation:
            _, content_type, content = cached
            response = HttpResponse(_fill_secrets(request, content), content_type=content_type)
            response["Vary"] = "Cookie, HX-Request"
            response["X-Rasad-Cache"] = "hit"
            return response
        response = view(request, *args, **kwargs)
        if (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not response.has_header("Cache-Control")
            and response.get("Content-Type", "").startswith("text/html")
            and not request.user.is_authenticated
            # A page that wrote to the session or queued a message is this visitor's alone.
            and not getattr(getattr(request, "session", None), "modified", False)
            and not getattr(getattr(request, "_messages", None), "added_new", False)
        ):
            html = _strip_secrets(request, response.content.decode(response.charset))
            if html is not None:
                cached = (generation, response["Content-Type"], html.encode(response.charset))
                cache.set(key, cached, settings.RASAD_PAGE_CACHE_SECONDS)
                patch_vary_headers(response, ("Cookie", "HX-Request"))
                response["X-Rasad-Cache"] = "miss"
        return response

    return wrapped
