"""``manage.py fetch_feeds`` against feeds served from a local HTTP server on 127.0.0.1."""

from __future__ import annotations

import io
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import call_command

from rasad.articles.models import Article
from rasad.imports.fetcher import FeedFetchError, check_public_url
from tests.factories import make_think_tank
from tests.imports.test_import_command import RSS

pytestmark = pytest.mark.django_db

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Chatham</title>
<entry><title>گزارش اتم</title><link href="https://www.chathamhouse.org/2024/05/atom-one"/>
<id>urn:1</id><updated>2024-05-23T08:00:00Z</updated>
<content type="html">&lt;p dir="rtl"&gt;متن&lt;/p&gt;&lt;script&gt;x()&lt;/script&gt;</content></entry>
</feed>"""


class FeedHandler(BaseHTTPRequestHandler):
    routes = {
        "/rss": ("application/rss+xml", RSS.encode()),
        "/atom": ("application/atom+xml", ATOM.encode()),
        "/huge": ("application/rss+xml", b"<rss>" + b" " * 200_000 + b"</rss>"),
        "/broken": ("text/html", b"<html>not a feed"),
    }

    def do_GET(self):
        if self.path not in self.routes:
            self.send_error(404)
            return
        content_type, body = self.routes[self.path]
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def feed_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), FeedHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def fetch() -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("fetch_feeds", stdout=out, stderr=err)
        code = 0
    except SystemExit as exc:
        code = exc.code
    return code, out.getvalue() + err.getvalue()


def test_fetch_feeds_imports_new_items_as_drafts(feed_server, settings):
    settings.RASAD_FEEDS_ALLOW_PRIVATE = True
    brookings = make_think_tank("بروکینگز", feed_url=f"{feed_server}/rss")
    make_think_tank("چتم‌هاوس", feed_url=f"{feed_server}/atom")
    make_think_tank("بدون خوراک")
    code, output = fetch()
    assert code == 0, output
    assert "بروکینگز: ۲ مطلب تازه" in output
    assert "چتم‌هاوس: ۱ مطلب تازه" in output
    assert Article.objects.count() == 3
    assert set(Article.objects.values_list("status", flat=True)) == {Article.Status.DRAFT}
    article = Article.objects.get(source_url="https://www.brookings.edu/articles/iran-gulf/")
    assert article.think_tank == brookings
    atom = Article.objects.get(source_url="https://www.chathamhouse.org/2024/05/atom-one")
    assert "<script" not in atom.body and 'dir="rtl"' in atom.body

    code, output = fetch()  # from cron, again: nothing new
    assert code == 0
    assert "بروکینگز: ۰ مطلب تازه (پیش‌نویس)، ۲ تکراری" in output
    assert Article.objects.count() == 3


def test_loopback_is_refused_without_the_setting(feed_server, settings):
    settings.RASAD_FEEDS_ALLOW_PRIVATE = False
    make_think_tank("بروکینگز", feed_url=f"{feed_server}/rss")
    code, output = fetch()
    assert code == 1
    assert "شبکهٔ داخلی" in output and "127.0.0.1" in output
    assert Article.objects.count() == 0


@pytest.mark.parametrize(
    "url", ["http://10.0.0.5/feed", "http://169.254.169.254/latest", "http://[::1]/x", "file:///etc/passwd"]
)
def test_private_link_local_and_non_http_urls_are_refused(url, settings):
    settings.RASAD_FEEDS_ALLOW_PRIVATE = False
    with pytest.raises(FeedFetchError):
        check_public_url(url)


def test_one_bad_feed_does_not_stop_the_others(feed_server, settings):
    settings.RASAD_FEEDS_ALLOW_PRIVATE = True
    settings.RASAD_FEEDS_MAX_BYTES = 50_000
    make_think_tank("الف بزرگ", feed_url=f"{feed_server}/huge")
    make_think_tank("ب خراب", feed_url=f"{feed_server}/broken")
    make_think_tank("پ گمشده", feed_url=f"{feed_server}/missing")
    make_think_tank("ت سالم", feed_url=f"{feed_server}/rss")
    code, output = fetch()
    assert code == 1
    assert "الف بزرگ" in output and "کیلوبایت" in output
    assert "ب خراب" in output and "RSS یا Atom" in output
    assert "پ گمشده" in output and "404" in output
    assert "ت سالم: ۲ مطلب تازه" in output
    assert "Traceback" not in output
    assert Article.objects.count() == 2


def test_import_articles_accepts_a_feed_url(feed_server, settings):
    settings.RASAD_FEEDS_ALLOW_PRIVATE = True
    call_command("import_articles", f"{feed_server}/atom", stdout=io.StringIO(), stderr=io.StringIO())
    assert Article.objects.get().status == Article.Status.DRAFT
