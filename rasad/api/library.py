"""The caller's reading list (saved articles, read state, private notes) and collections."""

from __future__ import annotations

from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from rasad.access.models import Membership
from rasad.api import archive, present
from rasad.api.articles import (
    CITATION_CONTENT,
    ERRORS,
    _page,
    citation_response,
    file_response,
    reject_unknown,
    visible_articles,
)
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
from rasad.library.models import Collection, CollectionItem, SavedArticle
from rasad.library.permissions import can_manage_collection

router = Router(tags=["فهرست مطالعه و مجموعه‌ها"])


def _article_prefetch(prefix: str = "article") -> list:
    return [f"{prefix}__authors", f"{prefix}__topics"]


def _saved(request: HttpRequest, item: SavedArticle) -> dict:
    return {
        "article": present.article(request, item.article),
        "saved_at": item.saved_at,
        "read": item.read_at is not None,
        "read_at": item.read_at,
        "note": item.note,
    }


def _my_saved(request: HttpRequest):
    visible = visible_articles(request.user).values("pk")
    return (
        SavedArticle.objects.of(request.user)
        .filter(article__in=visible)
        .select_related("article__think_tank", "article__observer_user")
        .prefetch_related(*_article_prefetch())
    )


@router.get("/library/saved", response={200: SavedPage, **ERRORS}, summary="مقاله‌های ذخیره‌شدهٔ من")
def saved_list(request: HttpRequest, query: Query[SavedQuery]):
    queryset = _my_saved(request)
    if query.state == "unread":
        queryset = queryset.unread()
    elif query.state == "read":
        queryset = queryset.read()
    reject_unknown(request, SavedQuery)
    return _page(request, queryset, PageQuery(page=query.page, limit=query.limit), _saved, check=False)


@router.get("/library/saved/{article_id}", response={200: SavedOut, **ERRORS})
def saved_detail(request: HttpRequest, article_id: ID):
    return _saved(request, get_object_or_404(_my_saved(request), article_id=article_id))


def _visible_article(request: HttpRequest, article_id: int) -> Article:
    return get_object_or_404(visible_articles(request.user), pk=article_id)


@router.put("/library/saved/{article_id}", response={200: SavedOut, **ERRORS}, summary="ذخیره، خواندن، یادداشت")
def saved_put(request: HttpRequest, article_id: ID, payload: SavedIn | None = None):
    """Save the article (idempotent); `read` and `note` change its read state and private note."""
    article = _visible_article(request, article_id)
    payload = payload or SavedIn()
    services.article_set_saved(user=request.user, article=article, saved=True)
    if payload.read is not None:
        services.article_set_read(user=request.user, article=article, read=payload.read)
    if payload.note is not None:
        services.article_set_note(user=request.user, article=article, note=payload.note)
    return _saved(request, _my_saved(request).get(article_id=article.pk))


@router.delete("/library/saved/{article_id}", response={204: None, **ERRORS}, summary="برداشتن از فهرست")
def saved_delete(request: HttpRequest, article_id: ID):
    get_object_or_404(SavedArticle.objects.of(request.user), article_id=article_id)
    services.article_set_saved(user=request.user, article=_visible_article(request, article_id), saved=False)
    return Status(204, None)


# --- Collections ---------------------------------------------------------------------------------


def _collections(request: HttpRequest):
    return (
        Collection.objects.visible_to(request.user)
        .select_related("organisation", "owner")
        .annotate(article_count=Count("items"))
        .order_by("name", "id")
    )


def _managed_teams(request: HttpRequest) -> set[int]:
    return set(
        Membership.objects.filter(user=request.user, role=Membership.Role.MANAGER).values_list(
            "organisation_id", flat=True
        )
    )


def _collection(request: HttpRequest, c: Collection, managed: set[int] | None = None) -> dict:
    managed = _managed_teams(request) if managed is None else managed
    org = c.organisation
    return {
        "id": c.pk,
        "name": c.name,
        "team": {"id": org.pk, "name": org.name, "slug": org.slug} if org else None,
        "owner": c.owner.get_username(),
        "created_at": c.created_at,
        "article_count": getattr(c, "article_count", 0),
        "can_manage": c.owner_id == request.user.pk or (org is not None and org.pk in managed),
        "url": request.build_absolute_uri(c.get_absolute_url()),
    }


@router.get("/collections", response={200: CollectionPage, **ERRORS}, summary="مجموعه‌های من و تیم‌هایم")
def collection_list(request: HttpRequest, query: Query[PageQuery]):
    managed = _managed_teams(request)
    return _page(request, _collections(request), query, lambda r, c: _collection(r, c, managed))


