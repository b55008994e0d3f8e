"""Must-show: each query, written in a spelling the article does not use, finds its article.

Runs on whichever database DATABASE_URL names (SQLite by default, PostgreSQL in CI).
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import make_article, make_author, make_think_tank, make_topic

pytestmark = pytest.mark.django_db

# (family, text the article is written in, query the reader types). No query is spelled like its text.
PAIRS = [
    ("Arabic yeh/kaf in the query", "کارشناسی تازه دربارهٔ بانک مرکزی", "بانك مركزي"),
    ("Arabic yeh/kaf in the text", "سياست خارجي چين در آسياي مركزي", "سیاست خارجی چین"),
    ("ZWNJ in text, space in query", "نقش شرکت‌کنندگان در نشست مسکو", "شرکت کنندگان"),
    ("ZWNJ in text, nothing in query", "گزارشی از مشارکت‌کنندگان اروپایی", "مشارکتکنندگان"),
    ("nothing in text, ZWNJ in query", "سایر شرکتکنندگان در اجلاس ژنو", "شرکت‌کنندگان ژنو"),
    ("nothing in text, space in query", "پژوهشگران دانشگاه و نقش میانجیگری قطر", "میانجی گری قطر"),
    ("Persian digits in text, Latin in query", "برنامهٔ توسعهٔ هفتم تا سال ۱۴۰۷", "1407"),
    ("Arabic-Indic digits in query", "بودجهٔ سال ۱۴۰۳ و کسری آن", "١٤٠٣ كسري"),
    ("diacritics and tatweel in text", "سیـــاستِ اقتصادیِ دولتِ جدید", "سیاست اقتصادی"),
    ("diacritics in query", "تحلیل بازار نفت خام", "بازارِ نفتْ"),
    ("heh with yeh in text", "برنامهٔ هسته‌ای و مذاکرات وین", "برنامه هسته ای"),
    ("heh with yeh in query", "موسسه مطالعات راهبردی خاورمیانه", "مؤسسهٔ مطالعات"),
    ("alef madda", "آینده امنیت انرژی در آسیا", "اینده امنیت"),
    ("hamza seat in text", "دیدار رئیس ستاد کل ارتش", "رییس ستاد"),
    ("hamza seat in query", "گفتگوی رییس‌جمهور با خبرنگاران", "رئیس جمهور"),
    ("plural with ZWNJ in text", "اثر تحریم‌ها بر صادرات نفت", "تحریمها"),
    ("plural with nothing in text", "پیامدهای تحریمهای ثانویه", "تحریم‌های ثانویه"),
    ("plural in text, singular in query", "دیدگاه کارشناسان اقتصادی", "کارشناس اقتصادی"),
    ("prefix while typing", "روابط راهبردی ایران و روسیه", "راهبر"),
]


def _ids(client, query: str) -> list[str]:
    response = client.get(reverse("search:results"), {"q": query})
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(("family", "text", "query"), PAIRS, ids=[p[0] for p in PAIRS])
def test_variant_query_finds_article(client, family, text, query):
    assert query != text
    target = make_article(f"مقالهٔ هدف: {text}", summary=f"خلاصه: {text}.")
    decoy = make_article("گزارشی دربارهٔ کشاورزی و آب", summary="خلاصه‌ای بی‌ربط دربارهٔ کم‌آبی.")
    page = _ids(client, query)
    assert target.get_absolute_url() in page
    assert decoy.get_absolute_url() not in page


def test_names_are_searchable_in_any_spelling(client):
    tank = make_think_tank("مؤسسهٔ كارنگي")
    author = make_author("علی رئیسی")
    topic = make_topic("امنیت انرژی")
    article = make_article("گزارشی تازه", think_tank=tank, authors=[author], topics=[topic])
    make_article("مطلبی دیگر")
    for query in ("موسسه کارنگی", "رییسی", "امنيت انرژي"):
        assert article.get_absolute_url() in _ids(client, query), query


def test_absent_word_gives_friendly_empty_page(client):
    make_article("روابط ایران و روسیه", summary="دیدار مقام‌های دو کشور.")
    response = client.get(reverse("search:results"), {"q": "زرافه‌ها"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "مطلبی با «زرافه‌ها» پیدا نکردیم." in html
    assert "آیا منظورتان" not in html


def test_close_spelling_shows_corrected_results_and_offers_the_typed_query(client):
    article = make_article("چشم‌انداز اقتصاد جهانی", summary="رشد اقتصاد در سال آینده کند می‌شود.")
    response = client.get(reverse("search:results"), {"q": "اقتصاددد "})
    html = response.content.decode()
    assert "نتایج برای «اقتصاد»" in html
    assert article.get_absolute_url() in html
    assert "typed=1" in html  # a link to search what was typed
    as_typed = client.get(reverse("search:results"), {"q": "اقتصاددد ", "typed": "1"}).content.decode()
    assert "پیدا نکردیم" in as_typed and article.get_absolute_url() not in as_typed
    assert "آیا منظورتان" in as_typed and "«اقتصاد»" in as_typed
