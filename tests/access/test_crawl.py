"""A black-box crawl: from the home page over every same-site link, the sentinel never appears.

Generic on purpose: it follows whatever links and ``hx-get`` targets the pages carry, so links
that later features add (reading lists, annotations, search) are crawled too.
"""

from __future__ import annotations

import re
from collections import deque
from html import unescape
from urllib.parse import parse_qsl, urldefrag, urlencode, urljoin, urlsplit

import pytest
from django.core.management import call_command

from tests.access.readers import make_reader
from tests.factories import make_user
from tests.world import SENTINEL, login

pytestmark = pytest.mark.django_db

LINK_RE = re.compile(r"""(?:href|data-hx-get|hx-get|action)\s*=\s*["']([^"']+)["']""", re.I)
LOC_RE = re.compile(r"<(?:loc|link|id)>([^<]+)</(?:loc|link|id)>|<link[^>]+href=\"([^\"]+)\"", re.I)
SKIP_PREFIXES = ("/admin/", "/static/", "/media/", "/accounts/logout/")
MAX_PAGES = 1500


def same_site_path(base: str, raw: str) -> str | None:
    raw = unescape(raw.strip())
    if not raw or raw.startswith(("mailto:", "javascript:", "tel:", "#")):
        return None
    url, _fragment = urldefrag(urljoin("http://testserver" + base, raw))
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or parts.netloc != "testserver":
        return None
    # ``next=`` only says where to come back to: one login page is enough, not one per page.
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "next"])
    path = parts.path + (f"?{query}" if query else "")
    if path.startswith(SKIP_PREFIXES):
        return None
    return path


def crawl(client, *, htmx: bool) -> dict[str, int]:
    """Breadth-first GETs from ``/``; returns every visited path with its status code."""
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    queue = deque(["/", "/feed/", "/feed/atom/", "/sitemap.xml"])
    seen: dict[str, int] = {}
    while queue and len(seen) < MAX_PAGES:
        path = queue.popleft()
        if path in seen:
            continue
        response = client.get(path, **headers)
        seen[path] = response.status_code
        assert response.status_code < 500, path
        assert SENTINEL.encode() not in response.content, path
        if response.status_code in (301, 302):
            target = same_site_path(path, response["Location"])
            if target:
                queue.append(target)
            continue
        content_type = response.get("Content-Type", "")
        if not any(kind in content_type for kind in ("html", "xml")):
            continue
        text = response.content.decode("utf-8", "replace")
        raws = LINK_RE.findall(text) + [a or b for a, b in LOC_RE.findall(text)]
        for raw in raws:
            target = same_site_path(path, raw)
            if target and target not in seen:
                queue.append(target)
    return seen


@pytest.mark.parametrize("htmx", [False, True], ids=["full", "htmx"])
@pytest.mark.parametrize("kind", ["anonymous", "no_access"])
def test_crawl_never_meets_the_sentinel(client, world, kind, htmx):
    login(client, make_reader(kind))
    seen = crawl(client, htmx=htmx)
    # The crawl really reached the gated article, its listings and the feeds.
    assert world.gated.get_absolute_url() in seen
    assert world.topic.get_absolute_url() in seen
    assert "/feed/" in seen and "/sitemap.xml" in seen and "/sitemap-articles.xml" in seen
    assert any("page=2" in path for path in seen)
    assert len(seen) < MAX_PAGES, "the crawl was cut short"


def test_subscriber_made_with_the_command_meets_the_sentinel(client, world):
    user = make_user("crawl_subscriber")
    call_command("subscribe", "crawl_subscriber", "--days", "30")
    client.force_login(user)
    response = client.get(world.gated.get_absolute_url())
    assert SENTINEL.encode() in response.content
