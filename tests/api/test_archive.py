"""The reader's archive: everything they own as JSON and Markdown, with citations a reference
manager re-imports; and the site's citation downloads."""

from __future__ import annotations

import io
import json
import zipfile

import jsonschema
import rispy

from rasad.annotations.services import annotation_create
from rasad.library.models import Collection, CollectionItem, SavedArticle
from tests.api.conftest import SENTINEL
from tests.api.test_library import _formatted
from tests.api.w3c_schemas import RASAD_ANNOTATION


def _archive(client) -> zipfile.ZipFile:
    answer = client.get("/library/archive.zip")
    assert answer.status_code == 200
    assert answer["Content-Type"] == "application/zip"
    assert "attachment" in answer["Content-Disposition"]
    return zipfile.ZipFile(io.BytesIO(answer.content))


def test_archive_has_everything_the_reader_owns_and_reimports(client, reader, corpus):
    gated, open_article = corpus["gated"], corpus["open"]
    SavedArticle.objects.create(user=reader, article=gated, note="یادداشت خصوصی من", labels=["نفت"])
    collection = Collection.objects.create(owner=reader, name="پروندهٔ انرژی")
    CollectionItem.objects.create(collection=collection, article=open_article, added_by=reader)
    annotation_create(
        author=reader, article=gated, field="summary", exact="تحریم‌ها و نفت", note="مهم", visibility="private"
    )
    client.force_login(reader)
    archive = _archive(client)
    assert {
        "archive.json",
        "archive.md",
        "citations/library.ris",
        "citations/library.bib",
        "citations/library.json",
    } <= set(archive.namelist())

    data = json.loads(archive.read("archive.json"))
    assert data["format"] == "rasad-archive"
    saved = data["saved"][0]
    assert saved["article"]["title"] == "تحریم‌ها و بازار نفت" and saved["note"] == "یادداشت خصوصی من"
    assert saved["labels"] == ["نفت"] and saved["article"]["published_on_jalali"].count("/") == 2
    assert data["collections"][0]["name"] == "پروندهٔ انرژی"
    assert data["collections"][0]["articles"][0]["title"] == "گزارش آزاد دربارهٔ نفت"
    note = data["annotations"][0]
    jsonschema.Draft4Validator(RASAD_ANNOTATION).validate(note)
    assert note["target"]["selector"][0]["exact"] == "تحریم‌ها و نفت"
    assert note["target"]["source"].endswith(gated.get_absolute_url())

    markdown = archive.read("archive.md").decode()
    assert "تحریم‌ها و بازار نفت" in markdown and "یادداشت خصوصی من" in markdown and "«تحریم‌ها و نفت»" in markdown

    everything = "".join(archive.read(name).decode() for name in archive.namelist())
    assert SENTINEL not in everything  # no full text in an archive

    records = rispy.loads(archive.read("citations/library.ris").decode())
    assert {r["title"] for r in records} == {"تحریم‌ها و بازار نفت", "گزارش آزاد دربارهٔ نفت"}
    csl = json.loads(archive.read("citations/library.json"))
    assert "تحریم‌ها و بازار نفت" in _formatted(csl)


def test_archive_is_only_ones_own(client, reader, subscriber, corpus):
    SavedArticle.objects.create(user=subscriber, article=corpus["gated"], note="راز دیگری")
    client.force_login(reader)
    data = json.loads(_archive(client).read("archive.json"))
    assert data["saved"] == [] and "راز دیگری" not in json.dumps(data, ensure_ascii=False)


def test_archive_needs_login_and_api_token_gets_it_too(client, reader_api, corpus):
    assert client.get("/library/archive.zip").status_code == 302
    answer = reader_api.get("/api/v1/library/archive")
    assert answer.status_code == 200 and answer["Content-Type"] == "application/zip"


def test_site_citation_downloads(client, reader, corpus):
    ris = client.get(f"/articles/{corpus['gated'].pk}/cite.ris")
    assert ris.status_code == 200 and rispy.loads(ris.content.decode())[0]["title"] == "تحریم‌ها و بازار نفت"
    assert client.get(f"/articles/{corpus['gated'].pk}/cite.bib").content.decode().startswith("@techreport")
    assert client.get(f"/articles/{corpus['draft'].pk}/cite.ris").status_code == 404
    assert client.get(f"/articles/{corpus['gated'].pk}/cite.exe").status_code == 404
    page = client.get(corpus["gated"].get_absolute_url()).content.decode()
    assert f"/articles/{corpus['gated'].pk}/cite.ris" in page

    collection = Collection.objects.create(owner=reader, name="مجموعه")
    CollectionItem.objects.create(collection=collection, article=corpus["gated"], added_by=reader)
    client.force_login(reader)
    answer = client.get(f"/library/collections/{collection.pk}/export.ris")
    assert rispy.loads(answer.content.decode())[0]["title"] == "تحریم‌ها و بازار نفت"
    assert json.loads(client.get(f"/library/collections/{collection.pk}/export.json").content)[0]["language"] == "fa"
