"""Demo reading lists and team annotations (called by ``loaddemo`` when present; idempotent).

Two demo users in the organisation «اندیشکده نمونه»: ``team_manager`` (manager) and ``team_member``.
"""

from __future__ import annotations

import datetime as dt
import sys

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

DEMO_PASSWORD = "rasad-demo-1234"
ORGANISATION = "اندیشکده نمونه"


@transaction.atomic
def load(stdout=None) -> None:
    from rasad.access.models import Membership, Organisation
    from rasad.annotations.models import Annotation
    from rasad.annotations.services import annotation_create
    from rasad.articles.models import Article
    from rasad.library.models import Collection, CollectionItem, SavedArticle

    stdout = stdout or sys.stdout
    today = timezone.localdate()
    org, _ = Organisation.objects.get_or_create(
        name=ORGANISATION,
        defaults={
            "slug": "andishkadeh-nemooneh",
            "seats": 10,
            "access_starts_on": today - dt.timedelta(days=30),
            "access_ends_on": today + dt.timedelta(days=365),
        },
    )
    User = get_user_model()
    people = {}
    for username, role, first, last in [
        ("team_manager", Membership.Role.MANAGER, "مریم", "مدیری"),
        ("team_member", Membership.Role.MEMBER, "سارا", "همکار"),
    ]:
        user, created = User.objects.get_or_create(
            username=username, defaults={"first_name": first, "last_name": last, "email": f"{username}@example.org"}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        Membership.objects.get_or_create(organisation=org, user=user, defaults={"role": role})
        people[username] = user

    articles = list(Article.objects.published().order_by("-published_on", "-id")[:4])
    if articles:
        member, manager = people["team_member"], people["team_manager"]
        for i, article in enumerate(articles):
            item, _ = SavedArticle.objects.get_or_create(user=member, article=article)
            if i % 2 and item.read_at is None:
                item.read_at = timezone.now()
                item.save(update_fields=["read_at"])
        collection, _ = Collection.objects.get_or_create(
            name="پروندهٔ هفته", organisation=org, defaults={"owner": manager}
        )
        for article in articles[:2]:
            CollectionItem.objects.get_or_create(collection=collection, article=article, defaults={"added_by": manager})
        first = articles[0]
        if not Annotation.objects.filter(article=first, author__in=people.values()).exists():
            words = first.summary.split()
            if len(words) >= 4:
                annotation_create(
                    author=manager,
                    article=first,
                    field="summary",
                    exact=" ".join(words[1:4]),
                    note="این نکته را در جلسهٔ هفته بررسی کنیم.",
                    visibility="team",
                )
    stdout.write(
        f"فهرست مطالعه و یادداشت‌های تیمی، کاربران تیم «{ORGANISATION}» (گذرواژه: {DEMO_PASSWORD}):\n"
        "  team_manager – مدیر تیم\n"
        "  team_member  – عضو تیم\n"
    )
