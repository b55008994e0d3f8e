"""The demo's people, read from ``data/people.json``: accounts, plans, organisations, a
subscription, and what the team saved, filed and noted. Idempotent: running it again brings the
demo back to how the file describes it and never duplicates a row.

Dates in the file are days from today, so the demo's subscriptions and organisations always have
access when it is loaded. Every demo account gets the one demo password.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.utils import timezone

from rasad.access.models import Membership, Organisation, Plan, Subscription
from rasad.access.selectors import has_access_on
from rasad.annotations.models import Annotation
from rasad.annotations.services import annotation_create
from rasad.articles.models import Article
from rasad.library.models import Collection, CollectionItem, SavedArticle

PEOPLE = Path(__file__).resolve().parent / "data" / "people.json"


def _day(offset: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=offset)


def load(*, password: str, path: Path = PEOPLE) -> list[dict[str, Any]]:
    """Load the file; returns its users (for the command to print who is who)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    plans = {plan["name"]: _plan(plan, position) for position, plan in enumerate(data["plans"])}
    users = {person["username"]: _user(person, password) for person in data["users"]}
    organisations = {org["slug"]: _organisation(org, users) for org in data["organisations"]}
    for item in data["subscriptions"]:
        _subscription(item, users, plans)
    articles = Article.objects.in_bulk(_article_urls(data), field_name="source_url")
    for item in data["saved"]:
        _saved(item, users, articles)
    for item in data["collections"]:
        _collection(item, users, organisations, articles)
    for item in data["annotations"]:
        _annotation(item, users, organisations, articles)
    return data["users"]


def _article_urls(data: dict[str, Any]) -> set[str]:
    urls = {item["article"] for item in data["saved"] + data["annotations"]}
    return urls | {url for item in data["collections"] for url in item["articles"]}


def _plan(item: dict[str, Any], position: int) -> Plan:
    plan, _ = Plan.objects.update_or_create(
        name=item["name"],
        defaults={
            "duration_days": item["duration_days"],
            "price_toman": item["price_toman"],
            "description": item["description"],
            "position": position,
        },
    )
    return plan


def _user(item: dict[str, Any], password: str) -> User:
    editor = item.get("editor", False)
    user, created = get_user_model().objects.get_or_create(
        username=item["username"],
        defaults={
            "email": item["email"],
            "first_name": item["first_name"],
            "last_name": item["last_name"],
            "is_staff": editor,
            "is_superuser": editor,
        },
    )
    changed = created
    if editor and not (user.is_staff and user.is_superuser and user.is_active):
        user.is_staff = user.is_superuser = user.is_active = True
        changed = True
    if created or not user.check_password(password):
        user.set_password(password)
        changed = True
    if changed:
        user.save()
    return user


def _organisation(item: dict[str, Any], users: dict[str, User]) -> Organisation:
    organisation, _ = Organisation.objects.update_or_create(
        slug=item["slug"],
        defaults={
            "name": item["name"],
            "seats": item["seats"],
            "email_domains": item["email_domains"],
            "access_starts_on": _day(item["access_from_day"]),
            "access_ends_on": _day(item["access_to_day"]),
        },
    )
    for member in item["members"]:
        Membership.objects.update_or_create(
            organisation=organisation, user=users[member["user"]], defaults={"role": member["role"]}
        )
    return organisation


def _subscription(item: dict[str, Any], users: dict[str, User], plans: dict[str, Plan]) -> None:
    user = users[item["user"]]
    if has_access_on(user, timezone.localdate()):
        return
    Subscription.objects.create(
        user=user,
        plan=plans[item["plan"]],
        starts_on=_day(item["from_day"]),
        ends_on=_day(item["to_day"]),
        source=Subscription.Source.ADMIN,
        note=item["note"],
    )


def _saved(item: dict[str, Any], users: dict[str, User], articles: dict[str, Article]) -> None:
    saved, _ = SavedArticle.objects.get_or_create(user=users[item["user"]], article=articles[item["article"]])
    if item["read"] != saved.is_read:
        saved.read_at = timezone.now() if item["read"] else None
        saved.save(update_fields=["read_at"])


def _collection(
    item: dict[str, Any],
    users: dict[str, User],
    organisations: dict[str, Organisation],
    articles: dict[str, Article],
) -> None:
    owner = users[item["owner"]]
    collection, _ = Collection.objects.get_or_create(
        name=item["name"], organisation=organisations[item["organisation"]], defaults={"owner": owner}
    )
    for url in item["articles"]:
        CollectionItem.objects.get_or_create(collection=collection, article=articles[url], defaults={"added_by": owner})


def _annotation(
    item: dict[str, Any],
    users: dict[str, User],
    organisations: dict[str, Organisation],
    articles: dict[str, Article],
) -> None:
    author, article = users[item["author"]], articles[item["article"]]
    if Annotation.objects.filter(author=author, article=article, exact=item["exact"]).exists():
        return
    annotation_create(
        author=author,
        article=article,
        field=item["field"],
        exact=item["exact"],
        note=item["note"],
        visibility=Annotation.Visibility.TEAM if item.get("organisation") else Annotation.Visibility.PRIVATE,
        organisation=organisations.get(item.get("organisation", "")),
    )
