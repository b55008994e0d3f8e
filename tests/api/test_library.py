"""The reading list and collections on the API, and citations a reference manager re-imports."""

from __future__ import annotations

import json

import bibtexparser
import rispy
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON

from rasad.access.models import Membership, Organisation
from rasad.library.models import Collection, SavedArticle
from tests.api.conftest import SENTINEL, TokenClient, token_for
from tests.factories import make_user


def test_save_read_note_and_remove(reader_api, reader, corpus):
    article = corpus["gated"]
    saved = reader_api.put(
        f"/api/v1/library/saved/{article.pk}",
        {"read": True, "note": "  برای جلسهٔ شنبه  "},
        content_type="application/json",
    )
    assert saved.status_code == 200, saved.content
    body = saved.json()
    assert body["read"] is True and body["note"] == "برای جلسهٔ شنبه"
    assert body["article"]["body"] is None  # the gate holds inside the library too
    again = reader_api.put(f"/api/v1/library/saved/{article.pk}", {}, content_type="application/json")
    assert again.json()["read"] is True  # idempotent: saving again changes nothing
    assert reader_api.get("/api/v1/library/saved", {"state": "read"}).json()["count"] == 1
    assert reader_api.get("/api/v1/library/saved", {"state": "unread"}).json()["count"] == 0
    assert reader_api.delete(f"/api/v1/library/saved/{article.pk}").status_code == 204
    assert not SavedArticle.objects.filter(user=reader).exists()
    assert reader_api.delete(f"/api/v1/library/saved/{article.pk}").status_code == 404


def test_bad_library_input_writes_nothing(reader_api, reader, corpus):
    url = f"/api/v1/library/saved/{corpus['gated'].pk}"
    cases = [
        ('{"note": ', "application/json", 400, None),  # malformed JSON
        (json.dumps({"read": "perhaps"}), "application/json", 422, "read"),
        (json.dumps({"note": 5}), "application/json", 422, "note"),
        (json.dumps({"note": "ن" * 5001}), "application/json", 422, "note"),
        (json.dumps({"colour": "red"}), "application/json", 422, "colour"),
        (json.dumps(["not", "an", "object"]), "application/json", 422, None),
    ]
    for raw, ctype, status, field in cases:
        answer = reader_api.put(url, raw, content_type=ctype)
        assert answer.status_code == status, (raw, answer.content)
        detail = answer.json()["detail"]
        assert any("\u0600" <= ch <= "\u06ff" for ch in detail), detail
        if field:
            assert field in detail
    assert not SavedArticle.objects.filter(user=reader).exists()


def test_too_large_bodies_are_refused_unread(reader_api, reader, corpus, settings):
    settings.RASAD_API_MAX_BODY_BYTES = 1000
    big = json.dumps({"note": "ن" * 2000})
    answer = reader_api.put(f"/api/v1/library/saved/{corpus['gated'].pk}", big, content_type="application/json")
    assert answer.status_code == 413
    assert "بزرگ" in answer.json()["detail"]
    assert not SavedArticle.objects.filter(user=reader).exists()


def test_unknown_addresses_and_methods_answer_persian_json(reader_api, corpus):
    missing = reader_api.get("/api/v1/nothing-here")
    assert missing.status_code == 404 and missing.json()["detail"] == "پیدا نشد."
    wrong = reader_api.post(f"/api/v1/articles/{corpus['gated'].pk}")
    assert wrong.status_code == 405 and "روش" in wrong.json()["detail"]


def test_saving_an_invisible_article_is_404(reader_api, corpus):
    for which in ("draft", "scheduled"):
        answer = reader_api.put(f"/api/v1/library/saved/{corpus[which].pk}", {}, content_type="application/json")
        assert answer.status_code == 404


