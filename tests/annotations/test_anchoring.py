from __future__ import annotations

from rasad.annotations.anchoring import quote_selectors, resolve, text_content

TEXT = (
    "تحریم‌های تازه صادرات نفت ایران را کاهش داد و بازار را آشفته کرد. "
    "کارشناسان می‌گویند دولت باید راه‌های تازه‌ای برای فروش بیابد. "
    "در پایان، گزارش به نقش چین در خرید نفت می‌پردازد."
)
QUOTE = "کارشناسان می‌گویند دولت باید راه‌های تازه‌ای برای فروش بیابد"


def selectors(text: str, exact: str) -> dict:
    prefix, suffix, start, end = quote_selectors(text, exact)
    return {"exact": exact, "prefix": prefix, "suffix": suffix, "start": start, "end": end}


def test_unchanged_text_attaches_in_place():
    sel = selectors(TEXT, QUOTE)
    anchor = resolve(TEXT, **sel)
    assert (anchor.status, TEXT[anchor.start : anchor.end]) == ("attached", QUOTE)


def test_text_inserted_before_moves_the_anchor():
    sel = selectors(TEXT, QUOTE)
    edited = "پیش‌درآمد سردبیر. " + TEXT
    anchor = resolve(edited, **sel)
    assert anchor.status == "moved"
    assert edited[anchor.start : anchor.end] == QUOTE


def test_typo_fixed_inside_the_quote_reattaches_with_high_confidence():
    typo = QUOTE.replace("دولت", "دولتت")
    text_with_typo = TEXT.replace(QUOTE, typo)
    sel = selectors(text_with_typo, typo)
    anchor = resolve(TEXT, **sel)  # the editor fixed the typo
    assert anchor.status == "moved"
    assert TEXT[anchor.start : anchor.end].startswith("کارشناسان")
    assert "فروش" in TEXT[anchor.start : anchor.end]


def test_typo_fixed_next_to_the_quote_reattaches():
    text_with_typo = TEXT.replace("کاهش داد", "کاهشش داد")
    sel = selectors(text_with_typo, QUOTE)
    anchor = resolve(TEXT, **sel)
    assert not anchor.orphaned
    assert TEXT[anchor.start : anchor.end] == QUOTE


def test_deleted_quote_is_orphaned():
    sel = selectors(TEXT, QUOTE)
    edited = TEXT.replace(QUOTE + ". ", "")
    assert resolve(edited, **sel).orphaned


def test_look_alike_passage_elsewhere_is_not_attached():
    sel = selectors(TEXT, QUOTE)
    look_alike = "کارشناسان می‌گویند دولت نباید راه‌های تازه‌ای برای فروش بیابد"
    edited = (
        "مقدمه‌ای کاملاً دیگر که هیچ ربطی به گزارش پیشین ندارد و از نو نوشته شده است؛ "
        + look_alike
        + " و این جمله هم تازه است و پیش از این نبود."
    )
    assert resolve(edited, **sel).orphaned


def test_repeated_quote_is_told_apart_by_prefix_and_suffix():
    text = "الف: نفت مهم است. ب: نفت مهم است. ج: نفت مهم است."
    sel = {"exact": "نفت مهم است", "prefix": "ب: ", "suffix": ". ج", "start": 0, "end": 11}
    anchor = resolve(text, **sel)
    assert anchor.start == text.index("ب: ") + 3


def test_repeated_quote_with_no_context_uses_the_old_position():
    text = "نفت و نفت و نفت"
    sel = {"exact": "نفت", "prefix": "", "suffix": "", "start": 6, "end": 9}
    assert resolve("x" + text, **sel).start == 7


def test_text_content_matches_the_browser():
    assert text_content("<p>یک&nbsp;<b>دو</b></p>\n<p>سه &amp; چهار</p>") == "یک\xa0دو\nسه & چهار"
