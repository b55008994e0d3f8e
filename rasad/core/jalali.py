"""Jalali (Solar Hijri) dates at the edges: formatting for people and parsing what they type.

Dates are stored as ordinary Gregorian ``date`` values; only templates, forms and importers
convert, with jdatetime.
"""

from __future__ import annotations

import datetime as dt
import re

import jdatetime
from django.utils import timezone

from rasad.core.digits import to_latin_digits, to_persian_digits

_DATE_RE = re.compile(r"^\s*(\d{1,4})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{1,2})\s*$")


def _as_date(value: dt.date | dt.datetime) -> dt.date:
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = timezone.localtime(value)
        return value.date()
    return value


def _jalali(value: dt.date | dt.datetime) -> jdatetime.date:
    return jdatetime.date.fromgregorian(date=_as_date(value))


def jalali_numeric(value: dt.date | dt.datetime) -> str:
    """``1403/03/04`` in Persian digits: «۱۴۰۳/۰۳/۰۴»."""
    j = _jalali(value)
    return to_persian_digits(f"{j.year:04d}/{j.month:02d}/{j.day:02d}")


def jalali_with_weekday(value: dt.date | dt.datetime) -> str:
    """«جمعه ۱۴۰۳/۰۳/۰۴», as the sample article page shows its date."""
    # jdatetime's Persian names, its week starting on Saturday like ``jdatetime.date.weekday()``.
    return f"{jdatetime.date.j_weekdays_fa[_jalali(value).weekday()]} {jalali_numeric(value)}"


def jalali_long(value: dt.date | dt.datetime) -> str:
    """«۴ خرداد ۱۴۰۳»."""
    j = _jalali(value)
    return to_persian_digits(f"{j.day} {jdatetime.date.j_months_fa[j.month - 1]} {j.year}")


def parse_jalali(text: str) -> dt.date:
    """Parse «۱۴۰۳/۰۳/۰۴», «1403-3-4» or «١٤٠٣/٠٣/٠٤» into a Gregorian date.

    Raises ``ValueError`` with a Persian message for anything that is not a real Jalali date.
    """
    match = _DATE_RE.match(to_latin_digits(text or ""))
    if not match:
        raise ValueError(f"«{text}» تاریخ شمسی معتبری نیست؛ به شکل ۱۴۰۳/۰۳/۰۴ بنویسید.")
    year, month, day = (int(part) for part in match.groups())
    try:
        return jdatetime.date(year, month, day).togregorian()
    except ValueError as exc:
        raise ValueError(f"«{text}» تاریخ شمسی معتبری نیست؛ چنین روزی در تقویم نیست.") from exc


def parse_date_any(text: str) -> dt.date:
    """Parse a Jalali date (year < 1700) or an ISO Gregorian date, written with any digits."""
    latin = to_latin_digits(text or "").strip()
    match = _DATE_RE.match(latin)
    if not match:
        raise ValueError(f"«{text}» تاریخ معتبری نیست؛ به شکل ۱۴۰۳/۰۳/۰۴ یا 2024-05-24 بنویسید.")
    if int(match.group(1)) < 1700:
        return parse_jalali(latin)
    try:
        return dt.date(*(int(part) for part in match.groups()))
    except ValueError as exc:
        raise ValueError(f"«{text}» تاریخ میلادی معتبری نیست.") from exc
