"""Rasad's annotations in the W3C Web Annotation Data Model, and W3C annotations read back.

https://www.w3.org/TR/annotation-model/ — each annotation has the ``@context``, an ``id`` under
its article's container, ``type: Annotation``, a ``TextualBody`` (the note, ``language: fa``,
``textDirection: rtl``), a ``SpecificResource`` target whose ``source`` is the article's page and
whose selectors are a ``TextQuoteSelector`` and a ``TextPositionSelector`` over the text content of
the summary or the full text (which one: ``rasad:field``), ``creator``, ``created`` and ``modified``.

The gate: a quote from the full text (``exact``, ``prefix``, ``suffix``) is written only when
``can_read_full_text`` allows it for the viewer; otherwise only the position is given.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _

from rasad.annotations.models import Annotation
from rasad.annotations.selectors import Placed

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
LDP_CONTEXT = "http://www.w3.org/ns/ldp.jsonld"
PROFILE_MEDIA_TYPE = f'application/ld+json; profile="{ANNO_CONTEXT}"'
RASAD_TERMS = ("rasad:field", "rasad:visibility", "rasad:team", "rasad:revision", "rasad:orphaned")

# What a client may send: the model's own terms (server-managed ones are ignored) and ours.
KNOWN_KEYS = frozenset(
    {
        "@context", "id", "type", "motivation", "body", "bodyValue", "target", "creator", "created",
        "modified", "generator", "generated", "canonical", "via", "rights", "audience", "stylesheet",
        *RASAD_TERMS,
    }
)  # fmt: skip
MAX_NOTE = 5000
MAX_QUOTE = 2000


def context(request: HttpRequest) -> list:
    return [ANNO_CONTEXT, {"rasad": request.build_absolute_uri("/api/v1/ns#")}]


def container_iri(request: HttpRequest, article_id: int) -> str:
    return request.build_absolute_uri(f"/api/v1/articles/{article_id}/annotations/")


def annotation_iri(request: HttpRequest, annotation: Annotation) -> str:
    return container_iri(request, annotation.article_id) + str(annotation.pk)


def timestamp(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def selectors_of(placed: Placed) -> list[dict]:
    a, anchor = placed.annotation, placed.anchor
    selectors: list[dict] = []
    if placed.show_quote:
        selectors.append({"type": "TextQuoteSelector", "exact": a.exact, "prefix": a.prefix, "suffix": a.suffix})
    if not anchor.orphaned:
        selectors.append({"type": "TextPositionSelector", "start": anchor.start, "end": anchor.end})
    return selectors


def to_w3c(request: HttpRequest, placed: Placed, *, embedded: bool = False) -> dict[str, Any]:
    """One annotation as its viewer may see it."""
    a = placed.annotation
    author = a.author
    page = request.build_absolute_uri(a.article.get_absolute_url())
    selectors = selectors_of(placed)
    target: Any = {"type": "SpecificResource", "source": page, "selector": selectors} if selectors else page
    data: dict[str, Any] = {
        "@context": context(request),
        "id": annotation_iri(request, a),
        "type": "Annotation",
        "motivation": "commenting" if a.note else "highlighting",
        "created": timestamp(a.created_at),
        "modified": timestamp(a.updated_at),
        "creator": {
            "type": "Person",
            "nickname": author.get_username(),
            "name": author.get_full_name() or author.get_username(),
        },
        "generator": {"id": request.build_absolute_uri("/"), "type": "Software", "name": "رصد"},
        "body": {
            "type": "TextualBody",
            "value": a.note,
            "format": "text/plain",
            "language": "fa",
            "textDirection": "rtl",
            "purpose": "commenting" if a.note else "highlighting",
        },
        "target": target,
        "rasad:field": a.field,
        "rasad:visibility": a.visibility,
        "rasad:team": a.organisation.slug if a.organisation else None,
        "rasad:revision": a.revision,
        "rasad:orphaned": placed.anchor.orphaned,
    }
    if a.canonical:
        data["canonical"] = a.canonical
    if data["rasad:team"] is None:
        del data["rasad:team"]
    if embedded:
        data.pop("@context")
    return data


def etag(data: Any) -> str:
    """A strong validator of exactly this representation (so If-Match compares what the caller saw)."""
    digest = hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False, default=str).encode()).hexdigest()
    return f'"{digest[:32]}"'


# --- Reading W3C annotations -------------------------------------------------------------------


class W3CError(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass
class Incoming:
    field: str
    exact: str
    prefix: str
    suffix: str
    start: int | None
    note: str
    visibility: str
    team: str | None
    canonical: str


def _one(value: Any, name: str) -> Any:
    if isinstance(value, list):
        if len(value) != 1:
            raise W3CError(name, _("رصد یک %(name)s در هر یادداشت می‌پذیرد.") % {"name": name})
        return value[0]
    return value


def _types(value: Any) -> list:
    return value if isinstance(value, list) else [value]


def _note(data: dict) -> str:
    if "body" in data and "bodyValue" in data:
        raise W3CError("bodyValue", _("body و bodyValue با هم نمی‌آیند؛ یکی را بفرستید."))
    if "bodyValue" in data:
        value = data["bodyValue"]
        if not isinstance(value, str):
            raise W3CError("bodyValue", _("bodyValue باید متن باشد."))
        return value
    body = _one(data.get("body"), "body")
    if body is None:
        return ""
    if not isinstance(body, dict) or "TextualBody" not in _types(body.get("type", "TextualBody")):
        raise W3CError("body", _("body باید یک TextualBody با value متنی باشد."))
    value = body.get("value", "")
    if not isinstance(value, str):
        raise W3CError("body.value", _("body.value باید متن باشد."))
    return value


def _article_in(source: Any, article_id: int) -> bool:
    """Whether ``source`` names this article: its page, its API address or its container."""
    if not isinstance(source, str):
        return False
    path = re.sub(r"^https?://[^/]+", "", source.strip())
    return bool(re.match(rf"^/(?:api/v1/)?articles/{article_id}(?:/|$|#|\?)", path))


def _incoming_selectors(target: dict) -> tuple[dict, dict]:
    raw = target.get("selector")
    if raw is None:
        raise W3CError("target.selector", _("target.selector لازم است: TextQuoteSelector یا TextPositionSelector."))
    items = raw if isinstance(raw, list) else [raw]
    quote: dict = {}
    position: dict = {}
    for item in items:
        if not isinstance(item, dict):
            raise W3CError("target.selector", _("هر selector باید یک شیء JSON باشد."))
        kind = item.get("type")
        if kind == "TextQuoteSelector":
            quote = item
        elif kind == "TextPositionSelector":
            position = item
    if not quote and not position:
        raise W3CError("target.selector", _("رصد TextQuoteSelector و TextPositionSelector را می‌شناسد."))
    return quote, position


def _quote_fields(quote: dict, position: dict) -> tuple[str, str, str, int | None, int | None]:
    for key in ("exact", "prefix", "suffix"):
        if key in quote and not isinstance(quote[key], str):
            raise W3CError(f"target.selector.{key}", _("%(key)s باید متن باشد.") % {"key": key})
    start: int | None = None
    end: int | None = None
    if position:
        start, end = position.get("start"), position.get("end")
        valid = all(isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in (start, end))
        if not valid or not isinstance(start, int) or not isinstance(end, int) or end < start:
            raise W3CError(
                "target.selector.start", _("start و end باید عددهای نامنفی باشند و end کمتر از start نباشد.")
            )
    return quote.get("exact", ""), quote.get("prefix", ""), quote.get("suffix", ""), start, end


def _header(data: Any) -> None:
    """The annotation as a whole: an object of known terms, of the Web Annotation context and type."""
    if not isinstance(data, dict):
        raise W3CError("", _("بدنهٔ درخواست باید یک شیء JSON (یک Annotation) باشد."))
    unknown = sorted(set(data) - KNOWN_KEYS)
    if unknown:
        raise W3CError(unknown[0], _("این ویژگی شناخته نیست: %(names)s.") % {"names": "، ".join(unknown)})
    if "@context" in data and ANNO_CONTEXT not in _types(data["@context"]):
        raise W3CError("@context", _("@context باید http://www.w3.org/ns/anno.jsonld را داشته باشد."))
    if "type" in data and "Annotation" not in _types(data["type"]):
        raise W3CError("type", _("type باید Annotation باشد."))


def _target(data: dict[str, Any], article_id: int) -> dict[str, Any]:
    target = _one(data.get("target"), "target")
    if target is None:
        raise W3CError("target", _("target لازم است."))
    source = target.get("source") if isinstance(target, dict) else target
    if not _article_in(source, article_id):
        raise W3CError("target.source", _("target.source باید نشانی همین مقاله در رصد باشد."))
    if not isinstance(target, dict):
        raise W3CError("target.selector", _("target.selector لازم است: TextQuoteSelector یا TextPositionSelector."))
    return target


def _rasad_terms(data: dict[str, Any]) -> tuple[str, str, str | None, str]:
    field = data.get("rasad:field", "summary")
    if field not in Annotation.Field.values:
        raise W3CError("rasad:field", _("rasad:field باید summary یا body باشد."))
    visibility = data.get("rasad:visibility", Annotation.Visibility.PRIVATE)
    if visibility not in Annotation.Visibility.values:
        raise W3CError("rasad:visibility", _("rasad:visibility باید private یا team باشد."))
    team = data.get("rasad:team")
    if team is not None and (not isinstance(team, str) or len(team) > 220):
        raise W3CError("rasad:team", _("rasad:team باید نامک یک تیم باشد."))
    canonical = data.get("canonical", "")
    if not isinstance(canonical, str) or len(canonical) > 500:
        raise W3CError("canonical", _("canonical باید یک IRI (حداکثر ۵۰۰ نویسه) باشد."))
    return field, visibility, team, canonical


def parse(data: Any, *, article_id: int, text_of: Callable[[str], str]) -> Incoming:
    """A W3C annotation sent by a client, for the article ``article_id``; ``text_of(field)`` is the
    current text of the summary or the body (for a position given without a quote)."""
    _header(data)
    note = _note(data)
    if len(note) > MAX_NOTE:
        raise W3CError("body.value", _("یادداشت بلندتر از ۵۰۰۰ نویسه است."))
    target = _target(data, article_id)
    field, visibility, team, canonical = _rasad_terms(data)
    exact, prefix, suffix, start, end = _quote_fields(*_incoming_selectors(target))
    if not exact and start is not None:
        exact = text_of(field)[start:end]
        if not exact:
            raise W3CError("target.selector.start", _("این بازه در متن کنونی نیست."))
    if not exact.strip() or len(exact) > MAX_QUOTE:
        raise W3CError("target.selector.exact", _("عبارت برگزیده باید میان ۱ و ۲۰۰۰ نویسه باشد."))
    return Incoming(field, exact, prefix, suffix, start, note, visibility, team, canonical)
