"""Tags on saved articles, through HTTP: edited per card (htmx or a plain form), one tag whatever
the spelling, a filter with counts, Persian 400s that save nothing, and 404 for anyone else's."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from rasad.library.models import SavedArticle
from tests.factories import make_article, make_user

pytestmark = pytest.mark.django_db
MY_LIST = "/library/"


@pytest.fixture
def reader_with_items():
    reader = make_user()
    items = [SavedArticle.objects.create(user=reader, article=make_article(f"گزارش {n}")) for n in range(3)]
    return reader, items


def post_tags(client, item, text, **headers):
    return client.post(reverse("library:tags", args=[item.article_id]), {"tags": text}, **headers)


def test_tags_are_saved_trimmed_deduplicated_and_folded(client, reader_with_items):
    reader, (item, *_) = reader_with_items
    client.force_login(reader)
    response = post_tags(client, item, " كتاب ، کتاب,  اقتصاد  ایران ,, ، سیاست,کتاب ")
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.labels == ["كتاب", "اقتصاد ایران", "سیاست"]  # «كتاب»/«کتاب» are one tag
    html = client.get(MY_LIST).content.decode()
    assert 'href="/library/?tag=%D8%B3%DB%8C%D8%A7%D8%B3%D8%AA"' in html  # each tag links to its filter
    assert 'name="tags" value="كتاب، اقتصاد ایران، سیاست"' in html  # the form shows them for editing
    post_tags(client, item, "")
    item.refresh_from_db()
    assert item.labels == []


def test_htmx_edit_answers_the_card_and_the_list_answers_a_partial(client, reader_with_items):
    reader, (item, *_) = reader_with_items
    client.force_login(reader)
    card = post_tags(client, item, "انرژی", HTTP_HX_REQUEST="true")
    assert card.status_code == 200
    body = card.content.decode()
    assert f'id="saved-{item.article_id}"' in body and "انرژی" in body and "<html" not in body
    full = client.get(MY_LIST, {"tag": "انرژی"}).content.decode()
    partial = client.get(MY_LIST, {"tag": "انرژی"}, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" in full and 'class="tags-form"' in full and 'data-hx-post="/library/tags/' in full
    assert "csrfmiddlewaretoken" in full
    assert "<html" not in partial and f'id="saved-{item.article_id}"' in partial


def test_filter_by_tag_with_counts_any_spelling_and_read_state(client, reader_with_items):
    reader, (a, b, c) = reader_with_items
    client.force_login(reader)
    post_tags(client, a, "كتاب، نفت")
    post_tags(client, b, "کتاب")
    post_tags(client, c, "نفت")
    client.post(reverse("library:read", args=[b.article_id]), {"read": "1"})
    html = client.get(MY_LIST).content.decode()
    assert "(۲)" in html  # counts, Persian digits
    found = client.get(MY_LIST, {"tag": "کتاب"}).content.decode()  # the other spelling
    assert a.article.get_absolute_url() in found and b.article.get_absolute_url() in found
    assert c.article.get_absolute_url() not in found
    read = client.get(MY_LIST, {"tag": "کتاب", "status": "read"}).content.decode()
    assert b.article.get_absolute_url() in read and a.article.get_absolute_url() not in read
    unknown = client.get(MY_LIST, {"tag": "زرافه"})
    assert unknown.status_code == 200
    text = unknown.content.decode()
    assert "چیزی با برچسب «زرافه» نیست" in text
    assert all(i.article.get_absolute_url() not in text for i in (a, b, c))


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("، ".join(f"برچسب{n}" for n in range(21)), "بیش از ۲۰ برچسب"),
        ("خوب، " + "ب" * 51, "بلندتر از ۵۰ نویسه"),
        ("x" * 2001, "بلندتر از ۲۰۰۰ نویسه"),
    ],
)
def test_bad_tags_are_a_persian_400_and_nothing_is_saved(client, reader_with_items, text, error):
    reader, (item, *_) = reader_with_items
    item.labels = ["قبلی"]
    item.save()
    client.force_login(reader)
    response = post_tags(client, item, text)
    assert response.status_code == 400
    assert error in response.content.decode()
    item.refresh_from_db()
    assert item.labels == ["قبلی"]


def test_another_readers_item_is_404_and_unchanged(client, reader_with_items):
    reader, (item, *_) = reader_with_items
    item.labels = ["من"]
    item.save()
    client.force_login(make_user())
    assert post_tags(client, item, "دزدی").status_code == 404
    item.refresh_from_db()
    assert item.labels == ["من"]
    client.logout()
    assert post_tags(client, item, "ناشناس").status_code in (302, 401)
    item.refresh_from_db()
    assert item.labels == ["من"]


def test_csrf_is_enforced(reader_with_items):
    from django.test import Client

    reader, (item, *_) = reader_with_items
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(reader)
    assert post_tags(strict, item, "الف").status_code == 403


def _list_queries(client, **params) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(MY_LIST, params).status_code == 200
    return len(ctx.captured_queries)


def test_list_query_count_does_not_grow_with_tags(client):
    reader = make_user()
    client.force_login(reader)
    for n in range(2):
        item = SavedArticle.objects.create(user=reader, article=make_article(f"اول {n}"))
        post_tags(client, item, "الف")
    few, few_filtered = _list_queries(client), _list_queries(client, tag="الف")
    for n in range(8):
        item = SavedArticle.objects.create(user=reader, article=make_article(f"دوم {n}"))
        post_tags(client, item, "، ".join(f"برچسب {n} {m}" for m in range(10)) + "، الف")
    assert _list_queries(client) == few
    assert _list_queries(client, tag="الف") == few_filtered
