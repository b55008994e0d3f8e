"""Plural folding decided with the lexicon: a suffix is cut only when what remains is a word.

Rules (each also checked against ``lexicon``):

* «ها», «های», «هایی» (written without a half-space) are cut, unless the word is one of its own
  («تنها») or what remains is no word while the whole is («انتها»). «ـه‌ای» written without a
  half-space («رسانهای», «هسته‌ای» as «هستهای») is an adjective, not a plural: it folds to «رسانه»
  when the lexicon has the «ـهای» form but no «ـها» plural for the shorter stem.
* «ان» is a plural of person nouns only: after an agent suffix («پژوهشگران», «سیاستمداران»), an
  Arabic agent pattern («متخصصان», «ناظران», «وزیران»), a person noun («کودکان»); «گان» after «ه»
  («نمایندگان» → «نماینده»); «یان» after a vowel («دانشجویان» → «دانشجو») or on «ی» («ایرانیان» →
  «ایرانی»). «میزان», «سودان», «کرمان» keep their «ان».
* «ات» folds to the stem or to the stem plus «ه» («اقدامات» → «اقدام», «ملاحظات» → «ملاحظه»),
  whichever is the commoner word; if neither is a word the word is kept («ثبات», «حیات»).
* Arabic broken plurals come from a table («اسناد» → «سند»), and words of their own are never
  folded («اطلاعات», «انتخابات», «مطالعات»).
"""

from __future__ import annotations

from collections.abc import Iterable

from rasad.search.lexicon import broken_plurals, frequency, hamza_class, is_word, own_words, person_nouns

# Suffixes that make a person noun of a word or verb stem (پژوهشگر, خبرنگار, سیاستمدار…).
AGENT_SUFFIXES = (
    "گر", "گار", "کار", "دار", "مند", "شناس", "نگار", "نویس", "گذار", "پرداز", "ساز", "گیر",
    "دان", "یار", "باز", "بان", "ور", "وند", "ورز", "پرست", "خواه", "اموز", "پژوه", "نشین",
    "فروش", "بر", "کننده",
)  # fmt: skip


def _best_word(candidates: Iterable[str], *, min_len: int = 2) -> str | None:
    """The commonest of ``candidates`` the lexicon has, or None."""
    words = [c for c in candidates if len(c) >= min_len and is_word(c)]
    return max(words, key=lambda w: (frequency(w), w)) if words else None


def _has_agent_suffix(stem: str) -> bool:
    return any(stem.endswith(s) and len(stem) > len(s) + 1 for s in AGENT_SUFFIXES)


def _arabic_agent(stem: str) -> bool:
    """مُفعِل/مُتَفعِّل (متخصص, مدیر), فاعل (ناظر), فعیل (وزیر): Arabic patterns of person nouns."""
    return (stem.startswith("م") and len(stem) >= 4) or (len(stem) == 4 and stem[1] == "ا")


def _is_person(stem: str) -> bool:
    nouns = person_nouns()
    if stem in nouns or _has_agent_suffix(stem):
        return True
    if any(stem.endswith(n) for n in nouns if len(n) >= 3 and len(stem) > len(n)):
        return True
    return _arabic_agent(stem) or (len(stem) == 4 and stem[2] == "ی")


def _fold_ha(word: str) -> str | None:
    for suffix in ("هایی", "های", "ها"):
        if not word.endswith(suffix) or len(word) - len(suffix) < 2:
            continue
        stem = word[: -len(suffix)]
        if suffix == "های" and is_word(stem + "ه") and frequency(stem + "ها") * 10 < frequency(word):
            return stem + "ه"  # «رسانهای»: «رسانه» + «ای», not «رسان» + «های»
        if is_word(word) and not is_word(stem):
            return None  # «انتها»
        return stem
    return None


def _fold_yan(word: str) -> str | None:
    if len(word) >= 6 and word[-4] in "او" and is_word(word[:-3]):
        return word[:-3]  # دانشجویان → دانشجو, آقایان → آقا
    if len(word) >= 6:
        return _best_word([word[:-2], word[:-3] + "ه"], min_len=4)  # ایرانیان → ایرانی, شیعیان → شیعه
    return None


def _fold_an(word: str) -> str | None:
    if not word.endswith("ان") or len(word) < 4:
        return None
    if word.endswith("گان") and len(word) >= 6 and is_word(word[:-3] + "ه"):
        return word[:-3] + "ه"  # نمایندگان → نماینده
    if word.endswith("یان"):
        found = _fold_yan(word)
        if found:
            return found
    stem = word[:-2]
    known = is_word(stem) or (_has_agent_suffix(stem) and len(stem) >= 5)
    if (len(stem) >= 3 or stem in person_nouns()) and _is_person(stem) and known:
        return stem
    return None


def _fold_at(word: str) -> str | None:
    if not word.endswith("ات") or len(word) < 5 or word.endswith("یات"):
        return None
    return _best_word([word[:-2], word[:-2] + "ه"], min_len=3)


def stem(word: str) -> str:
    """``word`` (normalised by ``search_normalise``) with its plural folded, when the lexicon agrees."""
    word = hamza_class(word)
    if word in own_words():
        return word
    singular = broken_plurals().get(word)
    if singular:
        return singular
    for rule in (_fold_ha, _fold_an, _fold_at):
        folded = rule(word)
        if folded:
            return hamza_class(folded)
    return word
