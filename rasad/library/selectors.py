"""Reads of the reading list: a reader's saved articles, collections and what is filed in them."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from rasad.core.users import Reader
from rasad.library.models import Collection, CollectionItemQuerySet, SavedArticle, SavedArticleQuerySet


def saved_article_ids(user: Reader) -> set[int]:
    if user is None or not user.is_authenticated:
        return set()
    return set(SavedArticle.objects.filter(user=user).values_list("article_id", flat=True))


def saved_items(user: User, status: str = "") -> SavedArticleQuerySet:
    """The reader's list, newest save first; ``status`` ``unread`` or ``read`` filters it."""
    items = SavedArticle.objects.of(user).select_related("article__think_tank")
    if status == "unread":
        return items.unread()
    if status == "read":
        return items.read()
    return items


def saved_item(user: User, pk: int) -> SavedArticle:
    return SavedArticle.objects.of(user).select_related("article__think_tank").get(pk=pk)


def collections_of(user: Reader) -> list[Collection]:
    """Every collection the reader sees: their personal ones and their teams'."""
    return list(Collection.objects.visible_to(user).select_related("organisation"))


def collection_for(user: Reader, pk: int) -> Collection:
    """A collection the reader sees, or a 404 (whatever they may not see does not exist for them)."""
    return get_object_or_404(Collection.objects.visible_to(user).select_related("organisation", "owner"), pk=pk)


def collection_items(collection: Collection, user: Reader) -> CollectionItemQuerySet:
    return (
        collection.items.on_articles_visible_to(user)
        .select_related("article__think_tank", "added_by")
        .prefetch_related(Prefetch("article__authors"))
    )
