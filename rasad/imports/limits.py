"""How much an import file may hold, checked before and while it is parsed (README, «Limits»).

A 1 MB XLSX can unpack to gigabytes (a zip bomb), and one 20 MB field in a JSON Lines row is a
few hundred MB once parsed, sanitised and indexed. So: the file's size before anything reads it;
for XLSX the sizes its zip directory declares (``infolist``, no decompression), in total and as
a compression ratio per member; while reading, the number of rows, the length of a line and of
the title, summary and body, and the nesting depth of JSON. Over any limit the whole file is
refused (``LimitExceeded``, exit code 2) with a Persian message naming the file and the row.
The numbers are settings (``RASAD_IMPORT_MAX_*``, ``RASAD_JSON_MAX_DEPTH``).
"""

from __future__ import annotations

import zipfile
from typing import IO, Any

from django.conf import settings
from django.utils.translation import gettext as _

from rasad.core.digits import to_persian_digits
from rasad.core.untrusted import json_depth

# Below this a member's ratio is not worth checking (tiny XML parts compress very well).
RATIO_FLOOR_BYTES = 1024 * 1024


class LimitExceeded(Exception):
    """A file is over one of the limits; ``line`` is the row (0: the file as a whole)."""

    def __init__(self, message: str, line: int = 0) -> None:
        super().__init__(message)
        self.line = line


def _n(value: int) -> str:
    return to_persian_digits(f"{value:,}".replace(",", "٬"))


def check_file_size(size: int | None) -> None:
    limit = settings.RASAD_IMPORT_MAX_BYTES
    if size is not None and size > limit:
        raise LimitExceeded(
            _("پرونده %(size)s بایت است؛ بیشترین اندازهٔ پروندهٔ ورودی %(max)s بایت است.")
            % {"size": _n(size), "max": _n(limit)}
        )


def check_xlsx_zip(handle: IO[bytes]) -> None:
    """The sizes the XLSX's zip directory declares, before any member is decompressed."""
    try:
        members = zipfile.ZipFile(handle).infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # not a zip at all: the XLSX reader says so in its own words
    finally:
        handle.seek(0)
    total = sum(member.file_size for member in members)
    if total > settings.RASAD_IMPORT_MAX_UNCOMPRESSED_BYTES:
        raise LimitExceeded(
            _("کاربرگ باز‌شده %(size)s بایت می‌شود؛ بیشترین اندازه %(max)s بایت است.")
            % {"size": _n(total), "max": _n(settings.RASAD_IMPORT_MAX_UNCOMPRESSED_BYTES)}
        )
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > RATIO_FLOOR_BYTES and ratio > settings.RASAD_IMPORT_MAX_COMPRESSION_RATIO:
            raise LimitExceeded(
                _("بخش «%(name)s» کاربرگ %(ratio)s برابر فشرده شده است (بیشترین %(max)s)؛ این پرونده بمب فشرده است.")
                % {
                    "name": member.filename[:80],
                    "ratio": _n(int(ratio)),
                    "max": _n(settings.RASAD_IMPORT_MAX_COMPRESSION_RATIO),
                }
            )


def check_row_count(rows: int, line: int) -> None:
    if rows > settings.RASAD_IMPORT_MAX_ROWS:
        raise LimitExceeded(_("پرونده بیش از %(max)s سطر دارد.") % {"max": _n(settings.RASAD_IMPORT_MAX_ROWS)}, line)


def max_line_chars() -> int:
    """A JSON Lines row may not be longer than its longest allowed fields, with room for the rest."""
    return settings.RASAD_IMPORT_MAX_BODY_CHARS + settings.RASAD_IMPORT_MAX_SUMMARY_CHARS + 64 * 1024


def check_line_length(length: int, line: int) -> None:
    if length > max_line_chars():
        raise LimitExceeded(
            _("این سطر %(size)s نویسه است؛ بیشترین %(max)s نویسه است.")
            % {"size": _n(length), "max": _n(max_line_chars())},
            line,
        )


FIELD_LIMITS = {
    "title": "RASAD_IMPORT_MAX_TITLE_CHARS",
    "summary": "RASAD_IMPORT_MAX_SUMMARY_CHARS",
    "body": "RASAD_IMPORT_MAX_BODY_CHARS",
}


def check_fields(record: dict[str, Any], line: int) -> None:
    """Title, summary and body within their lengths, before any of them is cleaned."""
    for name, setting in FIELD_LIMITS.items():
        value = record.get(name)
        limit = getattr(settings, setting)
        if isinstance(value, str) and len(value) > limit:
            raise LimitExceeded(
                _("«%(field)s» %(size)s نویسه است؛ بیشترین %(max)s نویسه است.")
                % {"field": name, "size": _n(len(value)), "max": _n(limit)},
                line,
            )


def too_deep(line: int = 0) -> LimitExceeded:
    return LimitExceeded(_("JSON بیش از %(max)s لایه تودرتو است.") % {"max": _n(settings.RASAD_JSON_MAX_DEPTH)}, line)


def check_json_depth(value: Any, line: int = 0) -> None:
    if json_depth(value) > settings.RASAD_JSON_MAX_DEPTH:
        raise too_deep(line)
