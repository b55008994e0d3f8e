"""The English interface has a translation for every string the code and templates mark."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from django.conf import settings

CATALOGUE = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES" / "django.po"


def test_every_english_message_is_translated_and_none_is_a_guess():
    # msgfmt (Debian's gettext, installed by `make system-deps`) counts what the catalogue holds.
    assert shutil.which("msgfmt"), "gettext's msgfmt is needed: make system-deps"
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(CATALOGUE)],
        capture_output=True,
        text=True,
        check=True,
    )
    statistics = result.stderr.strip()
    assert "fuzzy" not in statistics, statistics
    assert "untranslated" not in statistics, statistics
