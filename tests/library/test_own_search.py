"""Search where the reader's own things are: the reading list, a collection and the team's notes
find a note by a word written in another spelling, and never show what the reader may not see."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from rasad.access.models import Membership, Organisation
from rasad.annotations.models import Annotation
from rasad.library.models import Collection, CollectionItem, SavedArticle
from tests.factories import make_article, make_user

pytestmark = pytest.mark.django_db


def annotate(article, author, *, note: str, visibility: str, organisation=None, field: str = "summary") -> Annotation:
    text = article.summary if field == "summary" else "متن"
    return Annotation.objects.create(
        article=article,
        author=author,
        field=field,
        exact=text[:10],
        start=0,
        end=min(10, len(text)),
        revision=article.revision,
        note=note,
        visibility=visibility,
        organisation=organisation,
    )


@pytest.fixture
def team():
    org = Organisation.objects.create(name="تیم نمونه", slug="team-sample")
    reader, mate, stranger = make_user(), make_user(), make_user()
    for user in (reader, mate):
        Membership.objects.create(organisation=org, user=user)
    return org, reader, mate, stranger


def test_my_list_finds_a_private_note_written_in_another_spelling(client):
    reader = make_user()
    hit, miss = make_article("گزارش یک"), make_article("گزارش دو")
    SavedArticle.objects.create(user=reader, article=hit, note="پیگیری مسئولان وزارت")
    SavedArticle.objects.create(user=reader, article=miss, note="بی‌ربط")
    client.force_login(reader)
    html = client.get(reverse("library:my_list"), {"q": "مسؤولان"}).content.decode()  # another hamza seat
    assert hit.get_absolute_url() in html and miss.get_absolute_url() not in html
    assert 'value="مسؤولان"' in html  # the box keeps what was typed
    empty = client.get(reverse("library:my_list"), {"q": "زرافه"}).content.decode()
    assert "چیزی با «زرافه» پیدا نکردیم" in empty


def test_my_list_finds_titles_and_own_annotations_with_persian_folding(client):
    reader = make_user()
    by_title = make_article("نقش شرکت‌کنندگان در نشست")
    by_annotation = make_article("گزارشی دیگر", summary="خلاصهٔ گزارش")
    for article in (by_title, by_annotation):
        SavedArticle.objects.create(user=reader, article=article)
    annotate(by_annotation, reader, note="دیدگاه کارشناسان اقتصادی", visibility=Annotation.Visibility.PRIVATE)
    client.force_login(reader)
    assert by_title.get_absolute_url() in client.get(reverse("library:my_list"), {"q": "شرکتکنندگان"}).content.decode()
    html = client.get(reverse("library:my_list"), {"q": "كارشناس"}).content.decode()  # Arabic kaf, singular
    assert by_annotation.get_absolute_url() in html and by_title.get_absolute_url() not in html


def test_a_collection_is_searched_with_the_readers_notes_never_a_teammates_private_one(client, team):
    org, reader, mate, _stranger = team
    collection = Collection.objects.create(name="پرونده", owner=mate, organisation=org)
    mine, theirs = make_article("گزارش الف"), make_article("گزارش ب")
    for article in (mine, theirs):
        CollectionItem.objects.create(collection=collection, article=article, added_by=mate)
    SavedArticle.objects.create(user=reader, article=mine, note="جرئت تصمیم")
    SavedArticle.objects.create(user=mate, article=theirs, note="جرئت تصمیم")  # the teammate's private note
    client.force_login(reader)
    html = client.get(collection.get_absolute_url(), {"q": "جرات"}).content.decode()
    assert mine.get_absolute_url() in html and theirs.get_absolute_url() not in html


def test_team_notes_are_found_in_another_spelling_across_weeks_and_only_the_readers_teams(client, team):
    org, reader, mate, stranger = team
    other = Organisation.objects.create(name="تیم دیگر", slug="team-other")
    Membership.objects.create(organisation=other, user=stranger)
    old = make_article("گزارش قدیمی", summary="خلاصه‌ای دربارهٔ بازار")
    note = annotate(old, mate, note="ملاحظات امنیتی ناتو", visibility=Annotation.Visibility.TEAM, organisation=org)
    Annotation.objects.filter(pk=note.pk).update(created_at=note.created_at - dt.timedelta(days=60))
    private = annotate(old, mate, note="ملاحظات شخصی", visibility=Annotation.Visibility.PRIVATE)
    elsewhere = annotate(
        old, stranger, note="ملاحظات تیم دیگر", visibility=Annotation.Visibility.TEAM, organisation=other
    )
    client.force_login(reader)
    html = client.get(reverse("annotations:team"), {"q": "ملاحظه NATO"}).content.decode()
    assert "ملاحظات امنیتی ناتو" in html
    assert private.note not in html and elsewhere.note not in html
    assert "چیزی با «زرافه» پیدا نکردیم" in client.get(reverse("annotations:team"), {"q": "زرافه"}).content.decode()


def test_a_search_box_refuses_an_overlong_query_in_persian(client):
    client.force_login(make_user())
    response = client.get(reverse("library:my_list"), {"q": "ب" * 201})
    assert response.status_code == 400
    assert "بلندتر از ۲۰۰ نویسه" in response.content.decode()
