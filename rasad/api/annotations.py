"""Annotations as plain JSON (the same notes as the W3C container, in the API's own shape)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from rasad.annotations import selectors, services
from rasad.annotations.models import Annotation
from rasad.api import w3c
from rasad.api.articles import ERRORS, _page, reject_unknown, visible_articles
from rasad.api.errors import ApiError, invalid
from rasad.api.schemas import (
    ID,
    AnnotationChangeIn,
    AnnotationIn,
    AnnotationOut,
    AnnotationPage,
    AnnotationQuery,
    PageQuery,
)

router = Router(tags=["یادداشت‌ها"])


def _queryset(request: HttpRequest, scope: str = "visible"):
    visible = visible_articles(request.user).values("pk")
    base = {
        "visible": Annotation.objects.visible_to(request.user),
        "mine": Annotation.objects.filter(author=request.user),
        "team": Annotation.objects.by_team_of(request.user),
    }[scope]
    return base.filter(article__in=visible).select_related("author", "article").order_by("-created_at", "-id")


def _shown(request: HttpRequest, placed) -> dict:
    a = placed.annotation
    return {
        "id": a.pk,
        "article": a.article_id,
        "field": a.field,
        "visibility": a.visibility,
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


def _one(request: HttpRequest, annotation: Annotation) -> dict:
    return _shown(request, selectors.place(request.user, [annotation])[0])


@router.get("/annotations", response={200: AnnotationPage, **ERRORS}, summary="یادداشت‌هایی که می‌بینم")
def annotation_list(request: HttpRequest, query: Query[AnnotationQuery]):
    reject_unknown(request, AnnotationQuery)
    queryset = _queryset(request, query.scope)
    if query.article:
        queryset = queryset.filter(article_id=query.article)
    page = _page(request, queryset, PageQuery(page=query.page, limit=query.limit), lambda r, a: a, check=False)
    page["results"] = [_shown(request, p) for p in selectors.place(request.user, page["results"])]
    return page


@router.get("/annotations/{annotation_id}", response={200: AnnotationOut, **ERRORS})
def annotation_detail(request: HttpRequest, annotation_id: ID):
    return _one(request, get_object_or_404(_queryset(request), pk=annotation_id))


def _service_error(exc: ValidationError):
    return invalid(exc.message_dict)


@router.post("/annotations", response={201: AnnotationOut, **ERRORS}, summary="برجسته‌سازی و یادداشت تازه")
def annotation_create(request: HttpRequest, payload: AnnotationIn):
    """The quote is looked up in the article's current text; a quote that is not there is a 422."""
    article = visible_articles(request.user).filter(pk=payload.article).first()
    if article is None:
        raise invalid({"article": [_("چنین مقاله‌ای در رصد نیست.")]})
    try:
        annotation = services.annotation_create(
            author=request.user, article=article, field=payload.field, exact=payload.exact, prefix=payload.prefix,
            suffix=payload.suffix, start=payload.start, note=payload.note, visibility=payload.visibility,
        )  # fmt: skip
    except ValidationError as exc:
        raise _service_error(exc) from exc
    except PermissionDenied as exc:
        raise ApiError(403, _("متن کامل این مقاله برای شما باز نیست؛ روی آن نمی‌توانید یادداشت بگذارید.")) from exc
    return Status(201, _one(request, _queryset(request).get(pk=annotation.pk)))


@router.patch("/annotations/{annotation_id}", response={200: AnnotationOut, **ERRORS}, summary="ویرایش یادداشت")
def annotation_change(request: HttpRequest, annotation_id: ID, payload: AnnotationChangeIn):
    annotation = get_object_or_404(_queryset(request), pk=annotation_id)
    if annotation.author_id != request.user.pk:
        raise ApiError(403, _("فقط نویسندهٔ یادداشت می‌تواند آن را تغییر دهد."))
    try:
        services.annotation_update(
            annotation=annotation,
            note=annotation.note if payload.note is None else payload.note,
            visibility=payload.visibility or annotation.visibility,
        )
    except ValidationError as exc:
        raise _service_error(exc) from exc
    return _one(request, annotation)


@router.delete("/annotations/{annotation_id}", response={204: None, **ERRORS})
def annotation_delete(request: HttpRequest, annotation_id: ID):
    annotation = get_object_or_404(_queryset(request), pk=annotation_id)
    if not selectors.can_delete(request.user, annotation):
        raise ApiError(403, _("فقط نویسندهٔ یادداشت یا مدیر تیم می‌تواند آن را حذف کند."))
    services.annotation_delete(annotation=annotation)
    return Status(204, None)
