"""Production readiness: deploy checks, CSP with nonces, health endpoint, logging, page cache, router."""

from __future__ import annotations

import json
import logging
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import DatabaseError, transaction
from django.test import Client, RequestFactory
from django.urls import reverse

from rasad.core.logging import JsonFormatter
from rasad.db_router import PIN_COOKIE, PRIMARY, REPLICA, PrimaryAfterWriteMiddleware, PrimaryReplicaRouter
from tests.factories import make_article, make_user

ROOT = Path(__file__).resolve().parents[2]


def production_env(**extra: str) -> dict[str, str]:
    # (The browser fixture sets DJANGO_ALLOW_ASYNC_UNSAFE in this process; a deployment never would.)
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "RASAD_BENCH", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env.update(RASAD_ENV="production", SECRET_KEY=secrets.token_urlsafe(60), ALLOWED_HOSTS="rasad.example")
    env.update(extra)
    return env


def test_check_deploy_is_clean_in_production():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=production_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
    assert "WARNINGS" not in result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    env = production_env()
    del env["SECRET_KEY"]
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_logs_json_lines():
    code = "import logging, django; django.setup(); logging.getLogger('rasad.test').warning('سلام %s', 'دنیا')"
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=production_env(DJANGO_SETTINGS_MODULE="rasad.settings"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    record = next(line for line in lines if line["logger"] == "rasad.test")
    assert record["message"] == "سلام دنیا"
    assert record["level"] == "WARNING"


def test_json_formatter_keeps_extra_fields_and_never_the_query_string():
    request = RequestFactory().get(reverse("search:results") + "?q=secret")
    record = logging.LogRecord("django.request", logging.ERROR, __file__, 1, "boom", (), None)
    record.request = request
    record.status_code = 500
    record.duration_ms = 12.5
    payload = json.loads(JsonFormatter().format(record))
    assert payload["path"] == "/search/"
    assert payload["status"] == 500
    assert payload["duration_ms"] == 12.5
    assert "secret" not in json.dumps(payload)


# --- Content Security Policy ----------------------------------------------------------------


def csp_nonce_of(response) -> str:
    header = response["Content-Security-Policy"]
    match = re.search(r"'nonce-([^']+)'", header)
    assert match, header
    return match.group(1)


@pytest.mark.django_db
def test_pages_carry_an_enforced_csp_whose_nonce_is_on_the_htmx_script(client):
    article = make_article()
    for url in (reverse("articles:feed"), article.get_absolute_url()):
        response = client.get(url)
        assert response.status_code == 200
        header = response["Content-Security-Policy"]
        assert "script-src 'self' 'nonce-" in header
        assert "unsafe-inline" not in header and "unsafe-eval" not in header
        assert "default-src 'self'" in header and "frame-ancestors 'none'" in header
        nonce = csp_nonce_of(response)
        html = response.content.decode()
        scripts = re.findall(r"<script[^>]*>", html)
        assert scripts, "htmx is loaded"
        for tag in scripts:
            assert f'nonce="{nonce}"' in tag or "src=" in tag
        assert re.search(r'<script src="[^"]*htmx[^"]*" defer nonce="' + re.escape(nonce) + '"', html)


@pytest.mark.django_db
def test_each_request_gets_a_fresh_nonce(client):
    first = csp_nonce_of(client.get(reverse("articles:feed")))
    second = csp_nonce_of(client.get(reverse("articles:feed")))
    assert first != second


@pytest.mark.django_db
def test_pages_have_no_inline_styles_or_handlers_that_csp_would_block(client):
    article = make_article()
    for url in (reverse("articles:feed"), article.get_absolute_url(), "/no-such-page/"):
        html = client.get(url).content.decode()
        assert "<style" not in html
        assert not re.search(r"\sstyle=", html)
        assert not re.search(r"\s(on[a-z]+|(?:data-)?hx-on[:-][a-z:-]*)=", html)
        # htmx must not inject its indicator <style> or evaluate strings.
        assert '"includeIndicatorStyles":false' in html or url == "/no-such-page/"


def test_server_error_page_needs_no_inline_style():
    html = (ROOT / "templates" / "500.html").read_text()
    assert "<style" not in html and "style=" not in html
    assert "css/error.css" in html


# --- Health ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_healthz_reports_the_database(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_is_503_when_the_database_is_down(client, monkeypatch):
    from django.db import connections

    def broken_cursor(*args, **kwargs):
        raise DatabaseError("connection refused")

    monkeypatch.setattr(connections["default"], "cursor", broken_cursor)
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "error"}


def test_bench_baseline_view_is_not_routed_outside_benchmarks(client):
    assert client.get("/bench/bare/").status_code == 404


# --- Anonymous page cache -------------------------------------------------------------------


@pytest.mark.django_db
def test_anonymous_feed_is_served_from_cache_with_fresh_nonce_and_csrf_token(page_cache):
    make_article("گزارش نخست")
    client = Client(enforce_csrf_checks=True)
    first = client.get(reverse("articles:feed"))
    second = client.get(reverse("articles:feed"))
    assert first["X-Rasad-Cache"] == "miss"
    assert second["X-Rasad-Cache"] == "hit"
    assert "گزارش نخست" in second.content.decode()
    nonce = csp_nonce_of(second)
    assert nonce != csp_nonce_of(first)
    assert f'nonce="{nonce}"' in second.content.decode()
    assert "\x00" not in second.content.decode()
    # The CSRF token on the cached page is valid for this browser: a POST with it is not refused.
    token = re.search(r'"X-CSRFToken": "([A-Za-z0-9]+)"', second.content.decode()).group(1)
    accepted = client.post(reverse("admin:login"), {"username": "x", "password": "y"}, headers={"X-CSRFToken": token})
    assert accepted.status_code == 200
    refused = client.post(reverse("admin:login"), {"username": "x", "password": "y"}, headers={"X-CSRFToken": "x" * 64})
    assert refused.status_code == 403


