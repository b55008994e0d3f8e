"""THE gate: the one place that decides whether a user may read an article's full text.

Every channel that could show full text (article page, htmx partials, search snippets, feeds,
sitemaps, meta tags, JSON-LD, annotations) asks ``can_read_full_text``. Nothing else does.

A reader has full access on a Tehran calendar day (``timezone.localdate()``) when they are staff,
hold a subscription covering that day (editor's grant, organisation deal or contribution credit:
all are ``Subscription`` rows), or belong to an organisation whose access period covers it. Both
ends of every period are inclusive. The answer is cached on the user object, so a page that asks
for every card pays for one query at most.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils import timezone

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    from rasad.articles.models import Article

_CACHE_ATTR = "_rasad_full_access"


def has_full_access(user: AbstractBaseUser | AnonymousUser | None) -> bool:
    """Whether ``user`` may read every gated, published article today (Tehran date)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_staff:
        return True
    today = timezone.localdate()
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None and cached[0] == today:
        return cached[1]
    from django.contrib.auth import get_user_model
    from django.db.models import Exists, OuterRef

    from rasad.access.models import Membership, Subscription

    subscribed = Subscription.objects.filter(user=OuterRef("pk"), starts_on__lte=today, ends_on__gte=today)
    member = Membership.objects.filter(
        user=OuterRef("pk"),
        organisation__access_starts_on__lte=today,
        organisation__access_ends_on__gte=today,
    )
    # One query: both checks as EXISTS subqueries on the user's row.
    row = (
        get_user_model()
        .objects.filter(pk=user.pk)
        .annotate(subscribed=Exists(subscribed), member=Exists(member))
        .values_list("subscribed", "member")
        .first()
    )
    allowed = bool(row and (row[0] or row[1]))
    setattr(user, _CACHE_ATTR, (today, allowed))
    return allowed


def forget_access(user: AbstractBaseUser | AnonymousUser | None) -> None:
    """Drop the cached answer after granting or removing access within the same request."""
    if user is not None and hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def is_public_article(article: Article) -> bool:
    """Published and dated today or earlier (what everyone may see exists at all)."""
    return article.is_published and article.published_on <= timezone.localdate()


def can_read_full_text(user: AbstractBaseUser | AnonymousUser | None, article: Article) -> bool:
    """Whether ``user`` may read ``article``'s full text."""
    if user is not None and user.is_authenticated and user.is_active and user.is_staff:
        return True
    if not is_public_article(article):
        # Drafts and scheduled articles are for editors only, subscribers included.
        return False
    if article.open_access:
        return True
    return has_full_access(user)
