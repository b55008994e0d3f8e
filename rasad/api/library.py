"""The caller's reading list (saved articles, read state, private notes) and collections."""

from __future__ import annotations

from typing import Any

from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from rasad.access import teams
from rasad.api import archive, present
from rasad.api.articles import CITATION_CONTENT, ERRORS, citation_response, file_response, page_of, reject_unknown
from rasad.api.auth import ApiRequest
from rasad.api.errors import ApiError, invalid
from rasad.api.schemas import (
    ID,
    CitationFormat,
    CollectionDetailOut,
    CollectionIn,
    CollectionPage,
    CollectionRenameIn,
    PageQuery,
    SavedIn,
    SavedOut,
    SavedPage,
    SavedQuery,
)
from rasad.articles.models import Article
from rasad.library import services
from rasad.library.models import Collection, CollectionItem, CollectionQuerySet, SavedArticle, SavedArticleQuerySet

router = Router(tags=["فهرست مطالعه و مجموعه‌ها"])
ARTICLE_ROWS = ("article__think_tank", "article__observer_user")
ARTICLE_LISTS = ("article__authors", "article__topics")


def _saved(request: ApiRequest, item: SavedArticle) -> dict[str, Any]:
    return {
        "article": present.article(request, item.article),
        "saved_at": item.saved_at,
        "read": item.read_at is not None,
        "read_at": item.read_at,
        "note": item.note,
    }


def _my_saved(request: ApiRequest) -> SavedArticleQuerySet:
    return (
        SavedArticle.objects.of(request.user)
        .filter(article__in=Article.objects.visible_to(request.user))
        .select_related(*ARTICLE_ROWS)
        .prefetch_related(*ARTICLE_LISTS)
    )


@router.get("/library/saved", response={200: SavedPage, **ERRORS}, summary="مقاله‌های ذخیره‌شدهٔ من")
def saved_list(request: ApiRequest, query: Query[SavedQuery]) -> dict[str, Any]:
    reject_unknown(request, SavedQuery)
    queryset = _my_saved(request)
    if query.state == "unread":
        queryset = queryset.unread()
    elif query.state == "read":
        queryset = queryset.read()
    return page_of(request, queryset, page=query.page, limit=query.limit, show=_saved)


@router.get("/library/saved/{article_id}", response={200: SavedOut, **ERRORS})
def saved_detail(request: ApiRequest, article_id: ID) -> dict[str, Any]:
    return _saved(request, get_object_or_404(_my_saved(request), article_id=article_id))


def _visible_article(request: ApiRequest, article_id: int) -> Article:
    return get_object_or_404(Article.objects.visible_to(request.user), pk=article_id)


@router.put("/library/saved/{article_id}", response={200: SavedOut, **ERRORS}, summary="ذخیره، خواندن، یادداشت")
def saved_put(request: ApiRequest, article_id: ID, payload: SavedIn | None = None) -> dict[str, Any]:
    """Save the article (idempotent); `read` and `note` change its read state and private note."""
    article = _visible_article(request, article_id)
    services.article_set_saved(user=request.user, article=article, saved=True)
    if payload is not None and payload.read is not None:
        services.article_set_read(user=request.user, article=article, read=payload.read)
    if payload is not None and payload.note is not None:
        services.article_set_note(user=request.user, article=article, note=payload.note)
    return _saved(request, _my_saved(request).get(article_id=article.pk))


@router.delete("/library/saved/{article_id}", response={204: None, **ERRORS}, summary="برداشتن از فهرست")
def saved_delete(request: ApiRequest, article_id: ID) -> Status:
    get_object_or_404(SavedArticle.objects.of(request.user), article_id=article_id)
    services.article_set_saved(user=request.user, article=_visible_article(request, article_id), saved=False)
    return Status(204, None)


# --- Collections ---------------------------------------------------------------------------------


def _collections(request: ApiRequest) -> CollectionQuerySet:
    return (
        Collection.objects.visible_to(request.user)
        .select_related("organisation", "owner")
        .annotate(article_count=Count("items"))
        .order_by("name", "id")
    )


def _collection(request: ApiRequest, c: Collection, managed: set[int] | None = None) -> dict[str, Any]:
    org = c.organisation
    return {
        "id": c.pk,
        "name": c.name,
        "team": {"id": org.pk, "name": org.name, "slug": org.slug} if org else None,
        "owner": c.owner.get_username(),
        "created_at": c.created_at,
        "article_count": getattr(c, "article_count", 0),
        "can_manage": teams.may_change_team_object(request.user, c, managed=managed),
        "url": request.build_absolute_uri(c.get_absolute_url()),
    }


@router.get("/collections", response={200: CollectionPage, **ERRORS}, summary="مجموعه‌های من و تیم‌هایم")
def collection_list(request: ApiRequest, query: Query[PageQuery]) -> dict[str, Any]:
    reject_unknown(request, PageQuery)
    managed = teams.managed_organisation_ids(request.user)
    return page_of(
        request, _collections(request), page=query.page, limit=query.limit, show=lambda r, c: _collection(r, c, managed)
    )


