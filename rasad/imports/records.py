"""Validating one imported record (a dict from any reader) into an ``ArticleRecord``.

Every field of the file schema (README, «File schema») has one small cleaning step here; a bad
value raises ``RecordError`` with a Persian message that names the field.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

from rasad.articles.documents import PdfFacts, read_pdf
from rasad.articles.models import Article
from rasad.core.digits import to_latin_digits, to_persian_digits
from rasad.core.html import html_to_text, sanitise_html
from rasad.core.jalali import parse_date_any
from rasad.core.normalise import normalise
from rasad.core.spreadsheet import restore_formula
from rasad.imports.fetcher import FeedFetchError, fetch_url

LIST_SPLIT = re.compile(r"[;؛\n]")
SPACE = re.compile(r"\s+")
_url_validator = URLValidator(schemes=["http", "https"])

TRUE_WORDS = {"1", "true", "yes", "y", "on", "بله", "آری", "درست", "باز", "آزاد"}
FALSE_WORDS = {"0", "false", "no", "n", "off", "خیر", "نه", "نادرست", "بسته", ""}
STATUS_WORDS = {
    "published": Article.Status.PUBLISHED,
    "publish": Article.Status.PUBLISHED,
    "منتشرشده": Article.Status.PUBLISHED,
    "منتشر شده": Article.Status.PUBLISHED,
    "draft": Article.Status.DRAFT,
    "پیش‌نویس": Article.Status.DRAFT,
    "پیش نویس": Article.Status.DRAFT,
    "پیشنویس": Article.Status.DRAFT,
}
MAX_EDITORS_CHOICE = 32767  # PositiveSmallIntegerField


class RecordError(Exception):
    """One record is invalid; the message is Persian and names the field."""


@dataclass(frozen=True)
class ImportedPdf:
    filename: str
    data: bytes
    facts: PdfFacts


def _pdf(value: Any) -> ImportedPdf | None:
    """A PDF named by the file: fetched with the feed fetcher's safety rules, or read from under
    ``RASAD_IMPORT_PDF_ROOT`` (nowhere else on the server), then checked like an upload."""
    where = text(value)
    if not where:
        return None
    if urlsplit(where).scheme in {"http", "https"}:
        try:
            data = fetch_url(where, max_bytes=int(settings.RASAD_PDF_MAX_BYTES))
        except FeedFetchError as exc:
            raise RecordError(_("«pdf»: %(reason)s") % {"reason": exc}) from exc
    else:
        data = _local_pdf(where)
    try:
        facts = read_pdf(data)
    except ValidationError as exc:
        raise RecordError(_("«pdf»: %(reason)s") % {"reason": " ".join(exc.messages)}) from exc
    name = PurePosixPath(urlsplit(where).path).name or "document.pdf"
    return ImportedPdf(filename=name if name.lower().endswith(".pdf") else f"{name}.pdf", data=data, facts=facts)


def _local_pdf(where: str) -> bytes:
    root = Path(settings.RASAD_IMPORT_PDF_ROOT).resolve()
    path = (root / where).resolve()
    if not path.is_relative_to(root) or not path.is_file():
        raise RecordError(
            _("«pdf»: فایل «%(path)s» در پوشهٔ PDFهای درون‌ریزی (%(root)s) پیدا نشد.")
            % {"path": where[:200], "root": root}
        )
    if path.stat().st_size > int(settings.RASAD_PDF_MAX_BYTES):
        raise RecordError(_("«pdf»: فایل PDF بیش از اندازه بزرگ است."))
    return path.read_bytes()


@dataclass
class ArticleRecord:
    """One validated record; ``present`` names the fields the file actually gave."""

    title: str
    source_url: str
    present: set[str]
    summary: str = ""
    body: str = ""
    published_on: dt.date | None = None
    authors: list[str] = field(default_factory=list)
    think_tank: str = ""
    topics: list[str] = field(default_factory=list)
    observer: str = ""
    similar: list[str] = field(default_factory=list)
    open_access: bool = False
    editors_choice: int | None = None
    status: str = Article.Status.PUBLISHED
    # The original PDF (``pdf``: a URL, or a path under RASAD_IMPORT_PDF_ROOT), read and checked.
    pdf: ImportedPdf | None = None
    # Feed items only ever create drafts: a feed never overwrites what an editor has done.
    create_only: bool = False


# --- values ------------------------------------------------------------------------------------


def text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return restore_formula(str(value).strip())  # our own export's formula escaping, read back


def _names(value: Any, label: str, max_length: int) -> list[str]:
    if value is None or value == "":
        return []
    items = LIST_SPLIT.split(value) if isinstance(value, str) else value
    if not isinstance(items, list | tuple) or not all(isinstance(item, str | int | float) for item in items):
        raise RecordError(_("«%(field)s» باید فهرستی از نام‌ها باشد.") % {"field": label})
    names: dict[str, str] = {}
    for item in items:
        name = SPACE.sub(" ", text(item))
        if len(name) > max_length:
            raise RecordError(
                _("نام «%(name)s…» در «%(field)s» بلندتر از %(max)s نویسه است.")
                % {"name": name[:30], "field": label, "max": to_persian_digits(max_length)}
            )
        if name:
            names.setdefault(normalise(name), name)  # one spelling of a name once, the first one kept
    return list(names.values())


def _url(value: Any, label: str) -> str:
    url = text(value)
    if len(url) > 1000:
        raise RecordError(_("«%(field)s» بلندتر از ۱۰۰۰ نویسه است.") % {"field": label})
    try:
        _url_validator(url)
    except ValidationError as exc:
        raise RecordError(
            _("«%(field)s» نشانی اینترنتی معتبری نیست: «%(value)s».") % {"field": label, "value": url[:80]}
        ) from exc
    return url


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    word = to_latin_digits(text(value)).casefold()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise RecordError(_("«open_access» باید true یا false باشد، نه «%(value)s».") % {"value": text(value)[:30]})


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    raw = text(value)
    if "T" in raw:  # 2024-05-24T10:00:00Z
        raw = raw.split("T", 1)[0]
    try:
        return parse_date_any(raw)
    except ValueError as exc:
        raise RecordError(str(exc)) from exc


def _rank(value: Any) -> int | None:
    raw = to_latin_digits(text(value))
    if raw == "":
        return None
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_EDITORS_CHOICE:
        raise RecordError(
            _("«editors_choice» باید عددی مثبت (جای مقاله در انتخاب سردبیر) یا خالی باشد، نه «%(value)s».")
            % {"value": raw[:30]}
        )
    return int(raw)


# --- fields ------------------------------------------------------------------------------------


def _title(raw: dict[str, Any]) -> str:
    title = SPACE.sub(" ", text(raw.get("title")))
    if not title:
        raise RecordError(_("«title» (عنوان) خالی است."))
    if len(title) > 300:
        raise RecordError(_("«title» بلندتر از ۳۰۰ نویسه است."))
    return title


def _source_url(raw: dict[str, Any]) -> str:
    if not text(raw.get("source_url")):
        raise RecordError(_("«source_url» (لینک منبع) خالی است."))
    return _url(raw["source_url"], "source_url")


def _think_tank(value: Any) -> str:
    name = SPACE.sub(" ", text(value))
    if len(name) > 200:
        raise RecordError(_("«think_tank» بلندتر از ۲۰۰ نویسه است."))
    return name


def _similar(value: Any) -> list[str]:
    urls = LIST_SPLIT.split(value) if isinstance(value, str) else value
    if not isinstance(urls, list | tuple):
        raise RecordError(_("«similar» باید فهرستی از لینک‌ها باشد."))
    return list(dict.fromkeys(_url(url, "similar") for url in urls if text(url)))


# Optional fields: (file column, record attribute, cleaning step). A column the file gives is
# "present": only present fields change an existing article.
OPTIONAL_FIELDS: list[tuple[str, str, Callable[[Any], Any]]] = [
    ("summary", "summary", lambda value: SPACE.sub(" ", html_to_text(text(value))).strip()),
    ("body", "body", lambda value: sanitise_html(text(value))),
    ("authors", "authors", lambda value: _names(value, "authors", 200)),
    ("topics", "topics", lambda value: _names(value, "topics", 100)),
    ("think_tank", "think_tank", _think_tank),
    ("observer", "observer", lambda value: text(value)[:200]),
    ("similar", "similar", _similar),
    ("open_access", "open_access", _bool),
    ("editors_choice", "editors_choice", _rank),
    ("pdf", "pdf", _pdf),
]


def _status(raw: dict[str, Any], default: str) -> tuple[str, bool]:
    """The record's status and whether the file gave one."""
    status = text(raw.get("status"))
    if not status:
        return default, False
    if status.casefold() not in STATUS_WORDS:
        raise RecordError(_("«status» باید published یا draft باشد، نه «%(value)s».") % {"value": status[:30]})
    return STATUS_WORDS[status.casefold()], True


def clean_record(raw: Any, *, default_status: str = Article.Status.PUBLISHED) -> ArticleRecord:
    """Validate one raw record (a dict from any reader); raise ``RecordError`` in Persian."""
    if not isinstance(raw, dict):
        raise RecordError(_("هر سطر باید یک شیء JSON با فیلدهای مقاله باشد."))
    raw = {str(key).strip().lower(): value for key, value in raw.items()}
    record = ArticleRecord(title=_title(raw), source_url=_source_url(raw), present={"title", "source_url"})
    for column, attribute, clean in OPTIONAL_FIELDS:
        if column in raw:
            setattr(record, attribute, clean(raw[column]))
            record.present.add(column)
    # «published» is present only when it has a value: an empty cell keeps the article's date.
    if text(raw.get("published")):
        record.published_on = _date(raw["published"])
        record.present.add("published")
    record.similar = [url for url in record.similar if url != record.source_url]
    record.status, given = _status(raw, default_status)
    if given:
        record.present.add("status")
    return record
