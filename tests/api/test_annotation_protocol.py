"""The W3C Web Annotation Protocol on each article's annotations, held to the protocol's MUSTs
(as web-platform-tests' annotation-protocol server tests check them) and to the Data Model."""

from __future__ import annotations

import json

import jsonschema
import pytest

from rasad.access.models import Membership, Organisation
from rasad.annotations.models import Annotation
from rasad.annotations.services import annotation_create
from tests.api.conftest import SENTINEL, TokenClient, token_for
from tests.api.w3c_schemas import ANNOTATION, CONTAINER, PAGE, RASAD_ANNOTATION
from tests.factories import make_article, make_user

LD = "application/ld+json"
PROFILE = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"'
SUMMARY = "کارشناسان می‌گویند دولت باید راه‌های تازه‌ای برای فروش نفت بیابد و تحریم‌ها را دور بزند."
QUOTE = "راه‌های تازه‌ای برای فروش نفت"


def validate(schema: dict, data: dict) -> None:
    jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker()).validate(data)


@pytest.fixture
def team(db, settings):
    settings.RASAD_ANNOTATION_PAGE_SIZE = 2
    org = Organisation.objects.create(name="تیم پژوهش", slug="research")
    other_org = Organisation.objects.create(name="تیم دیگر", slug="other")
    owner, mate, outsider = make_user("owner"), make_user("mate"), make_user("outsider")
    Membership.objects.create(organisation=org, user=owner)
    Membership.objects.create(organisation=org, user=mate)
    Membership.objects.create(organisation=other_org, user=outsider)
    article = make_article("نفت و تحریم", summary=SUMMARY, body=f"<p>متن کامل. {SENTINEL} پایان.</p>")
    return {
        "article": article,
        "owner": owner,
        "mate": mate,
        "outsider": outsider,
        "api": TokenClient(token_for(owner)),
        "mate_api": TokenClient(token_for(mate)),
        "outsider_api": TokenClient(token_for(outsider)),
        "url": f"/api/v1/articles/{article.pk}/annotations/",
    }


def new_annotation(article, **extra):
    return {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "Annotation",
        "body": {"type": "TextualBody", "value": "نکتهٔ مهم برای جلسه", "language": "fa"},
        "target": {
            "source": f"http://testserver{article.get_absolute_url()}",
            "selector": {"type": "TextQuoteSelector", "exact": QUOTE},
        },
        "rasad:visibility": "team",
        **extra,
    }


def post(api, url, data, content_type=LD):
    return api.post(url, json.dumps(data), content_type=content_type)


def test_container_musts(team):
    api, url = team["api"], team["url"]
    for n in range(3):
        annotation_create(
            author=team["owner"], article=team["article"], field="summary", exact=QUOTE, note=f"یادداشت {n}"
        )
    response = api.get(url)
    assert response.status_code == 200
    assert url.endswith("/")  # a container's IRI ends in a slash
    assert response["Content-Type"] == PROFILE
    for method in ("GET", "HEAD", "OPTIONS", "POST"):
        assert method in response["Allow"]
    assert '<http://www.w3.org/ns/ldp#BasicContainer>; rel="type"' in response["Link"]
    assert (
        '<http://www.w3.org/TR/annotation-protocol/>; rel="http://www.w3.org/ns/ldp#constrainedBy"' in response["Link"]
    )
    assert response["ETag"].startswith('"')
    assert "Accept" in response["Vary"]
    assert response["Accept-Post"] == PROFILE
    body = response.json()
    validate(CONTAINER, body)
    assert response["Content-Location"] == body["id"] == f"http://testserver{url}"
    assert body["total"] == 3
    # Without an Accept header the representation is still JSON-LD.
    assert api.get(url, HTTP_ACCEPT="").json()["id"] == body["id"]

    head = api.head(url)
    assert head.status_code == 200 and head["ETag"] == response["ETag"] and head.content == b""
    options = api.options(url)
    assert options.status_code == 200 and "POST" in options["Allow"] and options["Accept-Post"] == PROFILE

    first = api.get(body["first"])
    assert first.status_code == 200
    page = first.json()
    validate(PAGE, page)
    assert page["partOf"]["id"] == body["id"] and page["startIndex"] == 0
    assert "next" in page and "prev" not in page
    last = api.get(body["last"]).json()
    validate(PAGE, last)
    assert "prev" in last and "next" not in last
    for item in page["items"] + last["items"]:
        validate(ANNOTATION, {"@context": "http://www.w3.org/ns/anno.jsonld", **item})
    assert len(page["items"]) + len(last["items"]) == 3

    iris = api.get(
        url + "?page=0", HTTP_PREFER='return=representation;include="http://www.w3.org/ns/oa#PreferContainedIRIs"'
    )
    assert all(isinstance(i, str) and i.startswith(body["id"]) for i in iris.json()["items"])


