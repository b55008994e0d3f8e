"""Writes on reading lists: save/unsave, read state, notes, collections."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.contrib.sessions.backends.base import SessionBase
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from rasad.access.models import Organisation
from rasad.articles.models import Article
from rasad.core.links import normalise_url, url_variants
from rasad.library.formats import SERVICE_NAMES, Link, Parsed
from rasad.library.models import Collection, CollectionItem, ReaderRequest, ReaderRequestVote, SavedArticle


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


# The article an anonymous reader asked to save; saved as soon as they log in (see apps.py).
PENDING_SAVE_KEY = "library_pending_save"


def pending_save_complete(*, user: User, session: SessionBase) -> Article | None:
    """Save the article the reader asked for before logging in; the article saved, if any."""
    pk = session.pop(PENDING_SAVE_KEY, None)
    if not isinstance(pk, int):
        return None
    article = Article.objects.visible_to(user).filter(pk=pk).first()
    if article is None:
        return None
    article_set_saved(user=user, article=article, saved=True)
    return article


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


def saved_set_tags(*, item: SavedArticle, tags: list[str]) -> SavedArticle:
    """Replace the item's tags (already cleaned: ``rasad.library.tags.clean_tags``)."""
    item.labels = tags
    item.save(update_fields=["labels"])
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


# --- Reading lists from other services ---------------------------------------------------------


@dataclass
class ImportRow:
    link: Link
    article: Article | None = None
    status: str = ""  # "new", "updated", "unchanged", "requested"


@dataclass
class ImportReport:
    service: str
    rows: list[ImportRow]

    @property
    def counts(self) -> dict[str, int]:
        statuses = ("new", "updated", "unchanged", "requested")
        return {status: sum(1 for row in self.rows if row.status == status) for status in statuses}

    @property
    def service_name(self) -> str:
        return SERVICE_NAMES.get(self.service, self.service)

    @property
    def matched(self) -> list[ImportRow]:
        return [row for row in self.rows if row.article is not None]

    @property
    def unknown(self) -> list[ImportRow]:
        return [row for row in self.rows if row.article is None]


def _articles_by_key(links: list[Link], user: User) -> dict[str, Article]:
    """Articles the reader may see whose source_url is one of ``links`` (after normalising)."""
    wanted = {normalise_url(link.url) for link in links} - {""}
    variants = sorted({v for link in links for v in url_variants(link.url)})
    found: dict[str, Article] = {}
    for start in range(0, len(variants), 500):  # SQLite allows a limited number of parameters
        for article in Article.objects.visible_to(user).filter(source_url__in=variants[start : start + 500]):
            key = normalise_url(article.source_url)
            if key in wanted:
                found[key] = article
    return found


def _merge(links: list[Link]) -> list[Link]:
    """One link per page: read if any copy is read, labels of all copies."""
    merged: dict[str, Link] = {}
    for link in links:
        key = normalise_url(link.url)
        if not key:
            continue
        if key in merged:
            kept = merged[key]
            kept.read = kept.read or link.read
            kept.labels += [label for label in link.labels if label not in kept.labels]
            kept.title = kept.title or link.title
        else:
            merged[key] = Link(url=link.url, title=link.title, read=link.read, labels=list(link.labels))
    return list(merged.values())


def _apply_saved(user: User, row: ImportRow, article: Article, existing: SavedArticle | None, now: dt.datetime) -> str:
    link = row.link
    if existing is None:
        SavedArticle.objects.create(user=user, article=article, read_at=now if link.read else None, labels=link.labels)
        return "new"
    changed = []
    if link.read and existing.read_at is None:
        existing.read_at = now
        changed.append("read_at")
    labels = existing.labels + [label for label in link.labels if label not in existing.labels]
    if labels != existing.labels:
        existing.labels = labels
        changed.append("labels")
    if changed:
        existing.save(update_fields=changed)
    return "updated" if changed else "unchanged"


def _request(user: User, link: Link) -> None:
    key = normalise_url(link.url)
    request, _created = ReaderRequest.objects.get_or_create(
        url_key=key[:1000], defaults={"url": link.url[:1000], "title": link.title[:300]}
    )
    _vote, voted = ReaderRequestVote.objects.get_or_create(request=request, user=user)
    if voted:
        ReaderRequest.objects.filter(pk=request.pk).update(
            reader_count=F("reader_count") + 1, last_requested_at=timezone.now()
        )


@transaction.atomic
def saved_links_import(*, user: User, parsed: Parsed, dry_run: bool = False) -> ImportReport:
    """Save the links that are Rasad articles (with read state and labels); queue the others for
    editors as reader requests. With ``dry_run`` report what would happen and change nothing."""
    links = _merge(parsed.links)
    articles = _articles_by_key(links, user)
    rows = [ImportRow(link=link, article=articles.get(normalise_url(link.url))) for link in links]
    existing = {
        item.article_id: item
        for item in SavedArticle.objects.of(user).filter(article__in=[r.article for r in rows if r.article])
    }
    now = timezone.now()
    for row in rows:
        if row.article is None:
            row.status = "requested"
            if not dry_run:
                _request(user, row.link)
        elif dry_run:
            row.status = "unchanged" if row.article.pk in existing else "new"
        else:
            row.status = _apply_saved(user, row, row.article, existing.get(row.article.pk), now)
    return ImportReport(service=parsed.service, rows=rows)
