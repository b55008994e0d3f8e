"""A team note belongs to the organisation it was written for. Its author joining another
organisation later shows it to nobody there: not to that organisation's members, not to its
managers, on no page, partial, team page, export or endpoint."""

from __future__ import annotations

import datetime as dt
import importlib

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from rasad.access.models import Membership
from rasad.annotations.models import Annotation
from rasad.library.models import Collection, CollectionItem
from tests.factories import make_user
from tests.world import login

pytestmark = pytest.mark.django_db
HX = {"HTTP_HX_REQUEST": "true"}
QUOTE = "دولت باید راه‌های تازه‌ای"
NOTE = "این را فقط تیم اندیشکده بخواند"


def write_team_note(client, world) -> Annotation:
    """The owner, a member of organisation A (``world.org``) only, writes a team note."""
    login(client, world.owner)
    data = {"field": "summary", "exact": QUOTE, "note": NOTE, "visibility": "team"}
    response = client.post(reverse("annotations:article", args=[world.article.pk]), data)
    assert response.status_code == 302
    note = Annotation.objects.get()
    assert note.organisation == world.org
    return note


@pytest.fixture
def after_joining_b(client, world):
    """The note written for A; then its author joins B (``world.other_org``), which has a member,
    a manager (``world.outsider``) and a team collection holding the article."""
    note = write_team_note(client, world)
    Membership.objects.create(organisation=world.other_org, user=world.owner)
    member_b = make_user("member_b")
    Membership.objects.create(organisation=world.other_org, user=member_b)
    collection = Collection.objects.create(name="پروندهٔ ب", owner=world.outsider, organisation=world.other_org)
    CollectionItem.objects.create(collection=collection, article=world.article, added_by=world.outsider)
    return note, member_b, collection


def pages(client, world, note: Annotation, collection: Collection) -> dict:
    article = world.article
    return {
        "article page": client.get(article.get_absolute_url()),
        "margin partial": client.get(reverse("annotations:article", args=[article.pk]), **HX),
        "annotations list": client.get(reverse("annotations:article", args=[article.pk])),
        "team page": client.get(reverse("annotations:team")),
        "article export md": client.get(reverse("annotations:export_article", args=[article.pk, "md"]) + "?scope=team"),
        "article export csv": client.get(
            reverse("annotations:export_article", args=[article.pk, "csv"]) + "?scope=team"
        ),
        "collection export md": client.get(
            reverse("annotations:export_collection", args=[collection.pk, "md"]) + "?scope=team"
        ),
        "collection export csv": client.get(
            reverse("annotations:export_collection", args=[collection.pk, "csv"]) + "?scope=team"
        ),
    }


@pytest.mark.parametrize("who", ["member", "manager"])
def test_members_and_managers_of_b_never_see_a_note_written_for_a(client, world, after_joining_b, who):
    note, member_b, collection = after_joining_b
    login(client, member_b if who == "member" else world.outsider)
    for name, response in pages(client, world, note, collection).items():
        assert response.status_code == 200, name
        assert NOTE not in response.content.decode(), name
    endpoints = {
        "detail": client.get(reverse("annotations:detail", args=[note.pk])),
        "detail partial": client.get(reverse("annotations:detail", args=[note.pk]), **HX),
        "edit form": client.get(reverse("annotations:edit", args=[note.pk])),
        "edit": client.post(reverse("annotations:edit", args=[note.pk]), {"note": "دست‌کاری", "visibility": "team"}),
        "delete": client.post(reverse("annotations:delete", args=[note.pk])),
        "delete (htmx)": client.post(reverse("annotations:delete", args=[note.pk]), **HX),
    }
    for name, response in endpoints.items():
        assert response.status_code == 404, name
        assert NOTE not in response.content.decode(), name
    note.refresh_from_db()
    assert note.note == NOTE and note.organisation == world.org


