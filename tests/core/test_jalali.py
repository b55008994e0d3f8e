"""Jalali dates and Persian digits, checked over many days (leap years and Nowruz included)."""

from __future__ import annotations

import datetime as dt

import pytest
from django import forms
from hypothesis import given
from hypothesis import strategies as st

from rasad.core.digits import to_latin_digits, to_persian_digits
from rasad.core.forms import JalaliDateField
from rasad.core.jalali import jalali_long, jalali_numeric, jalali_with_weekday, parse_date_any, parse_jalali

# Nowruz (1 Farvardin) by the Iranian calendar authority; years after a leap year start a day later.
NOWRUZ = {
    1395: dt.date(2016, 3, 20),
    1396: dt.date(2017, 3, 21),
    1399: dt.date(2020, 3, 20),
    1400: dt.date(2021, 3, 21),
    1401: dt.date(2022, 3, 21),
    1402: dt.date(2023, 3, 21),
    1403: dt.date(2024, 3, 20),
    1404: dt.date(2025, 3, 21),
    1405: dt.date(2026, 3, 21),
}
LEAP_YEARS = {1395, 1399, 1403}  # 30 Esfand exists
COMMON_YEARS = {1396, 1400, 1401, 1402, 1404}


@pytest.mark.parametrize(("year", "day"), sorted(NOWRUZ.items()))
def test_nowruz_is_first_of_farvardin(year, day):
    assert jalali_numeric(day) == to_persian_digits(f"{year}/01/01")
    assert parse_jalali(f"{year}/1/1") == day


@pytest.mark.parametrize("year", sorted(LEAP_YEARS))
def test_leap_year_has_thirtieth_of_esfand(year):
    last = parse_jalali(f"{year}/12/30")
    assert last == NOWRUZ[year + 1] - dt.timedelta(days=1)
    assert jalali_numeric(last) == to_persian_digits(f"{year}/12/30")


@pytest.mark.parametrize("year", sorted(COMMON_YEARS))
def test_common_year_has_no_thirtieth_of_esfand(year):
    with pytest.raises(ValueError, match="چنین روزی در تقویم نیست"):
        parse_jalali(f"{year}/12/30")
    assert jalali_numeric(parse_jalali(f"{year}/12/29")) == to_persian_digits(f"{year}/12/29")


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2024, 5, 24), "جمعه ۱۴۰۳/۰۳/۰۴"),  # the sample article page
        (dt.date(2024, 5, 25), "شنبه ۱۴۰۳/۰۳/۰۵"),
        (dt.date(2024, 2, 29), "پنج\u200cشنبه ۱۴۰۲/۱۲/۱۰"),  # Gregorian leap day
        (dt.date(2025, 3, 20), "پنج\u200cشنبه ۱۴۰۳/۱۲/۳۰"),  # last day of a Jalali leap year
        (dt.date(2025, 3, 21), "جمعه ۱۴۰۴/۰۱/۰۱"),
        (dt.date(2021, 3, 20), "شنبه ۱۳۹۹/۱۲/۳۰"),
        (dt.date(2024, 12, 31), "سه‌شنبه ۱۴۰۳/۱۰/۱۱"),
        (dt.date(2000, 2, 29), "سه‌شنبه ۱۳۷۸/۱۲/۱۰"),
    ],
)
def test_weekday_and_date(day, expected):
    assert jalali_with_weekday(day) == expected


def test_long_style_names_the_month():
    assert jalali_long(dt.date(2024, 5, 24)) == "۴ خرداد ۱۴۰۳"
    assert jalali_long(dt.date(2025, 3, 20)) == "۳۰ اسفند ۱۴۰۳"


def test_every_day_for_twelve_years_follows_the_previous_one():
    """Walk 2016-03-20 .. 2028-03-20 day by day: each Jalali date is the next one in the calendar."""
    day = dt.date(2016, 3, 20)
    previous = (1395, 1, 1)
    assert jalali_numeric(day) == "۱۳۹۵/۰۱/۰۱"
    while day < dt.date(2028, 3, 20):
        day += dt.timedelta(days=1)
        y, m, d = (int(part) for part in to_latin_digits(jalali_numeric(day)).split("/"))
        py, pm, pd = previous
        month_length = 31 if pm <= 6 else 30 if pm <= 11 else (30 if py in LEAP_YEARS | {1407} else 29)
        if pd < month_length:
            assert (y, m, d) == (py, pm, pd + 1), day
        elif pm < 12:
            assert (y, m, d) == (py, pm + 1, 1), day
        else:
            assert (y, m, d) == (py + 1, 1, 1), day
        previous = (y, m, d)


@given(st.dates(min_value=dt.date(1925, 3, 21), max_value=dt.date(2100, 12, 31)))
def test_round_trip_with_any_digits(day):
    shown = jalali_numeric(day)
    assert set(shown) <= set("۰۱۲۳۴۵۶۷۸۹/")
    latin = to_latin_digits(shown)
    arabic = latin.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    assert parse_jalali(shown) == parse_jalali(latin) == parse_jalali(arabic) == day
    assert parse_date_any(shown) == day
    assert parse_date_any(day.isoformat()) == day
    assert jalali_with_weekday(day).endswith(shown)


@pytest.mark.parametrize("text", ["", "فردا", "1403/13/01", "1403/00/10", "1403/02/32", "۱۴۰۳-۰۷-۳۱"])
def test_bad_dates_raise_persian_errors(text):
    with pytest.raises(ValueError) as excinfo:
        parse_jalali(text)
    assert "تاریخ شمسی معتبری نیست" in str(excinfo.value)


@pytest.mark.parametrize("typed", ["۱۴۰۳/۰۳/۰۴", "1403/3/4", "١٤٠٣/٠٣/٠٤", "1403-03-04", " ۱۴۰۳.۳.۴ "])
def test_form_field_accepts_any_digits(typed):
    assert JalaliDateField().clean(typed) == dt.date(2024, 5, 24)


def test_form_field_rejects_in_persian():
    with pytest.raises(forms.ValidationError) as excinfo:
        JalaliDateField().clean("1402/12/30")
    assert "تاریخ شمسی معتبری وارد کنید" in excinfo.value.messages[0]


def test_form_widget_shows_jalali():
    html = JalaliDateField().widget.render("d", dt.date(2024, 5, 24))
    assert 'value="۱۴۰۳/۰۳/۰۴"' in html
