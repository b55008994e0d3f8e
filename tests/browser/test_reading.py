"""A reader's journey in headless Chromium: the feed, «بیشتر», the sample article; at desktop and phone width."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

SAMPLE_TITLE = "دوستی ایران و روسیه در زمان جانشین رئیسی"
SIMILAR_TITLES = [
    "گزارشی از شبکه‌های غیررسمی قدرت در ایران",
    "گزارشی از کشتار علویان در سوریه",
    "توان قوانین اروپا برای محافظت از لاهه در برابر آمریکا",
]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(("name", "width"), [("desktop", 1280), ("phone", 375)])
def test_read_the_feed_load_more_and_open_the_sample_article(live_server, page, artifacts_dir, name, width):
    call_command("loaddemo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + "/")

    assert page.locator("html").get_attribute("dir") == "rtl"
    cards = page.locator("#cards .card")
    first_page = cards.count()
    assert first_page == 12
    # Nothing sticks out sideways, even at phone width.
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=artifacts_dir / f"reading-feed-{name}.png", full_page=False)

    more = page.get_by_role("link", name="بیشتر")
    more.scroll_into_view_if_needed()
    more.click()
    # expect() polls without eval, which our Content Security Policy forbids.
    expect(cards.nth(first_page)).to_be_attached()
    assert page.url.rstrip("/") == live_server.url  # appended by htmx, not a new page
    assert cards.count() > first_page
    cards.nth(first_page).scroll_into_view_if_needed()
    page.screenshot(path=artifacts_dir / f"reading-more-{name}.png", full_page=False)

    page.get_by_role("link", name=SAMPLE_TITLE).first.click()
    page.wait_for_selector("h1.article-title")
    assert page.locator("h1.article-title").inner_text() == SAMPLE_TITLE
    header = page.locator(".article-header").inner_text()
    assert "جمعه ۱۴۰۳/۰۳/۰۴" in header
    assert "رصدخونه اندیشکده ها" in header
    assert page.get_by_role("link", name="لینک منبع اصلی").get_attribute("href").startswith("https://")
    similar = page.locator("aside .similar li a").all_inner_texts()
    assert similar == SIMILAR_TITLES
    assert page.locator("aside .editors-choice li").count() >= 3
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=artifacts_dir / f"reading-article-{name}.png", full_page=True)
