"""Writes on reading lists: save/unsave, read state, notes, collections."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.utils import timezone

from rasad.access.models import Organisation
from rasad.articles.models import Article
from rasad.library.models import Collection, CollectionItem, SavedArticle


@transaction.atomic
def article_set_saved(*, user: User, article: Article, saved: bool | None = None) -> bool:
    """Save or unsave ``article``; ``saved=None`` toggles. Returns whether it is saved now."""
    existing = SavedArticle.objects.filter(user=user, article=article)
    if saved is None:
        saved = not existing.exists()
    if not saved:
        existing.delete()
        return False
    try:
        with transaction.atomic():
            SavedArticle.objects.get_or_create(user=user, article=article)
    except IntegrityError:
        # A concurrent request saved it first: it is saved, which is what was asked.
        pass
    return True


@transaction.atomic
def article_set_read(*, user: User, article: Article, read: bool) -> SavedArticle:
    """Mark a saved article read or unread (saving it first if need be: reading implies keeping)."""
    item, _ = SavedArticle.objects.get_or_create(user=user, article=article)
    item.read_at = (item.read_at or timezone.now()) if read else None
    item.save(update_fields=["read_at"])
    return item


@transaction.atomic
def article_set_note(*, user: User, article: Article, note: str) -> SavedArticle:
    item, _ = SavedArticle.objects.get_or_create(user=user, article=article)
    item.note = note.strip()
    item.save(update_fields=["note"])
    return item


@transaction.atomic
def collection_create(*, owner: User, name: str, organisation: Organisation | None = None) -> Collection:
    return Collection.objects.create(owner=owner, name=name.strip(), organisation=organisation)


@transaction.atomic
def collection_add(*, collection: Collection, article: Article, user: User) -> CollectionItem:
    item, _ = CollectionItem.objects.get_or_create(collection=collection, article=article, defaults={"added_by": user})
    if not collection.is_team:
        # A personal collection is part of the reading list: keep what is filed in it saved.
        SavedArticle.objects.get_or_create(user=user, article=article)
    return item


@transaction.atomic
def collection_remove(*, collection: Collection, article: Article) -> None:
    CollectionItem.objects.filter(collection=collection, article=article).delete()


@transaction.atomic
def collection_rename(*, collection: Collection, name: str) -> Collection:
    collection.name = name.strip()
    collection.save(update_fields=["name"])
    return collection


@transaction.atomic
def collection_delete(*, collection: Collection) -> None:
    collection.delete()
