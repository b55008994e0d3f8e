"""The signed-in reader the benchmark's uncached scenarios are measured as.

A subscriber who belongs to a team with notes: the people who use Rasad most are signed in and
never served from the page cache, and their article pages carry the team's margin. The reader,
a teammate, the team and their notes are made once (idempotent) in the benchmark database.
"""

from __future__ import annotations

import datetime as dt
import random

BENCH_READER = "bench-subscriber"
BENCH_TEAMMATE = "bench-teammate"
BENCH_TEAM = "تیم سنجش رصد"
NOTES_PER_ARTICLE = 4


def bench_reader(*, annotated_ids: list[int], saved_ids: list[int], seed: int = 1403):
    """The subscriber (created if missing), with team notes on ``annotated_ids`` and ``saved_ids`` saved."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from rasad.access.models import Membership, Organisation, Subscription
    from rasad.annotations.models import Annotation
    from rasad.articles.models import Article
    from rasad.library.models import SavedArticle

    users = get_user_model()
    reader, _ = users.objects.get_or_create(username=BENCH_READER, defaults={"email": "reader@bench.example.org"})
    teammate, _ = users.objects.get_or_create(username=BENCH_TEAMMATE, defaults={"email": "mate@bench.example.org"})
    team, _ = Organisation.objects.get_or_create(name=BENCH_TEAM, defaults={"slug": "bench-team", "seats": 20})
    for user in (reader, teammate):
        Membership.objects.get_or_create(organisation=team, user=user)
    today = timezone.localdate()
    if not Subscription.objects.filter(user=reader, ends_on__gte=today).exists():
        Subscription.objects.create(user=reader, starts_on=today, ends_on=today + dt.timedelta(days=365))

    rng = random.Random(seed)
    Annotation.objects.filter(organisation=team).delete()
    notes = []
    for article in Article.objects.filter(pk__in=annotated_ids).only("pk", "summary", "revision"):
        words = article.summary.split()
        for k in range(NOTES_PER_ARTICLE):
            start_word = rng.randrange(max(len(words) - 3, 1))
            exact = " ".join(words[start_word : start_word + 3])
            start = article.summary.find(exact)
            if start < 0:
                continue
            notes.append(
                Annotation(
                    article_id=article.pk,
                    author=reader if k % 2 else teammate,
                    field=Annotation.Field.SUMMARY,
                    exact=exact,
                    start=start,
                    end=start + len(exact),
                    revision=article.revision,
                    note=f"یادداشت تیم شمارهٔ {k + 1} برای سنجش",
                    visibility=Annotation.Visibility.TEAM,
                    organisation=team,
                )
            )
    Annotation.objects.bulk_create(notes, batch_size=1000)
    SavedArticle.objects.filter(user=reader).delete()
    SavedArticle.objects.bulk_create([SavedArticle(user=reader, article_id=pk) for pk in saved_ids])
    return reader


def session_cookie(user) -> str:
    """A ``Cookie`` header value signing ``user`` in, from the server's own session store."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