def test_annotation_musts_and_data_model(team):
    api, url, article = team["api"], team["url"], team["article"]
    created = post(api, url, new_annotation(article, canonical="urn:uuid:5c8a9d56-5b0a-4e8e-9d0f-0f2a0c2b6f11"))
    assert created.status_code == 201, created.content
    data = created.json()
    assert created["Location"] == data["id"] and data["id"].startswith(f"http://testserver{url}")
    assert data["canonical"] == "urn:uuid:5c8a9d56-5b0a-4e8e-9d0f-0f2a0c2b6f11"  # preserved, as the protocol says
    assert created["Content-Type"] == PROFILE
    validate(ANNOTATION, data)
    validate(RASAD_ANNOTATION, data)
    quote, position = data["target"]["selector"]
    assert quote == {
        "type": "TextQuoteSelector",
        "exact": QUOTE,
        "prefix": SUMMARY[: SUMMARY.index(QUOTE)][-32:],
        "suffix": SUMMARY[SUMMARY.index(QUOTE) + len(QUOTE) :][:32],
    }
    assert position == {
        "type": "TextPositionSelector",
        "start": SUMMARY.index(QUOTE),
        "end": SUMMARY.index(QUOTE) + len(QUOTE),
    }
    assert data["body"]["value"] == "نکتهٔ مهم برای جلسه" and data["body"]["textDirection"] == "rtl"
    assert data["creator"]["nickname"] == "owner"

    got = api.get(data["id"])
    assert got.status_code == 200 and got["Content-Type"] == PROFILE
    assert got["Link"] == '<http://www.w3.org/ns/ldp#Resource>; rel="type"'
    for method in ("GET", "HEAD", "OPTIONS"):
        assert method in got["Allow"]
    assert got["ETag"] and "Accept" in got["Vary"]
    assert api.head(data["id"]).status_code == 200
    assert api.options(data["id"]).status_code == 200

    # PUT with the ETag just read; an old ETag is refused.
    changed = {**got.json(), "body": {"type": "TextualBody", "value": "یادداشت تازه"}}
    updated = api.put(data["id"], json.dumps(changed), content_type=LD, HTTP_IF_MATCH=got["ETag"])
    assert updated.status_code == 200, updated.content
    assert updated.json()["body"]["value"] == "یادداشت تازه"
    stale = api.put(data["id"], json.dumps(changed), content_type=LD, HTTP_IF_MATCH=got["ETag"])
    assert stale.status_code == 412 and "ETag" in stale.json()["detail"]
    # Moving the highlight to another passage.
    moved = {
        **updated.json(),
        "target": {
            "source": data["target"]["source"],
            "selector": {"type": "TextQuoteSelector", "exact": "تحریم‌ها را دور بزند"},
        },
    }
    answer = api.put(data["id"], json.dumps(moved), content_type=LD)
    assert answer.json()["target"]["selector"][1]["start"] == SUMMARY.index("تحریم‌ها را دور بزند")

    assert api.delete(data["id"], HTTP_IF_MATCH='"stale"').status_code == 412
    assert api.delete(data["id"]).status_code == 204
    assert api.get(data["id"]).status_code == 404
    assert not Annotation.objects.exists()


