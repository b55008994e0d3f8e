"""Reading comfort and the second language: switches that work without JavaScript, and what the
pages say in each language."""

from __future__ import annotations

import json
import re

import pytest

from tests.world import login

pytestmark = pytest.mark.django_db


def test_theme_and_text_size_switches_set_cookies_and_mark_the_page(client, world):
    response = client.post("/preferences/", {"theme": "dark", "next": "/subscribe/guide/"})
    assert response.status_code == 302 and response["Location"] == "/subscribe/guide/"
    client.post("/preferences/", {"text_size": "larger"})
    html = client.get("/").content.decode()
    assert 'data-theme="dark"' in html and 'data-text-size="larger"' in html
    assert '<meta name="color-scheme" content="dark">' in html


def test_an_unknown_theme_is_a_persian_400_and_an_outside_next_stays_on_the_site(client, world):
    response = client.post("/preferences/", {"theme": "neon"})
    assert response.status_code == 400
    assert "neon" in response.content.decode() or "معتبر" in response.content.decode()
    assert client.post("/preferences/", {"theme": "light", "next": "https://evil.example/"})["Location"] == "/"


def test_english_interface_is_left_to_right_with_gregorian_dates_and_the_same_urls(client, world):
    html = client.get(world.open.get_absolute_url()).content.decode()
    assert '<html lang="fa" dir="rtl"' in html
    client.post("/i18n/setlang/", {"language": "en", "next": world.open.get_absolute_url()})
    html = client.get(world.open.get_absolute_url()).content.decode()
    assert '<html lang="en" dir="ltr"' in html
    assert "Latest" in html and "تازه‌ها" not in html
    assert f"{world.open.published_on:%Y-%m-%d}" in re.sub(r"<[^>]+>", " ", html)
    # The article itself stays Persian and right to left inside the English page.
    assert 'class="article-title" lang="fa" dir="rtl"' in html


def test_a_browser_that_prefers_english_still_gets_persian(client, world):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="fa" dir="rtl"' in html


def test_guide_numbers_steps_in_persian_digits(client, world):
    # The numbers are CSS counters in the page's digits; the list carries no Latin numbering.
    html = client.get("/subscribe/guide/").content.decode()
    assert '<ol class="guide">' in html


def test_favicon_robots_manifest_and_service_worker(client, world):
    assert client.get("/favicon.ico")["Location"].endswith("icons/rasad.svg")
    robots = client.get("/robots.txt")
    assert robots["Content-Type"].startswith("text/plain") and "Disallow: /library/" in robots.content.decode()
    manifest = json.loads(client.get("/manifest.webmanifest").content)
    assert manifest["dir"] == "rtl" and manifest["start_url"] == "/" and len(manifest["icons"]) == 3
    worker = client.get("/sw.js")
    assert worker["Service-Worker-Allowed"] == "/" and "__ASSETS__" not in worker.content.decode()
    assert client.get("/offline/").status_code == 200


def test_offline_list_has_only_the_readers_saved_articles(client, world):
    from rasad.library.services import article_set_saved

    assert json.loads(client.get("/library/offline.json").content) == {"urls": []}
    article_set_saved(user=world.owner, article=world.gated, saved=True)
    login(client, world.owner)
    assert json.loads(client.get("/library/offline.json").content) == {"urls": [world.gated.get_absolute_url()]}


def test_login_says_why_and_the_save_asked_for_is_done_after_logging_in(client, world):
    from rasad.library.models import SavedArticle

    response = client.post(f"/library/save/{world.open.pk}/", {"next": world.open.get_absolute_url()})
    assert response.status_code == 302 and "reason=library%3Asave" in response["Location"]
    page = client.get(response["Location"]).content.decode()
    assert "پس از ورود، مطلب ذخیره می‌شود" in page
    assert "·" not in page.split('class="form-links')[1].split("</ul>")[0]
    world.owner.set_password("pw-123456-x")
    world.owner.save()
    done = client.post(
        response["Location"],
        {"username": world.owner.username, "password": "pw-123456-x", "next": world.open.get_absolute_url()},
    )
    assert done.status_code == 302 and done["Location"] == world.open.get_absolute_url()
    assert SavedArticle.objects.filter(user=world.owner, article=world.open).exists()
    assert "به فهرست مطالعه افزوده شد" in client.get(done["Location"]).content.decode()


def test_field_help_is_where_aria_describedby_points(client, world):
    html = client.get("/accounts/signup/").content.decode()
    for target in re.findall(r'aria-describedby="([^"]+)"', html):
        assert f'id="{target}"' in html
