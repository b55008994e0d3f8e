"""Hostile input on every URL of the site: no 5xx, ever, and nothing reaches the database.

Every URL pattern (the admin and the API included) is requested with NUL and other control
characters, malformed percent-encodings, bare words and huge numbers in its path parameters,
in the query parameters views read and in the fields of every form of the project, as an
anonymous visitor and as a signed-in editor. A hypothesis property does the same with text it
makes up. Runs on SQLite and PostgreSQL (PostgreSQL is the one that refuses NUL in text).
"""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from django import forms
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rasad.annotations.models import Annotation
from rasad.library.models import Collection
from tests.factories import make_user

# Raw (already percent-encoded where that is the point) values for a path segment or parameter.
HOSTILE = ["%00", "a%01b%7f", "%zz%E0%A4%A", "-1", "logout", "99999999999999999999999", "%C0%AF..%2F"]
# Every URL gets these; the property below draws from all of them and from made-up text.
SWEEP = ["%00", "%zz%E0%A4%A", "-1", "99999999999999999999999"]
QUERY_NAMES = ["page", "next", "q", "topic", "think_tank", "author", "week", "scope", "status", "sort", "cursor"]
_PARAM = re.compile(r"<(?:\w+:)?\w+>|\(\?P<\w+>[^)]*\)")


def _walk(patterns: list, prefix: str = "") -> list[str]:
    routes: list[str] = []
    for pattern in patterns:
        route = prefix + str(pattern.pattern).lstrip("^").rstrip("$").replace("\\Z", "")
        if isinstance(pattern, URLResolver):
            routes += _walk(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            routes.append(route)
    return routes


ROUTES = sorted(set(_walk(get_resolver().url_patterns)))


def _form_fields() -> list[str]:
    """The field names of every form class of the project."""
    names: set[str] = set()
    stack = list(forms.BaseForm.__subclasses__())
    while stack:
        form = stack.pop()
        stack += form.__subclasses__()
        if form.__module__.startswith("rasad."):
            names.update(getattr(form, "base_fields", {}))
    return sorted(names)


FORM_FIELDS = _form_fields()


def url_for(route: str, value: str) -> str:
    return "/" + _PARAM.sub(lambda _m: value, route)


def query(value: str) -> str:
    return "&".join(f"{name}={value}" for name in QUERY_NAMES)


def _body(value: str) -> str:
    return "&".join(f"{name}={value}" for name in [*FORM_FIELDS, "next"])


def _no_5xx(client: Client, method: str, url: str, **kwargs) -> int:
    response = getattr(client, method)(url, **kwargs)
    assert response.status_code < 500, (method, url, response.status_code)
    return response.status_code


@pytest.fixture
def clients(world):
    anonymous = Client()
    editor = Client()
    world.editor = make_user("fuzz_editor", is_staff=True, is_superuser=True)
    editor.force_login(world.editor)
    return anonymous, editor, world


@pytest.mark.parametrize("value", SWEEP)
def test_every_url_answers_hostile_values_without_5xx(clients, value):
    anonymous, editor, world = clients
    for route in ROUTES:
        url = url_for(route, value)
        if not route.startswith("admin/"):  # the admin sends visitors to its login page
            _no_5xx(anonymous, "get", f"{url}?{query(value)}")
        real = url_for(route, str(world.gated.pk)) if "<int:" in route or "<path:" in route else url
        _no_5xx(editor, "get", f"{real}?{query(value)}")
        _no_5xx(editor, "post", real, data=_body(value), content_type="application/x-www-form-urlencoded")
        if route.startswith("api/"):
            _no_5xx(
                editor, "post", real, data='{"note": "\\u0000", "title": "\\ud800"}', content_type="application/json"
            )
        if "logout" in route:
            editor.force_login(world.editor)


def test_nul_is_a_persian_400_and_nothing_is_written(world):
    client = Client()
    client.force_login(world.owner)
    for url in ["/think-tanks/%00/", "/authors/a%00b/", "/topics/%00/", "/annotations/team/?topic=%00"]:
        response = client.get(url)
        assert response.status_code == 400
        assert "نویسهٔ کنترلی" in response.content.decode()
    before = Annotation.objects.count(), Collection.objects.count()
    response = client.post(
        f"/annotations/articles/{world.open.pk}/",
        {"field": "summary", "exact": world.open.summary[:10], "note": "یادداشت\x00", "visibility": "private"},
    )
    assert response.status_code == 400
    assert client.post("/library/collections/", {"name": "فهرست\x00"}).status_code == 400
    api = client.post("/api/v1/collections", data='{"name": "a\\u0000"}', content_type="application/json")
    assert api.status_code == 422 and "نویسهٔ کنترلی" in api.json()["detail"]
    deep = client.post("/api/v1/collections", data="[" * 1000 + "]" * 1000, content_type="application/json")
    assert deep.status_code == 422
    assert (Annotation.objects.count(), Collection.objects.count()) == before


def test_a_note_keeps_its_line_breaks(world):
    client = Client()
    client.force_login(world.owner)
    response = client.post("/library/collections/", {"name": "فهرست\tتازه"})
    assert response.status_code < 400


@pytest.mark.parametrize("target", ["-1", "logout", "admin:index", "//evil.example/", "https://evil.example/"])
def test_next_is_a_same_site_url_never_a_view_name(db, target):
    response = Client().post(
        f"/accounts/signup/?next={quote(target)}",
        {"username": "tazeh", "email": "t@example.com", "password1": "Pass-1234-word!", "password2": "Pass-1234-word!"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/accounts/profile/"


def test_next_on_this_site_is_followed(db):
    response = Client().get("/accounts/login/?next=/library/")
    assert 'value="/library/"' in response.content.decode()


text_or_hostile = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=20).map(lambda s: quote(s, safe="%")))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(route=st.sampled_from(ROUTES), value=text_or_hostile, post=st.booleans())
def test_property_no_url_answers_5xx(clients, route, value, post):
    anonymous, editor, world = clients
    url = url_for(route, value)
    if post:
        _no_5xx(editor, "post", url, data=_body(value), content_type="application/x-www-form-urlencoded")
        editor.force_login(world.editor)
    else:
        _no_5xx(anonymous, "get", f"{url}?{query(value)}")
