"""The index follows editors' changes (signals) and bulk imports (the rebuild command)."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from rasad.articles.models import Article
from rasad.search.models import SearchDocument, SearchTerm
from tests.factories import make_article, make_author, make_think_tank, make_topic

pytestmark = pytest.mark.django_db


def found(client, q: str, article: Article) -> bool:
    return article.get_absolute_url() in client.get(reverse("search:results"), {"q": q}).content.decode()


def test_edited_title_is_searchable_at_once(client):
    article = make_article("عنوان نخست")
    assert not found(client, "کهربا", article)
    article.title = "کهربا و تجارت"
    article.save()
    assert found(client, "کهربا", article)
    assert not found(client, "نخست", article)


def test_authors_and_topics_added_later_are_searchable(client):
    article = make_article("گزارش")
    article.authors.add(make_author("نرگس پارسی"))
    article.topics.add(make_topic("قفقاز"))
    assert found(client, "پارسی", article)
    assert found(client, "قفقاز", article)
    article.topics.clear()
    assert not found(client, "قفقاز", article)


def test_adding_an_article_from_the_author_side(client):
    article = make_article("گزارش")
    author = make_author("کاوه نصر")
    author.articles.add(article)
    assert found(client, "نصر", article)


def test_renamed_think_tank_is_searchable(client):
    tank = make_think_tank("اندیشکده الف")
    article = make_article("گزارش", think_tank=tank)
    tank.name = "اندیشکده ولدای"
    tank.save()
    assert found(client, "ولدای", article)


def test_unpublished_and_future_articles_are_not_found(client):
    draft = make_article("پیش‌نویس فیروزه", status=Article.Status.DRAFT)
    assert not found(client, "فیروزه", draft)
    assert not SearchDocument.objects.filter(article=draft).exists()
    import datetime as dt

    future = make_article("فیروزه آینده", published_on=dt.date.today() + dt.timedelta(days=3))
    assert not found(client, "فیروزه", future)
    published = make_article("فیروزه منتشرشده")
    published.status = Article.Status.DRAFT
    published.save()
    assert not found(client, "فیروزه", published)


def test_rebuild_command_indexes_bulk_imports(client):
    Article.objects.bulk_create(
        [
            Article(
                title=f"واردات گندم {n}",
                slug=f"a{n}",
                summary="خلاصه",
                source_url=f"https://e.org/{n}",
                status="published",
            )
            for n in range(3)
        ]
    )
    bulk = list(Article.objects.filter(title__startswith="واردات"))
    assert not found(client, "گندم", bulk[0])  # bulk_create sends no signals
    out = io.StringIO()
    call_command("rebuild_search_index", "--quiet", stdout=out)
    assert "3 سند جست‌وجو ساخته شد." in out.getvalue()
    for article in bulk:
        assert found(client, "گندم", article)
    assert SearchTerm.objects.filter(term="گندم").exists()


def test_vocabulary_holds_public_words_only():
    make_article("عنوان عمومی", summary="خلاصهٔ عمومی", body="<p>واژهٔ پنهان زمردین</p>")
    assert SearchTerm.objects.filter(term="عمومی").exists()
    assert not SearchTerm.objects.filter(term="زمردین").exists()
