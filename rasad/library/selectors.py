"""Reads of the reading list: a reader's saved articles, collections and what is filed in them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from rasad.access.policy import can_read_full_text
from rasad.articles.models import Article
from rasad.core.users import Reader
from rasad.library import tags as tagging
from rasad.library.models import (
    Collection,
    CollectionItem,
    CollectionItemQuerySet,
    SavedArticle,
    SavedArticleQuerySet,
)
from rasad.search.matching import filter_matching


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


def _own_annotation_texts(user: User, articles: list[Article]) -> dict[int, list[str]]:
    """The reader's own annotations on ``articles``: each note, and each quote they may still read
    (a quote from full text counts only while the gate lets them read it)."""
    readable: dict[int, bool] = {}
    by_pk = {a.pk: a for a in articles}
    texts: dict[int, list[str]] = {}
    rows = (
        Article.objects.filter(pk__in=by_pk, annotations__author=user)
        .values_list("pk", "annotations__note", "annotations__exact", "annotations__field")
        .order_by()
    )
    for pk, note, exact, field in rows:
        if field != "summary" and pk not in readable:
            readable[pk] = can_read_full_text(user, by_pk[pk])
        texts.setdefault(pk, []).extend([note or "", exact if field == "summary" or readable[pk] else ""])
    return texts


def search_saved(user: User, items: Iterable[SavedArticle], q: str) -> list[SavedArticle]:
    """The reader's saved items whose title, private note or own annotations match ``q``, with the
    Persian folding and query language of article search."""
    items = list(items)
    texts = _own_annotation_texts(user, [i.article for i in items])
    return filter_matching(items, q, lambda i: [i.article.title, i.note, *texts.get(i.article_id, [])])


def search_collection_items(user: User, items: Iterable[CollectionItem], q: str) -> list[CollectionItem]:
    """A collection's items whose title, the reader's private note on it or the reader's own
    annotations on it match ``q``; never another member's private note."""
    items = list(items)
    articles = [i.article for i in items]
    notes = dict(
        SavedArticle.objects.of(user).filter(article__in=articles).values_list("article_id", "note").order_by()
    )
    texts = _own_annotation_texts(user, articles)
    return filter_matching(
        items, q, lambda i: [i.article.title, notes.get(i.article_id, ""), *texts.get(i.article_id, [])]
    )


@dataclass(frozen=True)
class Tag:
    name: str  # the first spelling met, as the reader typed it
    key: str
    count: int


@dataclass
class TagIndex:
    """The reader's tags with how many of their saved articles carry each, from one query."""

    tags: list[Tag]
    item_ids: dict[str, set[int]]

    def ids_tagged(self, name: str) -> set[int]:
        return self.item_ids.get(tagging.tag_key(name), set())

    def name_of(self, name: str) -> str:
        key = tagging.tag_key(name)
        return next((t.name for t in self.tags if t.key == key), name)


def tag_index(user: User) -> TagIndex:
    names: dict[str, str] = {}
    ids: dict[str, set[int]] = {}
    for pk, labels in SavedArticle.objects.of(user).values_list("pk", "labels").order_by("-saved_at", "-id"):
        for name in tagging.clean_tags(labels if isinstance(labels, list) else []):
            key = tagging.tag_key(name)
            names.setdefault(key, name)
            ids.setdefault(key, set()).add(pk)
    tags = [Tag(name=names[key], key=key, count=len(pks)) for key, pks in ids.items()]
    tags.sort(key=lambda t: (-t.count, t.key))
    return TagIndex(tags=tags, item_ids=ids)
