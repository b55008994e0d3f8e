"""Names and acronyms in any script: the default table, and editors' changes applied at once."""

from __future__ import annotations

import pytest
from django.urls import reverse

from rasad.search.models import Equivalent, SearchDocument
from tests.factories import make_article, make_user

pytestmark = pytest.mark.django_db


def found(client, q: str, article) -> bool:
    return article.get_absolute_url() in client.get(reverse("search:results"), {"q": q}).content.decode()


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("گسترش ناتو به شرق", "North Atlantic Treaty Organization"),
        ("بیانیهٔ IAEA دربارهٔ غنی‌سازی", "آژانس بین‌المللی انرژی اتمی"),
        ("گزارش صندوق بین‌المللی پول", "IMF"),
        ("دیدار پوتن و شی", "پوتین"),
        ("سفر Erdogan به باکو", "اردوغان"),
        ("سخنرانی گوترس", "Guterres"),
        ("سیاست ترمپ در قبال چین", "ترامپ"),
        # Spellings nobody listed, recognised by their sound: گ/ق/غ, پ/ب, a vowel written or not.
        ("سفر اردوغان به باکو", "اردوقان"),
        ("سخنرانی گوترش در مجمع", "گوتیرش"),
        ("دیدار با پوتین", "بوتین"),
        ("سخنان نتانیاهو", "نتنیاهو"),
    ],
)
def test_default_equivalents_match_other_spellings(client, text, query):
    article = make_article(f"گزارش: {text}", summary=text)
    make_article("گزارشی دربارهٔ کشاورزی", summary="کم‌آبی.")
    assert found(client, query, article)


def test_an_equivalence_is_one_clause_among_the_other_words(client):
    hit = make_article("نشست NATO دربارهٔ اوکراین", summary="خلاصه")
    miss = make_article("نشست ناتو دربارهٔ بالکان", summary="خلاصه")
    html = client.get(reverse("search:results"), {"q": "ناتو اوکراین "}).content.decode()
    assert hit.get_absolute_url() in html and miss.get_absolute_url() not in html


def test_an_editor_adds_an_equivalence_in_the_admin_and_it_applies_without_reindexing(client):
    article = make_article("گزارش دربارهٔ اکوواس", summary="جامعهٔ اقتصادی کشورهای غرب آفریقا")
    assert not found(client, "ECOWAS", article)
    tokens_before = SearchDocument.objects.get(article=article).title
    editor = make_user(is_staff=True, is_superuser=True)
    admin = client.__class__()
    admin.force_login(editor)
    response = admin.post(
        reverse("admin:search_equivalent_add"), {"name": "اکوواس", "spellings": "ECOWAS\nاکواس"}, follow=True
    )
    assert response.status_code == 200 and Equivalent.objects.filter(name="اکوواس").exists()
    assert found(client, "ECOWAS", article)
    assert found(client, "اکواس", article)
    assert SearchDocument.objects.get(article=article).title == tokens_before  # nothing was reindexed
    Equivalent.objects.get(name="اکوواس").delete()
    assert not found(client, "ECOWAS", article)


def test_admin_lists_equivalents_under_their_persian_name(client):
    editor = make_user(is_staff=True, is_superuser=True)
    client.force_login(editor)
    html = client.get(reverse("admin:search_equivalent_changelist")).content.decode()
    assert "هم‌ارزها" in html and "سازمان ملل متحد" in html


def test_a_real_word_is_never_taken_for_a_name_by_its_sound(client):
    # «بتن» (concrete) sounds like «پوتین», but a Persian word is only ever itself.
    from rasad.search.text import name_key

    article = make_article("دیدار با پوتین", summary="خلاصه")
    assert name_key("بتن") == name_key("پوتین")
    assert not found(client, "بتن", article)
