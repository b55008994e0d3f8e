"""Import runs on the audit log: the command and the admin's confirmed import each leave one entry
with the file, the counts, whether it landed and who; the entry is read-only in the admin."""

from __future__ import annotations

import io

import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from rasad.access.models import AuditEvent
from tests.factories import make_user
from tests.imports.factories import record

pytestmark = pytest.mark.django_db


def run(*args) -> int:
    try:
        call_command("import_articles", *[str(a) for a in args], stdout=io.StringIO(), stderr=io.StringIO())
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0


def import_entries():
    return LogEntry.objects.filter(object_repr__startswith="ورود").order_by("timestamp")


@pytest.fixture
def editor_client():
    editor = make_user("sardabir", is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(editor)
    return client, editor


def test_the_command_puts_a_landed_run_on_the_log(make_jsonl, editor_client):
    path = make_jsonl([record(n) for n in range(1, 4)], name="batch.jsonl")
    assert run(path) == 0
    entry = import_entries().get()
    assert entry.action == LogEntry.Action.CREATE and entry.actor is None
    data = entry.additional_data
    assert data["files"] == ["batch.jsonl"] and data["created"] == 3 and data["bad"] == 0
    assert data["landed"] is True and data["actor"].startswith("command line (")
    assert "batch.jsonl" in entry.object_repr and "۳ تازه" in entry.object_repr
    event = AuditEvent.objects.get()
    assert event.kind == AuditEvent.Kind.IMPORT and event.actor_label == data["actor"]

    client, _editor = editor_client
    page = client.get(reverse("admin:auditlog_logentry_changelist")).content.decode()
    assert "batch.jsonl" in page
    detail = client.get(reverse("admin:auditlog_logentry_change", args=[entry.pk]))
    assert detail.status_code == 200 and "command line" in detail.content.decode()


def test_a_refused_run_and_no_dry_run_are_on_the_log(make_jsonl):
    good = make_jsonl([record(1)], name="good.jsonl")
    bad = make_jsonl([record(1), record(2)], name="bad.jsonl", raw_lines={2: "{not json"})
    assert run(good, "--dry-run") == 0
    assert not import_entries().exists()
    assert run(bad) == 1
    entry = import_entries().get()
    assert entry.additional_data["landed"] is False and entry.additional_data["bad"] == 1
    assert "رد شد" in entry.object_repr


def test_the_admin_import_is_on_the_log_with_the_editor(editor_client):
    client, editor = editor_client
    text = "title,source_url\nگزارش تازه,https://example.org/new\n"
    upload = SimpleUploadedFile("editors.csv", text.encode("utf-8-sig"))
    response = client.post("/admin/articles/article/import/", {"format": "0", "resource": "0", "import_file": upload})
    assert response.status_code == 200
    assert not import_entries().exists()  # the preview changes nothing
    confirm = response.context["confirm_form"]
    client.post(reverse("admin:articles_article_process_import"), {**confirm.initial, "resource": "0"})
    entry = import_entries().get()
    assert entry.actor == editor
    assert entry.additional_data["files"] == ["editors.csv"] and entry.additional_data["created"] == 1
    assert entry.additional_data["landed"] is True


def test_nobody_may_change_or_delete_an_import_entry(make_jsonl, editor_client):
    run(make_jsonl([record(1)]))
    entry = import_entries().get()
    client, _editor = editor_client
    client.post(reverse("admin:auditlog_logentry_change", args=[entry.pk]), {"object_repr": "دست‌کاری"})
    client.post(reverse("admin:auditlog_logentry_delete", args=[entry.pk]), {"post": "yes"})
    entry.refresh_from_db()
    assert entry.object_repr.startswith("ورود")
    assert client.get(reverse("admin:auditlog_logentry_delete", args=[entry.pk])).status_code == 403
