"""Readers bring their saved links from Pocket, Instapaper, Wallabag and Omnivore (/library/import/)."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from rasad.core.links import normalise_url
from rasad.library.formats import ImportFormatError, parse_export
from rasad.library.models import ReaderRequest, SavedArticle
from tests.factories import make_article, make_user

KNOWN = "https://www.brookings.edu/articles/oil-and-sanctions/"
UNKNOWN = "https://www.csis.org/analysis/new-report"

POCKET_HTML = f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8"><title>Pocket Export</title></head>
<body>
<h1>Unread</h1>
<ul>
<li><a href="http://brookings.edu/articles/oil-and-sanctions?utm_source=twitter&utm_medium=social" time_added="1716500000" tags="نفت,energy">Oil and sanctions</a></li>
</ul>
<h1>Read Archive</h1>
<ul>
<li><a href="{UNKNOWN}" time_added="1716400000" tags="">A new CSIS report</a></li>
<li><a href="{KNOWN}" time_added="1716300000" tags="archive-tag">Oil and sanctions (again)</a></li>
</ul>
</body></html>"""


@pytest.fixture
def known(db):
    return make_article("نفت و تحریم", source_url=KNOWN)


@pytest.fixture
def reader(db):
    return make_user("pocket_reader")


def upload(client, content: bytes, name: str = "ril_export.html"):
    return client.post("/library/import/", {"file": SimpleUploadedFile(name, content)})


def test_pocket_export_saves_the_known_link_and_queues_the_unknown_for_editors(client, reader, known, admin_client):
    client.force_login(reader)
    preview = upload(client, POCKET_HTML.encode())
    assert preview.status_code == 200
    html = preview.content.decode()
    assert "پیش‌نمایش" in html and "نفت و تحریم" in html and UNKNOWN in html
    assert not SavedArticle.objects.exists() and not ReaderRequest.objects.exists()  # dry run

    done = client.post("/library/import/", {"confirm": "1"})
    assert done.status_code == 200 and "انجام شد" in done.content.decode()
    saved = SavedArticle.objects.get(user=reader)
    assert saved.article == known
    assert saved.read_at is not None  # one copy was in "Read Archive"
    assert saved.labels == ["نفت", "energy", "archive-tag"]
    request = ReaderRequest.objects.get()
    assert request.url == UNKNOWN and request.reader_count == 1 and request.title == "A new CSIS report"

    # Editors see it in the admin, counted per URL.
    queue = admin_client.get("/admin/library/readerrequest/")
    assert queue.status_code == 200 and "A new CSIS report" in queue.content.decode()

    # Another reader asks for the same page (spelled differently): one row, two readers.
    other = make_user("second_reader")
    client.force_login(other)
    upload(
        client,
        b"URL,Title,Selection,Folder,Timestamp\nhttp://csis.org/analysis/new-report/,CSIS,,Unread,1\n",
        "instapaper.csv",
    )
    client.post("/library/import/", {"confirm": "1"})
    request.refresh_from_db()
    assert request.reader_count == 2 and ReaderRequest.objects.count() == 1

    # The same reader importing again is not counted twice and changes nothing.
    client.force_login(reader)
    upload(client, POCKET_HTML.encode())
    again = client.post("/library/import/", {"confirm": "1"})
    assert "۰ مقالهٔ تازه" in again.content.decode()
    request.refresh_from_db()
    assert request.reader_count == 2


def test_instapaper_wallabag_omnivore(client, reader, known):
    client.force_login(reader)
    instapaper = (
        f'URL,Title,Selection,Folder,Timestamp,Tags\n{KNOWN},Oil,,Research,1716300000,"[""policy""]"\n'
    ).encode()
    parsed = parse_export(instapaper)
    assert parsed.service == "instapaper" and parsed.links[0].labels == ["Research", "policy"]
    assert parsed.links[0].read is False

    wallabag = json.dumps([{"url": KNOWN, "title": "Oil", "is_archived": 1, "is_starred": 0, "tags": ["نفت"]}])
    parsed = parse_export(wallabag.encode())
    assert parsed.service == "wallabag" and parsed.links[0].read and parsed.links[0].labels == ["نفت"]

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "metadata_0_to_20.json",
            json.dumps(
                [{"url": KNOWN + "?utm_campaign=x", "title": "Oil", "state": "Archived", "labels": [{"name": "انرژی"}]}]
            ),
        )
    omnivore = buffer.getvalue()
    parsed = parse_export(omnivore)
    assert parsed.service == "omnivore" and parsed.links[0].read and parsed.links[0].labels == ["انرژی"]

    upload(client, omnivore, "omnivore.zip")
    client.post("/library/import/", {"confirm": "1"})
    assert SavedArticle.objects.get(user=reader).labels == ["انرژی"]


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"\xff\xfe\x00garbage",
        b"just,some,columns\n1,2,3\n",
        b"[1, 2",
        b"PK\x03\x04broken",
        b"<html><body>no links</body></html>",
    ],
)
def test_bad_files_get_a_persian_error_and_nothing_is_written(client, reader, known, content):
    client.force_login(reader)
    answer = upload(client, content)
    assert answer.status_code == 400
    assert "errorlist" in answer.content.decode()
    assert client.post("/library/import/", {"confirm": "1"}).status_code == 400
    assert not SavedArticle.objects.exists() and not ReaderRequest.objects.exists()


def test_drafts_are_not_revealed_by_an_import(client, reader, db):
    make_article("پیش‌نویس", source_url=UNKNOWN, status="draft")
    client.force_login(reader)
    preview = upload(client, POCKET_HTML.encode()).content.decode()
    assert "پیش‌نویس" not in preview


def test_anonymous_is_sent_to_login(client):
    assert client.get("/library/import/").status_code == 302


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("https://www.example.org/a/", "http://example.org/a"),
        ("https://example.org/a?utm_source=x&id=3", "https://example.org/a?id=3"),
        ("https://EXAMPLE.org/a?b=2&a=1", "https://example.org/a?a=1&b=2"),
        ("https://example.org/a#section", "https://example.org/a"),
    ],
)
def test_same_page_whatever_the_spelling(a, b):
    assert normalise_url(a) == normalise_url(b) != ""


def test_parse_errors_are_persian():
    with pytest.raises(ImportFormatError, match="قالب"):
        parse_export(b"a,b\n1,2\n")
