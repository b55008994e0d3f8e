"""The W3C Web Annotation Protocol: each article's annotations as an Annotation Container.

https://www.w3.org/TR/annotation-protocol/ — ``/api/v1/articles/<id>/annotations/`` is an LDP
Basic Container and AnnotationCollection of the annotations the caller may see; its pages
(``?page=0``…) are AnnotationPages; each annotation is at ``…/annotations/<pk>``. GET, HEAD and
OPTIONS everywhere; POST on the container; PUT and DELETE on one's own annotations, with
``If-Match`` compared against the ETag when given (412 when it no longer matches). The same
tokens, sessions, rate limits and Persian errors as the rest of the API.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Max
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from ninja.errors import HttpError, Throttled

from rasad.annotations import selectors, services
from rasad.annotations.anchoring import field_text
from rasad.annotations.models import Annotation, AnnotationQuerySet
from rasad.annotations.selectors import Placed
from rasad.api import throttle, w3c
from rasad.api.annotations import team_named
from rasad.api.auth import ApiRequest, authenticate
from rasad.api.errors import ApiError, is_persian, persian_message
from rasad.articles.models import Article

CONTAINER_METHODS = "GET, HEAD, OPTIONS, POST"
ANNOTATION_METHODS = "GET, HEAD, OPTIONS, PUT, DELETE"
CONTAINER_LINKS = (
    '<http://www.w3.org/ns/ldp#BasicContainer>; rel="type", '
    '<http://www.w3.org/TR/annotation-protocol/>; rel="http://www.w3.org/ns/ldp#constrainedBy"'
)
RESOURCE_LINK = '<http://www.w3.org/ns/ldp#Resource>; rel="type"'
PREFER_IRIS = "http://www.w3.org/ns/oa#PreferContainedIRIs"
ACCEPTED_TYPES = ("application/ld+json", "application/json", "application/*", "*/*")
# Fields of the annotation service, as the W3C representation names them.
FIELD_NAMES = {
    "exact": "target.selector.exact",
    "note": "body.value",
    "field": "rasad:field",
    "visibility": "rasad:visibility",
    "organisation": "rasad:team",
}


def _error(
    status: int, message: str = "", errors: list[dict[str, str]] | None = None, headers: dict[str, str] | None = None
) -> HttpResponse:
    payload: dict[str, Any] = {"detail": message if is_persian(message) else persian_message(status)}
    if errors:
        payload["errors"] = errors
    response = HttpResponse(
        json.dumps(payload, ensure_ascii=False), status=status, content_type="application/json; charset=utf-8"
    )
    for key, value in (headers or {}).items():
        response[key] = value
    return response


def protocol_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Authentication, rate limit, content negotiation and Persian errors around a protocol view."""

    @csrf_exempt  # tokens need no CSRF; sessions are checked by the API's session authentication
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            authenticate(request)
            verdict = throttle.check(request)
            if verdict is not None and not verdict.allowed:
                raise Throttled(wait=verdict.retry_after)
            accept = request.headers.get("Accept", "")
            if accept and not any(kind in accept for kind in ACCEPTED_TYPES):
                return _error(406, _("این منبع فقط JSON-LD (application/ld+json) می‌دهد."))
            response = view(request, *args, **kwargs)
        except ApiError as exc:
            return _error(exc.status_code, str(exc), exc.errors)
        except Throttled as exc:
            return _error(429, headers={"Retry-After": str(max(1, int(exc.wait or 1)))})
        except HttpError as exc:
            headers = {"WWW-Authenticate": 'Bearer realm="rasad"'} if exc.status_code == 401 else {}
            return _error(exc.status_code, str(exc), headers=headers)
        except Http404:
            return _error(404)
        response["Vary"] = "Accept, Prefer, Authorization, Cookie"
        return response

    return wrapper


def _ld(data: Any, *, status: int = 200, head: bool = False) -> HttpResponse:
    response = HttpResponse(
        b"" if head else json.dumps(data, ensure_ascii=False).encode(),
        status=status,
        content_type=w3c.PROFILE_MEDIA_TYPE,
    )
    response["ETag"] = w3c.etag(data)
    return response


def _article(request: ApiRequest, article_id: int) -> Article:
    return get_object_or_404(Article.objects.visible_to(request.user).select_related("think_tank"), pk=article_id)


def _visible(request: ApiRequest, article: Article) -> AnnotationQuerySet:
    return Annotation.objects.visible_to(request.user).filter(article=article).select_related("author", "organisation")


