"""Briefings: a collection as a right-to-left PDF and DOCX with the full text only behind the gate."""

from __future__ import annotations

import io
import shutil
import subprocess

import pytest
from auditlog.models import LogEntry
from docx import Document

from rasad.access.models import AuditEvent
from rasad.annotations.models import Annotation
from rasad.library.services import collection_add, collection_create
from tests.factories import make_user
from tests.world import SENTINEL, login

pytestmark = pytest.mark.django_db


@pytest.fixture
def team_collection(world):
    collection = collection_create(owner=world.owner, name="پروندهٔ هفته", organisation=world.org)
    collection_add(collection=collection, article=world.gated, user=world.owner)
    collection_add(collection=collection, article=world.open, user=world.owner)
    Annotation.objects.create(
        article=world.open, author=world.teammate, field="summary", exact=world.open.summary[:10], start=0, end=10,
        note="یادداشت هم‌تیمی برای جلسه", visibility="team", organisation=world.org, revision=world.open.revision,
    )  # fmt: skip
    return collection


def _docx_text(content: bytes) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)


def test_docx_is_right_to_left_with_the_team_note_and_no_gated_text_without_access(client, world, team_collection):
    login(client, world.owner)
    response = client.get(f"/annotations/collections/{team_collection.pk}/briefing.docx")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    document = Document(io.BytesIO(response.content))
    xml = document.element.xml
    assert "<w:bidi/>" in xml and "<w:rtl/>" in xml
    text = _docx_text(response.content)
    assert "پروندهٔ هفته" in text and world.gated.title in text and "یادداشت هم‌تیمی برای جلسه" in text


def test_a_briefing_with_team_notes_is_on_the_audit_log(client, world, team_collection):
    login(client, world.owner)
    assert client.get(f"/annotations/collections/{team_collection.pk}/briefing.docx").status_code == 200
    entry = LogEntry.objects.get_for_model(AuditEvent).get()
    assert entry.actor == world.owner and entry.additional_data["format"] == "docx"
    assert entry.additional_data["organisation"] == world.org.name and entry.additional_data["team_notes"] == 1


def test_full_text_reaches_the_briefing_only_through_the_gate(client, world):
    from django.core.management import call_command

    reader = make_user("lone_reader")
    collection = collection_create(owner=reader, name="شخصی")
    collection_add(collection=collection, article=world.gated, user=reader)
    login(client, reader)
    url = f"/annotations/collections/{collection.pk}/briefing.docx"
    without = _docx_text(client.get(url).content)
    assert world.gated.title in without and SENTINEL not in without
    call_command("subscribe", "lone_reader", "--days", "30")
    assert SENTINEL in _docx_text(client.get(url).content)


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils (make system-deps) is missing")
def test_pdf_shapes_persian_and_has_contents(client, world, team_collection, tmp_path):
    login(client, world.owner)
    response = client.get(f"/annotations/collections/{team_collection.pk}/briefing.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    pdf = tmp_path / "briefing.pdf"
    pdf.write_bytes(response.content)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "فهرست مطالب" in text and world.open.title.split()[0] in text
    subprocess.run(["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")], check=True)
    assert list(tmp_path.glob("page*.png"))


def test_briefing_of_someone_elses_collection_is_404_and_an_unknown_format_too(client, world, team_collection):
    login(client, world.outsider)
    assert client.get(f"/annotations/collections/{team_collection.pk}/briefing.pdf").status_code == 404
    login(client, world.owner)
    assert client.get(f"/annotations/collections/{team_collection.pk}/briefing.odt").status_code == 404
