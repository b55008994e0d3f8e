"""Team notes answered in a thread, @mentions of teammates only, muting a thread."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from rasad.alerts.models import Notification
from rasad.annotations.models import Annotation, Reply
from tests.world import login


@pytest.fixture
def note(world):
    return Annotation.objects.create(
        article=world.article,
        author=world.owner,
        exact="نفت",
        start=0,
        end=3,
        revision=world.article.revision,
        note="نگاه کنید",
        visibility="team",
        organisation=world.org,
    )


def test_reply_and_mention_notify_the_teammate_and_nobody_outside(
    client, world, note, django_capture_on_commit_callbacks
):
    login(client, world.teammate)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("annotations:reply", args=[note.pk]), {"text": "موافقم @manager و @outsider و @nobody"}
        )
    assert response.status_code == 302
    told = {(n.user.username, n.kind) for n in Notification.objects.select_related("user")}
    assert told == {("owner", "reply"), ("manager", "mention")}
    assert sorted(m.to[0] for m in mail.outbox) == ["manager@example.com", "owner@example.com"]
    login(client, world.owner)
    page = client.get(reverse("annotations:detail", args=[note.pk])).content.decode()
    assert "موافقم" in page
    assert "سارا" in client.get(reverse("alerts:notifications")).content.decode()


def test_outsider_cannot_reply_or_see_the_thread(client, world, note):
    login(client, world.outsider)
    assert client.post(reverse("annotations:reply", args=[note.pk]), {"text": "سلام"}).status_code == 404
    assert client.get(reverse("annotations:detail", args=[note.pk])).status_code == 404
    assert not Reply.objects.exists()


def test_empty_reply_is_a_persian_400(client, world, note):
    login(client, world.teammate)
    response = client.post(reverse("annotations:reply", args=[note.pk]), {"text": "  "})
    assert response.status_code == 400 and "پاسخ خالی است" in response.content.decode()


def test_muted_thread_tells_nothing(client, world, note, django_capture_on_commit_callbacks):
    login(client, world.owner)
    client.post(reverse("alerts:mute", args=[note.pk]), {"muted": "1"})
    login(client, world.teammate)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("annotations:reply", args=[note.pk]), {"text": "پاسخ دوم"})
    assert not Notification.objects.filter(user=world.owner).exists()
    assert not mail.outbox


def test_mention_in_a_new_team_note(client, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        Annotation.objects.create(
            article=world.article,
            author=world.owner,
            exact="نفت",
            start=0,
            end=3,
            revision=world.article.revision,
            note="@teammate ببین",
            visibility="team",
            organisation=world.org,
        )
    assert [(n.user.username, n.kind) for n in Notification.objects.all()] == [("teammate", "mention")]


def test_a_reader_who_left_the_team_no_longer_sees_its_thread_notifications(
    client, world, note, django_capture_on_commit_callbacks
):
    login(client, world.teammate)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("annotations:reply", args=[note.pk]), {"text": "پاسخ پیش از رفتن @manager"})
    assert Notification.objects.filter(user=world.manager).exists()
    world.org.memberships.filter(user=world.manager).delete()
    login(client, world.manager)
    assert "سارا" not in client.get(reverse("alerts:notifications")).content.decode()
