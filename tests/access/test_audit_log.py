"""The audit log in the admin: an access grant and a manager's removal of a team note, with who
and when; editors may read it and nobody may change it."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from rasad.access.models import AuditEvent, Subscription
from rasad.annotations.models import Annotation
from rasad.annotations.services import annotation_create
from tests.factories import make_user
from tests.world import SUMMARY

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(world):
    editor = make_user("sardabir", is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(editor)
    return client, editor


def test_an_access_grant_is_on_the_log_with_who_and_when(world, editor_client):
    client, editor = editor_client
    reader = make_user("khanande")
    today = timezone.localdate()
    response = client.post(
        reverse("admin:access_subscription_add"),
        {
            "user": reader.pk,
            "starts_on": today.isoformat(),
            "ends_on": today.replace(year=today.year + 1).isoformat(),
            "source": Subscription.Source.ADMIN,
            "note": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    subscription = Subscription.objects.get(user=reader)
    entry = LogEntry.objects.get_for_object(subscription).get()
    assert entry.action == LogEntry.Action.CREATE and entry.actor == editor
    page = client.get(reverse("admin:auditlog_logentry_changelist")).content.decode()
    assert "khanande" in page and "sardabir" in page


def _team_note(world) -> Annotation:
    return annotation_create(
        author=world.owner,
        article=world.article,
        field="summary",
        exact=SUMMARY[:12],
        note="یادداشت تیم",
        visibility=Annotation.Visibility.TEAM,
        organisation=world.org,
    )


def test_a_managers_removal_of_a_team_note_is_on_the_log(world, editor_client):
    note = _team_note(world)
    manager = Client()
    manager.force_login(world.manager)
    assert manager.post(reverse("annotations:delete", args=[note.pk])).status_code in (200, 204, 302)
    assert not Annotation.objects.filter(pk=note.pk).exists()
    entry = LogEntry.objects.filter(object_pk=str(note.pk), action=LogEntry.Action.DELETE).get()
    assert entry.actor == world.manager and entry.timestamp <= timezone.now()
    client, _editor = editor_client
    detail = client.get(reverse("admin:auditlog_logentry_change", args=[entry.pk]))
    assert detail.status_code == 200
    html = detail.content.decode()
    assert "manager" in html and "یادداشت تیم" in html


def test_nobody_may_change_or_add_log_entries(world, editor_client):
    client, _editor = editor_client
    world.org.seats = 9
    world.org.save()
    entry = LogEntry.objects.get_for_object(world.org).latest("timestamp")
    assert client.get(reverse("admin:auditlog_logentry_add")).status_code == 403
    client.post(reverse("admin:auditlog_logentry_change", args=[entry.pk]), {"changes": "{}"})
    client.post(reverse("admin:auditlog_logentry_delete", args=[entry.pk]), {"post": "yes"})
    assert LogEntry.objects.filter(pk=entry.pk).exists()


def test_a_team_export_is_on_the_log_with_who_which_team_and_format(world, editor_client):
    _team_note(world)
    teammate = Client()
    teammate.force_login(world.teammate)
    mine = teammate.get(reverse("annotations:export_article", args=[world.article.pk, "csv"]) + "?scope=mine")
    assert mine.status_code == 200
    assert not AuditEvent.objects.exists()  # one's own notes are no team data
    team = teammate.get(reverse("annotations:export_article", args=[world.article.pk, "md"]) + "?scope=team")
    assert team.status_code == 200
    entry = LogEntry.objects.get_for_model(AuditEvent).get()
    assert entry.actor == world.teammate
    assert entry.additional_data["format"] == "md" and entry.additional_data["team_notes"] == 1
    assert entry.additional_data["organisation"] == world.org.name
    assert AuditEvent.objects.get().organisation == world.org
    client, _editor = editor_client
    page = client.get(reverse("admin:auditlog_logentry_changelist")).content.decode()
    assert world.org.name in page and "teammate" in page
    client.post(reverse("admin:auditlog_logentry_delete", args=[entry.pk]), {"post": "yes"})
    assert LogEntry.objects.filter(pk=entry.pk).exists()
