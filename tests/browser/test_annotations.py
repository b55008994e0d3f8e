"""In headless Chromium: a reader selects a passage, highlights it with a note, a teammate sees it."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
QUOTE = "دولت باید راه‌های تازه‌ای"


def session_for(browser, live_server, user, **context_options):
    client = Client()
    client.force_login(user)
    context = browser.new_context(locale="fa-IR", **context_options)
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    return context


def drag_select(page, text: str) -> None:
    """Select ``text`` in the summary with the mouse, as a reader would (right to left in RTL)."""
    rects = page.evaluate(
        """(quote) => {
            const root = document.querySelector('[data-annotatable="summary"]');
            const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
            let node;
            while ((node = walker.nextNode())) {
                const at = node.nodeValue.indexOf(quote);
                if (at < 0) continue;
                const first = document.createRange();
                first.setStart(node, at); first.setEnd(node, at + 1);
                const last = document.createRange();
                last.setStart(node, at + quote.length - 1); last.setEnd(node, at + quote.length);
                const a = first.getBoundingClientRect(), b = last.getBoundingClientRect();
                return {x1: a.right - 1, y1: a.top + a.height / 2, x2: b.left + 1, y2: b.top + b.height / 2};
            }
            return null;
        }""",
        text,
    )
    assert rects, "quote not on the page"
    page.mouse.move(rects["x1"], rects["y1"])
    page.mouse.down()
    page.mouse.move(rects["x2"], rects["y2"], steps=8)
    page.mouse.up()


def test_select_annotate_and_teammate_sees_it(browser, live_server, world, artifacts_dir):  # noqa: F811
    article_url = live_server.url + world.article.get_absolute_url()

    owner = session_for(browser, live_server, world.owner, viewport={"width": 1280, "height": 900})
    page = owner.new_page()
    page.goto(article_url)
    drag_select(page, QUOTE)
    form = page.locator("form.annotation-form")
    exact = form.locator("textarea[name=exact]").input_value()
    assert QUOTE in exact and len(exact) <= len(QUOTE) + 2
    assert form.locator("select[name=field]").input_value() == "summary"
    start = int(form.locator("input[name=start]").input_value())
    assert form.locator("input[name=end]").input_value() == str(start + len(exact))
    form.locator("textarea[name=note]").fill("این همان پیشنهاد اصلی گزارش است")
    form.locator("select[name=visibility]").select_option("team")
    form.get_by_role("button", name="برجسته‌سازی").click()

    mark = page.locator('[data-annotatable="summary"] mark.annotation-mark')
    mark.first.wait_for()
    assert "".join(mark.all_text_contents()) == exact
    assert "این همان پیشنهاد اصلی گزارش است" in page.locator("#annotation-margin").inner_text()
    owner.close()

    teammate = session_for(browser, live_server, world.teammate, viewport={"width": 1280, "height": 900})
    page = teammate.new_page()
    page.goto(article_url)
    mark = page.locator('[data-annotatable="summary"] mark.annotation-mark')
    mark.first.wait_for()
    assert "".join(mark.all_text_contents()) == exact
    margin = page.locator("#annotation-margin")
    assert "این همان پیشنهاد اصلی گزارش است" in margin.inner_text()
    assert "علی نویسنده" in margin.inner_text()
    # RTL: the margin sits to the left of the text.
    text_box = page.locator(".annotated-text").bounding_box()
    margin_box = margin.bounding_box()
    assert margin_box["x"] + margin_box["width"] <= text_box["x"] + 1
    page.screenshot(path=str(artifacts_dir / "annotations-desktop.png"), full_page=True)

    # On a phone the margin becomes a list below the text.
    page.set_viewport_size({"width": 375, "height": 800})
    text_box = page.locator(".annotated-text").bounding_box()
    margin_box = margin.bounding_box()
    assert margin_box["y"] >= text_box["y"] + text_box["height"] - 1
    page.screenshot(path=str(artifacts_dir / "annotations-375.png"), full_page=True)
    teammate.close()
