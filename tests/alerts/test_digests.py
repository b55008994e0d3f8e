"""Weekly digests by Jalali week, the team's week, and the command that sends them without a broker."""

from __future__ import annotations

import datetime as dt

from django.core import mail
from django.core.management import call_command

from rasad.access.models import Subscription
from rasad.alerts import tasks
from rasad.alerts.models import Alert, Email
from rasad.annotations.models import Annotation, Reply
from rasad.annotations.selectors import jalali_week_start
from tests.factories import make_article
from tests.world import SECRET, days


def test_team_weekly_digest_groups_by_article_and_hides_body_quotes_without_access(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        note = Annotation.objects.create(
            article=world.article,
            author=world.owner,
            field="body",
            exact=SECRET,
            start=0,
            end=len(SECRET),
            revision=world.article.revision,
            note="مهم است",
            visibility="team",
            organisation=world.org,
        )
        Reply.objects.create(annotation=note, author=world.teammate, text="درست است")
    mail.outbox.clear()
    # The organisation's access lapses: its members may no longer read the full text.
    world.org.access_ends_on = days(-1)
    world.org.save()
    week = jalali_week_start(days(0)).isoformat()
    with django_capture_on_commit_callbacks(execute=True):
        tasks.send_team_digests(week)
        tasks.send_team_digests(week)
    to = sorted(m.to[0] for m in mail.outbox)
    assert to == ["manager@example.com", "owner@example.com", "teammate@example.com"]
    message = mail.outbox[0]
    assert "نفت و تحریم" in message.body and "مهم است" in message.body and "درست است" in message.body
    assert SECRET not in message.body and SECRET not in message.alternatives[0][0]
    assert "اندیشکده نمونه" in message.subject


def test_weekly_digest_with_the_command(world, django_capture_on_commit_callbacks):
    Subscription.objects.create(user=world.outsider, starts_on=days(-5), ends_on=days(5))
    Alert.objects.create(user=world.outsider, name="انرژی", kind="topic", topic=world.topic, delivery="weekly")
    with django_capture_on_commit_callbacks(execute=True):
        make_article("هفتهٔ انرژی", topics=[world.topic], published_on=days(0))
    start = jalali_week_start(days(0))
    assert start.weekday() == 5  # Saturday
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_digests", "--kind", "weekly", "--day", days(0).isoformat())
        call_command("send_digests", "--kind", "weekly", "--day", (start + dt.timedelta(days=6)).isoformat())
    assert len(mail.outbox) == 1 and "خلاصهٔ هفتگی" in mail.outbox[0].subject
    assert Email.objects.get(kind="weekly").period_start == start
