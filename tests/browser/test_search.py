"""A reader types into the header box and results appear without a page load; the URL follows."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.factories import make_article

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [1280, 375])
def test_live_results_while_typing(live_server, page, artifacts_dir, width):
    make_article("اثر تحریم‌ها بر صادرات نفت", summary="تحریم‌های تازه صادرات نفت را کاهش داد.")
    make_article("گزارشی دربارهٔ کشاورزی", summary="کم‌آبی و کشاورزی.")
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + "/")
    page.fill("#site-search", "تحريمها")  # Arabic yeh, no half-space
    page.wait_for_selector("#search-results .card")
    assert "/search/?q=" in page.url
    cards = page.locator("#search-results .card")
    assert cards.count() == 1
    assert "صادرات نفت" in cards.first.inner_text()
    assert page.locator("#search-results mark").first.inner_text() == "تحریم‌های"
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # nothing spills sideways
    page.screenshot(path=str(artifacts_dir / f"search-live-{width}.png"), full_page=True)
    page.click("details.search-more > summary")  # filters are folded away until asked for
    page.select_option("#id_sort", "newest")
    page.wait_for_url("**sort=newest**")  # a filter change updates results and the URL
    assert page.locator("#search-results .card").count() == 1
    page.fill("#search-q", "زرافه")
    page.wait_for_selector("text=پیدا نکردیم")
    assert page.locator("#search-results .card").count() == 0


def test_header_search_follows_in_address_bar_title_and_history(live_server, page, artifacts_dir):
    make_article("اثر تحریم‌ها بر صادرات نفت", summary="تحریم‌های تازه صادرات نفت را کاهش داد.")
    make_article("تحریم بانک‌ها", summary="تحریم‌های بانکی.")
    make_article("گزارشی دربارهٔ کشاورزی", summary="کم‌آبی و کشاورزی.")
    problems: list[str] = []
    page.on(
        "console",
        lambda msg: problems.append(f"{msg.text} {msg.location}") if msg.type in ("error", "warning") else None,
    )
    page.on("response", lambda r: problems.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto(live_server.url + "/")
    feed_title = page.title()
    history = page.evaluate("history.length")

    page.type("#site-search", "تحریم", delay=40)
    page.wait_for_selector("#search-results .card")
    expect(page).to_have_title(re.compile("^جست‌وجوی «تحریم»"))
    assert page.url == live_server.url + "/search/?q=%D8%AA%D8%AD%D8%B1%DB%8C%D9%85"  # no empty filters
    assert page.title().startswith("جست‌وجوی «تحریم»")
    assert "۲ مطلب یافت شد" in page.inner_text(".search-count")
    assert page.evaluate("history.length") == history + 1  # one entry, not one per keystroke

    page.type("#site-search", " صادرات", delay=40)
    expect(page).to_have_title(re.compile("^جست‌وجوی «تحریم صادرات»"))
    page.wait_for_selector(".search-count:has-text('۱ مطلب یافت شد')")
    assert "%D8%B5%D8%A7%D8%AF%D8%B1%D8%A7%D8%AA" in page.url
    assert page.evaluate("history.length") == history + 1  # still typing: the entry is replaced
    searched = page.url

    page.go_back()
    page.wait_for_url(live_server.url + "/")
    expect(page).to_have_title(feed_title)
    assert page.locator("#search-results").count() == 0  # the feed is back

    page.goto(searched)  # shareable and reload-safe: the address alone gives the same results
    assert page.locator("#search-results .card").count() == 1
    assert page.title().startswith("جست‌وجوی «تحریم صادرات»")
    assert problems == [], problems
    # Last: Playwright's screenshot injects a style of its own, which the CSP rightly refuses.
    page.screenshot(path=str(artifacts_dir / "search-header-live.png"), full_page=True)