@pytest.mark.django_db
def test_an_edit_shows_on_the_next_anonymous_request(page_cache, client):
    article = make_article("عنوان کهنه")
    assert "عنوان کهنه" in client.get(reverse("articles:feed")).content.decode()
    assert client.get(article.get_absolute_url())["X-Rasad-Cache"] == "miss"
    article.title = "عنوان تازه"
    article.save()
    html = client.get(reverse("articles:feed")).content.decode()
    assert "عنوان تازه" in html and "عنوان کهنه" not in html
    assert "عنوان تازه" in client.get(article.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_logged_in_readers_and_pending_messages_bypass_the_cache(page_cache, client):
    make_article()
    client.get(reverse("articles:feed"))
    client.force_login(make_user())
    response = client.get(reverse("articles:feed"))
    assert response.status_code == 200
    assert "X-Rasad-Cache" not in response
    anonymous = Client()
    anonymous.cookies["messages"] = "anything"
    assert "X-Rasad-Cache" not in anonymous.get(reverse("articles:feed"))


@pytest.mark.django_db
def test_cache_keys_on_page_and_htmx(page_cache, client, settings):
    settings.RASAD_PAGE_SIZE = 1
    make_article("اولی")
    make_article("دومی")
    page_one = client.get(reverse("articles:feed")).content.decode()
    page_two = client.get(reverse("articles:feed") + "?page=2", headers={"HX-Request": "true"}).content.decode()
    assert page_one != page_two
    assert "<html" not in page_two
    assert client.get(reverse("articles:feed") + "?page=9").status_code == 404


# --- Constant queries -------------------------------------------------------------------------


@pytest.mark.django_db
def test_feed_query_count_does_not_grow_with_page_size(client, settings):
    for n in range(25):
        make_article(f"مقاله {n}")
    settings.RASAD_PAGE_SIZE = 5
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        assert client.get(reverse("articles:feed")).status_code == 200
    settings.RASAD_PAGE_SIZE = 20
    with CaptureQueriesContext(connection) as large:
        assert client.get(reverse("articles:feed")).status_code == 200
    assert len(small) == len(large)


# --- Read replica router --------------------------------------------------------------------


def test_router_reads_from_replica_but_writes_use_primary():
    router = PrimaryReplicaRouter()
    assert router.db_for_read(None) == REPLICA
    assert router.db_for_write(None) == PRIMARY
    assert router.allow_migrate(PRIMARY, "articles") is True
    assert router.allow_migrate(REPLICA, "articles") is False


@pytest.mark.django_db(transaction=True)
def test_router_reads_inside_a_transaction_from_primary():
    router = PrimaryReplicaRouter()
    assert router.db_for_read(None) == REPLICA
    with transaction.atomic():
        assert router.db_for_read(None) == PRIMARY


def test_router_uses_primary_during_and_shortly_after_a_write():
    router = PrimaryReplicaRouter()
    seen = []

    def view(request):
        from django.http import HttpResponse

        seen.append(router.db_for_read(None))
        return HttpResponse("ok")

    middleware = PrimaryAfterWriteMiddleware(view)
    factory = RequestFactory()
    response = middleware(factory.post(reverse("library:save", args=[1])))
    assert PIN_COOKIE in response.cookies
    middleware(factory.get(reverse("articles:feed")))
    pinned = factory.get(reverse("articles:feed"))
    pinned.COOKIES[PIN_COOKIE] = "1"
    middleware(pinned)
    assert seen == [PRIMARY, REPLICA, PRIMARY]


@pytest.mark.django_db
def test_listing_count_is_cached_until_an_article_changes(page_cache, django_assert_num_queries):
    from rasad.articles.models import Article
    from rasad.core.pagination import CachedCountPaginator

    make_article()
    assert CachedCountPaginator(Article.objects.for_feed(), 10).count == 1
    with django_assert_num_queries(0):
        assert CachedCountPaginator(Article.objects.for_feed(), 10).count == 1
    make_article()
    assert CachedCountPaginator(Article.objects.for_feed(), 10).count == 2


@pytest.mark.django_db
def test_a_page_that_writes_the_session_is_not_cached(page_cache, rf):
    from django.contrib.auth.models import AnonymousUser
    from django.contrib.sessions.backends.db import SessionStore
    from django.http import HttpResponse

    from rasad.core.pagecache import anonymous_page_cache

    @anonymous_page_cache
    def view(request):
        request.session["seen"] = True
        return HttpResponse("<p>شخصی</p>")

    request = rf.get("/personal/")
    request.session = SessionStore()
    request.user = AnonymousUser()
    response = view(request)
    assert response.status_code == 200
    assert "X-Rasad-Cache" not in response


def test_production_redirects_to_https_but_not_the_health_check():
    code = (
        "import django; django.setup(); from django.test import Client; c = Client(HTTP_HOST='rasad.example');"
        "print(c.get('/').status_code, c.get('/').get('Location'), c.get('/healthz').status_code)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        # Its own throwaway database: the configured one may not exist (pytest only creates test_*).
        env=production_env(
            DJANGO_SETTINGS_MODULE="rasad.settings", LOG_LEVEL="CRITICAL", DATABASE_URL="sqlite://:memory:"
        ),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout.split() == ["301", "https://rasad.example/", "200"], result.stdout + result.stderr
