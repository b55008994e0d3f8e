"""Annotations as plain JSON (the same notes as the W3C container, in the API's own shape)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from rasad.access import teams
from rasad.access.models import Organisation
from rasad.annotations import selectors, services
from rasad.annotations.models import Annotation, AnnotationQuerySet
from rasad.annotations.selectors import Placed
from rasad.api import w3c
from rasad.api.articles import ERRORS, page_of, reject_unknown
from rasad.api.auth import ApiRequest
from rasad.api.errors import ApiError, invalid
from rasad.api.schemas import ID, AnnotationChangeIn, AnnotationIn, AnnotationOut, AnnotationPage, AnnotationQuery
from rasad.articles.models import Article

router = Router(tags=["یادداشت‌ها"])
# The service's field names as this API names them.
FIELD_NAMES = {"organisation": "team"}


def _queryset(request: ApiRequest, scope: str = "visible") -> AnnotationQuerySet:
    user = request.user
    chosen = {
        "visible": Annotation.objects.visible_to(user),
        "mine": Annotation.objects.mine(user),
        "team": Annotation.objects.by_team_of(user),
    }[scope]
    return chosen.select_related("author", "article", "organisation").order_by("-created_at", "-id")


def _shown(request: ApiRequest, placed: Placed) -> dict[str, Any]:
    a = placed.annotation
    return {
        "id": a.pk,
        "article": a.article_id,
        "field": a.field,
        "visibility": a.visibility,
        "team": a.organisation.slug if a.organisation else None,
        "note": a.note,
        "selectors": w3c.selectors_of(placed),
        "orphaned": placed.anchor.orphaned,
        "author": a.author.get_username(),
        "created": a.created_at,
        "modified": a.updated_at,
        "can_edit": placed.can_edit,
        "can_delete": placed.can_delete,
        "w3c_id": w3c.annotation_iri(request, a),
    }


def _one(request: ApiRequest, annotation: Annotation) -> dict[str, Any]:
    return _shown(request, selectors.place(request.user, [annotation])[0])


def team_named(request: ApiRequest, slug: str | None, *, field: str = "team") -> Organisation | None:
    """The caller's organisation ``slug`` (None when no slug is given); a 422 naming ``field`` otherwise."""
    if not slug:
        return None
    organisation = teams.organisations_of(request.user).filter(slug=slug).first()
    if organisation is None:
        raise invalid({field: [_("این تیم را نمی‌شناسیم یا عضو آن نیستید.")]})
    return organisation


def _service_error(exc: ValidationError) -> ApiError:
    return invalid({FIELD_NAMES.get(name, name): messages for name, messages in exc.message_dict.items()})


@router.get("/annotations", response={200: AnnotationPage, **ERRORS}, summary="یادداشت‌هایی که می‌بینم")
def annotation_list(request: ApiRequest, query: Query[AnnotationQuery]) -> dict[str, Any]:
    reject_unknown(request, AnnotationQuery)
    queryset = _queryset(request, query.scope)
    if query.article:
        queryset = queryset.filter(article_id=query.article)
    page = page_of(request, queryset, page=query.page, limit=query.limit, show=lambda r, a: a)
    page["results"] = [_shown(request, p) for p in selectors.place(request.user, page["results"])]
    return page


@router.get("/annotations/{annotation_id}", response={200: AnnotationOut, **ERRORS})
def annotation_detail(request: ApiRequest, annotation_id: ID) -> dict[str, Any]:
    return _one(request, get_object_or_404(_queryset(request), pk=annotation_id))


@router.post("/annotations", response={201: AnnotationOut, **ERRORS}, summary="برجسته‌سازی و یادداشت تازه")
def annotation_create(request: ApiRequest, payload: AnnotationIn) -> Status:
    """The quote is looked up in the article's current text; a quote that is not there is a 422.
    A team note is for `team` (an organisation's slug), or for the caller's only team."""
    article = Article.objects.visible_to(request.user).filter(pk=payload.article).first()
    if article is None:
        raise invalid({"article": [_("چنین مقاله‌ای در رصد نیست.")]})
    try:
        annotation = services.annotation_create(
            author=request.user, article=article, field=payload.field, exact=payload.exact, prefix=payload.prefix,
            suffix=payload.suffix, start=payload.start, note=payload.note, visibility=payload.visibility,
            organisation=team_named(request, payload.team),
        )  # fmt: skip
    except ValidationError as exc:
        raise _service_error(exc) from exc
    except PermissionDenied as exc:
        raise ApiError(403, _("متن کامل این مقاله برای شما باز نیست؛ روی آن نمی‌توانید یادداشت بگذارید.")) from exc
    return Status(201, _one(request, _queryset(request).get(pk=annotation.pk)))


@router.patch("/annotations/{annotation_id}", response={200: AnnotationOut, **ERRORS}, summary="ویرایش یادداشت")
def annotation_change(request: ApiRequest, annotation_id: ID, payload: AnnotationChangeIn) -> dict[str, Any]:
    annotation = get_object_or_404(_queryset(request), pk=annotation_id)
    if annotation.author_id != request.user.pk:
        raise ApiError(403, _("فقط نویسندهٔ یادداشت می‌تواند آن را تغییر دهد."))
    try:
        services.annotation_update(
            annotation=annotation,
            note=annotation.note if payload.note is None else payload.note,
            visibility=payload.visibility or annotation.visibility,
            organisation=team_named(request, payload.team),
        )
    except ValidationError as exc:
        raise _service_error(exc) from exc
    return _one(request, annotation)


@router.delete("/annotations/{annotation_id}", response={204: None, **ERRORS})
def annotation_delete(request: ApiRequest, annotation_id: ID) -> Status:
    annotation = get_object_or_404(_queryset(request), pk=annotation_id)
    if not selectors.can_delete(request.user, annotation):
        raise ApiError(403, _("فقط نویسندهٔ یادداشت یا مدیر تیم می‌تواند آن را حذف کند."))
    services.annotation_delete(annotation=annotation)
    return Status(204, None)
