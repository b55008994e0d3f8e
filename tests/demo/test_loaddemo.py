"""``python manage.py loaddemo``: the demo is data (fixtures, JSON Lines through the importer, the
people file); the sample article is as it is on the sample page; loading again changes nothing."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from rasad.access.models import Plan, Subscription
from rasad.access.policy import has_full_access
from rasad.annotations.models import Annotation
from rasad.articles.models import Article, Author, SimilarLink, ThinkTank, Topic
from rasad.demo.management.commands.loaddemo import ARTICLES
from rasad.library.models import Collection, SavedArticle

pytestmark = pytest.mark.django_db

DEMO_USERS = ["admin", "moshtarek", "khanande", "modir", "team_manager", "team_member"]
SAMPLE_TITLE = "دوستی ایران و روسیه در زمان جانشین رئیسی"
SIMILAR_TITLES = [
    "گزارشی از شبکه‌های غیررسمی قدرت در ایران",
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


def test_every_demo_account_has_the_one_password_and_its_access(client):
    out = loaddemo()
    users = get_user_model().objects.filter(username__in=DEMO_USERS)
    assert sorted(users.values_list("username", flat=True)) == sorted(DEMO_USERS)
    assert all(user.check_password("rasad-demo-1403") for user in users)
    assert all(name in out for name in DEMO_USERS) and out.count("rasad-demo-1403") >= 1
    assert has_full_access(users.get(username="moshtarek"))
    assert not has_full_access(users.get(username="khanande"))
    assert has_full_access(users.get(username="modir"))
    assert Plan.objects.count() == 3 and Subscription.objects.count() == 1


def test_the_team_has_its_list_collection_and_team_note(client):
    loaddemo()
    loaddemo()
    assert SavedArticle.objects.filter(user__username="team_member").count() == 4
    assert SavedArticle.objects.filter(user__username="team_member", read_at__isnull=False).count() == 2
    collection = Collection.objects.get()
    assert collection.organisation.name == "اندیشکده نمونه" and collection.items.count() == 2
    note = Annotation.objects.get()
    assert note.visibility == "team" and note.organisation == collection.organisation
    client.force_login(get_user_model().objects.get(username="team_member"))
    assert "این نکته را در جلسهٔ هفته بررسی کنیم." in client.get(reverse("annotations:team")).content.decode()


def test_the_articles_come_through_the_importer_and_the_fixtures():
    loaddemo()
    assert Article.objects.count() == sum(1 for line in ARTICLES.read_text().splitlines() if line.strip())
    assert Author.objects.get(name="دانیل رایت").think_tank.name_original == "Brookings Institution"
    # Loaded a second time, the importer finds every row unchanged.
    out = loaddemo()
    assert "تازه: ۰" in out.replace("0", "۰") and "به‌روز: ۰" in out.replace("0", "۰")


def test_refuses_production_without_a_flag(settings):
    settings.PRODUCTION = True
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        loaddemo()
    assert not Article.objects.exists()
