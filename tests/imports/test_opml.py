"""Think tanks' feeds as OPML, in the admin and on the command line."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from rasad.articles.models import ThinkTank
from rasad.imports.opml import OpmlError, think_tanks_import_opml
from tests.factories import make_think_tank

OPML = """<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>feeds</title></head><body>
<outline text="Think tanks">
  <outline type="rss" text="Brookings" xmlUrl="https://www.brookings.edu/feed/" htmlUrl="https://www.brookings.edu/"/>
  <outline type="rss" text="چتم هاوس" title="Chatham House" xmlUrl="https://www.chathamhouse.org/rss" htmlUrl="https://www.chathamhouse.org/"/>
</outline></body></opml>""".encode()


@pytest.fixture
def brookings(db):
    return make_think_tank("بروکینگز", name_original="Brookings", website="https://brookings.edu")


def test_import_updates_by_name_or_site_and_creates_the_rest(brookings):
    preview = think_tanks_import_opml(data=OPML, dry_run=True)
    assert [r.status for r in preview] == ["updated", "new"]
    assert ThinkTank.objects.count() == 1 and not ThinkTank.objects.get().feed_url
    think_tanks_import_opml(data=OPML)
    brookings.refresh_from_db()
    assert brookings.feed_url == "https://www.brookings.edu/feed/"
    assert ThinkTank.objects.get(name="چتم هاوس").feed_url == "https://www.chathamhouse.org/rss"
    assert [r.status for r in think_tanks_import_opml(data=OPML)] == ["unchanged", "unchanged"]


def test_round_trip_through_the_command(brookings, tmp_path):
    think_tanks_import_opml(data=OPML)
    out = tmp_path / "feeds.opml"
    call_command("opml", "export", str(out))
    text = out.read_text(encoding="utf-8")
    assert 'text="چتم هاوس"' in text and 'xmlUrl="https://www.brookings.edu/feed/"' in text
    ThinkTank.objects.update(feed_url="")
    call_command("opml", "import", str(out))
    assert ThinkTank.objects.filter(feed_url="").count() == 0


@pytest.mark.parametrize(
    "data",
    [
        b"not xml",
        b"<html><body/></html>",
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><opml><body><outline xmlUrl="&b;"/></body></opml>',
        b'<opml version="2.0"><body><outline text="x" xmlUrl="javascript:alert(1)"/></body></opml>',
        b'<opml version="2.0"><body><outline text="folder"/></body></opml>',
    ],
)
def test_bad_opml_changes_nothing(db, data):
    try:
        rows = think_tanks_import_opml(data=data)
    except OpmlError as exc:
        assert any("\u0600" <= ch <= "\u06ff" for ch in str(exc))
    else:
        assert any(r.error for r in rows)
    assert not ThinkTank.objects.exists()


def test_admin_preview_then_confirm_and_export(admin_client, brookings):
    page = admin_client.get("/admin/articles/thinktank/")
    assert "/admin/articles/thinktank/opml/import/" in page.content.decode()
    preview = admin_client.post("/admin/articles/thinktank/opml/import/", {"file": SimpleUploadedFile("f.opml", OPML)})
    assert preview.status_code == 200 and "جدید" in preview.content.decode()
    assert ThinkTank.objects.count() == 1
    opml = preview.context["opml"]
    done = admin_client.post("/admin/articles/thinktank/opml/import/", {"opml": opml, "confirm": "1"})
    assert done.status_code == 302 and ThinkTank.objects.count() == 2
    export = admin_client.get("/admin/articles/thinktank/opml/export/")
    assert export["Content-Type"].startswith("text/x-opml") and b"chathamhouse" in export.content
    bad = admin_client.post("/admin/articles/thinktank/opml/import/", {"file": SimpleUploadedFile("f.opml", b"nope")})
    assert bad.status_code == 400
