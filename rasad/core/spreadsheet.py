"""Spreadsheet formula injection: one rule for every CSV/XLSX Rasad writes, and for reading them back.

A text cell that starts with one of these characters is run as a formula by spreadsheet programs;
we write it with a leading ``'`` (which they show as text) and drop that ``'`` when our own export
is imported again. https://owasp.org/www-community/attacks/CSV_Injection
"""

from __future__ import annotations

# = + - @, the control characters that start a new cell or line, and their full-width forms
# (some spreadsheet programs fold those to ASCII before evaluating).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def neutralise_formula(value: object) -> object:
    """``'`` before a text cell a spreadsheet would otherwise evaluate; other values unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def restore_formula(text: str) -> str:
    """Undo ``neutralise_formula`` for a cell read back from one of our exports."""
    if text[:1] == "'" and text[1:].startswith(FORMULA_START):
        return text[1:]
    return text
