"""The normaliser and tokeniser, pair by pair, and properties that index and query sides agree."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rasad.core.normalise import normalise
from rasad.search.matching import matches
from rasad.search.text import parse_query, query_to_fts5, query_to_tsquery, tokens

# Each pair must give the same index tokens.
SAME_TOKENS = [
    ("كتاب", "کتاب"),
    ("سياسي", "سیاسی"),
    ("رئیس", "رییس"),
    ("مؤسسه", "موسسه"),
    ("برنامهٔ", "برنامه"),
    ("برنامۀ", "برنامه"),
    ("آینده", "اینده"),
    ("إسلام", "اسلام"),
    ("سیـــاست", "سیاست"),
    ("سِیاسَت", "سیاست"),
    ("۱۴۰۳", "1403"),
    ("١٤٠٣", "1403"),
    ("شرکت‌کنندگان", "شرکت کنندگان"),
    ("تحریم‌ها", "تحریمها"),
    ("تحریم‌ها", "تحریم ها"),
    ("تحریم‌های", "تحریم"),
    ("کارشناسان", "کارشناس"),
    ("نمایندگان", "نماینده"),
    ("می‌شود", "میشود"),
    ("می شود", "میشود"),
    ("هم‌کاری", "همکاری"),
    ("هسته‌ای", "هسته ای"),
    ("ﻻ", "لا"),  # presentation form
]
# Words a careless stemmer would ruin, kept whole.
UNCHANGED = ["ایران", "تهران", "پاکستان", "سازمان", "زمان", "جهان", "میدان", "مالیات", "عملیات", "انتخابات", "میزان"]


@pytest.mark.parametrize(("a", "b"), SAME_TOKENS)
def test_variant_pairs_fold_to_same_tokens(a, b):
    assert tokens(a) == tokens(b)


@pytest.mark.parametrize("word", UNCHANGED)
def test_words_ending_like_plurals_are_kept(word):
    assert tokens(word) == [normalise(word)]


def test_normalise_keeps_its_meaning_for_name_matching():
    # Shared with importers: joins half-spaces, folds letters, keeps words apart.
    assert normalise("  مؤسسهٔ   بروكينگز‌ ") == "موسسه بروکینگز"
    assert normalise("شرکت‌کنندگان") == "شرکتکنندگان"


def test_query_syntax():
    query = parse_query('تحریم "رئیس جمهور" -روسیه')
    assert matches(query, "تحریم‌ها و رییس‌جمهور آمریکا")
    assert not matches(query, "تحریم‌ها و رییس‌جمهور روسیه")  # excluded word
    assert not matches(query, "جمهور و رییس تحریم")  # phrase order
    assert not matches(parse_query("تحریم نفت "), "تحریم گاز")  # all words must match


def test_last_word_is_a_prefix_only_while_typing():
    assert matches(parse_query("تحری"), "تحریم‌های تازه")
    assert not matches(parse_query("تحری "), "تحریم‌های تازه")


def test_compiled_queries():
    query = parse_query('"رئیس جمهور" -روسیه تحری')
    # PostgreSQL: a two-token sequence is one pair lexeme (joined by «ك», which no token contains);
    # a longer one needs its pairs and then the positions. The phrase may also be written as one
    # word, or with one of its words in two parts.
    phrase = (
        "('رییسكجمهور' | 'رییسجمهور' | ('رییسكجم' & 'جمكهور' & ('رییس' <-> 'جم' <-> 'هور'))"
        " | ('رییسكجمه' & 'جمهكور' & ('رییس' <-> 'جمه' <-> 'ور')))"
    )
    excluded = "('روسیه' | 'روكسیه' | 'روسكیه')"
    assert query_to_tsquery(query) == f"({phrase} & 'تحری':*) & !{excluded}"
    assert query_to_fts5(query, columns=["title"]) == (
        '{title} : ((("رییس" + "جمهور" OR "رییسجمهور" OR "رییس" + "جم" + "هور" OR "رییس" + "جمه" + "ور") AND "تحری" *)'
        ' NOT ("روسیه" OR "رو" + "سیه" OR "روس" + "یه"))'
    )


# --- properties --------------------------------------------------------------------------------

LETTERS = "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی"
persian_words = st.text(alphabet=LETTERS, min_size=2, max_size=9)

VARIANTS = {
    "ی": ["ی", "ي", "ى"],
    "ک": ["ک", "ك"],
    "ه": ["ه", "ة"],
    "ا": ["ا", "آ", "أ"],
}


@st.composite
def spelled(draw, word: str) -> str:
    """``word`` as some source might spell it: Arabic letters, diacritics, tatweel."""
    out = []
    for ch in word:
        out.append(draw(st.sampled_from(VARIANTS.get(ch, [ch]))))
        if draw(st.integers(0, 5)) == 0:
            out.append(draw(st.sampled_from(["\u064e", "\u0650", "\u064f", "\u0651", "ـ"])))
    return "".join(out)


@settings(max_examples=150, deadline=None)
@given(st.lists(persian_words, min_size=1, max_size=6), st.data())
def test_character_variants_give_the_same_tokens(text_words, data):
    text = " ".join(text_words)
    variant = " ".join(data.draw(spelled(w)) for w in text_words)
    assert tokens(variant) == tokens(normalise(variant)) == tokens(text.replace("آ", "ا").replace("أ", "ا"))


@settings(max_examples=150, deadline=None)
@given(st.lists(persian_words, min_size=1, max_size=5), st.data())
def test_index_and_query_sides_agree(text_words, data):
    """A document found by a query typed with any character spelling, or with the words of a
    compound joined by half-space, space or nothing."""
    text = " ".join(text_words)
    typed = [data.draw(spelled(w)) for w in text_words]
    joiner = data.draw(st.sampled_from([" ", "\u200c"]))
    query = joiner.join(typed) + " "
    parsed = parse_query(query)
    if parsed.is_empty:  # every word was a bare suffix («ها», «ای»)
        return
    assert matches(parsed, text)


@settings(max_examples=100, deadline=None)
@given(persian_words, persian_words)
def test_compound_written_without_space_matches_either_way(left, right):
    """«شرکتکنندگان» in the text is found by «شرکت کنندگان», and the other way round."""
    joined, apart = left + right, f"{left}\u200c{right}"
    if not tokens(joined) or not tokens(left) or not tokens(right):
        return
    from rasad.search.text import STOPWORDS

    if left in STOPWORDS or right in STOPWORDS or len(joined) < 5:
        return
    assert matches(parse_query(f"{left} {right} "), joined)
    assert matches(parse_query(joined + " "), apart)


def test_pruning_drops_alternatives_no_document_has():
    from rasad.search.text import exact_tokens, prune

    query = parse_query("شرکتکنندگان نشست ")
    assert {"شرکت", "کننده", "شرکتکننده", "نشست"} <= exact_tokens(query)
    pruned = prune(query, {"شرکت", "کننده", "نشست"})
    assert matches(pruned, "شرکت‌کنندگان نشست")
    assert "شرکتک" not in query_to_tsquery(pruned)  # the useless splits are gone
    assert prune(query, {"شرکت", "کننده"}) is None  # «نشست» is in no document: nothing can match


# Words from the lexicon, so the properties exercise its folds (plurals, «ـه‌ای», hamza seats).
LEXICON_WORDS = [
    "کارشناس", "دانشجو", "ملاحظه", "رسانه", "هسته", "منطقه", "مسئول", "جرئت", "رئیس", "میزان", "میز",
    "اطلاعات", "سودان", "سرمایه", "گذار", "نماینده", "ایرانی", "تحریم", "سند", "منبع", "مؤسسه", "تأمین",
]  # fmt: skip
SUFFIXES = ["", "ها", "های", "ان", "ات", "ای", "یان"]
JOINERS = ["", "\u200c", " "]


@st.composite
def inflected(draw) -> str:
    word = draw(st.sampled_from(LEXICON_WORDS))
    suffix = draw(st.sampled_from(SUFFIXES))
    return word + (draw(st.sampled_from(JOINERS)) if suffix else "") + suffix


@settings(max_examples=300, deadline=None)
@given(st.lists(inflected(), min_size=1, max_size=4), st.data())
def test_a_document_is_found_by_its_own_words_however_they_are_joined(text_words, data):
    """Index side and query side fold every word the same way: a text is found by itself typed with
    any character spelling, with half-spaces, spaces or nothing between a word and its suffix."""
    text = " ".join(text_words)
    typed = " ".join(data.draw(spelled(w)) for w in text_words) + " "
    parsed = parse_query(typed)
    if not parsed.is_empty:
        assert matches(parsed, text)


@settings(max_examples=200, deadline=None)
@given(st.lists(inflected(), min_size=1, max_size=4))
def test_tokens_are_a_pure_function_of_the_text(text_words):
    """No database, no growing vocabulary: what a word folds to never changes between indexing
    it and searching for it (the lexicon is fixed data). This test has no database access at all:
    pytest-django fails any query made without the ``django_db`` mark."""
    text = " ".join(text_words)
    first = tokens(text)
    parse_query(text)
    assert tokens(text) == first


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("جرئت", "جرأت"),
        ("جرأت", "جرات"),
        ("مسئول", "مسؤول"),
        ("مسؤول", "مسول"),
        ("مسئولان", "مسولان"),
        ("سؤال", "سوال"),
        ("دانشجویان", "دانشجو"),
        ("دانشجوها", "دانشجو"),
        ("ملاحظات", "ملاحظه"),
        ("رسانهای", "رسانه‌ای"),
        ("اسناد", "سند"),
        ("روابط", "رابطه"),
        ("مسائل", "مسئله"),
        ("سرمایه‌گذاران", "سرمایه‌گذار"),
    ],
)
def test_lexicon_pairs_fold_to_same_tokens(a, b):
    assert tokens(a) == tokens(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [("میزان", "میز"), ("ثبات", "ثبت"), ("اطلاعات", "اطلاع"), ("سودان", "سود"), ("سؤال", "سال"), ("تنها", "تن")],
)
def test_false_friends_keep_apart(a, b):
    assert tokens(a) != tokens(b)


def test_a_diacritic_before_bi_does_not_make_it_a_bound_prefix():
    # Found by the property above: «بی» after a fatha is inside a word, not the prefix «بی‌».
    assert tokens("بَبی\u200cبر") == tokens("ببی بر")
