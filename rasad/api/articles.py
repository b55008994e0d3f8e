"""Articles, search, think tanks, authors, topics and citations."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema

from rasad.api import present
from rasad.api.auth import ApiRequest
from rasad.api.errors import invalid
from rasad.api.forms import ApiSearchForm, ArticleFilterForm
from rasad.api.schemas import (
    ID,
    ArticleOut,
    ArticlePage,
    ArticleQuery,
    AuthorOut,
    AuthorPage,
    CitationFormat,
    Error,
    PageQuery,
    SearchPage,
    SearchQuery,
    ThinkTankOut,
    ThinkTankPage,
    TopicOut,
    TopicPage,
)
from rasad.articles import citations
from rasad.articles.models import Article, ArticleQuerySet, Author, ThinkTank, Topic
from rasad.search.selectors import search_articles

router = Router(tags=["مقاله‌ها"])


def file_response(description: str, content: dict[str, Any]) -> dict[str, Any]:
    """``openapi_extra`` for an operation that answers a file rather than JSON."""
    return {"responses": {200: {"description": description, "content": content}}}


CITATION_CONTENT = {
    "application/x-research-info-systems": {"schema": {"type": "string"}},
    "application/x-bibtex": {"schema": {"type": "string"}},
    "application/vnd.citationstyles.csl+json": {"schema": {"type": "array", "items": {"type": "object"}}},
}
ERRORS = {400: Error, 401: Error, 403: Error, 404: Error, 422: Error, 429: Error}


def _encode_cursor(article: Article) -> str:
    return base64.urlsafe_b64encode(f"{article.published_on.isoformat()}|{article.pk}".encode()).decode()


def _decode_cursor(raw: str) -> tuple[dt.date, int]:
    try:
        day, _sep, pk = base64.urlsafe_b64decode(raw.encode()).decode().partition("|")
        return dt.date.fromisoformat(day), int(pk)
    except (ValueError, binascii.Error, UnicodeDecodeError) as exc:
        raise invalid(
            {"cursor": [_("این مکان‌نما (cursor) نامعتبر است؛ آن را از next_cursor پاسخ قبلی بردارید.")]},
            location="query",
        ) from exc


def reject_unknown(request: HttpRequest, *schemas: type[Schema]) -> None:
    """A query parameter no schema names is a typo: say so rather than ignore it."""
    known = {name for schema in schemas for name in schema.model_fields}
    unknown = sorted(set(request.GET) - known)
    if unknown:
        message = _("این پارامتر شناخته نیست؛ پارامترهای مجاز در مستندات API آمده‌اند.")
        raise invalid({name: [message] for name in unknown}, location="query")


def _next_url(request: HttpRequest, **changes: object) -> str:
    params = request.GET.copy()
    for key, value in changes.items():
        params[key] = str(value)
    return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")


def page_of(
    request: ApiRequest, queryset: QuerySet[Any], *, page: int, limit: int, show: Callable[[ApiRequest, Any], Any]
) -> dict[str, Any]:
    """One numbered page of ``queryset`` with its count and neighbours' addresses."""
    count = queryset.count()
    start = (page - 1) * limit
    items = list(queryset[start : start + limit])
    return {
        "count": count,
        "results": [show(request, item) for item in items],
        "next": _next_url(request, page=page + 1) if start + limit < count else None,
        "previous": _next_url(request, page=page - 1) if page > 1 else None,
    }


def _filtered(queryset: ArticleQuerySet, data: dict[str, Any], filters: ArticleQuery) -> ArticleQuerySet:
    for name, lookup in (("think_tank", "think_tank"), ("author", "authors"), ("topic", "topics")):
        if data.get(name):
            queryset = queryset.filter(**{lookup: data[name]})
    if data.get("since"):
        queryset = queryset.filter(published_on__gte=data["since"])
    if data.get("until"):
        queryset = queryset.filter(published_on__lte=data["until"])
    if filters.editors_choice is not None:
        queryset = queryset.filter(editors_choice_rank__isnull=not filters.editors_choice)
    if filters.cursor:
        day, pk = _decode_cursor(filters.cursor)
        queryset = queryset.filter(Q(published_on__lt=day) | Q(published_on=day, pk__lt=pk))
    return queryset


@router.get("/articles", response={200: ArticlePage, **ERRORS}, summary="فهرست مقاله‌ها (تازه‌ترین نخست)")
def article_list(request: ApiRequest, filters: Query[ArticleQuery]) -> dict[str, Any]:
    """The feed: newest first, with the listing pages' filters; `next` pages by cursor."""
    reject_unknown(request, ArticleQuery)
    form = ArticleFilterForm(filters.dict(exclude_none=True))
    if not form.is_valid():
        raise invalid(form.errors, location="query")
    queryset = _filtered(
        Article.objects.visible_to(request.user).for_cards().order_by("-published_on", "-id"),
        form.cleaned_data,
        filters,
    )
    rows = list(queryset[: filters.limit + 1])
    page, more = rows[: filters.limit], len(rows) > filters.limit
    cursor = _encode_cursor(page[-1]) if more else None
    return {
        "results": [present.article(request, a) for a in page],
        "next_cursor": cursor,
        "next": _next_url(request, cursor=cursor) if cursor else None,
    }


