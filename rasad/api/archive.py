"""Everything a reader owns, in one ZIP they can take anywhere.

``archive.json`` (machine-readable: saved articles with read state, private notes and labels,
collections, and the reader's annotations in the W3C Web Annotation Data Model with selectors and
article links), ``archive.md`` (the same for people) and ``citations/`` (RIS, BibTeX and CSL-JSON
of every saved or collected article, for Zotero and other reference managers). Public article
fields only; a quote from a full text the reader can no longer read is left out, as everywhere.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from typing import Any

from django.contrib.auth.models import User
from django.http import HttpRequest
from django.utils import timezone

from rasad.annotations import selectors
from rasad.annotations.models import Annotation
from rasad.api import w3c
from rasad.articles import citations
from rasad.articles.models import Article
from rasad.core.digits import to_latin_digits
from rasad.core.jalali import jalali_numeric
from rasad.library.models import Collection, CollectionItem, SavedArticle


def _article(request: HttpRequest, a: Article) -> dict[str, Any]:
    return {
        "id": a.pk,
        "title": a.title,
        "summary": a.summary,
        "url": request.build_absolute_uri(a.get_absolute_url()),
        "source_url": a.source_url,
        "published_on": a.published_on.isoformat(),
        "published_on_jalali": to_latin_digits(jalali_numeric(a.published_on)),
        "think_tank": a.think_tank.name if a.think_tank else "",
        "authors": [x.name for x in a.authors.all()],
        "topics": [x.name for x in a.topics.all()],
    }


def _when(value: dt.datetime | None) -> str | None:
    return timezone.localtime(value).isoformat(timespec="seconds") if value else None


def collect(request: HttpRequest, user: User) -> dict[str, Any]:
    visible = Article.objects.visible_to(user).values("pk")
    card = ("article__think_tank",)
    saved = list(
        SavedArticle.objects.of(user)
        .filter(article__in=visible)
        .select_related(*card)
        .prefetch_related("article__authors", "article__topics")
    )
    collections = list(Collection.objects.visible_to(user).select_related("organisation").order_by("name", "id"))
    items = (
        CollectionItem.objects.filter(collection__in=collections, article__in=visible)
        .select_related(*card)
        .prefetch_related("article__authors", "article__topics")
        .order_by("-added_at", "-id")
    )
    by_collection: dict[int, list[Article]] = {c.pk: [] for c in collections}
    for item in items:
        by_collection[item.collection_id].append(item.article)
    annotations = list(
        Annotation.objects.mine(user).select_related("author", "article", "organisation").order_by("created_at", "id")
    )
    placed = selectors.place(user, annotations)
    articles = {a.pk: a for a in [s.article for s in saved] + [a for group in by_collection.values() for a in group]}
    return {
        "format": "rasad-archive",
        "version": 1,
        "exported_at": _when(timezone.now()),
        "user": {"username": user.get_username(), "name": user.get_full_name(), "email": user.email},
        "saved": [
            {
                "article": _article(request, s.article),
                "saved_at": _when(s.saved_at),
                "read_at": _when(s.read_at),
                "note": s.note,
                "labels": s.labels,
            }
            for s in saved
        ],
        "collections": [
            {
                "id": c.pk,
                "name": c.name,
                "team": c.organisation.name if c.organisation else None,
                "created_at": _when(c.created_at),
                "articles": [_article(request, a) for a in by_collection[c.pk]],
            }
            for c in collections
        ],
        "annotations": [w3c.to_w3c(request, p) for p in placed],
        "_articles": list(articles.values()),
    }


def _markdown(data: dict[str, Any]) -> str:
    lines = [f"# بایگانی رصد — {data['user']['username']}", "", f"ساخته‌شده در {data['exported_at']}", ""]
    lines += ["## فهرست مطالعه", ""]
    for s in data["saved"]:
        a = s["article"]
        state = "خوانده‌شده" if s["read_at"] else "خوانده‌نشده"
        lines.append(f"- [{a['title']}]({a['url']}) — {a['think_tank']}، {a['published_on_jalali']} — {state}")
        if s["labels"]:
            lines.append(f"  - برچسب‌ها: {'، '.join(s['labels'])}")
        if s["note"]:
            lines.append(f"  - یادداشت: {s['note']}")
    lines += ["", "## مجموعه‌ها", ""]
    for c in data["collections"]:
        lines.append(f"### {c['name']}" + (f" (تیم {c['team']})" if c["team"] else ""))
        lines += [f"- [{a['title']}]({a['url']})" for a in c["articles"]] + [""]
    lines += ["## یادداشت‌ها", ""]
    for note in data["annotations"]:
        quote = (
            next((s["exact"] for s in note["target"].get("selector", []) if "exact" in s), "")
            if isinstance(note["target"], dict)
            else ""
        )
        source = note["target"]["source"] if isinstance(note["target"], dict) else note["target"]
        lines.append(f"- «{quote}» — [{source}]({source})" if quote else f"- [{source}]({source})")
        if note["body"]["value"]:
            lines.append(f"  - {note['body']['value']}")
    return "\n".join(lines) + "\n"


def build(request: HttpRequest, user: User) -> bytes:
    data = collect(request, user)
    articles = data.pop("_articles")
    base = request.build_absolute_uri("/")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("archive.json", json.dumps(data, ensure_ascii=False, indent=2))
        archive.writestr("archive.md", _markdown(data))
        for fmt, (_media, ext) in citations.FORMATS.items():
            archive.writestr(f"citations/library.{ext}", citations.render(fmt, articles, base_url=base))
    return buffer.getvalue()


def filename(user: User) -> str:
    return f"rasad-archive-{user.pk}-{timezone.localdate().isoformat()}.zip"
