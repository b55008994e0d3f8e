"""A reader types into the header box and results appear without a page load; the URL follows."""

from __future__ import annotations

import pytest

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