def _placed(request: ApiRequest, article: Article, annotations: list[Annotation]) -> list[Placed]:
    for annotation in annotations:
        annotation.article = article  # one article instance: no query per annotation
    return selectors.place(request.user, annotations)


def _page_size() -> int:
    return settings.RASAD_ANNOTATION_PAGE_SIZE


def _page_number(request: HttpRequest) -> int | None:
    raw = request.GET.get("page")
    if raw is None:
        return None
    if not raw.isdigit() or len(raw) > 9:
        raise ApiError(400, _("شمارهٔ صفحه باید عدد نامنفی باشد (page=0 نخستین صفحه است)."))
    return int(raw)


def _wants_iris(request: HttpRequest) -> bool:
    return request.GET.get("iris") == "1" or PREFER_IRIS in request.headers.get("Prefer", "")


def _container(request: ApiRequest, article: Article, queryset: AnnotationQuerySet) -> dict[str, Any]:
    iri = w3c.container_iri(request, article.pk)
    stats = queryset.aggregate(modified=Max("updated_at"))
    total = queryset.count()
    last = max(0, (total - 1) // _page_size())
    flag = "iris=1&" if _wants_iris(request) else ""
    data = {
        "@context": [w3c.ANNO_CONTEXT, w3c.LDP_CONTEXT],
        "id": iri,
        "type": ["BasicContainer", "AnnotationCollection"],
        "label": _("یادداشت‌های «%(title)s»") % {"title": article.title},
        "total": total,
        "first": f"{iri}?{flag}page=0",
        "last": f"{iri}?{flag}page={last}",
    }
    if stats["modified"]:
        data["modified"] = w3c.timestamp(stats["modified"])
    return data


def _page(request: ApiRequest, article: Article, queryset: AnnotationQuerySet, number: int) -> dict[str, Any]:
    iri = w3c.container_iri(request, article.pk)
    size = _page_size()
    total = queryset.count()
    if number > 0 and number * size >= total:
        raise Http404
    rows = list(queryset.order_by("created_at", "id")[number * size : (number + 1) * size])
    iris = _wants_iris(request)
    flag = "iris=1&" if iris else ""
    placed = _placed(request, article, rows)
    data: dict[str, Any] = {
        "@context": w3c.context(request),
        "id": f"{iri}?{flag}page={number}",
        "type": "AnnotationPage",
        "partOf": {"id": iri, "total": total},
        "startIndex": number * size,
        "items": [
            w3c.annotation_iri(request, p.annotation) if iris else w3c.to_w3c(request, p, embedded=True) for p in placed
        ],
    }
    if (number + 1) * size < total:
        data["next"] = f"{iri}?{flag}page={number + 1}"
    if number > 0:
        data["prev"] = f"{iri}?{flag}page={number - 1}"
    return data


def _options(allow: str, *, container: bool) -> HttpResponse:
    response = HttpResponse(status=200)
    response["Allow"] = allow
    response["Link"] = CONTAINER_LINKS if container else RESOURCE_LINK
    if container:
        response["Accept-Post"] = w3c.PROFILE_MEDIA_TYPE
    return response


def _read_json(request: HttpRequest) -> Any:
    media = request.content_type or ""
    if media not in {"application/ld+json", "application/json"}:
        raise ApiError(415, _("نوع محتوا باید application/ld+json یا application/json باشد."))
    try:
        return json.loads(request.body or b"null")
    except (ValueError, UnicodeDecodeError) as exc:
        raise ApiError(400, _("بدنهٔ درخواست JSON درستی نیست.")) from exc


def _incoming(request: ApiRequest, article: Article) -> w3c.Incoming:
    try:
        return w3c.parse(_read_json(request), article_id=article.pk, text_of=lambda f: field_text(article, f))
    except w3c.W3CError as exc:
        errors = [{"field": exc.field, "location": "body", "message": exc.message}]
        raise ApiError(422, _("یادداشت نامعتبر است: «%(field)s».") % {"field": exc.field or "body"}, errors) from exc


def _service_errors(exc: ValidationError) -> ApiError:
    errors = [
        {"field": FIELD_NAMES.get(name, name), "location": "body", "message": " ".join(messages)}
        for name, messages in exc.message_dict.items()
    ]
    named = "، ".join(f"«{e['field']}»" for e in errors)
    return ApiError(422, _("یادداشت نامعتبر است: %(fields)s.") % {"fields": named}, errors)


@protocol_view
def container(request: ApiRequest, article_id: int) -> HttpResponse:
    article = _article(request, article_id)
    if request.method == "OPTIONS":
        return _options(CONTAINER_METHODS, container=True)
    if request.method == "POST":
        return _create(request, article)
    if request.method not in {"GET", "HEAD"}:
        return _error(405, headers={"Allow": CONTAINER_METHODS})
    queryset = _visible(request, article)
    number = _page_number(request)
    data = _container(request, article, queryset) if number is None else _page(request, article, queryset, number)
    response = _ld(data, head=request.method == "HEAD")
    response["Allow"] = CONTAINER_METHODS
    response["Accept-Post"] = w3c.PROFILE_MEDIA_TYPE
    response["Link"] = CONTAINER_LINKS
    response["Content-Location"] = data["id"]
    if _wants_iris(request):
        response["Preference-Applied"] = "return=representation"
    return response


def _create(request: ApiRequest, article: Article) -> HttpResponse:
    incoming = _incoming(request, article)
    try:
        annotation = services.annotation_create(
            author=request.user,
            article=article,
            field=incoming.field,
            exact=incoming.exact,
            prefix=incoming.prefix,
            suffix=incoming.suffix,
            start=incoming.start,
            note=incoming.note,
            visibility=incoming.visibility,
            organisation=team_named(request, incoming.team, field="rasad:team"),
            canonical=incoming.canonical,
        )
    except ValidationError as exc:
        raise _service_errors(exc) from exc
    except PermissionDenied as exc:
        raise ApiError(403, _("متن کامل این مقاله برای شما باز نیست؛ روی آن نمی‌توانید یادداشت بگذارید.")) from exc
    data = w3c.to_w3c(request, _placed(request, article, [annotation])[0])
    response = _ld(data, status=201)
    response["Location"] = data["id"]
    response["Link"] = RESOURCE_LINK
    response["Allow"] = ANNOTATION_METHODS
    return response


def _precondition(request: HttpRequest, current: dict[str, Any]) -> None:
    wanted = request.headers.get("If-Match")
    if wanted and wanted.strip() != "*" and w3c.etag(current) not in [tag.strip() for tag in wanted.split(",")]:
        raise ApiError(412, persian_message(412))


@protocol_view
def annotation(request: ApiRequest, article_id: int, pk: int) -> HttpResponse:
    article = _article(request, article_id)
    found = get_object_or_404(_visible(request, article), pk=pk)
    placed = _placed(request, article, [found])[0]
    if request.method == "OPTIONS":
        return _options(ANNOTATION_METHODS, container=False)
    current = w3c.to_w3c(request, placed)
    if request.method in {"GET", "HEAD"}:
        response = _ld(current, head=request.method == "HEAD")
    elif request.method == "PUT":
        response = _replace(request, article, placed, current)
    elif request.method == "DELETE":
        if not placed.can_delete:
            raise ApiError(403, _("فقط نویسندهٔ یادداشت یا مدیر تیم می‌تواند آن را حذف کند."))
        _precondition(request, current)
        services.annotation_delete(annotation=found)
        return HttpResponse(status=204)
    else:
        return _error(405, headers={"Allow": ANNOTATION_METHODS})
    response["Link"] = RESOURCE_LINK
    response["Allow"] = ANNOTATION_METHODS
    return response


def _replace(request: ApiRequest, article: Article, placed: Placed, current: dict[str, Any]) -> HttpResponse:
    found = placed.annotation
    if not placed.can_edit:
        raise ApiError(403, _("فقط نویسندهٔ یادداشت می‌تواند آن را تغییر دهد."))
    _precondition(request, current)
    incoming = _incoming(request, article)
    try:
        moved = (incoming.field, incoming.exact) != (found.field, found.exact) or (
            incoming.start is not None and incoming.start != placed.anchor.start
        )
        if moved:
            services.annotation_move(
                annotation=found, field=incoming.field, exact=incoming.exact, prefix=incoming.prefix,
                suffix=incoming.suffix, start=incoming.start,
            )  # fmt: skip
        services.annotation_update(
            annotation=found,
            note=incoming.note,
            visibility=incoming.visibility,
            organisation=team_named(request, incoming.team, field="rasad:team"),
        )
    except ValidationError as exc:
        raise _service_errors(exc) from exc
    except PermissionDenied as exc:
        raise ApiError(403, _("متن کامل این مقاله برای شما باز نیست؛ روی آن نمی‌توانید یادداشت بگذارید.")) from exc
    return _ld(w3c.to_w3c(request, _placed(request, article, [found])[0]))
