"""CSV and Markdown downloads. CSV cells are guarded against formula injection (OWASP):
https://owasp.org/www-community/attacks/CSV_Injection
"""

from __future__ import annotations

import csv
import io
from urllib.parse import quote

from django.http import HttpResponse
from django.utils.translation import gettext as _

from rasad.core.jalali import jalali_numeric
from rasad.core.spreadsheet import neutralise_formula


def csv_cell(value) -> str:
    return neutralise_formula("" if value is None else str(value))


def _attachment(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def csv_response(filename: str, header: list[str], rows: list[list]) -> HttpResponse:
    buffer = io.StringIO()
    # A BOM so spreadsheet programs read the Persian text as UTF-8.
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow([csv_cell(h) for h in header])
    for row in rows:
        writer.writerow([csv_cell(cell) for cell in row])
    return _attachment(HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8"), filename)


def markdown_escape(text: str) -> str:
    """Inline Markdown: no raw HTML, links or emphasis sneaking in from user text."""
    out = str(text or "")
    for ch in "\\`*_{}[]<>#|!":
        out = out.replace(ch, "\\" + ch)
    return " ".join(out.split())


def markdown_quote(text: str) -> str:
    return "\n".join("> " + markdown_escape(line) for line in str(text).splitlines() if line.strip()) or "> "


def markdown_response(filename: str, text: str) -> HttpResponse:
    return _attachment(HttpResponse(text, content_type="text/markdown; charset=utf-8"), filename)


def collection_csv(collection, items) -> HttpResponse:
    rows = [
        [
            item.article.title,
            item.article.think_tank.name if item.article.think_tank else "",
            jalali_numeric(item.article.published_on),
            item.article.get_absolute_url(),
            item.added_by.get_username() if item.added_by else "",
        ]
        for item in items
    ]
    header = [_("عنوان"), _("اندیشکده"), _("تاریخ انتشار"), _("نشانی"), _("افزوده‌شده به دست")]
    return csv_response(f"collection-{collection.pk}.csv", header, rows)


def collection_markdown(collection, items) -> HttpResponse:
    lines = [f"# {markdown_escape(collection.name)}", ""]
    for item in items:
        tank = f" ({markdown_escape(item.article.think_tank.name)})" if item.article.think_tank else ""
        lines.append(f"- {markdown_escape(item.article.title)}{tank}: {item.article.get_absolute_url()}")
    if not items:
        lines.append(_("این مجموعه هنوز خالی است."))
    return markdown_response(f"collection-{collection.pk}.md", "\n".join(lines) + "\n")
