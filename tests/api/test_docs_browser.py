"""The API docs page runs Swagger UI from our own static files under the enforced CSP, and the
profile page makes a token a reader can then use."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.factories import make_article, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _watch(page) -> list[str]:
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => console.log('Content Security Policy: ' + e.violatedDirective + ' ' + e.blockedURI))"
    )
    return violations


def test_docs_page_renders_swagger_ui_without_csp_violations(live_server, page, artifacts_dir):
    make_article("گزارش نمونه")
    violations = _watch(page)
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(live_server.url + "/api/v1/docs")
    expect(page.locator(".swagger-ui .opblock").first).to_be_visible()
    assert page.locator(".opblock-summary-path", has_text="/api/v1/articles").count() >= 1
    page.screenshot(path=str(artifacts_dir / "api-docs.png"), full_page=False)
    assert violations == []
    assert all(url.startswith(live_server.url) for url in requests), "no CDN: every asset from our origin"


def test_profile_makes_a_token_shown_once(live_server, page, artifacts_dir):
    make_user("tokenreader", password="pass-1234-word")
    violations = _watch(page)
    page.goto(live_server.url + "/accounts/login/")
    page.fill("#id_username", "tokenreader")
    page.fill("#id_password", "pass-1234-word")
    page.press("#id_password", "Enter")
    page.wait_for_url("**/")
    page.goto(live_server.url + "/accounts/profile/#tokens")
    page.fill("#id_name", "زوترو")
    page.check("input[name=scope][value=read]")
    page.get_by_role("button", name="ساختن توکن").click()
    token = page.locator("#new-token-value").input_value()
    assert token.startswith("rasad_")
    page.screenshot(path=str(artifacts_dir / "profile-token.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(artifacts_dir / "profile-token-phone.png"), full_page=True)
    page.goto(live_server.url + "/accounts/profile/")
    assert token not in page.content()
    assert violations == []
