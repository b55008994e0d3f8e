"""The API's shapes: what it answers (``…Out``) and what it accepts (``…In``, ``…Query``).

Input schemas forbid unknown fields, so a typo is a 422 naming the field rather than silently
ignored data.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from ninja import Field, Path, Schema
from pydantic import ConfigDict

# Ids are positive 64-bit integers: anything else cannot name a row (and would overflow SQLite).
MAX_ID = 2**63 - 1
ID = Annotated[int, Path(ge=1, le=MAX_ID)]


class StrictIn(Schema):
    """Query parameters: unknown ones are refused (strings are converted, as query strings must be)."""

    model_config = ConfigDict(extra="forbid")


class StrictBody(Schema):
    """JSON bodies: unknown fields refused, and no coercion (``"read": 0`` is not a boolean)."""

    model_config = ConfigDict(extra="forbid", strict=True)


class FieldError(Schema):
    field: str
    location: str
    message: str


class Error(Schema):
    detail: str = Field(description="پیام خطا به فارسی")
    errors: list[FieldError] | None = None


class ThinkTankRef(Schema):
    id: int
    name: str
    slug: str


class ThinkTankOut(ThinkTankRef):
    name_original: str
    country: str
    website: str
    feed_url: str
    description: str
    url: str = Field(description="صفحهٔ اندیشکده در رصد")


class AuthorRef(Schema):
    id: int
    name: str
    slug: str


class AuthorOut(AuthorRef):
    think_tank: ThinkTankRef | None
    url: str


class TopicRef(Schema):
    id: int
    name: str
    slug: str


class TopicOut(TopicRef):
    url: str


class ArticleOut(Schema):
    id: int
    title: str
    slug: str
    summary: str = Field(description="خلاصهٔ عمومی")
    body: str | None = Field(description="متن کامل (HTML)؛ فقط وقتی دارندهٔ توکن امروز به آن دسترسی دارد، وگرنه null")
    full_text: bool = Field(description="آیا متن کامل برای دارندهٔ توکن باز است")
    open_access: bool
    source_url: str
    url: str = Field(description="صفحهٔ مقاله در رصد")
    published_on: dt.date
    published_on_jalali: str = Field(description="تاریخ انتشار خورشیدی، مانند 1403/03/04")
    think_tank: ThinkTankRef | None
    authors: list[AuthorRef]
    topics: list[TopicRef]
    observer: str
    editors_choice: bool
    revision: int
    updated_at: dt.datetime


class SearchHitOut(ArticleOut):
    snippet: str = Field(description="تکه‌ای از متن با <mark> دور واژه‌های یافته (HTML امن)")


class ArticlePage(Schema):
    results: list[ArticleOut]
    next: str | None = Field(description="نشانی صفحهٔ بعد، یا null در صفحهٔ آخر")
    next_cursor: str | None


class SearchPage(Schema):
    results: list[SearchHitOut]
    page: int
    next: str | None
    suggestion: str = Field(description="«آیا منظورتان …» وقتی واژه‌ای ناشناخته است")


class ListPage(Schema):
    count: int
    next: str | None
    previous: str | None


class ThinkTankPage(ListPage):
    results: list[ThinkTankOut]


class AuthorPage(ListPage):
    results: list[AuthorOut]


class TopicPage(ListPage):
    results: list[TopicOut]


class ArticleQuery(StrictIn):
    think_tank: str | None = Field(None, max_length=220, description="نامک اندیشکده")
    author: str | None = Field(None, max_length=220, description="نامک نویسنده")
    topic: str | None = Field(None, max_length=120, description="نامک موضوع")
    since: str | None = Field(None, max_length=20, description="از تاریخ (خورشیدی ۱۴۰۳/۰۳/۰۴ یا میلادی 2024-05-24)")
    until: str | None = Field(None, max_length=20, description="تا تاریخ")
    editors_choice: bool | None = Field(None, description="فقط انتخاب سردبیر")
    cursor: str | None = Field(None, max_length=100, description="از پاسخ قبلی (next_cursor)")
    limit: int = Field(20, ge=1, le=100)


class SearchQuery(StrictIn):
    q: str = Field("", max_length=200, description='واژه‌ها؛ "عبارت دقیق"، -حذف')
    think_tank: str | None = Field(None, max_length=220)
    author: str | None = Field(None, max_length=220)
    topic: str | None = Field(None, max_length=120)
    date_from: str | None = Field(None, max_length=20)
    date_to: str | None = Field(None, max_length=20)
    sort: Literal["relevance", "newest"] = "relevance"
    page: int = Field(1, ge=1, le=100)
    limit: int = Field(20, ge=1, le=50)


class PageQuery(StrictIn):
    page: int = Field(1, ge=1, le=100000)
    limit: int = Field(50, ge=1, le=200)


CitationFormat = Literal["ris", "bibtex", "csl-json"]


class SavedOut(Schema):
    article: ArticleOut
    saved_at: dt.datetime
    read: bool
    read_at: dt.datetime | None
    note: str = Field(description="یادداشت خصوصی شما بر این مقاله")


class SavedPage(ListPage):
    results: list[SavedOut]


class SavedQuery(StrictIn):
    state: Literal["all", "unread", "read"] = "all"
    page: int = Field(1, ge=1, le=100000)
    limit: int = Field(50, ge=1, le=200)


class SavedIn(StrictBody):
    read: bool | None = Field(None, description="خوانده‌شده یا نه")
    note: str | None = Field(None, max_length=5000, description="یادداشت خصوصی")


class TeamRef(Schema):
    id: int
    name: str
    slug: str


class CollectionOut(Schema):
    id: int
    name: str
    team: TeamRef | None = Field(description="تیم، یا null برای مجموعهٔ شخصی")
    owner: str
    created_at: dt.datetime
    article_count: int
    can_manage: bool
    url: str


class CollectionItemOut(Schema):
    article: ArticleOut
    added_at: dt.datetime
    added_by: str


class CollectionDetailOut(CollectionOut):
    items: list[CollectionItemOut]


class CollectionPage(ListPage):
    results: list[CollectionOut]


class CollectionIn(StrictBody):
    name: str = Field(..., min_length=1, max_length=150)
    team: str | None = Field(None, max_length=220, description="نامک تیم برای مجموعهٔ تیمی")


class CollectionRenameIn(StrictBody):
    name: str = Field(..., min_length=1, max_length=150)


class SelectorOut(Schema):
    type: Literal["TextQuoteSelector", "TextPositionSelector"]
    exact: str | None = None
    prefix: str | None = None
    suffix: str | None = None
    start: int | None = None
    end: int | None = None


class AnnotationOut(Schema):
    id: int
    article: int
    field: Literal["summary", "body"]
    visibility: Literal["private", "team"]
    team: str | None = Field(description="نامک تیمی که یادداشت تیمی برای آن است")
    note: str
    selectors: list[SelectorOut] = Field(description="گزینشگرهای W3C؛ عبارتِ متن کامل فقط برای دارندهٔ دسترسی")
    orphaned: bool = Field(description="متن تغییر کرده و عبارت دیگر پیدا نمی‌شود")
    author: str
    created: dt.datetime
    modified: dt.datetime
    can_edit: bool
    can_delete: bool
    w3c_id: str = Field(description="نشانی همین یادداشت در Web Annotation Protocol")


class AnnotationPage(ListPage):
    results: list[AnnotationOut]


class AnnotationQuery(StrictIn):
    article: int | None = Field(None, ge=1, le=MAX_ID)
    scope: Literal["visible", "mine", "team"] = "visible"
    page: int = Field(1, ge=1, le=100000)
    limit: int = Field(50, ge=1, le=200)


class AnnotationIn(StrictBody):
    article: int = Field(..., ge=1, le=MAX_ID)
    field: Literal["summary", "body"] = "summary"
    exact: str = Field(..., min_length=1, max_length=2000, description="عبارت برگزیده، همان‌گونه که در متن است")
    prefix: str = Field("", max_length=64)
    suffix: str = Field("", max_length=64)
    start: int | None = Field(None, ge=0, le=10_000_000, description="جای آغاز در متن (برای گزینش میان تکرارها)")
    note: str = Field("", max_length=5000)
    visibility: Literal["private", "team"] = "private"
    team: str | None = Field(None, max_length=220, description="نامک تیم؛ برای عضو یک تیم لازم نیست")


class AnnotationChangeIn(StrictBody):
    note: str | None = Field(None, max_length=5000)
    visibility: Literal["private", "team"] | None = None
    team: str | None = Field(None, max_length=220)
