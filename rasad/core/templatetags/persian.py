"""Template filters for Persian pages: Jalali dates, Persian digits, reading time.

Loaded as a builtin (see TEMPLATES in settings), so every template can use them.
"""

from __future__ import annotations

import datetime as dt
import math

from django import template
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import get_language, gettext, ngettext

from rasad.core import jalali
from rasad.core.digits import to_latin_digits, to_persian_digits

register = template.Library()

# Persian readers average about 200 words a minute on expository prose.
WORDS_PER_MINUTE = 200


def _persian_ui() -> bool:
    """Persian digits and the Jalali calendar in the Persian interface; Latin and Gregorian in English."""
    return not (get_language() or "fa").startswith("en")


@register.filter
def fa_digits(value: object) -> str:
    """«1403» -> «۱۴۰۳»; leaves everything but digits alone (and digits alone in English)."""
    if value is None:
        return ""
    return to_persian_digits(value) if _persian_ui() else to_latin_digits(value)


@register.filter
def jalali_date(value: dt.date | dt.datetime | None, style: str = "numeric") -> str:
    """Jalali date in Persian digits. Styles: ``numeric`` (۱۴۰۳/۰۳/۰۴), ``weekday``
    (جمعه ۱۴۰۳/۰۳/۰۴), ``long`` (۴ خرداد ۱۴۰۳)."""
    if not value:
        return ""
    if not _persian_ui():
        return _gregorian(value, style)
    if style == "weekday":
        return jalali.jalali_with_weekday(value)
    if style == "long":
        return jalali.jalali_long(value)
    return jalali.jalali_numeric(value)


def _gregorian(value: dt.date | dt.datetime, style: str) -> str:
    """The English interface's dates: «Fri 2024-05-24», «24 May 2024», «2024-05-24»."""
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        value = timezone.localtime(value)
    day = value.date() if isinstance(value, dt.datetime) else value
    if style == "weekday":
        return day.strftime("%a %Y-%m-%d")
    if style == "long":
        return f"{day.day} {day.strftime('%B %Y')}"
    return day.isoformat()


def count_words(text: str) -> int:
    # Split on white space only: a half-space (ZWNJ) joins the parts of one Persian word. A space
    # before each tag keeps «</p><p>» from gluing the last word of a paragraph to the next one.
    return len(strip_tags((text or "").replace("<", " <")).split())


@register.filter
def reading_minutes(text: str) -> int:
    return max(1, math.ceil(count_words(text) / WORDS_PER_MINUTE))


@register.filter
def reading_time(text: str) -> str:
    """«۳ دقیقه مطالعه» for the words in ``text``."""
    minutes = reading_minutes(text)
    return fa_digits(ngettext("%(n)s دقیقه مطالعه", "%(n)s دقیقه مطالعه", minutes) % {"n": minutes})


@register.filter
def toman(value: int | None) -> str:
    """«۱۲۰٬۰۰۰ تومان» with Persian digits and the Persian thousands separator."""
    if value is None:
        return ""
    if not _persian_ui():
        return f"{int(value):,} " + gettext("تومان")
    return to_persian_digits(f"{int(value):,}".replace(",", "٬")) + " " + gettext("تومان")