def _detail(request: HttpRequest, collection: Collection) -> dict:
    visible = visible_articles(request.user).values("pk")
    items = (
        CollectionItem.objects.filter(collection=collection, article__in=visible)
        .select_related("article__think_tank", "article__observer_user", "added_by")
        .prefetch_related(*_article_prefetch())
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


def _get_collection(request: HttpRequest, pk: int) -> Collection:
    return get_object_or_404(_collections(request), pk=pk)


@router.post("/collections", response={201: CollectionDetailOut, **ERRORS}, summary="ساختن مجموعه")
def collection_create(request: HttpRequest, payload: CollectionIn):
    organisation = None
    if payload.team:
        membership = (
            Membership.objects.filter(user=request.user, organisation__slug=payload.team)
            .select_related("organisation")
            .first()
        )
        if membership is None:
            raise invalid({"team": [_("این تیم را نمی‌شناسیم یا عضو آن نیستید.")]})
        organisation = membership.organisation
    if not payload.name.strip():
        raise invalid({"name": [_("نام مجموعه را بنویسید.")]})
    collection = services.collection_create(owner=request.user, name=payload.name, organisation=organisation)
    return Status(201, _detail(request, _get_collection(request, collection.pk)))


@router.get("/collections/{collection_id}", response={200: CollectionDetailOut, **ERRORS})
def collection_detail(request: HttpRequest, collection_id: ID):
    return _detail(request, _get_collection(request, collection_id))


def _manageable(request: HttpRequest, collection_id: int) -> Collection:
    collection = _get_collection(request, collection_id)
    if not can_manage_collection(request.user, collection):
        raise ApiError(403, _("فقط سازندهٔ مجموعه یا مدیر تیم می‌تواند آن را تغییر دهد یا حذف کند."))
    return collection


@router.patch("/collections/{collection_id}", response={200: CollectionDetailOut, **ERRORS}, summary="نام تازه")
def collection_rename(request: HttpRequest, collection_id: ID, payload: CollectionRenameIn):
    collection = _manageable(request, collection_id)
    if not payload.name.strip():
        raise invalid({"name": [_("نام مجموعه را بنویسید.")]})
    collection.name = payload.name.strip()
    collection.save(update_fields=["name"])
    return _detail(request, _get_collection(request, collection.pk))


@router.delete("/collections/{collection_id}", response={204: None, **ERRORS})
def collection_delete(request: HttpRequest, collection_id: ID):
    _manageable(request, collection_id).delete()
    return Status(204, None)


@router.put(
    "/collections/{collection_id}/articles/{article_id}",
    response={200: CollectionDetailOut, **ERRORS},
    summary="افزودن مقاله به مجموعه",
)
def collection_add(request: HttpRequest, collection_id: ID, article_id: ID):
    collection = _get_collection(request, collection_id)
    services.collection_add(collection=collection, article=_visible_article(request, article_id), user=request.user)
    return _detail(request, _get_collection(request, collection.pk))


@router.delete("/collections/{collection_id}/articles/{article_id}", response={204: None, **ERRORS})
def collection_remove(request: HttpRequest, collection_id: ID, article_id: ID):
    collection = _get_collection(request, collection_id)
    item = get_object_or_404(CollectionItem, collection=collection, article_id=article_id)
    if item.added_by_id != request.user.pk and not can_manage_collection(request.user, collection):
        raise ApiError(403, _("فقط کسی که مقاله را افزوده یا مدیر مجموعه می‌تواند آن را بردارد."))
    services.collection_remove(collection=collection, article=item.article)
    return Status(204, None)


@router.get(
    "/collections/{collection_id}/citation/{fmt}",
    response={200: None, **ERRORS},
    summary="ارجاع همهٔ مقاله‌های مجموعه (RIS، BibTeX یا CSL-JSON)",
    openapi_extra=file_response("پروندهٔ ارجاع", CITATION_CONTENT),
)
def collection_citation(request: HttpRequest, collection_id: ID, fmt: CitationFormat):
    collection = _get_collection(request, collection_id)
    articles = (
        visible_articles(request.user)
        .filter(collection_items__collection=collection)
        .for_cards()
        .order_by("-published_on", "-id")
        .prefetch_related(Prefetch("authors"), Prefetch("topics"))
    )
    return citation_response(request, articles, fmt=fmt, filename=f"rasad-collection-{collection.pk}")


@router.get(
    "/library/archive",
    response={200: None, **ERRORS},
    summary="بایگانی همهٔ داده‌های من (ZIP: JSON، Markdown و ارجاع‌ها)",
    openapi_extra=file_response("ZIP", {"application/zip": {"schema": {"type": "string", "format": "binary"}}}),
)
def library_archive(request: HttpRequest):
    response = HttpResponse(archive.build(request, request.user), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{archive.filename(request.user)}"'
    return response
