"""CSV and Markdown downloads: attachments in UTF-8, with user text made harmless for each format.

CSV cells go through the formula-injection rule of ``rasad.core.spreadsheet``; Markdown text is
escaped so that nothing a user typed becomes a link, emphasis or raw HTML.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from urllib.parse import quote

from django.http import HttpResponse

from rasad.core.spreadsheet import neutralise_formula


def csv_cell(value: object) -> object:
    return neutralise_formula("" if value is None else str(value))


def _attachment(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def csv_response(filename: str, header: Sequence[object], rows: Iterable[Sequence[object]]) -> HttpResponse:
    buffer = io.StringIO()
    # A BOM so spreadsheet programs read the Persian text as UTF-8.
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow([csv_cell(h) for h in header])
    for row in rows:
        writer.writerow([csv_cell(cell) for cell in row])
    return _attachment(HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8"), filename)


def markdown_escape(text: object) -> str:
    """Inline Markdown: no raw HTML, links or emphasis sneaking in from user text."""
    out = str(text or "")
    for ch in "\\`*_{}[]<>#|!":
        out = out.replace(ch, "\\" + ch)
    return " ".join(out.split())


def markdown_quote(text: str) -> str:
    return "\n".join("> " + markdown_escape(line) for line in str(text).splitlines() if line.strip()) or "> "


def markdown_response(filename: str, text: str) -> HttpResponse:
    return _attachment(HttpResponse(text, content_type="text/markdown; charset=utf-8"), filename)
