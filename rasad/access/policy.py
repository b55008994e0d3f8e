"""THE gate: the one place that decides whether a user may read an article's full text.

Every channel that could show full text (article page, htmx partials, search snippets, feeds,
sitemaps, meta tags, JSON-LD, annotations) asks ``can_read_full_text``. Nothing else does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils import timezone

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    from rasad.articles.models import Article


def has_full_access(user: AbstractBaseUser | AnonymousUser | None) -> bool:
    """Whether ``user`` may read every gated article today (Tehran date)."""
    if user is None or not user.is_authenticated:
        return False
    if user.is_staff:
        return True
    cached = getattr(user, "_rasad_full_access", None)
    if cached is not None:
        return cached
    from rasad.access.models import Membership

    today = timezone.localdate()
    allowed = Membership.objects.filter(
        user=user,
        organisation__access_starts_on__lte=today,
        organisation__access_ends_on__gte=today,
    ).exists()
    user._rasad_full_access = allowed
    return allowed


def can_read_full_text(user: AbstractBaseUser | AnonymousUser | None, article: Article) -> bool:
    """Whether ``user`` may read ``article``'s full text."""
    if article.open_access and article.is_published:
        return True
    return has_full_access(user)
