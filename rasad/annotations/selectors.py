"""Reads: the annotations a viewer sees, placed on the current text, with what they may do."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.utils import timezone

from rasad.access import teams
from rasad.access.policy import can_read_full_text
from rasad.annotations.anchoring import Anchor, field_text, resolve
from rasad.annotations.models import Annotation, AnnotationQuerySet
from rasad.articles.models import Article, ThinkTank, Topic
from rasad.core.users import Reader
from rasad.search.matching import filter_matching


@dataclass
class Placed:
    """An annotation as one viewer sees it."""

    annotation: Annotation
    anchor: Anchor
    show_quote: bool  # False: quoted from full text this viewer may not read
    can_edit: bool
    can_delete: bool

    @property
    def orphaned(self) -> bool:
        return self.anchor.orphaned

    @property
    def pk(self) -> int:
        return self.annotation.pk


def can_delete(viewer: User, annotation: Annotation, managed: set[int] | None = None) -> bool:
    """Its author, or a manager of the team the note was written for."""
    return teams.may_change_team_object(viewer, annotation, managed=managed)


def place(viewer: User, annotations: list[Annotation]) -> list[Placed]:
    """Re-attach each annotation to its article's current text and decide what the viewer sees.

    Texts are computed once per (article, field) and only for annotations made on another revision.
    """
    managed = teams.managed_organisation_ids(viewer) if any(a.author_id != viewer.pk for a in annotations) else set()
    texts: dict[tuple[int, str], str] = {}
    readable: dict[int, bool] = {}
    placed = []
    for a in annotations:
        article = a.article
        anchor = _anchor(a, texts)
        show = True
        if a.field == Annotation.Field.BODY:
            if article.pk not in readable:
                readable[article.pk] = can_read_full_text(viewer, article)
            show = readable[article.pk]
        placed.append(
            Placed(
                annotation=a,
                anchor=anchor,
                show_quote=show,
                can_edit=a.author_id == viewer.pk,
                can_delete=can_delete(viewer, a, managed),
            )
        )
    return placed


def _anchor(a: Annotation, texts: dict[tuple[int, str], str]) -> Anchor:
    """Where ``a`` sits in its article's text now (``texts`` caches each field's text)."""
    if a.revision == a.article.revision:
        return Anchor(a.start, a.end, "attached")
    key = (a.article.pk, a.field)
    if key not in texts:
        texts[key] = field_text(a.article, a.field)
    return resolve(texts[key], exact=a.exact, prefix=a.prefix, suffix=a.suffix, start=a.start, end=a.end)


def for_article(viewer: Reader, article: Article) -> list[Placed]:
    if viewer is None or not viewer.is_authenticated:
        return []
    annotations = list(Annotation.objects.visible_to(viewer).filter(article=article).select_related("author"))
    for a in annotations:
        a.article = article  # the page's instance: no query per annotation
    placed = place(viewer, annotations)
    # Placed notes first in reading order, orphaned ones last.
    placed.sort(key=lambda p: (p.orphaned, p.annotation.field != "summary", p.anchor.start, p.pk))
    return placed


def jalali_week_start(day: dt.date) -> dt.date:
    """The Saturday that starts the Iranian week containing ``day``."""
    return day - dt.timedelta(days=(day.weekday() - 5) % 7)


def week_bounds(start: dt.date) -> tuple[dt.datetime, dt.datetime]:
    tz = timezone.get_current_timezone()
    begin = dt.datetime.combine(start, dt.time.min).replace(tzinfo=tz)
    end = dt.datetime.combine(start + dt.timedelta(days=7), dt.time.min).replace(tzinfo=tz)
    return begin, end


@dataclass
class TeamWeek:
    """One Jalali week of the viewer's teams' notes, with what the page needs to filter and page."""

    start: dt.date
    notes: list[Placed]
    topics: list[Topic]
    think_tanks: list[ThinkTank]
    previous: dt.date | None
    next: dt.date | None

    @property
    def end(self) -> dt.date:
        return self.start + dt.timedelta(days=6)


TEAM_WEEK_LIMIT = 500


# A search of the team's notes looks through at most this many of the newest (every week).
TEAM_SEARCH_LIMIT = 3000


def _searched(viewer: User, notes: AnnotationQuerySet, q: str) -> list[Placed]:
    """The team notes whose text, article title or quote (when the viewer may read it) match ``q``."""
    placed = place(viewer, list(notes[:TEAM_SEARCH_LIMIT]))
    found = filter_matching(
        placed,
        q,
        lambda p: [p.annotation.note, p.annotation.article.title, p.annotation.exact if p.show_quote else ""],
    )
    return found[:TEAM_WEEK_LIMIT]


def team_week(
    viewer: User,
    *,
    day: dt.date | None,
    topic: Topic | None = None,
    think_tank: ThinkTank | None = None,
    q: str = "",
) -> TeamWeek:
    """The team notes of the week containing ``day`` (this week by default), newest first; with
    words ``q``, the team's notes of every week that match them."""
    today = timezone.localdate()
    start = jalali_week_start(day or today)
    team_notes = Annotation.objects.by_team_of(viewer)
    begin, end = week_bounds(start)
    notes = team_notes.for_display().order_by("-created_at", "-id")
    if not q.strip():
        notes = notes.filter(created_at__gte=begin, created_at__lt=end)
    if topic is not None:
        notes = notes.filter(article__topics=topic)
    if think_tank is not None:
        notes = notes.filter(article__think_tank=think_tank)
    # «هفتهٔ پیش» stops at the team's first note: no endless chain of empty weeks.
    first_at = team_notes.order_by("created_at").values_list("created_at", flat=True).first()
    first_week = jalali_week_start(timezone.localdate(first_at)) if first_at else None
    following = start + dt.timedelta(days=7)
    return TeamWeek(
        start=start,
        notes=_searched(viewer, notes, q) if q.strip() else place(viewer, list(notes[:TEAM_WEEK_LIMIT])),
        # Filter choices come from these teams' notes only: other teams' reading stays private.
        topics=list(Topic.objects.filter(articles__annotations__in=team_notes).distinct().order_by("name")),
        think_tanks=list(ThinkTank.objects.filter(articles__annotations__in=team_notes).distinct().order_by("name")),
        previous=start - dt.timedelta(days=7) if first_week and first_week < start else None,
        next=following if following <= today else None,
    )
