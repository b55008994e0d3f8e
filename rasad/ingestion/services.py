"""Importing articles: validation, name matching and batched upserts by ``source_url``.

``import_articles`` streams each file record by record, validates every record, and writes valid
ones in batches (``bulk_create``/``bulk_update``, many-to-many rows through the through models),
all inside one transaction. When any record is bad (and ``skip_bad`` is off), or on a dry run, the
transaction is rolled back, so a bad file lands nothing while memory stays flat however long the
file is. Think tanks, authors and topics are matched by ``rasad.core.normalise`` so «مؤسسهٔ
بروکینگز» and «موسسه بروکینگز» are one think tank.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import reset_queries, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rasad.articles.models import Article, Author, SimilarLink, ThinkTank, Topic, persian_slug
from rasad.core.digits import to_latin_digits, to_persian_digits
from rasad.core.html import html_to_text, sanitise_html
from rasad.core.jalali import parse_date_any
from rasad.core.normalise import normalise
from rasad.core.spreadsheet import restore_formula
from rasad.ingestion.parsers import BadRow, Source, SourceError, as_source, iter_records

BATCH_SIZE = 1000
MAX_STORED_ERRORS = 500
SUMMARY_FROM_BODY_CHARS = 400
_LIST_SPLIT = re.compile(r"[;؛\n]")
_SPACE = re.compile(r"\s+")
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


class RecordError(Exception):
    """One record is invalid; the message is Persian and names the field."""


@dataclass
class RowError:
    source: str
    line: int  # 0: the file as a whole
    message: str

    def __str__(self) -> str:
        if self.line:
            # «path:3:» first, the compiler convention editors' tools and grep understand, then Persian.
            return f"{self.source}:{self.line}: " + _("سطر %(line)s: %(message)s") % {
                "line": to_persian_digits(self.line),
                "message": self.message,
            }
        return f"{self.source}: {self.message}"


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    bad_rows: int = 0
    errors: list[RowError] = field(default_factory=list)
    file_errors: list[RowError] = field(default_factory=list)
    dry_run: bool = False
    skip_bad: bool = False
    landed: bool = False
    suggestions_for: int = 0
    touched_ids: list[int] = field(default_factory=list, repr=False)

    # Exit codes, documented in the README.
    OK = 0
    BAD_ROWS = 1
    FILE_ERROR = 2
    SKIPPED_BAD_ROWS = 3

    @property
    def rows(self) -> int:
        return self.created + self.updated + self.unchanged

    @property
    def exit_code(self) -> int:
        if self.file_errors:
            return self.FILE_ERROR
        if self.bad_rows:
            return self.SKIPPED_BAD_ROWS if self.skip_bad and (self.landed or self.dry_run) else self.BAD_ROWS
        return self.OK

    def add_error(self, source: str, line: int, message: str) -> None:
        self.bad_rows += 1
        if len(self.errors) < MAX_STORED_ERRORS:
            self.errors.append(RowError(source, line, message))


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
    status: str = Article.Status.PUBLISHED
    # Feed items only ever create drafts: a feed never overwrites what an editor has done.
    create_only: bool = False


# --- validation --------------------------------------------------------------------------------


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return restore_formula(str(value).strip())  # our own export's formula escaping, read back


def _names(value: Any, label: str, max_length: int) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        items = _LIST_SPLIT.split(value)
    elif isinstance(value, (list, tuple)):
        items = value
    else:
        raise RecordError(_("«%(field)s» باید فهرستی از نام‌ها باشد.") % {"field": label})
    names: list[str] = []
    seen: set[str] = set()
    for item in items:
        if not isinstance(item, (str, int, float)):
            raise RecordError(_("«%(field)s» باید فهرستی از نام‌ها باشد.") % {"field": label})
        name = _SPACE.sub(" ", _text(item))
        if not name:
            continue
        if len(name) > max_length:
            raise RecordError(
                _("نام «%(name)s…» در «%(field)s» بلندتر از %(max)s نویسه است.")
                % {"name": name[:30], "field": label, "max": to_persian_digits(max_length)}
            )
        key = normalise(name)
        if key not in seen:
            seen.add(key)
            names.append(name)
    return names


def _url(value: Any, label: str) -> str:
    url = _text(value)
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
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    word = to_latin_digits(_text(value)).casefold()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise RecordError(_("«open_access» باید true یا false باشد، نه «%(value)s».") % {"value": _text(value)[:30]})


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text(value)
    if "T" in text:  # 2024-05-24T10:00:00Z
        text = text.split("T", 1)[0]
    try:
        return parse_date_any(text)
    except ValueError as exc:
        raise RecordError(str(exc)) from exc


def clean_record(raw: Any, *, default_status: str = Article.Status.PUBLISHED) -> ArticleRecord:
    """Validate one raw record (a dict from any reader); raise ``RecordError`` in Persian."""
    if not isinstance(raw, dict):
        raise RecordError(_("هر سطر باید یک شیء JSON با فیلدهای مقاله باشد."))
    raw = {str(key).strip().lower(): value for key, value in raw.items()}
    title = _SPACE.sub(" ", _text(raw.get("title")))
    if not title:
        raise RecordError(_("«title» (عنوان) خالی است."))
    if len(title) > 300:
        raise RecordError(_("«title» بلندتر از ۳۰۰ نویسه است."))
    if not _text(raw.get("source_url")):
        raise RecordError(_("«source_url» (لینک منبع) خالی است."))
    record = ArticleRecord(
        title=title, source_url=_url(raw["source_url"], "source_url"), present={"title", "source_url"}
    )
    if "summary" in raw:
        record.summary = _SPACE.sub(" ", html_to_text(_text(raw["summary"]))).strip()
        record.present.add("summary")
    if "body" in raw:
        record.body = sanitise_html(_text(raw["body"]))
        record.present.add("body")
    if _text(raw.get("published")):
        record.published_on = _date(raw["published"])
        record.present.add("published")
    if "authors" in raw:
        record.authors = _names(raw["authors"], "authors", 200)
        record.present.add("authors")
    if "topics" in raw:
        record.topics = _names(raw["topics"], "topics", 100)
        record.present.add("topics")
    if "think_tank" in raw:
        record.think_tank = _SPACE.sub(" ", _text(raw["think_tank"]))
        if len(record.think_tank) > 200:
            raise RecordError(_("«think_tank» بلندتر از ۲۰۰ نویسه است."))
        record.present.add("think_tank")
    if "observer" in raw:
        record.observer = _text(raw["observer"])[:200]
        record.present.add("observer")
    if "similar" in raw:
        urls = raw["similar"]
        if isinstance(urls, str):
            urls = _LIST_SPLIT.split(urls)
        if not isinstance(urls, (list, tuple)):
            raise RecordError(_("«similar» باید فهرستی از لینک‌ها باشد."))
        record.similar = [_url(url, "similar") for url in urls if _text(url)]
        record.similar = [url for url in dict.fromkeys(record.similar) if url != record.source_url]
        record.present.add("similar")
    if "open_access" in raw:
        record.open_access = _bool(raw["open_access"])
        record.present.add("open_access")
    status = _text(raw.get("status"))
    if status:
        if status.casefold() not in STATUS_WORDS:
            raise RecordError(_("«status» باید published یا draft باشد، نه «%(value)s».") % {"value": status[:30]})
        record.status = STATUS_WORDS[status.casefold()]
        record.present.add("status")
    else:
        record.status = default_status
    return record


# --- name matching -----------------------------------------------------------------------------


class NameIndex:
    """Think tanks, authors and topics by normalised name; creates the missing ones once."""

    def __init__(self) -> None:
        self._maps: dict[type, dict[str, int]] = {}

    def _map(self, model: type) -> dict[str, int]:
        if model not in self._maps:
            self._maps[model] = {normalise(name): pk for pk, name in model.objects.values_list("pk", "name")}
        return self._maps[model]

    def resolve(self, model: type, name: str) -> int:
        names = self._map(model)
        key = normalise(name)
        if key not in names:
            names[key] = model.objects.create(name=name).pk
        return names[key]

    def resolve_all(self, model: type, names: Iterable[str]) -> list[int]:
        return list(dict.fromkeys(self.resolve(model, name) for name in names))


# --- writing -----------------------------------------------------------------------------------

SCALAR_FIELDS = ("title", "summary", "body", "published_on", "think_tank_id", "observer_name", "open_access", "status")


@dataclass
class _Pending:
    record: ArticleRecord
    source: str
    line: int


class ArticleWriter:
    """Upserts validated records by ``source_url`` in batches."""

    def __init__(self, report: ImportReport, *, batch_size: int = BATCH_SIZE, touched_cap: int = 0) -> None:
        self.report = report
        self.batch: list[_Pending] = []
        self.batch_urls: set[str] = set()
        self.batch_size = batch_size
        self.names = NameIndex()
        self.forward_similar: list[tuple[int, list[str]]] = []
        self.touched_cap = touched_cap
        self.write = True

    def add(self, record: ArticleRecord, source: str, line: int) -> str | None:
        if record.source_url in self.batch_urls:
            # The same article twice in one file: the later row wins, in order.
            self.flush()
        self.batch.append(_Pending(record, source, line))
        self.batch_urls.add(record.source_url)
        if len(self.batch) >= self.batch_size:
            self.flush()
        return None

    def _values(self, record: ArticleRecord) -> dict[str, Any]:
        present = record.present
        values: dict[str, Any] = {"title": record.title}
        if "summary" in present:
            values["summary"] = record.summary
        if "body" in present:
            values["body"] = record.body
        if "published" in present:
            values["published_on"] = record.published_on
        if "think_tank" in present:
            values["think_tank_id"] = self.names.resolve(ThinkTank, record.think_tank) if record.think_tank else None
        if "observer" in present:
            values["observer_name"] = record.observer
        if "open_access" in present:
            values["open_access"] = record.open_access
        if "status" in present:
            values["status"] = record.status
        return values

    def flush(self) -> None:
        batch, self.batch, self.batch_urls = self.batch, [], set()
        if not batch or not self.write:
            return
        report = self.report
        urls = [item.record.source_url for item in batch]
        existing = {
            article.source_url: article
            for article in Article.objects.filter(source_url__in=urls).only(
                "pk", "source_url", "revision", *SCALAR_FIELDS
            )
        }
        ids = [article.pk for article in existing.values()]
        author_through = Article.authors.through
        topic_through = Article.topics.through
        old_authors: dict[int, set[int]] = defaultdict(set)
        old_topics: dict[int, set[int]] = defaultdict(set)
        old_similar: dict[int, set[int]] = defaultdict(set)
        if ids:
            for article_id, author_id in author_through.objects.filter(article_id__in=ids).values_list(
                "article_id", "author_id"
            ):
                old_authors[article_id].add(author_id)
            for article_id, topic_id in topic_through.objects.filter(article_id__in=ids).values_list(
                "article_id", "topic_id"
            ):
                old_topics[article_id].add(topic_id)
            for from_id, to_id in SimilarLink.objects.filter(from_article_id__in=ids).values_list(
                "from_article_id", "to_article_id"
            ):
                old_similar[from_id].add(to_id)

        now = timezone.now()
        today = timezone.localdate()
        to_create: list[Article] = []
        to_update: list[Article] = []
        update_fields: set[str] = set()
        wanted_authors: dict[str, list[int]] = {}
        wanted_topics: dict[str, list[int]] = {}
        outcome: dict[str, str] = {}
        for item in batch:
            record = item.record
            values = self._values(record)
            url = record.source_url
            if "authors" in record.present:
                wanted_authors[url] = self.names.resolve_all(Author, record.authors)
            if "topics" in record.present:
                wanted_topics[url] = self.names.resolve_all(Topic, record.topics)
            article = existing.get(url)
            if article is None:
                values.setdefault("summary", "")
                values.setdefault("body", "")
                if not values["summary"] and values["body"]:
                    values["summary"] = _excerpt(values["body"])
                values.setdefault("published_on", today)
                values.setdefault("status", record.status)
                to_create.append(
                    Article(
                        source_url=url, slug=persian_slug(record.title, 200), created_at=now, updated_at=now, **values
                    )
                )
                outcome[url] = "created"
                continue
            if record.create_only:
                outcome[url] = "unchanged"
                wanted_authors.pop(url, None)
                wanted_topics.pop(url, None)
                continue
            changed = [name for name, value in values.items() if getattr(article, name) != value]
            m2m_changed = (url in wanted_authors and set(wanted_authors[url]) != old_authors[article.pk]) or (
                url in wanted_topics and set(wanted_topics[url]) != old_topics[article.pk]
            )
            if changed:
                for name in changed:
                    setattr(article, name, values[name])
                if "summary" in changed or "body" in changed:
                    article.revision += 1
                    changed.append("revision")
                article.updated_at = now
                update_fields.update(changed, {"updated_at"})
                to_update.append(article)
            outcome[url] = "updated" if changed or m2m_changed else "unchanged"

        if to_create:
            Article.objects.bulk_create(to_create, batch_size=self.batch_size)
            for article in to_create:
                existing[article.source_url] = article
        if to_update:
            Article.objects.bulk_update(to_update, sorted(update_fields), batch_size=self.batch_size)

        # Many-to-many rows straight into the through tables: one delete and one insert per batch.
        new_author_rows, new_topic_rows, clear_authors, clear_topics = [], [], [], []
        for url, author_ids in wanted_authors.items():
            article_id = existing[url].pk
            if set(author_ids) != old_authors.get(article_id, set()):
                clear_authors.append(article_id)
                new_author_rows += [author_through(article_id=article_id, author_id=a) for a in author_ids]
        for url, topic_ids in wanted_topics.items():
            article_id = existing[url].pk
            if set(topic_ids) != old_topics.get(article_id, set()):
                clear_topics.append(article_id)
                new_topic_rows += [topic_through(article_id=article_id, topic_id=t) for t in topic_ids]
        if clear_authors:
            author_through.objects.filter(article_id__in=clear_authors).delete()
            author_through.objects.bulk_create(new_author_rows, batch_size=self.batch_size)
        if clear_topics:
            topic_through.objects.filter(article_id__in=clear_topics).delete()
            topic_through.objects.bulk_create(new_topic_rows, batch_size=self.batch_size)

        # Curated similar links, by source URL; links to articles later in the file wait for the end.
        similar_items = [
            item.record for item in batch if "similar" in item.record.present and not item.record.create_only
        ]
        if similar_items:
            wanted_urls = {url for record in similar_items for url in record.similar}
            url_ids = dict(Article.objects.filter(source_url__in=wanted_urls).values_list("source_url", "pk"))
            for record in similar_items:
                article_id = existing[record.source_url].pk
                target_ids = [url_ids[url] for url in record.similar if url in url_ids]
                missing = [url for url in record.similar if url not in url_ids]
                changed = self._set_similar(article_id, target_ids, old_similar.get(article_id, set()))
                if changed and outcome[record.source_url] == "unchanged":
                    outcome[record.source_url] = "updated"
                if missing:
                    self.forward_similar.append((article_id, missing))

        if settings.DEBUG:
            # With DEBUG on, Django keeps the last 9,000 queries' SQL; bulk inserts make that hundreds
            # of megabytes. Memory must stay flat however long the file is.
            reset_queries()
        changed_ids = []
        for url, result in outcome.items():
            setattr(report, result, getattr(report, result) + 1)
            if result != "unchanged":
                changed_ids.append(existing[url].pk)
                if len(report.touched_ids) < self.touched_cap:
                    report.touched_ids.append(existing[url].pk)
        if changed_ids and not report.dry_run:
            # Bulk writes send no save signals, so the search index is refreshed here, batch by batch
            # (memory stays flat), inside the import's transaction (a failed file leaves no trace).
            from rasad.search.indexing import index_articles

            index_articles(article_ids=changed_ids)

    def _set_similar(self, article_id: int, target_ids: list[int], old: set[int]) -> bool:
        if set(target_ids) <= old and len(target_ids) == len(old):
            return False
        SimilarLink.objects.filter(from_article_id=article_id).exclude(to_article_id__in=target_ids).delete()
        SimilarLink.objects.bulk_create(
            [
                SimilarLink(from_article_id=article_id, to_article_id=target, position=position)
                for position, target in enumerate(target_ids)
                if target not in old and target != article_id
            ]
        )
        return True

    def finish(self) -> None:
        self.flush()
        if not self.forward_similar or not self.write:
            return
        wanted = {url for _, urls in self.forward_similar for url in urls}
        url_ids = dict(Article.objects.filter(source_url__in=wanted).values_list("source_url", "pk"))
        links = []
        for article_id, urls in self.forward_similar:
            existing = set(
                SimilarLink.objects.filter(from_article_id=article_id).values_list("to_article_id", flat=True)
            )
            start = len(existing)
            for offset, url in enumerate(urls):
                target = url_ids.get(url)
                if target and target not in existing and target != article_id:
                    links.append(SimilarLink(from_article_id=article_id, to_article_id=target, position=start + offset))
        SimilarLink.objects.bulk_create(links, batch_size=self.batch_size, ignore_conflicts=True)


def _excerpt(body_html: str) -> str:
    text = _SPACE.sub(" ", html_to_text(body_html)).strip()
    if len(text) <= SUMMARY_FROM_BODY_CHARS:
        return text
    return text[:SUMMARY_FROM_BODY_CHARS].rsplit(" ", 1)[0] + "…"


class _Rollback(Exception):
    pass


def import_articles(
    *,
    paths_or_files: Iterable[Any],
    dry_run: bool = False,
    skip_bad: bool = False,
    default_status: str = Article.Status.PUBLISHED,
    progress: Callable[[int], None] | None = None,
    think_tank: ThinkTank | None = None,
    suggest: bool = True,
    batch_size: int = BATCH_SIZE,
) -> ImportReport:
    """Import every file/URL in ``paths_or_files``; see the module docstring and the README.

    ``think_tank`` sets the think tank of records that name none (feeds of one think tank).
    ``progress`` is called with the number of records read since its last call.
    """
    suggest_cap = getattr(settings, "RASAD_IMPORT_SUGGEST_LIMIT", 500) if suggest else 0
    report = ImportReport(dry_run=dry_run, skip_bad=skip_bad)
    try:
        with transaction.atomic():
            writer = ArticleWriter(report, batch_size=batch_size, touched_cap=suggest_cap)
            for item in paths_or_files:
                label = str(getattr(item, "name", item))
                try:
                    source: Source = as_source(item)
                    label = source.label
                    _import_source(source, writer, report, default_status, progress, think_tank, skip_bad)
                except SourceError as exc:
                    report.file_errors.append(RowError(label, 0, str(exc)))
                    writer.write = False
            writer.finish()
            if dry_run or report.file_errors or (report.bad_rows and not skip_bad):
                raise _Rollback
            report.landed = True
    except _Rollback:
        report.landed = False
    if report.landed:
        # bulk_create/bulk_update send no save signals: drop cached anonymous pages ourselves.
        from rasad.core.pagecache import bump_generation

        transaction.on_commit(bump_generation)
    if report.landed and report.touched_ids:
        from rasad.ingestion.similarity import refresh_suggestions

        refresh_suggestions(article_ids=report.touched_ids)
        report.suggestions_for = len(report.touched_ids)
    return report


def _import_source(
    source: Source,
    writer: ArticleWriter,
    report: ImportReport,
    default_status: str,
    progress: Callable[[int], None] | None,
    think_tank: ThinkTank | None,
    skip_bad: bool,
) -> None:
    if source.from_feed:
        default_status = Article.Status.DRAFT
    pending = 0
    for line, raw in iter_records(source):
        pending += 1
        if progress and pending >= 500:
            progress(pending)
            pending = 0
        if isinstance(raw, BadRow):
            report.add_error(source.label, line, raw.message)
        else:
            try:
                record = clean_record(raw, default_status=default_status)
            except RecordError as exc:
                report.add_error(source.label, line, str(exc))
            else:
                record.create_only = source.from_feed
                if think_tank is not None and not record.think_tank:
                    record.think_tank = think_tank.name
                    record.present.add("think_tank")
                writer.add(record, source.label, line)
        if report.bad_rows and not skip_bad and writer.write:
            # Nothing will land: keep validating to report every bad row, but stop writing.
            writer.write = False
    if progress and pending:
        progress(pending)
    writer.flush()
