"""Readers for the file types editors import: JSON Lines / JSON, CSV, XLSX and RSS/Atom.

They know nothing of articles: they turn bytes into raw records (``records.clean_record`` validates
them). Feeds named by URL are fetched with ``fetcher``.

Every reader yields ``(line_or_row_number, record)`` pairs, one at a time, so a file of any size is
read in constant memory (a JSON *array* file is the exception: it is parsed whole, and the README
says so). A row that cannot be read at all is yielded as a ``BadRow`` so the importer can name it
and go on; a file that cannot be read at all raises ``SourceError``.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import json
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import feedparser
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from rasad.core.digits import to_persian_digits
from rasad.imports.fetcher import FeedFetchError, fetch_url
from rasad.imports.limits import (
    LimitExceeded,
    check_file_size,
    check_json_depth,
    check_line_length,
    check_xlsx_zip,
    max_line_chars,
    too_deep,
)

# Field names of the file schema (README, «Importing articles»).
FIELDS = (
    "title",
    "summary",
    "body",
    "source_url",
    "published",
    "authors",
    "think_tank",
    "topics",
    "observer",
    "similar",
    "open_access",
    "editors_choice",
    "status",
)
LIST_FIELDS = ("authors", "topics", "similar")

FEED_SUFFIXES = (".rss", ".atom", ".xml")
SNIFF_BYTES = 64 * 1024


class SourceError(Exception):
    """The file as a whole cannot be read (missing, unknown type, wrong encoding…)."""


@dataclass
class BadRow:
    message: str


@dataclass
class Source:
    """One thing to import: a path, an uploaded file or a feed URL."""

    label: str
    kind: str  # jsonl | json | csv | xlsx | feed
    opener: Any  # () -> binary file object; a URL string for feeds; (line, record) pairs for "records"
    from_feed: bool = False  # feed items only create drafts, never overwrite an editor's work

    def __post_init__(self) -> None:
        if self.kind == "feed":
            self.from_feed = True


def describe_kind(label: str) -> str:
    name = label.lower().split("?")[0]
    if name.startswith(("http://", "https://")):
        return "feed"
    if name.endswith((".jsonl", ".ndjson", ".jsonlines")):
        return "jsonl"
    if name.endswith(".json"):
        return "json"
    if name.endswith((".csv", ".tsv", ".txt")):
        return "csv"
    if name.endswith(".xlsx"):
        return "xlsx"
    if name.endswith(FEED_SUFFIXES):
        return "feed"
    raise SourceError(
        _("نوع پروندهٔ «%(name)s» شناخته نیست؛ پسوند باید jsonl، json، csv، xlsx یا rss/atom/xml باشد.")
        % {"name": label}
    )


def as_source(item: Any) -> Source:
    """A path string, ``Path``, URL or uploaded (Django ``File``-like) object as a ``Source``."""
    if isinstance(item, Source):
        return item
    if isinstance(item, str) and item.startswith(("http://", "https://")):
        return Source(label=item, kind="feed", opener=item)
    if isinstance(item, (str, Path)):
        path = Path(item)
        kind = describe_kind(path.name)
        if not path.is_file():
            raise SourceError(_("پروندهٔ «%(name)s» پیدا نشد.") % {"name": str(path)})
        check_file_size(path.stat().st_size)
        return Source(label=path.name, kind=kind, opener=lambda: path.open("rb"))
    name = getattr(item, "name", "") or "upload"
    kind = describe_kind(name)
    check_file_size(getattr(item, "size", None))

    def reopen() -> Any:
        if hasattr(item, "seek"):
            item.seek(0)
        return item

    return Source(label=Path(name).name, kind=kind, opener=reopen)


Records = Iterator[tuple[int, dict | BadRow]]


def iter_records(source: Source) -> Records:
    if source.kind == "records":
        return iter(source.opener)
    readers: dict[str, Callable[[Source], Records]] = {
        "jsonl": _iter_jsonl,
        "json": _iter_json,
        "csv": _iter_csv,
        "xlsx": _iter_xlsx,
        "feed": _iter_feed,
    }
    return readers[source.kind](source)


# --- JSON Lines / JSON -------------------------------------------------------------------------


def _iter_jsonl(source: Source) -> Iterator[tuple[int, dict | BadRow]]:
    handle = source.opener()
    try:
        head = handle.read(64)
        handle.seek(0)
        if isinstance(head, bytes) and head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"["):
            # A JSON array in a .jsonl file: read it as JSON.
            yield from _iter_json(source, handle=handle)
            return
        try:
            yield from _json_lines(_bounded_lines(handle) if _is_binary(handle) else handle)
        except UnicodeDecodeError as exc:
            raise SourceError(_("پرونده UTF-8 نیست؛ آن را با کدگذاری UTF-8 ذخیره کنید.")) from exc
    finally:
        _close(handle, source)


def _iter_json(source: Source, handle: IO[bytes] | None = None) -> Iterator[tuple[int, dict | BadRow]]:
    own = handle is None
    handle = handle or source.opener()
    try:
        try:
            raw = handle.read()
            text = raw.decode("utf-8-sig") if isinstance(raw, bytes) else raw
        except UnicodeDecodeError as exc:
            raise SourceError(_("پرونده UTF-8 نیست؛ آن را با کدگذاری UTF-8 ذخیره کنید.")) from exc
        stripped = text.lstrip()
        if not stripped.startswith("["):
            # One object per line after all (a .json file written as JSON Lines).
            yield from _json_lines(text.splitlines())
            return
        try:
            items = json.loads(text)
        except RecursionError as exc:
            raise too_deep() from exc
        except json.JSONDecodeError as exc:
            raise SourceError(
                _("JSON نامعتبر در سطر %(line)s (%(msg)s).") % {"line": to_persian_digits(exc.lineno), "msg": exc.msg}
            ) from exc
        del text, raw
        check_json_depth(items)
        yield from enumerate(items, start=1)
    finally:
        if own:
            _close(handle, source)


def _bounded_lines(handle: IO[bytes]) -> Iterator[str]:
    """Decoded lines, each read at most to the line limit: a 20 MB line is refused after reading
    the first few MB of it, not after holding all of it (and its decoded copy) in memory."""
    limit = max_line_chars() * 4  # UTF-8: at most four bytes a character
    number = 0
    while True:
        raw = handle.readline(limit + 1)
        if not raw:
            return
        number += 1
        if len(raw) > limit:
            raise LimitExceeded(
                _("این سطر بلندتر از %(max)s نویسه است.") % {"max": to_persian_digits(max_line_chars())}, number
            )
        yield raw.decode("utf-8-sig" if number == 1 else "utf-8")


def _json_lines(lines: Iterable[str]) -> Records:
    """One record per non-empty line; a line that is not JSON is a ``BadRow`` saying why."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        check_line_length(len(line), number)
        try:
            record = json.loads(line)
        except RecursionError as exc:
            raise too_deep(number) from exc
        except json.JSONDecodeError as exc:
            yield number, BadRow(_json_problem(exc))
            continue
        check_json_depth(record, number)
        yield number, record


