from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import make_article

pytestmark = pytest.mark.django_db


def test_feed_shows_published_article(client):
    article = make_article("دوستی ایران و روسیه")
    response = client.get(reverse("articles:feed"))
    assert response.status_code == 200
    assert article.title in response.content.decode()
    assert '<html lang="fa" dir="rtl">' in response.content.decode()


def test_article_page_shows_weekday_jalali_date(client):
    article = make_article()
    response = client.get(article.get_absolute_url())
    assert "جمعه ۱۴۰۳/۰۳/۰۴" in response.content.decode()
