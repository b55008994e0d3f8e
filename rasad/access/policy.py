"""THE gate: the one place that decides whether a user may read an article's full text.

Every channel that could show full text (article page, htmx partials, search snippets, feeds,
sitemaps, meta tags, JSON-LD, annotations and their exports) asks ``can_read_full_text``.
Nothing else does.

A reader may read an article's full text when they are an editor, or when they may see the
article at all (``article.is_visible_to``: published and dated today or earlier) and it is open
access or they have full access today. Full access on a day is defined once, in
``rasad.access.selectors.access_spans`` (subscriptions and organisations' access periods, both
ends inclusive, on the Tehran calendar day ``timezone.localdate()``). The answer is cached on the
user object, so a page that asks for every card pays for one query at most.

The gate knows articles only through ``GatedArticle``, so ``access`` does not import
``articles``: whatever is shown behind it says whether the user may see it and whether it is open.
"""

from __future__ import annotations

from typing import Protocol

from django.utils import timezone

from rasad.access.selectors import has_access_on
from rasad.core.users import Reader, is_editor

_CACHE_ATTR = "_rasad_full_access"


class GatedArticle(Protocol):
    """What the gate needs to know of an article."""

    open_access: bool

    def is_visible_to(self, user: Reader) -> bool: ...


def has_full_access(user: Reader) -> bool:
    """Whether ``user`` may read every gated article they may see, today (Tehran date)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if is_editor(user):
        return True
    today = timezone.localdate()
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None and cached[0] == today:
        return bool(cached[1])
    allowed = has_access_on(user, today)
    setattr(user, _CACHE_ATTR, (today, allowed))
    return allowed


def forget_access(user: Reader) -> None:
    """Drop the cached answer after granting or removing access within the same request."""
    if user is not None and hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def can_read_full_text(user: Reader, article: GatedArticle) -> bool:
    """Whether ``user`` may read ``article``'s full text."""
    if is_editor(user):
        return True
    if not article.is_visible_to(user):
        # Drafts and scheduled articles are for editors only, subscribers included.
        return False
    if article.open_access:
        return True
    return has_full_access(user)
