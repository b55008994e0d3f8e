"""Reading pages as a reader sees them: the feed, «بیشتر», an article, listings and error pages."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from rasad.articles.models import Article, SimilarLink
from rasad.core.views import server_error
from tests.factories import make_article, make_author, make_think_tank, make_topic, make_user

pytestmark = pytest.mark.django_db

FEED = reverse("articles:feed")


def text(response) -> str:
    return response.content.decode()


def titles_in(html: str) -> list[str]:
    return re.findall(r'<h2 class="card-title"[^>]*><a href="[^"]+">([^<]+)</a>', html)


@pytest.fixture
def small_pages(settings):
    settings.RASAD_PAGE_SIZE = 3


def make_dated(n: int, **fields) -> list[Article]:
    start = dt.date(2024, 1, 1)
    return [make_article(f"مقالهٔ {i:02d}", published_on=start + dt.timedelta(days=i), **fields) for i in range(n)]


def test_feed_is_rtl_persian_and_semantic(client):
    make_article("دوستی ایران و روسیه", editors_choice_rank=1)
    html = text(client.get(FEED))
    assert '<html lang="fa" dir="rtl" ' in html
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    main = html.split('<main id="main">', 1)[1].split("</main>", 1)[0]
    assert "دوستی ایران و روسیه" in main
    assert "<nav" in html.split('<main id="main">', 1)[0]
    assert "انتخاب سردبیر" in html.split("</main>", 1)[1].split("<aside", 1)[1]


def test_feed_newest_first_and_only_published(client):
    make_article("قدیمی", published_on=dt.date(2024, 1, 1))
    make_article("تازه", published_on=dt.date(2024, 6, 1))
    make_article("پیش‌نویس", status=Article.Status.DRAFT)
    make_article("آینده", published_on=dt.date.today() + dt.timedelta(days=3))
    assert titles_in(text(client.get(FEED))) == ["تازه", "قدیمی"]


def test_card_shows_what_a_reader_needs(client):
    tank = make_think_tank("چتم هاوس")
    author = make_author("نادیا حداد")
    make_article(
        "بحران آب",
        think_tank=tank,
        authors=[author],
        summary="فرونشست زمین در دشت‌های ایران " * 10,
        body="<p>" + "واژه " * 450 + "</p>",
        published_on=dt.date(2024, 5, 24),
    )
    html = text(client.get(FEED))
    assert "بحران آب" in html
    assert "چتم هاوس" in html and tank.get_absolute_url() in html
    assert "نادیا حداد" in html and author.get_absolute_url() in html
    assert "۴ خرداد ۱۴۰۳" in html
    assert "فرونشست زمین" in html
    assert (
        "۱ دقیقه مطالعه" in html
    )  # the summary's: a gated body's length is for its readers only  # 50 summary words + 450 body words at 200 a minute


def test_more_without_javascript_is_a_link_to_the_next_page(client, small_pages):
    make_dated(7)
    html = text(client.get(FEED))
    assert titles_in(html) == ["مقالهٔ 06", "مقالهٔ 05", "مقالهٔ 04"]
    assert 'href="?page=2"' in html and "بیشتر" in html
    page2 = text(client.get(FEED, {"page": "2"}))
    assert "<html" in page2
    assert titles_in(page2) == ["مقالهٔ 03", "مقالهٔ 02", "مقالهٔ 01"]
    page3 = text(client.get(FEED, {"page": "۳"}))  # Persian digits work too
    assert titles_in(page3) == ["مقالهٔ 00"]
    assert "بیشتر" not in page3.split('id="cards"')[1]


def test_more_with_htmx_returns_only_the_next_cards(client, small_pages):
    make_dated(7)
    response = client.get(FEED, {"page": "2"}, headers={"HX-Request": "true"})
    html = text(response)
    assert response.status_code == 200
    assert "<html" not in html and "<aside" not in html
    assert titles_in(html) == ["مقالهٔ 03", "مقالهٔ 02", "مقالهٔ 01"]
    assert 'data-hx-get="?page=3"' in html
    assert "HX-Request" in response.headers["Vary"]


@pytest.mark.parametrize("page", ["99", "abc", "0"])
def test_bad_page_is_a_persian_404(client, small_pages, page):
    make_dated(2)
    response = client.get(FEED, {"page": page})
    assert response.status_code == 404
    assert "صفحه‌ای که دنبالش بودید پیدا نشد" in text(response)


def test_feed_query_count_does_not_grow_with_articles(client, settings):
    settings.RASAD_PAGE_SIZE = 60
    tank = make_think_tank()
    authors = [make_author(), make_author()]
    topics = [make_topic()]

    def count(n: int) -> int:
        Article.objects.all().delete()
        for i, article in enumerate(make_dated(n, think_tank=tank, authors=authors, topics=topics)):
            if i < 3:
                article.editors_choice_rank = i + 1
                article.save()
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(FEED)
        assert len(titles_in(text(response))) == n
        assert ctx.captured_queries
        return len(ctx.captured_queries)

    assert count(5) == count(50)


def test_article_page_like_the_sample(client):
    tank = make_think_tank("بنیاد کارنگی")
    topic = make_topic("سیاسی")
    article = make_article(
        "دوستی ایران و روسیه در زمان جانشین رئیسی",
        think_tank=tank,
        topics=[topic],
        observer_name="رصدخونه اندیشکده ها",
        summary="یکشنبه ساعت 10 شب ولادیمیر پوتین با کاظم جلالی دیدار کرد.",
        body="<p>متن کامل پنهان</p>",
        source_url="https://carnegieendowment.org/x",
        published_on=dt.date(2024, 5, 24),
    )
    response = client.get(article.get_absolute_url())
    html = text(response)
    assert response.status_code == 200
    assert "<title>دوستی ایران و روسیه در زمان جانشین رئیسی |" in html
    assert '<meta name="description" content="یکشنبه ساعت 10 شب ولادیمیر پوتین' in html
    assert "جمعه ۱۴۰۳/۰۳/۰۴" in html
    assert "نویسنده" in html
    assert re.search(r"رصدگر.*رصدخونه اندیشکده ها", html, re.S)
    assert 'href="https://carnegieendowment.org/x"' in html and "لینک منبع اصلی" in html
    assert tank.get_absolute_url() in html and topic.get_absolute_url() in html
    assert "یکشنبه ساعت 10 شب" in html
    assert "متن کامل پنهان" not in html  # gated: an anonymous reader sees the summary only
    assert "دریافت اشتراک" in html


def test_open_access_article_shows_the_body(client):
    article = make_article(open_access=True, body="<p>متن باز برای همه</p>")
    assert "متن باز برای همه" in text(client.get(article.get_absolute_url()))


def test_similar_links_are_ordered_and_shown_both_ways(client):
    main = make_article("اصلی")
    first, second, third = make_article("سوم در ترتیب"), make_article("اول در ترتیب"), make_article("دوم در ترتیب")
    SimilarLink.objects.create(from_article=main, to_article=first, position=3)
    SimilarLink.objects.create(from_article=main, to_article=second, position=1)
    SimilarLink.objects.create(from_article=main, to_article=third, position=2)
    draft = make_article("پیش‌نویس مشابه", status=Article.Status.DRAFT)
    SimilarLink.objects.create(from_article=main, to_article=draft, position=4)

    html = text(client.get(main.get_absolute_url()))
    aside = html.split("<aside", 1)[1]
    similar = aside.split("مقالات مشابه", 1)[1].split("</section>", 1)[0]
    assert re.findall(r">([^<]+ در ترتیب)</a>", similar) == ["اول در ترتیب", "دوم در ترتیب", "سوم در ترتیب"]
    assert "پیش‌نویس مشابه" not in html
    # And back: the linked article shows the one that links to it.
    assert "اصلی" in text(client.get(first.get_absolute_url())).split("<aside", 1)[1]


def test_editors_choice_in_rank_order_on_feed_and_article(client):
    article = make_article("خواندنی")
    make_article("دومی", editors_choice_rank=2)
    make_article("اولی", editors_choice_rank=1)
    make_article("پیش‌نویس برگزیده", editors_choice_rank=3, status=Article.Status.DRAFT)
    for url in (FEED, article.get_absolute_url()):
        aside = text(client.get(url)).split("<aside", 1)[1]
        choice = aside.split("انتخاب سردبیر", 1)[1]
        assert choice.index("اولی") < choice.index("دومی")
        assert "پیش‌نویس برگزیده" not in choice


def test_wrong_slug_redirects_to_the_article(client):
    article = make_article("نشانی درست")
    response = client.get(reverse("articles:detail", args=[article.pk, "x"]))
    assert response.status_code == 301 and response["Location"] == article.get_absolute_url()
    assert client.get(reverse("articles:detail_short", args=[article.pk])).status_code == 301


def test_draft_is_404_for_readers_and_visible_to_staff(client):
    article = make_article("پیش‌نویس", status=Article.Status.DRAFT)
    response = client.get(article.get_absolute_url())
    assert response.status_code == 404
    assert "این مطلب منتشر نشده است." in text(response)
    client.force_login(make_user(is_staff=True))
    assert client.get(article.get_absolute_url()).status_code == 200


def test_missing_article_is_a_persian_404(client):
    response = client.get(reverse("articles:detail", args=[999999, "x"]))
    html = text(response)
    assert response.status_code == 404
    assert '<html lang="fa" dir="rtl" ' in html
    assert "صفحه‌ای که دنبالش بودید پیدا نشد" in html
    assert "بازگشت به تازه‌ترین رصدها" in html


def test_500_page_is_persian_without_a_request_context():
    response = server_error(RequestFactory().get(reverse("articles:feed")))
    html = text(response)
    assert response.status_code == 500
    assert '<html lang="fa" dir="rtl">' in html
    assert "متأسفیم، خطایی در سرور رخ داد" in html


def test_think_tank_author_and_topic_pages_list_their_articles(client):
    tank = make_think_tank("شورای آتلانتیک", name_original="Atlantic Council", country="ایالات متحده")
    author = make_author("رابرت کین", think_tank=tank)
    topic = make_topic("انرژی")
    mine = make_article("ناوگان سایه", think_tank=tank, authors=[author], topics=[topic])
    other = make_article("مقالهٔ دیگر")
    for obj, heading in ((tank, "اندیشکده"), (author, "نویسنده"), (topic, "موضوع")):
        response = client.get(obj.get_absolute_url())
        html = text(response)
        assert response.status_code == 200
        assert heading in html and obj.name in html
        assert titles_in(html) == [mine.title], obj
        assert other.title not in html
    assert "Atlantic Council" in text(client.get(tank.get_absolute_url()))
    assert client.get(reverse("articles:topic", args=["نیست"])).status_code == 404


def test_article_page_query_count_does_not_grow_with_links(client):
    def count(n: int) -> int:
        main = make_article("اصلی", authors=[make_author(), make_author()], topics=[make_topic()])
        for i in range(n):
            other = make_article(f"مشابه {i}", think_tank=make_think_tank(), editors_choice_rank=i + 1)
            if i % 2:
                SimilarLink.objects.create(from_article=main, to_article=other, position=i)
            else:
                SimilarLink.objects.create(from_article=other, to_article=main, position=i)
        with CaptureQueriesContext(connection) as ctx:
            html = text(client.get(main.get_absolute_url()))
        assert html.count("مشابه ") >= n
        return len(ctx.captured_queries)

    assert count(2) == count(8)
