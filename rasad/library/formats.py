"""Reading lists exported by other services, read into one shape: ``Link(url, title, read, labels)``.

- Pocket: the HTML export (``<h1>Unread</h1>`` / ``<h1>Read Archive</h1>`` lists of links with
  ``tags="a,b"``) and the newer CSV (``title,url,time_added,tags,status``; tags split by ``|``).
- Instapaper: CSV ``URL,Title,Selection,Folder,Timestamp[,Tags]``; ``Folder=Archive`` is read, a
  folder of one's own becomes a label.
- Wallabag: the JSON export, a list of entries with ``is_archived`` and ``tags``.
- Omnivore: the export ZIP (``metadata_*.json``) or one of its JSON files; ``state=Archived`` or
  ``readingProgress`` 100 is read, ``labels`` are labels.

The format is recognised from the content, not the file name. Every failure is a Persian
``ImportFormatError``.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from django.utils.translation import gettext as _

MAX_LINKS = 20_000
MAX_UNZIPPED_BYTES = 50 * 1024 * 1024
MAX_LABEL = 100


class ImportFormatError(ValueError):
    pass


@dataclass
class Link:
    url: str
    title: str = ""
    read: bool = False
    labels: list[str] = field(default_factory=list)


@dataclass
class Parsed:
    service: str  # "pocket", "instapaper", "wallabag", "omnivore"
    links: list[Link]


SERVICE_NAMES = {"pocket": "Pocket", "instapaper": "Instapaper", "wallabag": "Wallabag", "omnivore": "Omnivore"}


def _labels(values: Iterable[Any] | None) -> list[str]:
    out: list[str] = []
    for value in values or []:
        name = (value.get("name") or value.get("label") or "") if isinstance(value, dict) else str(value)
        name = " ".join(str(name).split())[:MAX_LABEL]
        if name and name not in out:
            out.append(name)
    return out


class _PocketHTML(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[Link] = []
        self._in_h1 = False
        self._heading = ""
        self._current: Link | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "h1":
            self._in_h1, self._heading = True, ""
        elif tag == "a" and (href := attributes.get("href")):
            read = "read" in self._heading.lower() or "archive" in self._heading.lower()
            tags = (attributes.get("tags") or "").split(",")
            self._current = Link(url=href.strip(), read=read, labels=_labels(tags))

    def handle_data(self, data: str) -> None:
        if self._in_h1:
            self._heading += data
        elif self._current is not None:
            self._current.title += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "h1":
            self._in_h1 = False
        elif tag == "a" and self._current is not None:
            self._current.title = " ".join(self._current.title.split())
            self.links.append(self._current)
            self._current = None


def _pocket_html(text: str) -> list[Link]:
    parser = _PocketHTML()
    parser.feed(text)
    parser.close()
    return parser.links


def _csv_rows(text: str) -> tuple[list[str], list[dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip().lower() for h in reader.fieldnames or []]
    rows = [{(k or "").strip().lower(): (v or "") for k, v in row.items()} for row in reader]
    return header, rows


def _instapaper(rows: list[dict[str, str]]) -> list[Link]:
    links = []
    for row in rows:
        folder = row.get("folder", "").strip()
        labels = [] if folder.lower() in {"", "unread", "archive", "starred"} else [folder]
        raw_tags = row.get("tags", "").strip()
        if raw_tags.startswith("["):
            with contextlib.suppress(ValueError):
                labels += _labels(json.loads(raw_tags))
        links.append(
            Link(
                url=row.get("url", "").strip(),
                title=row.get("title", "").strip(),
                read=folder.lower() == "archive",
                labels=_labels(labels),
            )
        )
    return links


def _pocket_csv(rows: list[dict[str, str]]) -> list[Link]:
    return [
        Link(
            url=row.get("url", "").strip(),
            title=row.get("title", "").strip(),
            read=row.get("status", "").strip().lower() in {"archive", "archived", "read"},
            labels=_labels(row.get("tags", "").split("|")),
        )
        for row in rows
    ]


def _wallabag(items: list[Any]) -> list[Link]:
    return [
        Link(
            url=str(item.get("url") or "").strip(),
            title=str(item.get("title") or "").strip(),
            read=bool(item.get("is_archived")),
            labels=_labels(item.get("tags")),
        )
        for item in items
        if isinstance(item, dict)
    ]


def _omnivore(items: list[Any]) -> list[Link]:
    links = []
    for item in items:
        if not isinstance(item, dict) or str(item.get("state", "")).lower() == "deleted":
            continue
        progress = item.get("readingProgress") or 0
        read = str(item.get("state", "")).lower() == "archived" or (
            isinstance(progress, int | float) and progress >= 100
        )
        links.append(
            Link(
                url=str(item.get("url") or "").strip(),
                title=str(item.get("title") or "").strip(),
                read=read,
                labels=_labels(item.get("labels")),
            )
        )
    return links


def _json(text: str) -> Parsed:
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise ImportFormatError(_("پرونده JSON درستی نیست (%(error)s).") % {"error": exc}) from exc
    items = data.get("items", data.get("entries", [])) if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise ImportFormatError(_("در این JSON فهرستی از پیوندها نیافتیم."))
    sample = next((i for i in items if isinstance(i, dict)), {})
    if "is_archived" in sample or "is_starred" in sample:
        return Parsed("wallabag", _wallabag(items))
    if {"labels", "readingProgress", "savedAt", "state"} & set(sample):
        return Parsed("omnivore", _omnivore(items))
    raise ImportFormatError(_("این JSON نه خروجی Wallabag است نه Omnivore."))


def _zip(data: bytes) -> Parsed:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise ImportFormatError(_("پروندهٔ ZIP خراب است.")) from exc
    members = [
        m
        for m in archive.infolist()
        if m.filename.rsplit("/", 1)[-1].startswith("metadata") and m.filename.endswith(".json")
    ]
    if not members:
        raise ImportFormatError(_("در این ZIP پروندهٔ metadata_*.json از Omnivore نیست."))
    if sum(m.file_size for m in members) > MAX_UNZIPPED_BYTES:
        raise ImportFormatError(_("محتوای ZIP بیش از اندازه بزرگ است."))
    links: list[Link] = []
    for member in sorted(members, key=lambda m: m.filename):
        parsed = _json(_decode(archive.read(member)))
        links += parsed.links
    return Parsed("omnivore", links)


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFormatError(_("پرونده باید UTF-8 باشد.")) from exc


def parse_export(data: bytes) -> Parsed:
    """The links in an export file of Pocket, Instapaper, Wallabag or Omnivore."""
    if data[:4] == b"PK\x03\x04":
        parsed = _zip(data)
    else:
        text = _decode(data)
        head = text.lstrip()[:500].lower()
        if head.startswith(("[", "{")):
            parsed = _json(text)
        elif head.startswith(("<!doctype", "<html")) or "<a " in head or "<ul" in head:
            parsed = Parsed("pocket", _pocket_html(text))
        else:
            header, rows = _csv_rows(text)
            if {"url", "folder"} <= set(header):
                parsed = Parsed("instapaper", _instapaper(rows))
            elif {"url", "time_added"} <= set(header) or {"url", "status"} <= set(header):
                parsed = Parsed("pocket", _pocket_csv(rows))
            else:
                raise ImportFormatError(
                    _(
                        "قالب این پرونده را نشناختیم؛ خروجی HTML یا CSV پاکت، CSV اینستاپیپر، JSON والاباگ یا ZIP اومنی‌وُر را بفرستید."
                    )
                )
    parsed.links = [link for link in parsed.links if link.url]
    if not parsed.links:
        raise ImportFormatError(_("در این پرونده هیچ پیوندی نیافتیم."))
    if len(parsed.links) > MAX_LINKS:
        raise ImportFormatError(_("بیش از ۲۰٬۰۰۰ پیوند در یک پرونده است؛ آن را چند بخش کنید."))
    return parsed
