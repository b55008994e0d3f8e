"""The template filters every page uses: digits, Jalali dates, reading time, prices."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django.template import Context, Template

from rasad.core.templatetags.persian import count_words, fa_digits, jalali_date, reading_minutes, reading_time, toman


def render(source: str, **context) -> str:
    return Template(source).render(Context(context))


def test_filters_are_builtins_in_templates():
    out = render(
        "{{ d|jalali_date }} | {{ d|jalali_date:'weekday' }} | {{ d|jalali_date:'long' }} | {{ n|fa_digits }}",
        d=dt.date(2024, 5, 24),
        n=1403,
    )
    assert out == "۱۴۰۳/۰۳/۰۴ | جمعه ۱۴۰۳/۰۳/۰۴ | ۴ خرداد ۱۴۰۳ | ۱۴۰۳"


def test_jalali_date_of_aware_datetime_uses_tehran_day():
    # 22:00 UTC on 23 May is already 24 May (Friday) in Tehran.
    moment = dt.datetime(2024, 5, 23, 22, 0, tzinfo=zoneinfo.ZoneInfo("UTC"))
    assert jalali_date(moment, "weekday") == "جمعه ۱۴۰۳/۰۳/۰۴"


@pytest.mark.parametrize("value", [None, ""])
def test_empty_values_render_nothing(value):
    assert jalali_date(value) == ""
    assert fa_digits(None) == ""


@pytest.mark.parametrize(
    ("value", "expected"),
    [(0, "۰"), ("2024-05-24", "۲۰۲۴-۰۵-۲۴"), ("٣٤", "۳۴"), ("ساعت 10 شب", "ساعت ۱۰ شب"), (12.5, "۱۲.۵")],
)
def test_fa_digits(value, expected):
    assert fa_digits(value) == expected


def test_half_space_joins_one_persian_word():
    assert count_words("می‌خواهم کتاب‌ها را بخوانم") == 4
    assert count_words("<p>یک <strong>دو</strong></p><p>سه</p>") == 3


@pytest.mark.parametrize(("words", "minutes"), [(0, 1), (1, 1), (200, 1), (201, 2), (1000, 5), (1001, 6)])
def test_reading_time_rounds_up_at_200_words_a_minute(words, minutes):
    text = " ".join(["واژه"] * words)
    assert reading_minutes(text) == minutes
    assert reading_time(text) == f"{fa_digits(minutes)} دقیقه مطالعه"


def test_toman():
    assert toman(1200000) == "۱٬۲۰۰٬۰۰۰ تومان"
    assert toman(None) == ""