def test_who_sees_and_who_changes(team):
    api, url, article = team["api"], team["url"], team["article"]
    team_note = post(api, url, new_annotation(article)).json()
    private = post(api, url, new_annotation(article, **{"rasad:visibility": "private"})).json()
    mate, outsider = team["mate_api"], team["outsider_api"]
    assert mate.get(team_note["id"]).status_code == 200
    assert mate.get(private["id"]).status_code == 404  # another reader's private note does not exist
    assert outsider.get(team_note["id"]).status_code == 404  # nor another team's note
    assert outsider.get(url).json()["total"] == 0
    assert mate.get(url).json()["total"] == 1
    assert mate.put(team_note["id"], json.dumps(new_annotation(article)), content_type=LD).status_code == 403
    assert mate.delete(team_note["id"]).status_code == 403
    draft = make_article("پیش‌نویس", status="draft")
    assert api.get(f"/api/v1/articles/{draft.pk}/annotations/").status_code == 404


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        (
            {
                "target": {
                    "source": "http://www.example.com/index.html",
                    "selector": {"type": "TextQuoteSelector", "exact": QUOTE},
                }
            },
            "target.source",
        ),
        (
            {"target": {"selector": {"type": "TextQuoteSelector", "exact": "عبارتی که در متن نیست"}}},
            "target.selector.exact",
        ),
        ({"target": "ARTICLE"}, "target.selector"),
        ({"colour": "سبز"}, "colour"),
        ({"body": {"type": "TextualBody", "value": 12}}, "body.value"),
        ({"body": {"type": "TextualBody", "value": "ن" * 5001}}, "body.value"),
        ({"bodyValue": "x"}, "bodyValue"),
        ({"rasad:visibility": "everyone"}, "rasad:visibility"),
        ({"type": "Note"}, "type"),
        ({"target": {"selector": {"type": "TextPositionSelector", "start": 10, "end": 2}}}, "target.selector.start"),
    ],
)
def test_bad_annotations_are_422_naming_the_field_and_write_nothing(team, payload, field):
    article = team["article"]
    data = new_annotation(article)
    source = data["target"]["source"]
    if payload.get("target") == "ARTICLE":
        payload = {"target": source}
    elif isinstance(payload.get("target"), dict):
        payload = {"target": {"source": source, **payload["target"]}}
    answer = post(team["api"], team["url"], {**data, **payload})
    assert answer.status_code == 422, answer.content
    body = answer.json()
    assert field in body["detail"] and body["errors"][0]["field"] == field
    assert any("\u0600" <= ch <= "\u06ff" for ch in body["errors"][0]["message"])
    assert not Annotation.objects.exists()


def test_malformed_json_wrong_type_and_read_only(team, reader):
    api, url = team["api"], team["url"]
    assert api.post(url, "{not json", content_type=LD).status_code == 400
    assert api.post(url, "[]", content_type=LD).status_code == 422
    assert api.post(url, "x", content_type="text/plain").status_code == 415
    read_only = TokenClient(token_for(team["owner"], scope="read"))
    refused = post(read_only, url, new_annotation(team["article"]))
    assert refused.status_code == 403 and "فقط خواندن" in refused.json()["detail"]
    assert TokenClient("rasad_nope").get(url).status_code == 401
    assert api.get(url, HTTP_ACCEPT="text/turtle").status_code == 406
    assert not Annotation.objects.exists()


