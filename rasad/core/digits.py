"""Digit conversion between Persian (۰-۹), Arabic-Indic (٠-٩) and Latin (0-9) digits.

People read Persian digits; they type any of the three, so every input is normalised to Latin
digits before it is parsed.
"""

from __future__ import annotations

PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
ARABIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
LATIN_DIGITS = "0123456789"

_TO_PERSIAN = str.maketrans(LATIN_DIGITS + ARABIC_DIGITS, PERSIAN_DIGITS * 2)
_TO_LATIN = str.maketrans(PERSIAN_DIGITS + ARABIC_DIGITS, LATIN_DIGITS * 2)


def to_persian_digits(value: object) -> str:
    """Return ``value`` as text with every digit written in Persian."""
    return str(value).translate(_TO_PERSIAN)


def to_latin_digits(value: object) -> str:
    """Return ``value`` as text with Persian and Arabic-Indic digits written in Latin."""
    return str(value).translate(_TO_LATIN)
