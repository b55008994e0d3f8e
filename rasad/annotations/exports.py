"""Annotation exports. The gate applies: a quote from full text the viewer may not read is left out."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.translation import gettext as _

from rasad.annotations.selectors import Placed
from rasad.core.downloads import csv_response, markdown_escape, markdown_quote, markdown_response
from rasad.core.jalali import jalali_numeric


def _quote(note: Placed) -> str:
    return note.annotation.exact if note.show_quote else ""


def _state(note: Placed) -> str:
    if not note.show_quote:
        return _("عبارت پنهان: متن کامل اشتراک می‌خواهد")
    if note.orphaned:
        return _("متن تغییر کرده است")
    return ""


def respond(fmt: str, filename: str, title: str, notes: list[Placed], *, base: str = "") -> HttpResponse:
    if fmt == "csv":
        header = [
            _("مقاله"),
            _("نشانی"),
            _("بخش"),
            _("عبارت"),
            _("یادداشت"),
            _("نویسنده"),
            _("دیدپذیری"),
            _("تاریخ"),
            _("وضعیت"),
        ]
        rows = [
            [
                n.annotation.article.title,
                base + n.annotation.article.get_absolute_url(),
                n.annotation.get_field_display(),
                _quote(n),
                n.annotation.note,
                n.annotation.author.get_username(),
                n.annotation.get_visibility_display(),
                jalali_numeric(n.annotation.created_at),
                _state(n),
            ]
            for n in notes
        ]
        return csv_response(f"{filename}.csv", header, rows)
    lines = [f"# {markdown_escape(title)}", ""]
    current = None
    for n in notes:
        a = n.annotation
        if a.article_id != current:
            current = a.article_id
            lines += [f"## {markdown_escape(a.article.title)}", "", f"<{base}{a.article.get_absolute_url()}>", ""]
        if n.show_quote:
            lines.append(markdown_quote(a.exact))
        state = _state(n)
        if state:
            lines.append(f"*{state}*")
        if a.note:
            lines.append("")
            lines.append(markdown_escape(a.note))
        lines.append("")
        lines.append(
            f"— {markdown_escape(a.author.get_full_name() or a.author.get_username())} · "
            f"{a.get_field_display()} · {a.get_visibility_display()} · {jalali_numeric(a.created_at)}"
        )
        lines.append("")
    if not notes:
        lines.append(_("یادداشتی نیست."))
    return markdown_response(f"{filename}.md", "\n".join(lines) + "\n")
