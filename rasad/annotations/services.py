"""Writes on annotations. The quote is checked against the article's current text on the server."""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from rasad.access import audit, teams
from rasad.access.models import AuditEvent, Organisation
from rasad.access.policy import can_read_full_text
from rasad.annotations.anchoring import field_text, quote_selectors, resolve
from rasad.annotations.models import Annotation, Reply
from rasad.articles.models import Article
from rasad.core.digits import to_persian_digits

Located = tuple[str, str, str, int, int]


def locate_quote(
    text: str, *, exact: str, prefix: str = "", suffix: str = "", start: int | None = None
) -> Located | None:
    """(exact, prefix, suffix, start, end) as found in ``text``, or None.

    A quote typed by hand (no JavaScript) may differ from the page in its spacing; spaces and line
    breaks are then matched loosely, and the page's own characters are stored.
    """
    if exact in text:
        anchor = resolve(
            text, exact=exact, prefix=prefix, suffix=suffix, start=start or 0, end=(start or 0) + len(exact)
        )
        found = quote_selectors(text, exact, anchor.start)
    else:
        words = exact.split()
        match = re.search(r"\s+".join(re.escape(w) for w in words), text) if words else None
        if match is None:
            return None
        exact = match.group(0)
        found = quote_selectors(text, exact, match.start())
    if found is None:
        return None
    pre, suf, s, e = found
    return exact, pre, suf, s, e


def audience(*, author: User, visibility: str, organisation: Organisation | None) -> Organisation | None:
    """The organisation a note is for: none for a private note, the chosen (or only) team otherwise."""
    if visibility != Annotation.Visibility.TEAM:
        return None
    try:
        return teams.team_for_new_object(author, organisation)
    except ValidationError as exc:
        raise ValidationError({"organisation": exc.messages}) from exc


@transaction.atomic
def annotation_create(
    *,
    author: User,
    article: Article,
    field: str,
    exact: str,
    prefix: str = "",
    suffix: str = "",
    start: int | None = None,
    note: str = "",
    visibility: str = Annotation.Visibility.PRIVATE,
    organisation: Organisation | None = None,
    canonical: str = "",
) -> Annotation:
    """Create a highlight; raises ``ValidationError`` (Persian, per field) or ``PermissionDenied``."""
    team = audience(author=author, visibility=visibility, organisation=organisation)
    if field == Annotation.Field.BODY and not can_read_full_text(author, article):
        raise PermissionDenied(_("برای یادداشت‌گذاری روی متن کامل اشتراک لازم است."))
    located = locate_quote(field_text(article, field), exact=exact, prefix=prefix, suffix=suffix, start=start)
    if located is None:
        raise ValidationError(
            {"exact": _("این عبارت در متن کنونی این بخش نیست؛ آن را دقیقاً همان‌گونه که در متن آمده برگزینید.")}
        )
    exact, prefix, suffix, start, end = located
    return Annotation.objects.create(
        article=article,
        author=author,
        field=field,
        exact=exact,
        prefix=prefix,
        suffix=suffix,
        start=start,
        end=end,
        revision=article.revision,
        note=note.strip(),
        visibility=visibility,
        organisation=team,
        canonical=canonical,
    )


@transaction.atomic
def annotation_update(
    *, annotation: Annotation, note: str, visibility: str, organisation: Organisation | None = None
) -> Annotation:
    """Change a note's text or audience. A team note that stays a team note keeps its team unless
    another one is chosen."""
    if visibility == Annotation.Visibility.TEAM and organisation is None and annotation.organisation_id:
        organisation = annotation.organisation
    annotation.organisation = audience(author=annotation.author, visibility=visibility, organisation=organisation)
    annotation.note = note.strip()
    annotation.visibility = visibility
    annotation.save(update_fields=["note", "visibility", "organisation", "updated_at"])
    return annotation


@transaction.atomic
def annotation_delete(*, annotation: Annotation) -> None:
    annotation.delete()


@transaction.atomic
def annotation_move(
    *, annotation: Annotation, field: str, exact: str, prefix: str = "", suffix: str = "", start: int | None = None
) -> Annotation:
    """Anchor an existing note on another passage of its article's current text."""
    article = annotation.article
    if field not in Annotation.Field.values:
        raise ValidationError({"field": _("بخش نامعتبر است؛ «خلاصه» یا «متن کامل» را برگزینید.")})
    if field == Annotation.Field.BODY and not can_read_full_text(annotation.author, article):
        raise PermissionDenied(_("برای یادداشت‌گذاری روی متن کامل اشتراک لازم است."))
    located = locate_quote(field_text(article, field), exact=exact, prefix=prefix, suffix=suffix, start=start)
    if located is None:
        raise ValidationError(
            {"exact": _("این عبارت در متن کنونی این بخش نیست؛ آن را دقیقاً همان‌گونه که در متن آمده برگزینید.")}
        )
    annotation.field = field
    annotation.exact, annotation.prefix, annotation.suffix, annotation.start, annotation.end = located
    annotation.revision = article.revision
    annotation.save(update_fields=["field", "exact", "prefix", "suffix", "start", "end", "revision", "updated_at"])
    return annotation


@transaction.atomic
def reply_create(*, annotation: Annotation, author: User, text: str) -> Reply:
    """Answer a team note. Only its organisation's members may (the same readers who see it);
    a private note has no thread."""
    if annotation.visibility != Annotation.Visibility.TEAM or not (
        teams.organisations_of(author).filter(pk=annotation.organisation_id or 0).exists()
    ):
        raise PermissionDenied
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("پاسخ خالی است.")})
    return Reply.objects.create(annotation=annotation, author=author, text=text)


def audit_team_export(*, user: User, annotations: Iterable[Annotation], fmt: str, what: str) -> None:
    """Put an export that carries team notes on the audit log: who, which organisation, which format.

    One entry per organisation whose team notes left in the file (``what`` names the article or
    collection); a team-scoped export that found no team note still names the user's teams.
    """
    counts: dict[int, int] = {}
    for annotation in annotations:
        if annotation.visibility == Annotation.Visibility.TEAM and annotation.organisation_id:
            counts[annotation.organisation_id] = counts.get(annotation.organisation_id, 0) + 1
    organisations = Organisation.objects.filter(pk__in=counts) if counts else teams.organisations_of(user)
    for organisation in organisations:
        notes = counts.get(organisation.pk, 0)
        summary = _("خروجی %(format)s از یادداشت‌های تیم «%(team)s»: %(what)s (%(n)s یادداشت)") % {
            "format": fmt.upper(),
            "team": organisation.name,
            "what": what,
            "n": to_persian_digits(notes),
        }
        audit.record(
            kind=AuditEvent.Kind.EXPORT,
            summary=summary,
            actor=user,
            organisation=organisation,
            details={"format": fmt, "what": what, "team_notes": notes, "organisation": organisation.name},
        )
