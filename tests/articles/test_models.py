"""Articles, their slugs, revisions, similar links and the QuerySets the pages read from."""

from __future__ import annotations

import datetime as dt
from urllib.parse import unquote

import pytest
from django.db import IntegrityError, transaction

from rasad.articles.models import Article, SimilarLink, ThinkTank
from tests.factories import make_article, make_think_tank, make_user

pytestmark = pytest.mark.django_db


def test_persian_slug_keeps_words_apart_at_half_spaces():
    article = make_article("گزارش‌های اندیشکده‌ها دربارهٔ ایران")
    assert article.slug == "گزارش-های-اندیشکده-ها-درباره-ایران"
    assert unquote(article.get_absolute_url()) == f"/articles/{article.pk}/{article.slug}/"


def test_think_tank_slugs_stay_unique():
    first = make_think_tank("رند")
    ThinkTank.objects.filter(pk=first.pk).update(name="رند قدیم")
    second = make_think_tank("رند")
    assert first.slug == "رند" and second.slug == "رند-2"


def test_body_is_sanitised_and_revision_bumps_on_text_change():
    article = make_article(body='<p dir="rtl" onclick="x()">متن<script>alert(1)</script></p>')
    assert article.body == '<p dir="rtl">متن</p>'
    assert article.revision == 1
    article.open_access = True
    article.save()
    assert article.revision == 1
    article.summary = "خلاصهٔ تازه"
    article.save()
    article.refresh_from_db()
    assert article.revision == 2


def test_published_excludes_drafts_and_future_dates():
    shown = make_article()
    make_article(status=Article.Status.DRAFT)
    make_article(published_on=dt.date.today() + dt.timedelta(days=1))
    assert list(Article.objects.published()) == [shown]


def test_editors_choice_orders_by_rank():
    third = make_article(editors_choice_rank=9)
    first = make_article(editors_choice_rank=1)
    make_article()
    assert list(Article.objects.editors_choice()) == [first, third]


def test_observer_is_a_user_or_a_name():
    user = make_user(first_name="مریم", last_name="صالحی")
    assert make_article(observer_user=user).observer_display == "مریم صالحی"
    assert make_article(observer_name="رصدخونه اندیشکده ها").observer_display == "رصدخونه اندیشکده ها"


def test_an_article_is_not_similar_to_itself_nor_twice_to_another():
    a, b = make_article(), make_article()
    SimilarLink.objects.create(from_article=a, to_article=b)
    with pytest.raises(IntegrityError), transaction.atomic():
        SimilarLink.objects.create(from_article=a, to_article=b, position=2)
    with pytest.raises(IntegrityError), transaction.atomic():
        SimilarLink.objects.create(from_article=a, to_article=a)
