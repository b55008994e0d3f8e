"""``python manage.py loaddemo``: the sample article as it is on the sample page, and idempotence."""

from __future__ import annotations

import datetime as dt
import io
import sys
import types

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from rasad.articles.models import Article, Author, SimilarLink, ThinkTank, Topic

pytestmark = pytest.mark.django_db

SAMPLE_TITLE = "دوستی ایران و روسیه در زمان جانشین رئیسی"
SIMILAR_TITLES = [
    "گزارشی از شبکههای غیررسمی قدرت در ایران",
    "گزارشی از کشتار علویان در سوریه",
    "توان قوانین اروپا برای محافظت از لاهه در برابر آمریکا",
]


def loaddemo() -> str:
    out = io.StringIO()
    call_command("loaddemo", stdout=out)
    return out.getvalue()


def snapshot() -> dict:
    """Everything the demo writes, as comparable values (ids included: nothing may be re-created)."""
    return {
        "think_tanks": list(ThinkTank.objects.order_by("pk").values()),
        "authors": list(Author.objects.order_by("pk").values()),
        "topics": list(Topic.objects.order_by("pk").values()),
        "articles": list(Article.objects.order_by("pk").values()),
        "article_authors": list(Article.authors.through.objects.order_by("pk").values()),
        "article_topics": list(Article.topics.through.objects.order_by("pk").values()),
        "links": list(SimilarLink.objects.order_by("pk").values()),
        "users": list(get_user_model().objects.order_by("pk").values()),
    }


def test_twice_gives_the_same_content():
    loaddemo()
    first = snapshot()
    loaddemo()
    assert snapshot() == first


def test_it_restores_what_an_editor_changed():
    loaddemo()
    before = snapshot()
    article = Article.objects.get(title=SAMPLE_TITLE)
    article.observer_name = "کسی دیگر"
    article.save()
    SimilarLink.objects.filter(from_article=article).delete()
    loaddemo()
    after = snapshot()
    restored = Article.objects.get(title=SAMPLE_TITLE)
    assert restored.observer_name == "رصدخونه اندیشکده ها"
    assert [link.to_article.title for link in restored.similar_links.all()] == SIMILAR_TITLES
    assert len(after["articles"]) == len(before["articles"])


def test_sample_article_has_its_real_fields():
    loaddemo()
    article = Article.objects.get(title=SAMPLE_TITLE)
    assert article.published_on == dt.date(2024, 5, 24)
    assert article.observer_name == "رصدخونه اندیشکده ها"
    assert not article.authors.exists()
    assert article.summary.startswith("یکشنبه ساعت 10 شب ولادیمیر پوتین رئیس جمهور روسیه در مسکو با کاظم جلالی")
    assert "سایر شرکتکنندگان شامل برخی از تأثیرگذارترین چهرهها" in article.summary  # spellings kept
    assert article.summary.endswith("برای مسکو، موضع مرحوم رئیسی و تمایل…")
    assert article.is_public and not article.open_access
    assert article.body.count("<p>") >= 4
    assert article.source_url.startswith("https://")
    assert [link.to_article.title for link in article.similar_links.all()] == SIMILAR_TITLES


def test_demo_is_varied_and_printed_credentials_work(client):
    out = loaddemo()
    published = Article.objects.published()
    assert published.count() >= 30
    assert ThinkTank.objects.count() >= 8 and Author.objects.count() >= 10
    assert {"اقتصادی", "سیاسی", "فرهنگی", "امنیتی"} <= set(Topic.objects.values_list("name", flat=True))
    assert published.filter(open_access=True).count() >= 3
    assert Article.objects.editors_choice().count() >= 4
    assert ThinkTank.objects.filter(name_original="Brookings Institution", website__startswith="https://").exists()
    assert "admin" in out and "rasad-demo-1403" in out
    # Log in as an editor would, through the admin's login form (django-axes needs the request).
    response = client.post(reverse("admin:login"), {"username": "admin", "password": "rasad-demo-1403"})
    assert response.status_code == 302
    assert client.get(reverse("admin:articles_article_changelist")).status_code == 200


def test_sample_article_is_on_the_first_page_of_the_feed(client):
    loaddemo()
    html = client.get(reverse("articles:feed")).content.decode()
    assert SAMPLE_TITLE in html
    article = Article.objects.get(title=SAMPLE_TITLE)
    page = client.get(article.get_absolute_url()).content.decode()
    assert "جمعه ۱۴۰۳/۰۳/۰۴" in page
    assert "رصدخونه اندیشکده ها" in page
    assert article.source_url in page
    aside = page.split("<aside", 1)[1]
    positions = [aside.index(title) for title in SIMILAR_TITLES]
    assert positions == sorted(positions)


def test_other_apps_add_their_demo_content(monkeypatch):
    calls = []
    fake = types.ModuleType("rasad.annotations.demo")
    fake.load = lambda stdout: (
        calls.append((Article.objects.count(), get_user_model().objects.filter(username="admin").exists())),
        stdout.write("یادداشت‌های نمایشی\n"),
    )
    monkeypatch.setitem(sys.modules, "rasad.annotations.demo", fake)
    out = loaddemo()
    assert len(calls) == 1
    articles, admin_exists = calls[0]
    assert articles >= 30 and admin_exists  # called after the articles and the demo editor exist
    assert "یادداشت‌های نمایشی" in out


def test_refuses_production_without_a_flag(settings):
    settings.PRODUCTION = True
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        loaddemo()
    assert not Article.objects.exists()