def test_a_still_sees_it_and_a_manager_of_a_may_remove_it(client, world, after_joining_b):
    note, _, _ = after_joining_b
    login(client, world.teammate)
    assert NOTE in client.get(reverse("annotations:team")).content.decode()
    assert NOTE in client.get(world.article.get_absolute_url()).content.decode()
    assert client.post(reverse("annotations:delete", args=[note.pk])).status_code == 403
    login(client, world.manager)
    assert client.post(reverse("annotations:delete", args=[note.pk])).status_code == 302
    assert not Annotation.objects.exists()


def test_a_writer_in_two_teams_picks_which(client, world, after_joining_b):
    login(client, world.owner)
    url = reverse("annotations:article", args=[world.article.pk])
    form = client.get(url).content.decode()
    assert world.org.name in form and world.other_org.name in form  # both offered
    data = {"field": "summary", "exact": QUOTE, "note": "برای ب", "visibility": "team"}
    refused = client.post(url, data)
    assert refused.status_code == 400 and "تیمی را که این برای آن است برگزینید" in refused.content.decode()
    assert client.post(url, {**data, "organisation": world.other_org.pk}).status_code == 302
    assert Annotation.objects.get(note="برای ب").organisation == world.other_org
    stranger = make_user("stranger_org_owner")
    foreign = world.other_org.__class__.objects.create(name="سازمان بیگانه", slug="foreign")
    Membership.objects.create(organisation=foreign, user=stranger)
    refused = client.post(url, {**data, "note": "جای دیگر", "organisation": foreign.pk})
    assert refused.status_code == 400 and not Annotation.objects.filter(note="جای دیگر").exists()


def test_a_writer_in_no_team_is_not_offered_a_team_note_and_it_is_refused(client, world):
    loner = make_user("loner")
    login(client, loner)
    url = reverse("annotations:article", args=[world.article.pk])
    form = client.get(url).content.decode()
    assert 'value="team"' not in form and 'value="private"' in form
    refused = client.post(url, {"field": "summary", "exact": QUOTE, "note": "تیمی؟", "visibility": "team"})
    assert refused.status_code == 400 and not Annotation.objects.exists()
    assert client.post(url, {"field": "summary", "exact": QUOTE, "visibility": "private"}).status_code == 302


def test_existing_team_notes_move_to_the_team_of_their_time(world):
    """The data migration: the organisation the author belonged to when writing, else their oldest
    membership; an author in no organisation keeps the note private."""
    migration = importlib.import_module("rasad.annotations.migrations.0002_team_organisation")
    now = timezone.now()
    Membership.objects.filter(user=world.owner).update(joined_at=now - dt.timedelta(days=30))
    Membership.objects.create(organisation=world.other_org, user=world.owner, joined_at=now)
    late = make_user("late")
    Membership.objects.create(organisation=world.other_org, user=late, joined_at=now)
    loner = make_user("loner")
    # Written before the migration, the notes name no team; here they start with a team none of
    # them is for (the check constraint wants one), which the migration replaces.
    fields = {"article": world.article, "field": "summary", "exact": "نفت", "start": 0, "end": 3, "revision": 1}
    fields |= {"visibility": "team", "organisation": world.org}
    written_in_a = Annotation.objects.create(author=world.owner, **fields)
    before_joining = Annotation.objects.create(author=late, **fields)
    no_team = Annotation.objects.create(author=loner, **fields)
    Annotation.objects.filter(pk=written_in_a.pk).update(created_at=now - dt.timedelta(days=1))
    Annotation.objects.filter(pk=before_joining.pk).update(created_at=now - dt.timedelta(days=9))
    migration.assign_organisations(apps, None)
    for note in (written_in_a, before_joining, no_team):
        note.refresh_from_db()
    assert written_in_a.organisation == world.org  # not B, which its author joined after writing it
    assert before_joining.organisation == world.other_org  # the author's only (oldest) membership
    assert no_team.visibility == "private" and no_team.organisation is None