def _detail(request: ApiRequest, collection: Collection) -> dict[str, Any]:
    items = (
        collection.items.on_articles_visible_to(request.user)
        .select_related(*ARTICLE_ROWS, "added_by")
        .prefetch_related(*ARTICLE_LISTS)
    )
    return {
        **_collection(request, collection),
        "items": [
            {
                "article": present.article(request, item.article),
                "added_at": item.added_at,
                "added_by": item.added_by.get_username() if item.added_by else "",
            }
            for item in items
        ],
    }


def _get_collection(request: ApiRequest, pk: int) -> Collection:
    return get_object_or_404(_collections(request), pk=pk)


@router.post("/collections", response={201: CollectionDetailOut, **ERRORS}, summary="ساختن مجموعه")
def collection_create(request: ApiRequest, payload: CollectionIn) -> Status:
    """A personal collection, or with `team` (an organisation's slug) one for that team."""
    organisation = None
    if payload.team:
        organisation = teams.organisations_of(request.user).filter(slug=payload.team).first()
        if organisation is None:
            raise invalid({"team": [_("این تیم را نمی‌شناسیم یا عضو آن نیستید.")]})
    if not payload.name.strip():
        raise invalid({"name": [_("نام مجموعه را بنویسید.")]})
    collection = services.collection_create(owner=request.user, name=payload.name, organisation=organisation)
    return Status(201, _detail(request, _get_collection(request, collection.pk)))


@router.get("/collections/{collection_id}", response={200: CollectionDetailOut, **ERRORS})
def collection_detail(request: ApiRequest, collection_id: ID) -> dict[str, Any]:
    return _detail(request, _get_collection(request, collection_id))


def _manageable(request: ApiRequest, collection_id: int) -> Collection:
    collection = _get_collection(request, collection_id)
    if not teams.may_change_team_object(request.user, collection):
        raise ApiError(403, _("فقط سازندهٔ مجموعه یا مدیر تیم می‌تواند آن را تغییر دهد یا حذف کند."))
    return collection


@router.patch("/collections/{collection_id}", response={200: CollectionDetailOut, **ERRORS}, summary="نام تازه")
def collection_rename(request: ApiRequest, collection_id: ID, payload: CollectionRenameIn) -> dict[str, Any]:
    collection = _manageable(request, collection_id)
    if not payload.name.strip():
        raise invalid({"name": [_("نام مجموعه را بنویسید.")]})
    services.collection_rename(collection=collection, name=payload.name)
    return _detail(request, _get_collection(request, collection.pk))


@router.delete("/collections/{collection_id}", response={204: None, **ERRORS})
def collection_delete(request: ApiRequest, collection_id: ID) -> Status:
    services.collection_delete(collection=_manageable(request, collection_id))
    return Status(204, None)


@router.put(
    "/collections/{collection_id}/articles/{article_id}",
    response={200: CollectionDetailOut, **ERRORS},
    summary="افزودن مقاله به مجموعه",
)
def collection_add(request: ApiRequest, collection_id: ID, article_id: ID) -> dict[str, Any]:
    collection = _get_collection(request, collection_id)
    services.collection_add(collection=collection, article=_visible_article(request, article_id), user=request.user)
    return _detail(request, _get_collection(request, collection.pk))


@router.delete("/collections/{collection_id}/articles/{article_id}", response={204: None, **ERRORS})
def collection_remove(request: ApiRequest, collection_id: ID, article_id: ID) -> Status:
    collection = _get_collection(request, collection_id)
    item = get_object_or_404(CollectionItem, collection=collection, article_id=article_id)
    if item.added_by_id != request.user.pk and not teams.may_change_team_object(request.user, collection):
        raise ApiError(403, _("فقط کسی که مقاله را افزوده یا مدیر مجموعه می‌تواند آن را بردارد."))
    services.collection_remove(collection=collection, article=item.article)
    return Status(204, None)


@router.get(
    "/collections/{collection_id}/citation/{fmt}",
    response={200: None, **ERRORS},
    summary="ارجاع همهٔ مقاله‌های مجموعه (RIS، BibTeX یا CSL-JSON)",
    openapi_extra=file_response("پروندهٔ ارجاع", CITATION_CONTENT),
)
def collection_citation(request: ApiRequest, collection_id: ID, fmt: CitationFormat) -> HttpResponse:
    collection = _get_collection(request, collection_id)
    articles = (
        Article.objects.visible_to(request.user)
        .filter(collection_items__collection=collection)
        .for_cards()
        .order_by("-published_on", "-id")
    )
    return citation_response(request, articles, fmt=fmt, filename=f"rasad-collection-{collection.pk}")


@router.get(
    "/library/archive",
    response={200: None, **ERRORS},
    summary="بایگانی همهٔ داده‌های من (ZIP: JSON، Markdown و ارجاع‌ها)",
    openapi_extra=file_response("ZIP", {"application/zip": {"schema": {"type": "string", "format": "binary"}}}),
)
def library_archive(request: ApiRequest) -> HttpResponse:
    response = HttpResponse(archive.build(request, request.user), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{archive.filename(request.user)}"'
    return response
