"""Similar-article suggestions: why each is suggested, imports computing them, the article page."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command

from rasad.articles.models import Article, SimilarLink, SimilarSuggestion
from rasad.articles.similarity import CANDIDATES_PER_REASON, refresh_suggestions, suggest_for
from tests.factories import make_article, make_author, make_think_tank, make_topic
from tests.imports.factories import record

pytestmark = pytest.mark.django_db


def reasons_for(article, other) -> list[str]:
    return next((reasons for pk, _, reasons in suggest_for(article) if pk == other.pk), [])


def test_each_suggestion_says_why():
    think_tank, author, topic = make_think_tank(), make_author(), make_topic()
    article = make_article("تحریم نفت ایران و بازار جهانی", think_tank=think_tank, authors=[author], topics=[topic])
    by_topic = make_article("گزارشی دیگر", summary="انتخابات هند", topics=[topic])
    by_think_tank = make_article("چیزی جدا", summary="کشاورزی برزیل", think_tank=think_tank)
    by_author = make_article("نوشته‌ای دیگر", summary="فناوری کره", authors=[author])
    by_all = make_article(
        "تحریم نفت ایران و بازار جهانی انرژی",
        summary=article.summary,
        think_tank=think_tank,
        authors=[author],
        topics=[topic],
    )
    assert reasons_for(article, by_topic) == ["topic"]
    assert reasons_for(article, by_think_tank) == ["think_tank"]
    assert reasons_for(article, by_author) == ["author"]
    assert reasons_for(article, by_all) == ["topic", "think_tank", "author", "text"]
    assert suggest_for(article)[0][0] == by_all.pk  # best first


def test_unrelated_articles_are_not_suggested():
    article = make_article("الف", topics=[make_topic()])
    make_article("ب", topics=[make_topic()])
    assert suggest_for(article) == []


def test_candidates_are_capped(django_assert_max_num_queries):
    topic = make_topic()
    articles = [make_article(topics=[topic]) for _ in range(CANDIDATES_PER_REASON + 10)]
    with django_assert_max_num_queries(8):
        suggestions = suggest_for(articles[0])
    assert 0 < len(suggestions) <= 5


def test_import_computes_suggestions_and_skips_linked(tmp_path):
    path = tmp_path / "a.jsonl"
    import json

    path.write_text(
        "\n".join(
            json.dumps(item, ensure_ascii=False)
            for item in [
                record(1),
                record(2),
                record(3, similar=["https://example.org/reports/1"]),
            ]
        ),
        encoding="utf-8",
    )
    call_command("import_articles", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    one = Article.objects.get(source_url="https://example.org/reports/1")
    three = Article.objects.get(source_url="https://example.org/reports/3")
    suggestion = SimilarSuggestion.objects.filter(article=one).first()
    assert suggestion is not None
    assert set(suggestion.reasons) >= {"topic", "think_tank", "author"}
    assert "موضوع مشترک" in suggestion.reason_labels
    # 3 is already linked to 1 by the file: not suggested again.
    assert not SimilarSuggestion.objects.filter(article=three, suggested=one).exists()
    assert not SimilarSuggestion.objects.filter(article=one, suggested=three).exists()


def test_article_page_shows_curated_links_then_marked_suggestions(client):
    topic = make_topic()
    article = make_article("مقالهٔ اصلی", topics=[topic])
    curated = make_article("پیوند سردبیر")
    SimilarLink.objects.create(from_article=article, to_article=curated)
    suggested = make_article("پیشنهاد ماشین", topics=[topic])
    draft = make_article("پیش‌نویس", topics=[topic], status=Article.Status.DRAFT)
    make_article("آینده", topics=[topic], published_on=dt.date.today() + dt.timedelta(days=30))
    refresh_suggestions(article_ids=[article.pk])
    assert SimilarSuggestion.objects.filter(article=article, suggested=draft).exists()

    html = client.get(article.get_absolute_url()).content.decode()
    aside = html[html.index("مقالات مشابه") :]
    assert aside.index("پیوند سردبیر") < aside.index("پیشنهاد ماشین")
    assert "(پیشنهاد خودکار)" in aside
    assert "پیش‌نویس" not in aside and "آینده" not in aside
    assert aside.count("(پیشنهاد خودکار)") == 1

    # A suggestion that is also a curated link shows once, as a curated link.
    SimilarLink.objects.create(from_article=suggested, to_article=article)
    html = client.get(article.get_absolute_url()).content.decode()
    aside = html[html.index("مقالات مشابه") :]
    assert aside.count("پیشنهاد ماشین") == 1 and "(پیشنهاد خودکار)" not in aside


def test_article_page_queries_do_not_grow_with_suggestions(client, django_assert_max_num_queries):
    topic = make_topic()
    article = make_article("مقالهٔ اصلی", topics=[topic])
    make_article(topics=[topic])
    refresh_suggestions(article_ids=[article.pk])
    with django_assert_max_num_queries(12) as small:
        client.get(article.get_absolute_url())
    for _ in range(6):
        make_article(topics=[topic])
    refresh_suggestions(article_ids=[article.pk])
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(article.get_absolute_url())


def test_refresh_suggestions_command_covers_articles_without_any():
    topic = make_topic()
    first, second = make_article(topics=[topic]), make_article(topics=[topic])
    out = io.StringIO()
    call_command("refresh_suggestions", "--missing", stdout=out)
    assert "۲ مقاله" in out.getvalue()
    assert SimilarSuggestion.objects.filter(article=first, suggested=second).exists()
    assert SimilarSuggestion.objects.filter(article=second, suggested=first).exists()