def test_collections_personal_and_team(reader, corpus):
    org = Organisation.objects.create(name="تیم نمونه", slug="team")
    Membership.objects.create(organisation=org, user=reader, role=Membership.Role.MEMBER)
    mate = make_user("hamkar")
    Membership.objects.create(organisation=org, user=mate, role=Membership.Role.MEMBER)
    outsider = make_user("biganeh")
    api, mate_api, outsider_api = (TokenClient(token_for(u)) for u in (reader, mate, outsider))

    made = api.post("/api/v1/collections", {"name": "انرژی و تحریم", "team": "team"}, content_type="application/json")
    assert made.status_code == 201, made.content
    cid = made.json()["id"]
    assert made.json()["team"]["slug"] == "team"
    assert mate_api.put(f"/api/v1/collections/{cid}/articles/{corpus['gated'].pk}").status_code == 200
    assert [i["article"]["id"] for i in api.get(f"/api/v1/collections/{cid}").json()["items"]] == [corpus["gated"].pk]
    assert outsider_api.get(f"/api/v1/collections/{cid}").status_code == 404
    assert (
        mate_api.patch(f"/api/v1/collections/{cid}", {"name": "نو"}, content_type="application/json").status_code == 403
    )
    assert mate_api.delete(f"/api/v1/collections/{cid}").status_code == 403
    assert (
        api.patch(f"/api/v1/collections/{cid}", {"name": "نو"}, content_type="application/json").json()["name"] == "نو"
    )

    refused = outsider_api.post("/api/v1/collections", {"name": "x", "team": "team"}, content_type="application/json")
    assert refused.status_code == 422 and "team" in refused.json()["detail"]
    assert api.post("/api/v1/collections", {"name": ""}, content_type="application/json").status_code == 422
    assert Collection.objects.count() == 1
    assert api.delete(f"/api/v1/collections/{cid}").status_code == 204


def _collection_with(reader_api, corpus) -> int:
    cid = reader_api.post("/api/v1/collections", {"name": "نفت"}, content_type="application/json").json()["id"]
    for which in ("gated", "open"):
        reader_api.put(f"/api/v1/collections/{cid}/articles/{corpus[which].pk}")
    return cid


def test_collection_ris_reimports_with_persian_intact(reader_api, corpus):
    cid = _collection_with(reader_api, corpus)
    answer = reader_api.get(f"/api/v1/collections/{cid}/citation/ris")
    assert answer.status_code == 200
    assert answer["Content-Type"].startswith("application/x-research-info-systems")
    assert "attachment" in answer["Content-Disposition"]
    text = answer.content.decode("utf-8")
    assert text.startswith("TY  - RPRT")
    assert SENTINEL not in text
    records = rispy.loads(text)
    assert {r["title"] for r in records} == {"تحریم‌ها و بازار نفت", "گزارش آزاد دربارهٔ نفت"}
    gated = next(r for r in records if r["title"] == "تحریم‌ها و بازار نفت")
    assert gated["authors"] == ["سوزان مالونی"]
    assert gated["publisher"] == "بروکینگز"
    assert gated["year"] == str(corpus["gated"].published_on.year)
    assert "خورشیدی" in gated["notes"][0]  # the Jalali date
    assert gated["urls"][0] == "https://www.brookings.edu/articles/oil-sanctions/"

    # What a reference manager does next: turn the records into CSL items and format them.
    items = [
        {
            "id": r["id"],
            "type": "report",
            "title": r["title"],
            "author": [{"literal": a} for a in r.get("authors", [])],
            "publisher": r.get("publisher", ""),
            "issued": {"date-parts": [[int(r["year"])]]},
        }
        for r in records
    ]
    assert "تحریم‌ها و بازار نفت" in _formatted(items)


def _formatted(items: list[dict]) -> str:
    import os

    import citeproc

    style_path = os.path.join(os.path.dirname(citeproc.__file__), "data", "styles", "harvard-cite-them-right.csl")
    bibliography = CitationStylesBibliography(
        CitationStylesStyle(style_path, validate=False), CiteProcJSON(items), formatter.plain
    )
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    return "\n".join(str(entry) for entry in bibliography.bibliography())


def test_bibtex_and_csl_json_keep_persian(reader_api, corpus):
    cid = _collection_with(reader_api, corpus)
    bib = reader_api.get(f"/api/v1/collections/{cid}/citation/bibtex").content.decode()
    library = bibtexparser.parse_string(bib)
    assert not library.failed_blocks
    titles = {e.fields_dict["title"].value.strip("{}") for e in library.entries}
    assert titles == {"تحریم‌ها و بازار نفت", "گزارش آزاد دربارهٔ نفت"}
    csl = json.loads(reader_api.get(f"/api/v1/articles/{corpus['gated'].pk}/citation/csl-json").content)
    assert csl[0]["title"] == "تحریم‌ها و بازار نفت" and csl[0]["language"] == "fa"
    assert csl[0]["issued"]["date-parts"][0] == list(corpus["gated"].published_on.timetuple()[:3])
    assert "تحریم‌ها و بازار نفت" in _formatted(csl)
