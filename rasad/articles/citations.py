"""Citations of articles for reference managers: RIS, BibTeX and CSL-JSON.

Written with the formats' own libraries (rispy, bibtexparser); CSL-JSON is plain JSON in the
schema citeproc and Zotero read (https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html).
Each record is a report (RIS ``RPRT``, BibTeX ``@techreport``, CSL ``report``) by the think tank,
titled with the Persian title as editors wrote it, dated in Gregorian (what reference managers
compute with) with the Jalali date in the note, and linked to the original report and to the
article on Rasad. Only public fields are cited: never the full text.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

import bibtexparser
import rispy
from bibtexparser.model import Entry, Field
from django.http import HttpResponse

from rasad.articles.models import Article
from rasad.core.jalali import jalali_numeric

FORMATS = {
    # format: (media type, file extension)
    "ris": ("application/x-research-info-systems", "ris"),
    "bibtex": ("application/x-bibtex", "bib"),
    "csl-json": ("application/vnd.citationstyles.csl+json", "json"),
}


@dataclass(frozen=True)
class Cited:
    """What a citation says about one article (public fields only)."""

    key: str
    title: str
    authors: list[str]
    think_tank: str
    summary: str
    source_url: str
    rasad_url: str
    year: int
    month: int
    day: int
    jalali: str
    topics: list[str]

    @property
    def note(self) -> str:
        return f"تاریخ انتشار در رصد: {self.jalali} (خورشیدی). خلاصهٔ فارسی در رصد: {self.rasad_url}"


def cited(article: Article, *, base_url: str) -> Cited:
    """``base_url`` is the site's origin, e.g. ``https://rasad.example`` (for the article's link)."""
    day = article.published_on
    return Cited(
        key=f"rasad{article.pk}",
        title=article.title,
        authors=[a.name for a in article.authors.all()],
        think_tank=article.think_tank.name if article.think_tank else "",
        summary=article.summary,
        source_url=article.source_url,
        rasad_url=base_url.rstrip("/") + article.get_absolute_url(),
        year=day.year,
        month=day.month,
        day=day.day,
        jalali=jalali_numeric(day),
        topics=[t.name for t in article.topics.all()],
    )


class _RisWriter(rispy.RisWriter):
    def set_header(self, count: int) -> str:
        return ""  # no "1." line before each record: Zotero and EndNote expect TY first


def to_ris(items: Iterable[Cited]) -> str:
    entries = []
    for c in items:
        entry = {
            "type_of_reference": "RPRT",
            "title": c.title,
            "authors": c.authors,
            "year": str(c.year),
            "date": f"{c.year:04d}/{c.month:02d}/{c.day:02d}/",
            "publisher": c.think_tank,
            "abstract": c.summary,
            "urls": [c.source_url, c.rasad_url],
            "keywords": c.topics,
            "language": "fa",
            "notes": [c.note],
            "id": c.key,
        }
        entries.append({k: v for k, v in entry.items() if v})
    return rispy.dumps(entries, implementation=_RisWriter)


def _plain(text: str) -> str:
    # A stray brace or backslash would end a BibTeX value early or start a TeX command.
    return text.replace("{", "(").replace("}", ")").replace("\\", "/")


def _braced(name: str) -> str:
    # Braces keep BibTeX from splitting a Persian name into "first" and "last" parts.
    return "{" + _plain(name) + "}"


def to_bibtex(items: Iterable[Cited]) -> str:
    library = bibtexparser.Library()
    for c in items:
        fields = [
            Field("title", "{" + _plain(c.title) + "}"),
            Field("author", " and ".join(_braced(a) for a in c.authors)),
            Field("institution", _plain(c.think_tank)),
            Field("year", str(c.year)),
            Field("month", str(c.month)),
            Field("date", f"{c.year:04d}-{c.month:02d}-{c.day:02d}"),
            Field("url", _plain(c.source_url)),
            Field("abstract", _plain(c.summary)),
            Field("keywords", _plain(", ".join(c.topics))),
            Field("langid", "persian"),
            Field("language", "persian"),
            Field("note", _plain(c.note)),
        ]
        library.add(Entry("techreport", c.key, [f for f in fields if f.value]))
    return bibtexparser.write_string(library)


def csl_item(c: Cited) -> dict:
    item = {
        "id": c.key,
        "type": "report",
        "title": c.title,
        "author": [{"literal": name} for name in c.authors],
        "publisher": c.think_tank,
        "issued": {"date-parts": [[c.year, c.month, c.day]]},
        "abstract": c.summary,
        "URL": c.source_url,
        "language": "fa",
        "keyword": ", ".join(c.topics),
        "note": c.note,
        "source": "رصد",
    }
    return {k: v for k, v in item.items() if v}


def to_csl_json(items: Iterable[Cited]) -> str:
    return json.dumps([csl_item(c) for c in items], ensure_ascii=False, indent=2)


WRITERS = {"ris": to_ris, "bibtex": to_bibtex, "csl-json": to_csl_json}
# File extensions on the site's download links (…/cite.ris, .bib, .json) and the format each names.
BY_EXTENSION = {ext: fmt for fmt, (_media, ext) in FORMATS.items()}


def render(fmt: str, articles: Iterable[Article], *, base_url: str) -> str:
    """The citations of ``articles`` in ``fmt`` (one of ``FORMATS``)."""
    return WRITERS[fmt](cited(a, base_url=base_url) for a in articles)


def download(fmt: str, articles: Iterable[Article], *, base_url: str, filename: str) -> HttpResponse:
    """The citations as a file a reference manager opens."""
    media, ext = FORMATS[fmt]
    response = HttpResponse(render(fmt, articles, base_url=base_url), content_type=f"{media}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.{ext}"'
    return response
