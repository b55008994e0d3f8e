"""The editors' desk: every admin page loads, in Persian, with Jalali dates shown and accepted."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.urls import reverse

from rasad.articles.models import Article, SimilarLink
from tests.factories import make_article, make_author, make_think_tank, make_topic, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    user = make_user("editor", is_staff=True, is_superuser=True)
    client.force_login(user)
    return user


@pytest.fixture
def article():
    return make_article(
        "دوستی ایران و روسیه",
        think_tank=make_think_tank("کارنگی"),
        authors=[make_author("النا سوکولوا")],
        topics=[make_topic("سیاسی")],
        published_on=dt.date(2024, 5, 24),
    )


@pytest.mark.parametrize("model", ["article", "thinktank", "author", "topic"])
def test_list_add_and_change_pages_load(client, editor, article, model):
    obj = {
        "article": article,
        "thinktank": article.think_tank,
        "author": article.authors.get(),
        "topic": article.topics.get(),
    }[model]
    for url in (
        reverse(f"admin:articles_{model}_changelist"),
        reverse(f"admin:articles_{model}_add"),
        reverse(f"admin:articles_{model}_change", args=[obj.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert 'lang="fa"' in response.content.decode() and 'dir="rtl"' in response.content.decode()


def test_changelist_shows_jalali_dates_filters_and_search(client, editor, article):
    url = reverse("admin:articles_article_changelist")
    html = client.get(url).content.decode()
    assert "۱۴۰۳/۰۳/۰۴" in html
    for label in ("وضعیت", "اندیشکده", "موضوع‌ها", "دسترسی آزاد", "انتخاب سردبیر"):
        assert label in html
    make_article("مقالهٔ بی‌ربط")
    found = client.get(url, {"q": "سوکولوا"}).content.decode()
    assert "دوستی ایران و روسیه" in found and "مقالهٔ بی‌ربط" not in found
    drafts = client.get(url, {"status__exact": "draft"}).content.decode()
    assert "دوستی ایران و روسیه" not in drafts


def test_change_form_shows_and_accepts_jalali_dates_and_ordered_similar_links(client, editor, article):
    url = reverse("admin:articles_article_change", args=[article.pk])
    html = client.get(url).content.decode()
    assert 'value="۱۴۰۳/۰۳/۰۴"' in html
    other, another = make_article("مشابه یک"), make_article("مشابه دو")
    data = {
        "title": article.title,
        "slug": article.slug,
        "status": "published",
        "published_on": "۱۴۰۳/۰۳/۰۵",
        "source_url": article.source_url,
        "think_tank": article.think_tank_id,
        "authors": [a.pk for a in article.authors.all()],
        "topics": [t.pk for t in article.topics.all()],
        "observer_name": "رصدخونه اندیشکده ها",
        "summary": article.summary,
        "body": article.body,
        "editors_choice_rank": "",
        "similar_links-TOTAL_FORMS": "2",
        "similar_links-INITIAL_FORMS": "0",
        "similar_links-MIN_NUM_FORMS": "0",
        "similar_links-MAX_NUM_FORMS": "1000",
        "similar_links-0-position": "2",
        "similar_links-0-to_article": other.pk,
        "similar_links-1-position": "1",
        "similar_links-1-to_article": another.pk,
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    article.refresh_from_db()
    assert article.published_on == dt.date(2024, 5, 25)
    assert article.observer_name == "رصدخونه اندیشکده ها"
    assert [link.to_article.title for link in SimilarLink.objects.filter(from_article=article)] == [
        "مشابه دو",
        "مشابه یک",
    ]
    # The linked article's form lists who links to it.
    back = client.get(reverse("admin:articles_article_change", args=[other.pk])).content.decode()
    assert "مقاله‌هایی که به این مقاله پیوند داده‌اند" in back and article.title in back


def test_bad_jalali_date_is_a_persian_form_error(client, editor, article):
    url = reverse("admin:articles_article_change", args=[article.pk])
    response = client.post(
        url,
        {
            "title": "x",
            "published_on": "۱۴۰۲/۱۲/۳۰",
            "summary": "x",
            "source_url": "https://e.org/x",
            "status": "published",
        },
    )
    assert response.status_code == 200
    assert "تاریخ شمسی معتبری وارد کنید" in response.content.decode()


def test_editors_choice_actions_and_inline_ranks(client, editor):
    ranked = make_article("برگزیدهٔ قبلی", editors_choice_rank=4)
    a, b = make_article("الف", published_on=dt.date(2024, 1, 2)), make_article("ب", published_on=dt.date(2024, 1, 1))
    url = reverse("admin:articles_article_changelist")
    client.post(url, {"action": "add_to_editors_choice", "_selected_action": [a.pk, b.pk, ranked.pk]})
    assert [(x.title, x.editors_choice_rank) for x in Article.objects.editors_choice()] == [
        ("برگزیدهٔ قبلی", 4),
        ("الف", 5),
        ("ب", 6),
    ]
    client.post(url, {"action": "remove_from_editors_choice", "_selected_action": [ranked.pk]})
    assert Article.objects.get(pk=ranked.pk).editors_choice_rank is None
    # Ranks are editable in the list itself.
    rows = list(Article.objects.order_by("-published_on", "-id"))
    data = {"form-TOTAL_FORMS": str(len(rows)), "form-INITIAL_FORMS": str(len(rows)), "_save": "ذخیره"}
    for i, row in enumerate(rows):
        data[f"form-{i}-id"] = row.pk
        data[f"form-{i}-editors_choice_rank"] = {"ب": "1", "الف": "2"}.get(row.title, "")
    assert client.post(url, data).status_code == 302
    assert [x.title for x in Article.objects.editors_choice()] == ["ب", "الف"]


@pytest.mark.parametrize(
    ("field", "term", "expected"),
    [
        ("authors", "سوکو", "النا سوکولوا"),
        ("think_tank", "کارن", "کارنگی"),
        ("to_article", "روسیه", "دوستی ایران و روسیه"),
    ],
)
def test_autocomplete(client, editor, article, field, term, expected):
    model = "similarlink" if field == "to_article" else "article"
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "articles", "model_name": model, "field_name": field, "term": term},
    )
    assert response.status_code == 200
    assert [r["text"] for r in json.loads(response.content)["results"]] == [expected]


def test_readers_cannot_open_the_admin(client, article):
    client.force_login(make_user())
    response = client.get(reverse("admin:articles_article_changelist"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_admin_is_persian_and_rtl_even_for_an_english_browser(client, editor):
    response = client.get(reverse("admin:articles_article_changelist"), headers={"accept-language": "en-US,en;q=0.9"})
    html = response.content.decode()
    assert 'lang="fa" dir="rtl"' in html
    assert "Select" not in html and "Home" not in html