def _json_problem(exc: json.JSONDecodeError) -> str:
    return _("JSON نامعتبر در ستون %(col)s (%(msg)s).") % {"col": to_persian_digits(exc.colno), "msg": exc.msg}


# --- CSV ---------------------------------------------------------------------------------------


def detect_encoding(head: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1256 if it decodes to Persian/Arabic text."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
        return "utf-8-sig"
    except UnicodeDecodeError:
        pass
    try:
        text = head.decode("cp1256")
    except UnicodeDecodeError as exc:
        raise SourceError(_("کدگذاری پرونده شناخته نشد؛ آن را با کدگذاری UTF-8 ذخیره کنید.")) from exc
    if any("\u0600" <= ch <= "\u06ff" for ch in text):
        return "cp1256"
    raise SourceError(_("کدگذاری پرونده شناخته نشد؛ آن را با کدگذاری UTF-8 ذخیره کنید."))


# Windows-1256 has no Persian yeh and kaf; files saved in it carry the Arabic letters.
ARABIC_TO_PERSIAN = str.maketrans({"ي": "ی", "ك": "ک"})


def _iter_csv(source: Source) -> Iterator[tuple[int, dict | BadRow]]:
    handle = source.opener()
    try:
        head = handle.read(SNIFF_BYTES)
        if isinstance(head, str):
            head = head.encode("utf-8")
        encoding = detect_encoding(head)
        handle.seek(0)
        text = io.TextIOWrapper(handle, encoding=encoding, newline="")
        delimiter = "\t" if source.label.lower().endswith(".tsv") else ","
        try:
            sample = head.decode(encoding, errors="ignore").splitlines()[0] if head else ""
            if sample.count(";") > sample.count(",") and delimiter != "\t":
                delimiter = ";"
            lines = (line.translate(ARABIC_TO_PERSIAN) for line in text) if encoding == "cp1256" else text
            reader = csv.reader(lines, delimiter=delimiter)
            header = next(reader, None)
            if not header:
                raise SourceError(_("پرونده خالی است؛ سطر اول باید نام ستون‌ها باشد."))
            columns = [_column_name(name) for name in header]
            _check_columns(columns)
            line = reader.line_num + 1
            for values in reader:
                start, line = line, reader.line_num + 1
                if not any(value.strip() for value in values):
                    continue
                if len(values) > len(columns):
                    yield start, BadRow(_("تعداد خانه‌های این سطر از تعداد ستون‌ها بیشتر است."))
                    continue
                yield start, dict(zip(columns, values, strict=False))
        except UnicodeDecodeError as exc:
            raise SourceError(_("کدگذاری پرونده یکدست نیست؛ آن را با کدگذاری UTF-8 ذخیره کنید.")) from exc
        except csv.Error as exc:
            raise SourceError(_("CSV نامعتبر: %(msg)s") % {"msg": exc}) from exc
        finally:
            text.detach()
    finally:
        _close(handle, source)


def _column_name(name: Any) -> str:
    return str(name or "").strip().lstrip("\ufeff").strip().lower()


def _check_columns(columns: list[str]) -> None:
    missing = [name for name in ("title", "source_url") if name not in columns]
    if missing:
        raise SourceError(
            _("ستون‌های لازم در سطر اول نیست: %(cols)s. ستون‌ها: %(all)s")
            % {"cols": "، ".join(missing), "all": "، ".join(FIELDS)}
        )


# --- XLSX --------------------------------------------------------------------------------------


def _iter_xlsx(source: Source) -> Iterator[tuple[int, dict | BadRow]]:
    handle = source.opener()
    try:
        check_xlsx_zip(handle)
        try:
            # read_only streams rows instead of building the whole sheet in memory.
            workbook = load_workbook(handle, read_only=True, data_only=True)
        except (zipfile.BadZipFile, KeyError, OSError, ValueError, SyntaxError) as exc:
            raise SourceError(_("پروندهٔ XLSX خوانده نشد؛ آیا واقعاً یک کاربرگ اکسل است؟")) from exc
        try:
            yield from _xlsx_rows(workbook)
        except (KeyError, ValueError, SyntaxError, zipfile.BadZipFile) as exc:
            # Malformed XML inside the zip (ElementTree's ParseError is a SyntaxError).
            raise SourceError(_("XML درون پروندهٔ XLSX خراب است: %(msg)s") % {"msg": str(exc)[:200]}) from exc
        finally:
            workbook.close()
    finally:
        _close(handle, source)


def _xlsx_rows(workbook: Any) -> Iterator[tuple[int, dict | BadRow]]:
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = next(rows, None)
    if not header:
        raise SourceError(_("پرونده خالی است؛ سطر اول باید نام ستون‌ها باشد."))
    columns = [_column_name(name) for name in header]
    _check_columns(columns)
    for number, values in enumerate(rows, start=2):
        if not any(value not in (None, "") for value in values):
            continue
        record = {}
        for column, value in zip(columns, values, strict=False):
            if column:
                record[column] = "" if value is None else value
        yield number, record


# --- RSS / Atom --------------------------------------------------------------------------------


def parse_feed_bytes(data: bytes, label: str) -> Iterator[tuple[int, dict | BadRow]]:
    parsed = feedparser.parse(data)
    if parsed.bozo and not parsed.entries:
        raise SourceError(_("خوراک «%(name)s» خوانده نشد؛ RSS یا Atom معتبر نیست.") % {"name": label})
    for number, entry in enumerate(parsed.entries, start=1):
        yield number, feed_entry_record(entry)


def feed_entry_record(entry: Any) -> dict:
    """An RSS/Atom item as an import record (a draft for editors to summarise)."""
    body = ""
    if entry.get("content"):
        body = entry["content"][0].get("value", "")
    summary = entry.get("summary", "") or ""
    record: dict[str, Any] = {
        "title": (entry.get("title") or "").strip(),
        "source_url": (entry.get("link") or "").strip(),
        "summary": summary,
        "body": body or summary,
    }
    when = entry.get("published_parsed") or entry.get("updated_parsed")
    if when:
        record["published"] = dt.date(when.tm_year, when.tm_mon, when.tm_mday)
    names = [author.get("name", "").strip() for author in entry.get("authors", []) if author.get("name")]
    if not names and entry.get("author"):
        names = [entry["author"].strip()]
    if names:
        record["authors"] = names
    return record


def _iter_feed(source: Source) -> Iterator[tuple[int, dict | BadRow]]:
    if isinstance(source.opener, str):
        try:
            data = fetch_url(source.opener)
        except FeedFetchError as exc:
            raise SourceError(str(exc)) from exc
    else:
        handle = source.opener()
        try:
            data = handle.read()
        finally:
            _close(handle, source)
    yield from parse_feed_bytes(data, source.label)


def _is_binary(handle: Any) -> bool:
    return not isinstance(handle, io.TextIOBase)


def _close(handle: Any, source: Source) -> None:
    # Uploaded files belong to the request; only files we opened are closed.
    if isinstance(handle, io.BufferedReader) and getattr(handle, "name", None):
        handle.close()
