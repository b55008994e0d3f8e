"""One Persian normaliser for matching text: used at index time and at query time, and for
matching names (think tanks, authors, topics) on import. Never applied to displayed text.

It folds the spelling variants Persian text arrives in: Arabic ي/ى/ك versus Persian ی/ک, hamza
seats (رئیس/رییس, ؤ/و), «ۀ»/«هٔ»/«ة» versus «ه», «آ»/«أ»/«إ» versus «ا», diacritics and tatweel,
Persian/Arabic-Indic/Latin digits, and the zero-width non-joiner (half-space) which is dropped so
that «شرکت‌کنندگان» and «شرکتکنندگان» agree. Word-level folding (space versus half-space, plural
suffixes) belongs to the search tokeniser, which builds on this.
"""

from __future__ import annotations

import re
import unicodedata

from rasad.core.digits import to_latin_digits

_CHAR_MAP = str.maketrans(
    {
        "ي": "ی",  # U+064A Arabic yeh
        "ى": "ی",  # U+0649 alef maksura
        "ئ": "ی",  # yeh with hamza: رئیس -> رییس
        "ك": "ک",  # U+0643 Arabic kaf
        "ۀ": "ه",  # heh with yeh above
        "ة": "ه",  # teh marbuta
        "ۂ": "ه",
        "آ": "ا",
        "أ": "ا",
        "إ": "ا",
        "ٱ": "ا",
        "ؤ": "و",
        "ء": "",  # lone hamza carries no letter
        "ـ": "",  # tatweel
        "\u200c": "",  # ZWNJ (half-space)
        "\u200d": "",  # ZWJ
        "\u200b": "",  # zero-width space
        "\u200e": "",  # LRM
        "\u200f": "",  # RLM
        "\ufeff": "",  # BOM
        "\u00ad": "",  # soft hyphen
        "٬": " ",  # Arabic thousands separator
        "،": " ",
        "؛": " ",
        "؟": " ",
    }
)
# Harakat, tanwin, shadda, sukun, superscript alef, hamza above/below (U+0654/U+0655).
_DIACRITICS = re.compile("[\u064b-\u065f\u0670\u06d6-\u06ed]")
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Fold ``text`` to the one spelling used for matching (lower-case, Latin digits)."""
    if not text:
        return ""
    # NFKC folds Arabic presentation forms (ﻻ, ﮐ …) and full-width Latin to their base letters.
    text = unicodedata.normalize("NFKC", text)
    text = _DIACRITICS.sub("", text)
    text = text.translate(_CHAR_MAP)
    text = to_latin_digits(text).casefold()
    return _SPACE.sub(" ", text).strip()
