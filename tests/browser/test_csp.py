"""htmx works in a real browser under the enforced Content Security Policy."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.factories import make_article

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_more_button_loads_cards_with_no_csp_violation(live_server, page, settings, artifacts_dir):
    settings.RASAD_PAGE_SIZE = 2
    for n in range(5):
        make_article(f"گزارش شمارهٔ {n}")
    violations: list[str] = []
    page.on(
        "console",
        lambda message: violations.append(message.text) if "Content Security Policy" in message.text else None,
    )
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => console.log('Content Security Policy: ' + e.violatedDirective))"
    )
    response = page.goto(live_server.url + "/")
    assert "'nonce-" in response.headers["content-security-policy"]
    assert page.locator("article.card").count() == 2
    page.get_by_role("link", name="بیشتر").click()
    # (expect() polls without eval, which our CSP forbids: page.wait_for_function("…") would fail.)
    expect(page.locator("article.card")).to_have_count(4)
    assert page.url == live_server.url + "/", "htmx swapped the cards in place instead of navigating"
    page.screenshot(path=str(artifacts_dir / "csp-feed-more.png"), full_page=True)
    assert violations == []


def test_editors_admin_works_under_the_policy(live_server, page):
    from tests.factories import make_user

    editor = make_user("editor", password="pass-1234-word", is_staff=True, is_superuser=True)
    violations: list[str] = []
    page.on(
        "console",
        lambda message: violations.append(message.text) if "Content Security Policy" in message.text else None,
    )
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => console.log('Content Security Policy: ' + e.violatedDirective + ' ' + e.blockedURI))"
    )
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "pass-1234-word")
    page.click("input[type=submit]")
    # The admin's own scripts (date widgets, filters, select boxes) run from 'self'.
    page.goto(live_server.url + f"/admin/auth/user/{editor.pk}/change/")
    assert page.locator("#id_username").input_value() == "editor"
    page.goto(live_server.url + "/admin/auth/user/")
    assert page.locator("#result_list").count() == 1
    assert violations == []
