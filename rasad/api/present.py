"""Model instances as the API shows them, for one caller: the gate is asked for every body."""

from __future__ import annotations

from django.http import HttpRequest

from rasad.access.policy import can_read_full_text
from rasad.articles.models import Article, Author, ThinkTank, Topic
from rasad.core.digits import to_latin_digits
from rasad.core.jalali import jalali_numeric


def absolute(request: HttpRequest, path: str) -> str:
    return request.build_absolute_uri(path)


def think_tank_ref(t: ThinkTank | None) -> dict | None:
    return None if t is None else {"id": t.pk, "name": t.name, "slug": t.slug}


def think_tank(request: HttpRequest, t: ThinkTank) -> dict:
    return {
        **think_tank_ref(t),  # type: ignore[dict-item]
        "name_original": t.name_original,
        "country": t.country,
        "website": t.website,
        "feed_url": t.feed_url,
        "description": t.description,
        "url": absolute(request, t.get_absolute_url()),
    }


def author(request: HttpRequest, a: Author) -> dict:
    return {
        "id": a.pk,
        "name": a.name,
        "slug": a.slug,
        "think_tank": think_tank_ref(a.think_tank),
        "url": absolute(request, a.get_absolute_url()),
    }


def topic(request: HttpRequest, t: Topic) -> dict:
    return {"id": t.pk, "name": t.name, "slug": t.slug, "url": absolute(request, t.get_absolute_url())}


def article(request: HttpRequest, a: Article) -> dict:
    """``a`` comes from ``for_cards()`` (think tank, observer, authors and topics prefetched)."""
    readable = can_read_full_text(request.user, a)
    return {
        "id": a.pk,
        "title": a.title,
        "slug": a.slug,
        "summary": a.summary,
        "body": a.body if readable else None,
        "full_text": readable,
        "open_access": a.open_access,
        "source_url": a.source_url,
        "url": absolute(request, a.get_absolute_url()),
        "published_on": a.published_on,
        "published_on_jalali": to_latin_digits(jalali_numeric(a.published_on)),
        "think_tank": think_tank_ref(a.think_tank),
        "authors": [{"id": x.pk, "name": x.name, "slug": x.slug} for x in a.authors.all()],
        "topics": [{"id": x.pk, "name": x.name, "slug": x.slug} for x in a.topics.all()],
        "observer": a.observer_display,
        "editors_choice": a.editors_choice_rank is not None,
        "revision": a.revision,
        "updated_at": a.updated_at,
    }