def test_the_gate_holds_on_quotes_from_the_full_text(team, subscriber):
    """A teammate without access sees a team note on the full text, but not the quoted words."""
    from rasad.access.models import Subscription  # noqa: F401  (subscriber fixture gives access)

    Membership.objects.create(organisation=Organisation.objects.get(slug="research"), user=subscriber)
    article = team["article"]
    annotation_create(
        author=subscriber, article=article, field="body", exact=SENTINEL, note="روی متن کامل", visibility="team"
    )
    seen = team["mate_api"].get(team["url"] + "?page=0")
    assert SENTINEL not in seen.content.decode()
    item = seen.json()["items"][0]
    assert [s["type"] for s in item["target"]["selector"]] == ["TextPositionSelector"]
    validate(ANNOTATION, {"@context": "http://www.w3.org/ns/anno.jsonld", **item})
    own = TokenClient(token_for(subscriber)).get(team["url"] + "?page=0").json()["items"][0]
    assert own["target"]["selector"][0]["exact"] == SENTINEL
    # Without access one cannot annotate the full text either.
    body_note = new_annotation(article, **{"rasad:field": "body"})
    body_note["target"]["selector"]["exact"] = SENTINEL
    assert post(team["mate_api"], team["url"], body_note).status_code == 403


def test_queries_per_page_are_constant(team, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    article = team["article"]
    for n in range(12):
        annotation_create(
            author=team["mate" if n % 2 else "owner"],
            article=article,
            field="summary",
            exact=QUOTE,
            note=str(n),
            visibility="team",
        )
    counts = []
    for size in (2, 10):
        settings.RASAD_ANNOTATION_PAGE_SIZE = size
        team["api"].get(team["url"] + "?page=0")
        with CaptureQueriesContext(connection) as queries:
            team["api"].get(team["url"] + "?page=0")
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_json_api_annotations(team):
    api, article = team["api"], team["article"]
    made = api.post(
        "/api/v1/annotations",
        {"article": article.pk, "exact": QUOTE, "note": "نکته", "visibility": "team"},
        content_type="application/json",
    )
    assert made.status_code == 201, made.content
    note = made.json()
    assert note["selectors"][0]["exact"] == QUOTE and note["w3c_id"].endswith(f"/annotations/{note['id']}")
    assert team["mate_api"].get("/api/v1/annotations", {"article": article.pk}).json()["count"] == 1
    assert team["outsider_api"].get(f"/api/v1/annotations/{note['id']}").status_code == 404
    changed = api.patch(f"/api/v1/annotations/{note['id']}", {"note": "تازه"}, content_type="application/json")
    assert changed.json()["note"] == "تازه"
    assert (
        team["mate_api"]
        .patch(f"/api/v1/annotations/{note['id']}", {"note": "x"}, content_type="application/json")
        .status_code
        == 403
    )
    missing = api.post(
        "/api/v1/annotations", {"article": article.pk, "exact": "نیست در متن"}, content_type="application/json"
    )
    assert missing.status_code == 422 and "exact" in missing.json()["detail"]
    assert api.delete(f"/api/v1/annotations/{note['id']}").status_code == 204
    assert Annotation.objects.count() == 0


def test_a_member_of_two_teams_names_the_team(team):
    """A team note belongs to one team: with two, the client names it (``rasad:team``)."""
    api, url, article = team["api"], team["url"], team["article"]
    second = Organisation.objects.create(name="تیم دوم", slug="second")
    Membership.objects.create(organisation=second, user=team["owner"])
    unnamed = post(api, url, new_annotation(article))
    assert unnamed.status_code == 422 and unnamed.json()["errors"][0]["field"] == "rasad:team"
    named = post(api, url, new_annotation(article, **{"rasad:team": "second"}))
    assert named.status_code == 201 and named.json()["rasad:team"] == "second"
    assert team["mate_api"].get(named.json()["id"]).status_code == 404  # the other team does not see it
    foreign = post(api, url, new_annotation(article, **{"rasad:team": "other"}))
    assert foreign.status_code == 422 and "rasad:team" in foreign.json()["detail"]
    assert Annotation.objects.count() == 1
