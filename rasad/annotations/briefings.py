"""Briefings: a collection as a dossier to print or send, in PDF (WeasyPrint) and DOCX (python-docx).

A briefing holds, for each article of the collection the reader may see: its title, source,
think tank, Jalali date and summary, the reader's own and their teams' highlights and notes (as
``selectors.place`` shows them: a quote from a full text the reader may not read stays hidden),
and the full text only where ``can_read_full_text`` says the reader may read it. Both formats
are written right to left; WeasyPrint shapes Persian with Pango.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import User
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.shared import Pt

from rasad.access.policy import can_read_full_text
from rasad.annotations import selectors
from rasad.annotations.models import Annotation
from rasad.articles.models import Article
from rasad.core.digits import to_persian_digits
from rasad.core.jalali import jalali_long, jalali_with_weekday
from rasad.library.models import Collection
from rasad.library.selectors import collection_items

_BLOCK_END = re.compile(r"</(p|div|h[1-6]|li|blockquote)>|<br\s*/?>", re.I)


@dataclass
class BriefingEntry:
    article: Article
    notes: list[selectors.Placed] = field(default_factory=list)
    full_text: str | None = None  # sanitised HTML, only where the reader may read it

    @property
    def paragraphs(self) -> list[str]:
        """The full text as plain paragraphs (DOCX)."""
        if not self.full_text:
            return []
        parts = (strip_tags(chunk).strip() for chunk in _BLOCK_END.split(self.full_text) if chunk)
        return [
            p
            for p in parts
            if p and p.lower() not in {"p", "div", "li", "blockquote"} and not re.fullmatch(r"h[1-6]", p)
        ]


@dataclass
class Briefing:
    collection: Collection
    entries: list[BriefingEntry]
    made_on: str


def briefing_for(*, reader: User, collection: Collection) -> Briefing:
    """What goes into ``collection``'s briefing for ``reader`` (three queries, whatever its size)."""
    articles = [item.article for item in collection_items(collection, reader)]
    notes = list(
        Annotation.objects.visible_to(reader)
        .filter(article__in=articles)
        .for_display()
        .order_by("article_id", "field", "start", "id")
    )
    by_article: dict[int, list[selectors.Placed]] = {}
    for placed in selectors.place(reader, notes):
        by_article.setdefault(placed.annotation.article_id, []).append(placed)
    entries = [
        BriefingEntry(
            article=article,
            notes=by_article.get(article.pk, []),
            full_text=article.body if can_read_full_text(reader, article) else None,
        )
        for article in articles
    ]
    return Briefing(collection=collection, entries=entries, made_on=jalali_with_weekday(timezone.localdate()))


def _no_fetching(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    # An article's HTML may point anywhere; the PDF is built from our own markup only.
    raise ValueError(f"briefings fetch nothing: {url[:80]}")


def briefing_pdf(briefing: Briefing) -> bytes:
    # Heavy (Pango through cffi): loaded when a briefing is asked for, not with every worker.
    from weasyprint import HTML

    html = render_to_string("annotations/briefing.html", {"briefing": briefing})
    return HTML(string=html, url_fetcher=_no_fetching).write_pdf()


def _rtl(paragraph: Any) -> None:
    """Mark a python-docx paragraph and its runs right to left (w:bidi, w:rtl)."""
    p_pr = paragraph._p.get_or_add_pPr()
    if p_pr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}bidi") is None:
        p_pr.insert(0, OxmlElement("w:bidi"))
    for run in paragraph.runs:
        run.font.rtl = True
        run.font.complex_script = True


def briefing_docx(briefing: Briefing) -> bytes:
    document = Document()
    section_properties = document.sections[0]._sectPr
    section_properties.append(OxmlElement("w:bidi"))
    normal = document.styles["Normal"]
    normal.font.size = Pt(12)
    normal.font.name = "Noto Naskh Arabic"
    r_pr = normal.element.get_or_add_rPr()
    fonts = r_pr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}rFonts")
    if fonts is not None:
        fonts.set("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}cs", "Noto Naskh Arabic")
    r_pr.append(OxmlElement("w:rtl"))

    def add(text: str, style: str | None = None) -> Any:
        paragraph = document.add_paragraph(text, style=style)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _rtl(paragraph)
        return paragraph

    add(briefing.collection.name, "Title")
    add(briefing.made_on, "Subtitle")
    add(_("فهرست مطالب"), "Heading 1")
    for number, entry in enumerate(briefing.entries, start=1):
        add(f"{to_persian_digits(number)}. {entry.article.title}")
    for entry in briefing.entries:
        document.add_page_break()
        article = entry.article
        add(article.title, "Heading 1")
        meta = [article.think_tank.name if article.think_tank else "", jalali_long(article.published_on)]
        add(" · ".join(m for m in meta if m))
        add(f"{_('منبع')}: {article.source_url}")
        add(_("خلاصه"), "Heading 2")
        for paragraph in article.summary.split("\n\n"):
            if paragraph.strip():
                add(paragraph.strip())
        if entry.notes:
            add(_("برجسته‌ها و یادداشت‌ها"), "Heading 2")
            for note in entry.notes:
                a = note.annotation
                quote = a.exact if note.show_quote else _("عبارت پنهان: متن کامل اشتراک می‌خواهد")
                add(f"«{quote}»", "Quote")
                who = a.author.get_full_name() or a.author.get_username()
                kind = _("تیم") if a.visibility == Annotation.Visibility.TEAM else _("خصوصی")
                add(f"{a.note} — {who} ({kind})" if a.note else f"— {who} ({kind})")
        if entry.full_text:
            add(_("متن کامل"), "Heading 2")
            for paragraph in entry.paragraphs:
                add(paragraph)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def download(briefing: Briefing, fmt: str) -> HttpResponse:
    filename = f"rasad-briefing-{briefing.collection.pk}.{fmt}"
    if fmt == "pdf":
        response = HttpResponse(briefing_pdf(briefing), content_type="application/pdf")
    else:
        response = HttpResponse(
            briefing_docx(briefing),
            content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
