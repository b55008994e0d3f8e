"""What an import did: counts, the bad rows with their Persian messages, and the exit code."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from rasad.core.digits import to_persian_digits

MAX_STORED_ERRORS = 500


@dataclass
class RowError:
    source: str
    line: int  # 0: the file as a whole
    message: str

    def __str__(self) -> str:
        if self.line:
            # «path:3:» first, the compiler convention editors' tools and grep understand, then Persian.
            return f"{self.source}:{self.line}: " + _("سطر %(line)s: %(message)s") % {
                "line": to_persian_digits(self.line),
                "message": self.message,
            }
        return f"{self.source}: {self.message}"


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    bad_rows: int = 0
    errors: list[RowError] = field(default_factory=list)
    file_errors: list[RowError] = field(default_factory=list)
    dry_run: bool = False
    skip_bad: bool = False
    landed: bool = False
    suggestions_for: int = 0
    touched_ids: list[int] = field(default_factory=list, repr=False)

    # Exit codes, documented in the README.
    OK = 0
    BAD_ROWS = 1
    FILE_ERROR = 2
    SKIPPED_BAD_ROWS = 3

    @property
    def rows(self) -> int:
        return self.created + self.updated + self.unchanged

    @property
    def exit_code(self) -> int:
        if self.file_errors:
            return self.FILE_ERROR
        if self.bad_rows:
            return self.SKIPPED_BAD_ROWS if self.skip_bad and (self.landed or self.dry_run) else self.BAD_ROWS
        return self.OK

    def add_error(self, source: str, line: int, message: str) -> None:
        self.bad_rows += 1
        if len(self.errors) < MAX_STORED_ERRORS:
            self.errors.append(RowError(source, line, message))
