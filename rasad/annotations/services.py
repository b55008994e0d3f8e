"""Writes on annotations. The quote is checked against the article's current text on the server."""

from __future__ import annotations

import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from rasad.access.policy import can_read_full_text
from rasad.annotations.anchoring import field_text, quote_selectors, resolve
from rasad.annotations.models import Annotation

MAX_QUOTE = 2000
MAX_NOTE = 5000


def locate_quote(text: str, *, exact: str, prefix: str = "", suffix: str = "", start: int | None = None):
    """(exact, prefix, suffix, start, end) as found in ``text``, or None.

    A quote typed by hand (no JavaScript) may differ from the page in its spacing; spaces and line
    breaks are then matched loosely, and the page's own characters are stored.
    """
    if exact in text:
        anchor = resolve(
            text, exact=exact, prefix=prefix, suffix=suffix, start=start or 0, end=(start or 0) + len(exact)
        )
        pre, suf, s, e = quote_selectors(text, exact, anchor.start)
        return exact, pre, suf, s, e
    words = exact.split()
    if not words:
        return None
    match = re.search(r"\s+".join(re.escape(w) for w in words), text)
    if not match:
        return None
    pre, suf, s, e = quote_selectors(text, match.group(0), match.start())
    return match.group(0), pre, suf, s, e


def _clean(*, article, user, field: str, exact: str, note: str, visibility: str) -> dict:
    errors: dict[str, str] = {}
    if field not in Annotation.Field.values:
        errors["field"] = _("بخش نامعتبر است؛ «خلاصه» یا «متن کامل» را برگزینید.")
    if visibility not in Annotation.Visibility.values:
        errors["visibility"] = _("دیدپذیری نامعتبر است؛ «خصوصی» یا «تیم» را برگزینید.")
    if len(note) > MAX_NOTE:
        errors["note"] = _("یادداشت بلندتر از ۵۰۰۰ نویسه است.")
    if not exact.strip():
        errors["exact"] = _("عبارتی از متن را برگزینید یا بنویسید.")
    elif len(exact) > MAX_QUOTE:
        errors["exact"] = _("عبارت برگزیده بلندتر از ۲۰۰۰ نویسه است؛ تکهٔ کوتاه‌تری برگزینید.")
    return errors


@transaction.atomic
def annotation_create(
    *,
    author,
    article,
    field: str,
    exact: str,
    prefix: str = "",
    suffix: str = "",
    start: int | None = None,
    note: str = "",
    visibility: str = Annotation.Visibility.TEAM,
) -> Annotation:
    """Create a highlight; raises ``ValidationError`` (Persian, per field) or ``PermissionDenied``."""
    errors = _clean(article=article, user=author, field=field, exact=exact, note=note, visibility=visibility)
    if errors:
        raise ValidationError(errors)
    if field == Annotation.Field.BODY and not can_read_full_text(author, article):
        raise PermissionDenied(_("برای یادداشت‌گذاری روی متن کامل اشتراک لازم است."))
    located = locate_quote(field_text(article, field), exact=exact, prefix=prefix, suffix=suffix, start=start)
    if located is None:
        raise ValidationError(
            {"exact": _("این عبارت در متن کنونی این بخش نیست؛ آن را دقیقاً همان‌گونه که در متن آمده برگزینید.")}
        )
    exact, prefix, suffix, start, end = located
    return Annotation.objects.create(
        article=article,
        author=author,
        field=field,
        exact=exact,
        prefix=prefix,
        suffix=suffix,
        start=start,
        end=end,
        revision=article.revision,
        note=note.strip(),
        visibility=visibility,
    )


@transaction.atomic
def annotation_update(*, annotation: Annotation, note: str, visibility: str) -> Annotation:
    errors = _clean(
        article=annotation.article, user=annotation.author, field=annotation.field, exact=annotation.exact,
        note=note, visibility=visibility,
    )  # fmt: skip
    if errors:
        raise ValidationError(errors)
    annotation.note = note.strip()
    annotation.visibility = visibility
    annotation.save(update_fields=["note", "visibility", "updated_at"])
    return annotation


@transaction.atomic
def annotation_delete(*, annotation: Annotation) -> None:
    annotation.delete()
