"""A reader's journey in Chromium: the gate, signing in, the profile, at desktop and phone width."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from tests.access.conftest import PASSWORD, SENTINEL
from tests.factories import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_gate_then_login_as_subscriber_reads_full_text(live_server, page, artifacts_dir, world):
    make_user("reader", password=PASSWORD)
    call_command("subscribe", "reader", "--days", "30")
    url = live_server.url + world["gated"].get_absolute_url()
    page.goto(url)
    assert page.locator(".gate").is_visible()
    assert SENTINEL not in page.content()
    page.screenshot(path=str(artifacts_dir / "access-gate-desktop.png"), full_page=True)
    page.set_viewport_size({"width": 375, "height": 800})
    page.screenshot(path=str(artifacts_dir / "access-gate-375.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.locator(".gate a", has_text="ورود").click()
    page.fill("input[name=username]", "reader")
    page.fill("input[name=password]", PASSWORD)
    page.locator("form.form button[type=submit]").click()
    page.wait_for_url(url)
    assert SENTINEL in page.locator(".body-text").inner_text()
    page.goto(live_server.url + "/accounts/profile/")
    assert "دسترسی کامل شما تا" in page.content()
    page.screenshot(path=str(artifacts_dir / "access-profile-desktop.png"), full_page=True)
    page.set_viewport_size({"width": 375, "height": 800})
    page.screenshot(path=str(artifacts_dir / "access-profile-375.png"), full_page=True)
    # Logging out is a POST form in the header.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.locator(".site-nav button", has_text="خروج").click()
    page.goto(url)
    assert page.locator(".gate").is_visible()
