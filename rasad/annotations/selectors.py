"""Reads: the annotations a viewer sees, placed on the current text, with what they may do."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from rasad.access.models import Membership
from rasad.access.policy import can_read_full_text
from rasad.annotations.anchoring import Anchor, field_text, resolve
from rasad.annotations.models import Annotation


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


def managed_author_ids(viewer, author_ids: set[int]) -> set[int]:
    """Which of ``author_ids`` are in an organisation ``viewer`` manages (one query)."""
    if not author_ids or not viewer.is_authenticated:
        return set()
    managed = Membership.objects.filter(user=viewer, role=Membership.Role.MANAGER).values("organisation_id")
    return set(
        Membership.objects.filter(organisation__in=managed, user_id__in=author_ids).values_list("user_id", flat=True)
    )


def can_delete(viewer, annotation: Annotation, managed: set[int] | None = None) -> bool:
    if annotation.author_id == viewer.pk:
        return True
    if annotation.visibility != Annotation.Visibility.TEAM:
        return False
    if managed is None:
        managed = managed_author_ids(viewer, {annotation.author_id})
    return annotation.author_id in managed


def place(viewer, annotations: list[Annotation]) -> list[Placed]:
    """Re-attach each annotation to its article's current text and decide what the viewer sees.

    Texts are computed once per (article, field) and only for annotations made on another revision.
    """
    managed = managed_author_ids(viewer, {a.author_id for a in annotations if a.author_id != viewer.pk})
    texts: dict[tuple[int, str], str] = {}
    readable: dict[int, bool] = {}
    placed = []
    for a in annotations:
        article = a.article
        if a.revision == article.revision:
            anchor = Anchor(a.start, a.end, "attached")
        else:
            key = (article.pk, a.field)
            if key not in texts:
                texts[key] = field_text(article, a.field)
            anchor = resolve(texts[key], exact=a.exact, prefix=a.prefix, suffix=a.suffix, start=a.start, end=a.end)
        if a.field == Annotation.Field.BODY:
            if article.pk not in readable:
                readable[article.pk] = can_read_full_text(viewer, article)
            show = readable[article.pk]
        else:
            show = True
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


def for_article(viewer, article) -> list[Placed]:
    if not viewer.is_authenticated:
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
