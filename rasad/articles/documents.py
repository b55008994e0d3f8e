"""Original PDFs: checked and read once, when an editor uploads one or an import brings one.

A PDF is refused with a Persian message when it is not a PDF, is encrypted, is larger than
``RASAD_PDF_MAX_BYTES``, or unpacks into more pages or text than ``RASAD_PDF_MAX_PAGES`` /
``RASAD_PDF_MAX_TEXT`` or whose page contents inflate past ``RASAD_PDF_MAX_INFLATED`` (a small file that inflates into gigabytes, a decompression bomb; pypdf's
own stream limits raise ``LimitReachedError`` first). What is kept: the page count, the size and
the text, which goes into the gated search index and never to a page.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from pypdf import PdfReader
from pypdf.errors import PdfReadError, PyPdfError

from rasad.articles.models import Article
from rasad.core.digits import to_persian_digits


@dataclass(frozen=True)
class PdfFacts:
    pages: int
    size: int
    text: str


def _refuse(message: str) -> ValidationError:
    return ValidationError(message, code="invalid_pdf")


def read_pdf(data: bytes) -> PdfFacts:
    """Page count, size and text of ``data``; ``ValidationError`` (Persian) when it is refused."""
    limit = int(settings.RASAD_PDF_MAX_BYTES)
    if len(data) > limit:
        raise _refuse(
            _("فایل PDF بزرگ‌تر از %(mb)s مگابایت است و پذیرفته نشد.")
            % {"mb": to_persian_digits(limit // (1024 * 1024))}
        )
    if not data.lstrip()[:5] == b"%PDF-":
        raise _refuse(_("این فایل PDF نیست."))
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise _refuse(_("فایل PDF رمزگذاری شده است؛ نسخهٔ بدون رمز را بفرستید."))
        if len(reader.pages) > int(settings.RASAD_PDF_MAX_PAGES):
            raise _refuse(_("فایل PDF بیش از اندازه صفحه دارد."))
        text = _text(reader)
        pages = len(reader.pages)
    except ValidationError:
        raise
    except (PyPdfError, PdfReadError, ValueError, KeyError, TypeError, RecursionError, MemoryError) as exc:
        raise _refuse(_("فایل PDF خراب است یا خوانده نشد.")) from exc
    return PdfFacts(pages=pages, size=len(data), text=text)


def _bomb() -> ValidationError:
    return _refuse(_("فایل PDF پس از باز شدن بیش از اندازه بزرگ است (بمب فشرده‌سازی) و پذیرفته نشد."))


def _text(reader: PdfReader) -> str:
    # Inflated page contents are measured before any text is extracted from them: extraction is
    # the slow part, and a bomb's pages are made of it.
    inflated = 0
    for page in reader.pages:
        contents = page.get_contents()
        inflated += len(contents.get_data()) if contents is not None else 0
        if inflated > int(settings.RASAD_PDF_MAX_INFLATED):
            raise _bomb()
    budget = int(settings.RASAD_PDF_MAX_TEXT)
    parts: list[str] = []
    used = 0
    for page in reader.pages:
        chunk = page.extract_text() or ""
        used += len(chunk)
        if used > budget:
            raise _bomb()
        parts.append(chunk)
    return "\n".join(parts).replace("\x00", "")


def apply_pdf_facts(article: Article, facts: PdfFacts | None) -> None:
    """Copy what was read of a PDF onto ``article`` (``None``: the PDF was removed); not saved."""
    article.pdf_pages = facts.pages if facts else None
    article.pdf_size = facts.size if facts else None
    article.pdf_text = facts.text if facts else ""


def attach_pdf(*, article: Article, data: bytes, filename: str) -> None:
    """Check ``data``, store it as ``article``'s original PDF with its facts; not saved."""
    facts = read_pdf(data)
    apply_pdf_facts(article, facts)
    article.pdf.save(filename, ContentFile(data), save=False)
