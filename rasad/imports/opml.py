"""Think tanks' feeds as OPML 2.0 (http://opml.org/spec2.opml), out and in.

Export: one ``<outline type="rss">`` per think tank with a feed (``text`` the Persian name,
``title`` the original name, ``xmlUrl`` the feed, ``htmlUrl`` the website). Import: each outline
with an ``xmlUrl`` updates the think tank it names — by feed, then website, then name (Persian or
original, normalised) — or creates one; ``dry_run`` reports without writing. XML is parsed with
defusedxml (no entity expansion, no external entities).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from xml.etree.ElementTree import Element, SubElement, tostring

from defusedxml import ElementTree as SafeET
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rasad.articles.models import ThinkTank
from rasad.core.links import normalise_url
from rasad.core.normalise import normalise

MAX_OPML_BYTES = 2 * 1024 * 1024


class OpmlError(ValueError):
    pass


def opml_export(think_tanks: Iterable[ThinkTank]) -> bytes:
    root = Element("opml", version="2.0")
    head = SubElement(root, "head")
    SubElement(head, "title").text = "رصد — خوراک اندیشکده‌ها"
    SubElement(head, "dateCreated").text = timezone.now().strftime("%a, %d %b %Y %H:%M:%S %z")
    body = SubElement(root, "body")
    for tank in think_tanks:
        if not tank.feed_url:
            continue
        attributes = {
            "type": "rss",
            "text": tank.name,
            "title": tank.name_original or tank.name,
            "xmlUrl": tank.feed_url,
        }
        if tank.website:
            attributes["htmlUrl"] = tank.website
        SubElement(body, "outline", attributes)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + tostring(root, encoding="unicode").encode("utf-8")


@dataclass
class OpmlRow:
    line: int
    name: str
    feed_url: str
    website: str
    status: str = ""  # "new", "updated", "unchanged", "error"
    status_label: str = ""
    think_tank: ThinkTank | None = None
    error: str = ""


def _outlines(data: bytes) -> list[OpmlRow]:
    if len(data) > MAX_OPML_BYTES:
        raise OpmlError(_("پروندهٔ OPML بزرگ‌تر از ۲ مگابایت است."))
    try:
        root = SafeET.fromstring(data)
    except Exception as exc:  # defusedxml raises ParseError or its own refusals
        raise OpmlError(_("این پرونده OPML (XML) درستی نیست: %(error)s") % {"error": exc}) from exc
    if root.tag != "opml" or root.find("body") is None:
        raise OpmlError(_("این پرونده OPML نیست (عنصر <opml> با <body> ندارد)."))
    rows = []
    for n, outline in enumerate(root.iter("outline"), start=1):
        feed = (outline.get("xmlUrl") or "").strip()
        if not feed:
            continue  # a folder
        name = (outline.get("text") or outline.get("title") or "").strip()
        rows.append(OpmlRow(line=n, name=name, feed_url=feed, website=(outline.get("htmlUrl") or "").strip()))
    if not rows:
        raise OpmlError(_("در این OPML هیچ خوراکی (outline با xmlUrl) نیست."))
    return rows


def _check(row: OpmlRow) -> str:
    valid = URLValidator(schemes=["http", "https"])
    for value in (row.feed_url, row.website):
        if not value:
            continue
        try:
            valid(value)
        except ValidationError:
            return _("«%(url)s» نشانی اینترنتی درستی نیست.") % {"url": value}
    if not row.name:
        return _("خوراک نام ندارد (ویژگی text).")
    if len(row.name) > 200 or len(row.feed_url) > 200 or len(row.website) > 200:
        return _("نام یا نشانی بلندتر از ۲۰۰ نویسه است.")
    return ""


def _match(row: OpmlRow, tanks: list[ThinkTank]) -> ThinkTank | None:
    feed, site, name = normalise_url(row.feed_url), normalise_url(row.website), normalise(row.name)
    for key in ("feed", "site", "name"):
        for tank in tanks:
            if key == "feed" and tank.feed_url and normalise_url(tank.feed_url) == feed:
                return tank
            if key == "site" and site and tank.website and normalise_url(tank.website) == site:
                return tank
            if key == "name" and name in {normalise(tank.name), normalise(tank.name_original or "")}:
                return tank
    return None


@transaction.atomic
def think_tanks_import_opml(*, data: bytes, dry_run: bool = False) -> list[OpmlRow]:
    """Update or create think tanks from an OPML file; a file with a bad row changes nothing."""
    rows = _outlines(data)
    tanks = list(ThinkTank.objects.all())
    seen: set[str] = set()
    for row in rows:
        row.error = _check(row)
        keys = {normalise_url(row.feed_url), "name:" + normalise(row.name)}
        if not row.error and keys & seen:
            row.error = _("این خوراک یا نام در همین پرونده تکرار شده است.")
        seen |= keys
        if row.error:
            row.status = "error"
            continue
        tank = _match(row, tanks)
        row.think_tank = tank
        if tank is None:
            row.status = "new"
        elif tank.feed_url == row.feed_url and (not row.website or tank.website == row.website):
            row.status = "unchanged"
        else:
            row.status = "updated"
    if dry_run or any(row.status == "error" for row in rows):
        return rows
    for row in rows:
        if row.status == "new":
            row.think_tank = ThinkTank.objects.create(name=row.name, feed_url=row.feed_url, website=row.website)
            tanks.append(row.think_tank)
        elif row.status == "updated" and row.think_tank is not None:
            row.think_tank.feed_url = row.feed_url
            row.think_tank.website = row.website or row.think_tank.website
            row.think_tank.save(update_fields=["feed_url", "website"])
    return rows
