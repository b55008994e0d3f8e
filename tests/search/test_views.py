"""The search page: filters, errors, htmx partials, pagination, highlighting, query counts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import override_settings
from django.urls import reverse

from tests.factories import make_article, make_author, make_think_tank, make_topic

pytestmark = pytest.mark.django_db
URL = "/search/"


def get(client, params, **headers):
    return client.get(URL, params, **headers)


def test_url_name():
    assert reverse("search:results") == URL


def test_empty_search_invites_typing(client):
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert "واژه‌ای بنویسید" in html
    assert '<main id="main">' in html


def test_header_box_keeps_the_query_and_is_live(client):
    html = get(client, {"q": "تحریم نفت"}).content.decode()
    assert 'id="site-search" type="search" name="q" value="تحریم نفت"' in html
    assert 'data-hx-trigger="input changed delay:300ms' in html
    assert 'data-hx-push-url="true"' in html


def test_results_in_main_and_side_lists_in_aside(client):
    make_article("روابط ایران و روسیه", editors_choice_rank=1)
    html = get(client, {"q": "روسیه"}).content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    assert "روابط ایران و روسیه" in main
    assert '<aside class="side"' in html[html.index("</main>") :]


def test_title_beats_summary_in_ranking(client):
    in_summary = make_article("گزارشی دیگر", summary="اشاره‌ای گذرا به پهپادها.")
    in_title = make_article("پهپادها در جنگ تازه", summary="خلاصه‌ای دربارهٔ جنگ.")
    html = get(client, {"q": "پهپاد "}).content.decode()
    assert html.index(in_title.get_absolute_url()) < html.index(in_summary.get_absolute_url())


def test_filters_and_jalali_range_with_any_digits(client):
    tank, other_tank = make_think_tank("اندیشکده رند"), make_think_tank("چتم هاوس")
    topic, author = make_topic("انرژی"), make_author("سارا کاظمی")
    hit = make_article(
        "بازار گاز", think_tank=tank, topics=[topic], authors=[author], published_on=dt.date(2024, 5, 24)
    )
    make_article("بازار گاز اروپا", think_tank=other_tank, published_on=dt.date(2024, 5, 24))
    make_article("بازار گاز آسیا", think_tank=tank, topics=[topic], authors=[author], published_on=dt.date(2023, 1, 1))
    params = {
        "q": "بازار گاز",
        "think_tank": tank.pk,
        "topic": topic.pk,
        "author": author.pk,
        "date_from": "۱۴۰۳/۰۱/۰۱",  # Persian digits
        "date_to": "1403/12/29",  # Latin digits
    }
    html = get(client, params).content.decode()
    assert html.count('class="card"') == 1
    assert hit.get_absolute_url() in html
    params["date_from"] = "١٤٠٣/٠٣/٠٤"  # Arabic-Indic digits, the day itself
    assert hit.get_absolute_url() in get(client, params).content.decode()


def test_filters_without_words_browse_newest_first(client):
    tank = make_think_tank()
    old = make_article("قدیمی", think_tank=tank, published_on=dt.date(2023, 1, 1))
    new = make_article("تازه", think_tank=tank, published_on=dt.date(2024, 1, 1))
    html = get(client, {"think_tank": tank.pk}).content.decode()
    assert html.index(new.get_absolute_url()) < html.index(old.get_absolute_url())


def test_sort_newest(client):
    old = make_article("پهپادها و پهپادها", published_on=dt.date(2023, 1, 1))
    new = make_article("گزارش", summary="پهپاد", published_on=dt.date(2024, 1, 1))
    html = get(client, {"q": "پهپاد", "sort": "newest"}).content.decode()
    assert html.index(new.get_absolute_url()) < html.index(old.get_absolute_url())


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"q": "نفت", "think_tank": "999999"}, "چنین اندیشکده‌ای در رصد نیست."),
        ({"q": "نفت", "think_tank": "abc"}, "چنین اندیشکده‌ای در رصد نیست."),
        ({"q": "نفت", "topic": "999999"}, "چنین موضوعی در رصد نیست."),
        ({"q": "نفت", "author": "999999"}, "چنین نویسنده‌ای در رصد نیست."),
        ({"q": "نفت", "date_from": "1403/13/01"}, "تاریخ شمسی معتبری وارد کنید"),
        ({"q": "نفت", "date_from": "دیروز"}, "تاریخ شمسی معتبری وارد کنید"),
        ({"q": "نفت", "date_from": "1403/05/01", "date_to": "1403/01/01"}, "نباید پیش از"),
        ({"q": "نفت", "sort": "random"}, "ترتیب باید"),
    ],
)
def test_bad_parameters_get_a_persian_message_not_500(client, params, message):
    make_article("نفت")
    response = get(client, params)
    assert response.status_code == 400
    assert message in response.content.decode()


@pytest.mark.parametrize("page", ["abc", "0", "-1", "101", "5"])
def test_bad_or_missing_page_is_a_persian_404(client, page):
    make_article("نفت")
    response = get(client, {"q": "نفت", "page": page})
    assert response.status_code == 404


def test_only_excluded_words_explain_themselves(client):
    html = get(client, {"q": "-نفت"}).content.decode()
    assert "دست‌کم یک واژه بنویسید" in html


@override_settings(RASAD_PAGE_SIZE=2)
def test_more_button_loads_next_page_as_htmx_partial(client):
    for n in range(5):
        make_article(f"گزارش نفت شمارهٔ {n}", published_on=dt.date(2024, 1, 1 + n))
    first = get(client, {"q": "نفت", "sort": "newest"}).content.decode()
    assert first.count('class="card"') == 2
    assert "page=2" in first and "بیشتر" in first
    second = get(client, {"q": "نفت", "sort": "newest", "page": "۲"}, HTTP_HX_REQUEST="true")
    html = second.content.decode()
    assert html.count('class="card"') == 2
    assert "<html" not in html
    assert "page=3" in html


def test_htmx_live_results_from_search_form(client):
    make_article("گزارش", summary="اثر تحریم‌های نفتی بر بودجه.")
    response = get(client, {"q": "تحریم"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="search-results")
    html = response.content.decode()
    assert "<html" not in html and "search-form" not in html
    assert "<mark>تحریم‌های</mark>" in html
    assert 'data-hx-swap-oob="true"' in html  # header box follows the query


def test_htmx_live_results_from_header_box(client):
    make_article("تحریم‌های نفتی")
    html = get(client, {"q": "تحریم"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="main").content.decode()
    assert "<html" not in html
    assert 'id="search-form"' in html and "تحریم‌های نفتی" in html
    assert 'data-hx-swap-oob="true"' not in html


def test_snippet_is_escaped_before_marking(client):
    make_article("گزارش", summary='<script>alert("x")</script> تحریم <b>پررنگ</b>')
    html = get(client, {"q": "تحریم"}).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;" in html
    assert "<mark>تحریم</mark>" in html


def test_no_result_page_kindly_says_so(client):
    make_article("روابط ایران و روسیه")
    html = get(client, {"q": "کهکشان"}).content.decode()
    assert "مطلبی با «کهکشان» پیدا نکردیم." in html
    assert "املای دیگری را امتحان کنید" in html


def _make_results(n: int) -> None:
    tank = make_think_tank()
    for i in range(n):
        make_article(
            f"گزارش بودجه {i}",
            think_tank=tank,
            authors=[make_author(), make_author()],
            topics=[make_topic(), make_topic()],
        )


def test_constant_queries_whatever_the_page_size(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    get(client, {"q": "گرم"})  # a process reads the equivalences table once, not once a page
    counts = []
    for n, shown in ((3, 3), (8, 11)):  # 3 results, then 11 (fewer than 3 also tries a correction)
        _make_results(n)
        with CaptureQueriesContext(connection) as captured:
            html = get(client, {"q": "بودجه"}).content.decode()
        assert html.count('class="card"') == shown
        counts.append(len(captured))
    assert counts[0] == counts[1] <= 12


def test_results_say_how_many_matched(client):
    for n in range(3):
        make_article(f"گزارش فولاد {n}")
    make_article("گزارش مس")
    html = get(client, {"q": "فولاد"}).content.decode()
    assert "۳ مطلب یافت شد" in html


@override_settings(RASAD_PAGE_SIZE=2)
def test_a_count_past_the_ranking_window_says_it_stops_there(client, monkeypatch):
    from rasad.search import backends

    monkeypatch.setattr(backends, "RANK_WINDOW", 4)
    for n in range(6):
        make_article(f"گزارش روی {n}", published_on=dt.date(2024, 1, 1 + n))
    for sort in ("relevance", "newest"):
        html = get(client, {"q": "روی", "sort": sort}).content.decode()
        assert "بیش از ۴ مطلب یافت شد" in html


def test_a_short_last_word_being_typed_does_not_empty_the_results(client):
    article = make_article("اثر تحریم‌ها بر صادرات", summary="خلاصه")
    for typed in ("تحریم ن", "تحریم نف", "تحریم ص"):
        assert article.get_absolute_url() in get(client, {"q": typed}).content.decode(), typed
    other = make_article("تحریم نفت ایران", summary="خلاصه")
    html = get(client, {"q": "تحریم نف"}).content.decode()
    assert other.get_absolute_url() in html and article.get_absolute_url() not in html  # it narrows when it can


def test_live_results_push_the_address_from_another_page_and_replace_it_on_the_search_page(client):
    make_article("تحریم‌های نفتی")
    headers = {"HX-Request": "true", "HX-Target": "main"}
    params = {"q": "تحریم", "think_tank": "", "sort": ""}
    from_feed = get(
        client,
        params,
        **{f"HTTP_{k.upper().replace('-', '_')}": v for k, v in headers.items()},
        HTTP_HX_CURRENT_URL="http://testserver/",
    )
    assert from_feed["HX-Push-Url"] == "/search/?q=%D8%AA%D8%AD%D8%B1%DB%8C%D9%85"  # empty filters left out
    assert "<title>جست‌وجوی «تحریم» | رصد اندیشکده‌ها</title>" in from_feed.content.decode()
    on_search = get(
        client,
        params,
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="main",
        HTTP_HX_CURRENT_URL="http://testserver/search/?q=%D8%AA%D8%AD",
    )
    assert "HX-Push-Url" not in on_search and on_search["HX-Replace-Url"].startswith("/search/?q=")


def test_a_history_restore_gets_the_whole_page(client):
    make_article("تحریم‌های نفتی")
    response = get(client, {"q": "تحریم"}, HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true")
    assert "<html" in response.content.decode()


def test_a_phrase_does_not_run_from_the_title_into_the_summary(client):
    across = make_article("گزارش بازار نفت", summary="خام فروشی ادامه دارد.")
    inside = make_article("گزارش دیگر", summary="بازار نفت خام آرام شد.")
    html = get(client, {"q": '"نفت خام"'}).content.decode()
    assert inside.get_absolute_url() in html and across.get_absolute_url() not in html
