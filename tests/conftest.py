"""Fixtures every test folder shares: fast passwords, no page cache unless asked for, the small
site (``world``) most tests read, and headless Chromium for the browser tests."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from django.core.cache import cache

from tests.world import World, build_world

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # Hashing passwords properly is what tests would otherwise spend their time on.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    # Test databases roll back without signals, so a page cached in one test could be served in
    # the next: the page cache is off unless a test turns it on (the ``page_cache`` fixtures).
    settings.RASAD_PAGE_CACHE_SECONDS = 0


@pytest.fixture(autouse=True)
def _fresh_cache():
    # django-axes counts failed logins in the cache: each test starts with none.
    cache.clear()


@pytest.fixture
def page_cache(settings):
    """The anonymous page cache turned on, empty before and after the test."""
    settings.RASAD_PAGE_CACHE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    # Tests render templates without running collectstatic.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def world(db) -> World:
    """The small site most tests read (``tests.world``)."""
    return build_world()


# --- the browser -------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    """Debian's headless Chromium driven by Playwright (``playwright install`` cannot download here)."""
    if not shutil.which(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: `make browser-deps` installs it")
        pytest.skip(f"{CHROMIUM} is not installed (run `make browser-deps`)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests make around
    # it are still synchronous. https://docs.djangoproject.com/en/5.2/topics/async/#async-safety
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    """A fresh browser context and page, Persian locale, desktop size."""
    context = browser.new_context(locale="fa-IR", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    """Where browser tests save screenshots for people to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def pytest_report_header(config) -> str:
    from django.conf import settings

    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    return f"rasad database: {engine} ({settings.DATABASES['default']['NAME']})"
