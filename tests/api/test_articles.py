"""Articles, search and listings on the API, and the gate on every one of them."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.api.conftest import SENTINEL
from tests.factories import make_article


def test_reader_without_access_lists_and_searches_but_never_gets_a_gated_body(reader_api, corpus):
    listing = reader_api.get("/api/v1/articles")
    assert listing.status_code == 200
    assert SENTINEL not in listing.content.decode()
    by_id = {a["id"]: a for a in listing.json()["results"]}
    gated = by_id[corpus["gated"].pk]
    assert gated["body"] is None and gated["full_text"] is False
    assert gated["summary"] == "خلاصهٔ عمومی دربارهٔ تحریم‌ها و نفت."
    assert by_id[corpus["open"].pk]["body"] == "<p>متن آزاد برای همه.</p>"  # open access is for all

    detail = reader_api.get(f"/api/v1/articles/{corpus['gated'].pk}")
    assert detail.status_code == 200 and detail.json()["body"] is None
    assert SENTINEL not in detail.content.decode()

    found = reader_api.get("/api/v1/search", {"q": "تحریم"})
    assert found.status_code == 200
    assert corpus["gated"].pk in [a["id"] for a in found.json()["results"]]
    assert SENTINEL not in found.content.decode()
    # Words only in the body are not searchable without access.
    assert reader_api.get("/api/v1/search", {"q": "پایان"}).json()["results"] == []

    cite = reader_api.get(f"/api/v1/articles/{corpus['gated'].pk}/citation/ris")
    assert SENTINEL not in cite.content.decode()


def test_subscriber_token_receives_the_body(subscriber_api, corpus):
    listing = subscriber_api.get("/api/v1/articles").json()["results"]
    gated = next(a for a in listing if a["id"] == corpus["gated"].pk)
    assert SENTINEL in gated["body"] and gated["full_text"] is True
    assert SENTINEL in subscriber_api.get(f"/api/v1/articles/{corpus['gated'].pk}").json()["body"]
    hits = subscriber_api.get("/api/v1/search", {"q": "پایان"}).json()["results"]
    assert [h["id"] for h in hits] == [corpus["gated"].pk]
    assert SENTINEL in hits[0]["body"]


@pytest.mark.parametrize("which", ["draft", "scheduled"])
def test_drafts_and_scheduled_articles_do_not_exist(subscriber_api, corpus, which):
    article = corpus[which]
    assert subscriber_api.get(f"/api/v1/articles/{article.pk}").status_code == 404
    assert subscriber_api.get(f"/api/v1/articles/{article.pk}/citation/bibtex").status_code == 404
    listed = subscriber_api.get("/api/v1/articles", {"limit": 100}).json()["results"]
    assert article.pk not in [a["id"] for a in listed]
    assert subscriber_api.get(f"/api/v1/articles/{article.pk}").json()["detail"] == "پیدا نشد."


def test_article_shape_has_jalali_and_gregorian_dates(reader_api, corpus):
    data = reader_api.get(f"/api/v1/articles/{corpus['gated'].pk}").json()
    assert data["published_on"] == corpus["gated"].published_on.isoformat()
    assert data["published_on_jalali"].count("/") == 2
    assert data["think_tank"]["slug"] == "brookings"
    assert data["authors"][0]["name"] == "سوزان مالونی"
    assert data["url"].startswith("http://testserver/articles/")
    assert data["editors_choice"] is True


def test_filters_of_the_feed(reader_api, corpus):
    def ids(**params):
        answer = reader_api.get("/api/v1/articles", params)
        assert answer.status_code == 200, answer.content
        return [a["id"] for a in answer.json()["results"]]

    assert corpus["open"].pk not in ids(think_tank="brookings")
    assert ids(author="maloney") == [corpus["gated"].pk]
    assert ids(topic="energy") == [corpus["gated"].pk]
    assert ids(editors_choice="true") == [corpus["gated"].pk]
    since = corpus["open"].published_on
    assert set(ids(since=since.isoformat())) == {corpus["gated"].pk, corpus["open"].pk}
    import jdatetime

    jalali = jdatetime.date.fromgregorian(date=since).strftime("%Y/%m/%d")
    assert set(ids(since=jalali)) == {corpus["gated"].pk, corpus["open"].pk}


def test_cursor_pages_walk_the_whole_feed_once(reader_api, corpus):
    seen, url = [], "/api/v1/articles?limit=2"
    while url:
        page = reader_api.get(url).json()
        seen += [a["id"] for a in page["results"]]
        url = page["next"]
    assert len(seen) == len(set(seen)) == 5


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"think_tank": "nope"}, "think_tank"),
        ({"since": "1403/13/40"}, "since"),
        ({"since": "2024-05-24", "until": "2024-01-01"}, "until"),
        ({"limit": "0"}, "limit"),
        ({"limit": "abc"}, "limit"),
        ({"cursor": "!!!"}, "cursor"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_bad_filters_are_422_naming_the_field_in_persian(reader_api, corpus, params, field):
    answer = reader_api.get("/api/v1/articles", params)
    assert answer.status_code == 422, answer.content
    body = answer.json()
    assert field in body["detail"]
    assert any(e["field"] == field for e in body["errors"])
    assert all(any("\u0600" <= ch <= "\u06ff" for ch in e["message"]) for e in body["errors"])


def test_search_bad_input(reader_api, corpus):
    assert reader_api.get("/api/v1/search").status_code == 422
    assert reader_api.get("/api/v1/search", {"q": "نفت", "sort": "oldest"}).status_code == 422
    assert reader_api.get("/api/v1/search", {"q": "x" * 201}).status_code == 422
    assert reader_api.get("/api/v1/search", {"q": "نفت", "date_from": "نه"}).status_code == 422


def test_search_filters_by_slug_and_sorts(reader_api, corpus):
    hits = reader_api.get("/api/v1/search", {"q": "آزاد", "think_tank": "carnegie"}).json()["results"]
    assert [h["id"] for h in hits] == [corpus["open"].pk]
    assert "<mark>" in hits[0]["snippet"]


def test_listings(reader_api, corpus):
    tanks = reader_api.get("/api/v1/think-tanks").json()
    assert tanks["count"] == 2 and {t["slug"] for t in tanks["results"]} == {"brookings", "carnegie"}
    assert reader_api.get("/api/v1/think-tanks/brookings").json()["name_original"] == "Brookings"
    assert reader_api.get("/api/v1/authors/maloney").json()["think_tank"]["slug"] == "brookings"
    assert reader_api.get("/api/v1/topics").json()["results"][0]["name"] == "انرژی"
    assert reader_api.get("/api/v1/topics/nope").status_code == 404
    assert reader_api.get("/api/v1/think-tanks", {"limit": 1}).json()["next"]


@pytest.mark.parametrize("limit", [2, 40])
def test_queries_per_page_do_not_grow_with_the_page(reader_api, subscriber_api, corpus, limit):
    tank, author, topic = corpus["tank"], corpus["author"], corpus["topic"]
    for _ in range(45):
        make_article(think_tank=tank, authors=[author], topics=[topic])
    counts = {}
    for name, api in (("reader", reader_api), ("subscriber", subscriber_api)):
        api.get("/api/v1/articles?limit=1")  # last_used_at written once, outside the measure
        with CaptureQueriesContext(connection) as small:
            api.get("/api/v1/articles?limit=2")
        with CaptureQueriesContext(connection) as large:
            api.get(f"/api/v1/articles?limit={limit}")
        counts[name] = (len(small), len(large))
    assert counts["reader"][0] == counts["reader"][1]
    assert counts["subscriber"][0] == counts["subscriber"][1]


def test_openapi_schema_and_docs_page(client, corpus):
    schema = client.get("/api/v1/openapi.json")
    assert schema.status_code == 200
    doc = json.loads(schema.content)
    assert doc["openapi"].startswith("3.")
    assert "/api/v1/articles" in doc["paths"] and "/api/v1/search" in doc["paths"]
    docs = client.get("/api/v1/docs")
    html = docs.content.decode()
    assert docs.status_code == 200 and 'lang="fa"' in html
    assert "/static/ninja/swagger-ui-bundle.js" in html and "cdn" not in html.lower()
    assert "<script>" not in html  # no inline script: CSP allows only our files and nonces