@router.get("/articles/{article_id}", response={200: ArticleOut, **ERRORS}, summary="یک مقاله")
def article_detail(request: ApiRequest, article_id: ID) -> dict[str, Any]:
    return present.article(
        request, get_object_or_404(Article.objects.visible_to(request.user).for_cards(), pk=article_id)
    )


@router.get(
    "/articles/{article_id}/citation/{fmt}",
    response={200: None, **ERRORS},
    summary="ارجاع مقاله (RIS، BibTeX یا CSL-JSON)",
    openapi_extra=file_response("پروندهٔ ارجاع برای زوترو، اندنوت، مندلی…", CITATION_CONTENT),
)
def article_citation(request: ApiRequest, article_id: ID, fmt: CitationFormat) -> HttpResponse:
    article = get_object_or_404(Article.objects.visible_to(request.user).for_cards(), pk=article_id)
    return citation_response(request, [article], fmt=fmt, filename=f"rasad-{article.pk}")


def citation_response(request: HttpRequest, articles: Iterable[Article], *, fmt: str, filename: str) -> HttpResponse:
    return citations.download(fmt, articles, base_url=request.build_absolute_uri("/"), filename=filename)


@router.get("/search", response={200: SearchPage, **ERRORS}, summary="جست‌وجو (همان موتور /search/)")
def search(request: ApiRequest, params: Query[SearchQuery]) -> dict[str, Any]:
    """The search page's engine and normalisation; readers without access search public fields only."""
    reject_unknown(request, SearchQuery)
    form = ApiSearchForm(params.dict(exclude_none=True, exclude={"page", "limit"}))
    if not form.is_valid():
        raise invalid(form.errors, location="query")
    text = form.cleaned_data["q"] or ""
    if not text.strip() and not form.has_filters():
        raise invalid({"q": [_("عبارتی برای جست‌وجو بنویسید یا دست‌کم یک پالایه برگزینید.")]}, location="query")
    result = search_articles(
        text=text,
        user=request.user,
        filters=form.filters(),
        newest=form.cleaned_data.get("sort") == "newest",
        page=params.page,
        per_page=params.limit,
    )
    return {
        "results": [
            {**present.article(request, a), "snippet": str(getattr(a, "search_snippet", ""))} for a in result.articles
        ],
        "page": params.page,
        "next": _next_url(request, page=params.page + 1) if result.has_next and params.page < 100 else None,
        "suggestion": result.suggestion,
    }


def _listing(
    request: ApiRequest, queryset: QuerySet[Any], query: PageQuery, show: Callable[[ApiRequest, Any], Any]
) -> dict[str, Any]:
    reject_unknown(request, PageQuery)
    return page_of(request, queryset, page=query.page, limit=query.limit, show=show)


LISTINGS = ["اندیشکده‌ها و نویسندگان"]


@router.get("/think-tanks", response={200: ThinkTankPage, **ERRORS}, tags=LISTINGS)
def think_tank_list(request: ApiRequest, query: Query[PageQuery]) -> dict[str, Any]:
    return _listing(request, ThinkTank.objects.order_by("name", "id"), query, present.think_tank)


@router.get("/think-tanks/{slug}", response={200: ThinkTankOut, **ERRORS}, tags=LISTINGS)
def think_tank_detail(request: ApiRequest, slug: str) -> dict[str, Any]:
    return present.think_tank(request, get_object_or_404(ThinkTank, slug=slug))


@router.get("/authors", response={200: AuthorPage, **ERRORS}, tags=LISTINGS)
def author_list(request: ApiRequest, query: Query[PageQuery]) -> dict[str, Any]:
    return _listing(request, Author.objects.select_related("think_tank").order_by("name", "id"), query, present.author)


@router.get("/authors/{slug}", response={200: AuthorOut, **ERRORS}, tags=LISTINGS)
def author_detail(request: ApiRequest, slug: str) -> dict[str, Any]:
    return present.author(request, get_object_or_404(Author.objects.select_related("think_tank"), slug=slug))


@router.get("/topics", response={200: TopicPage, **ERRORS}, tags=LISTINGS)
def topic_list(request: ApiRequest, query: Query[PageQuery]) -> dict[str, Any]:
    return _listing(request, Topic.objects.order_by("name", "id"), query, present.topic)


@router.get("/topics/{slug}", response={200: TopicOut, **ERRORS}, tags=LISTINGS)
def topic_detail(request: ApiRequest, slug: str) -> dict[str, Any]:
    return present.topic(request, get_object_or_404(Topic, slug=slug))
