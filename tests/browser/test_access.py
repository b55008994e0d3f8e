"""A reader's journey in Chromium: the gate, signing in, the profile, at desktop and phone width."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from tests.factories import make_user
from tests.world import PASSWORD, SENTINEL

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_gate_then_login_as_subscriber_reads_full_text(live_server, page, artifacts_dir, world):
    make_user("reader", password=PASSWORD)
    call_command("subscribe", "reader", "--days", "30")
    url = live_server.url + world.gated.get_absolute_url()
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


def test_manager_and_contributor_pages_render(live_server, page, artifacts_dir, world):
    import datetime as dt

    from django.utils import timezone

    from rasad.access.models import Membership, Organisation, Plan
    from rasad.contributions.models import Contribution

    Plan.objects.create(name="ماهانه", duration_days=30, price_toman=120000)
    Plan.objects.create(name="سالانه", duration_days=365, price_toman=1000000)
    today = timezone.localdate()
    org = Organisation.objects.create(
        name="اندیشگاه نمونه",
        slug="org",
        seats=4,
        email_domains="org.example",
        access_starts_on=today,
        access_ends_on=today + dt.timedelta(days=90),
    )
    boss = make_user("boss", password=PASSWORD, email="boss@org.example")
    Membership.objects.create(organisation=org, user=boss, role="manager")
    Membership.objects.create(organisation=org, user=make_user("member1"))
    Contribution.objects.create(
        user=boss,
        title="رصد ردشده",
        source_url="https://x.example/1",
        summary="خ",
        body="م",
        status="rejected",
        rejection_reason="منبع معتبر نیست.",
    )
    page.goto(live_server.url + "/accounts/login/")
    page.fill("input[name=username]", "boss")
    page.fill("input[name=password]", PASSWORD)
    page.locator("form.form button[type=submit]").click()
    page.wait_for_load_state()
    for name, path in [
        ("guide", "/subscribe/guide/"),
        ("manage", "/organisations/org/manage/"),
        ("contribute", "/contribute/"),
        ("my-contributions", "/accounts/contributions/"),
    ]:
        for width in (1280, 375):
            page.set_viewport_size({"width": width, "height": 900})
            response = page.goto(live_server.url + path)
            assert response.status == 200, path
            page.screenshot(path=str(artifacts_dir / f"access-{name}-{width}.png"), full_page=True)
    page.goto(live_server.url + "/organisations/org/manage/")
    assert "۲ از ۴ صندلی پر است." in page.content()
