"""A collection's articles as CSV or Markdown (``rasad.core.downloads`` makes them safe to open)."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.translation import gettext as _

from rasad.core.downloads import csv_response, markdown_escape, markdown_response
from rasad.core.jalali import jalali_numeric
from rasad.library.models import Collection, CollectionItem


def collection_csv(collection: Collection, items: list[CollectionItem]) -> HttpResponse:
    rows = [
        [
            item.article.title,
            item.article.think_tank.name if item.article.think_tank else "",
            jalali_numeric(item.article.published_on),
            item.article.get_absolute_url(),
            item.added_by.get_username() if item.added_by else "",
        ]
        for item in items
    ]
    header = [_("عنوان"), _("اندیشکده"), _("تاریخ انتشار"), _("نشانی"), _("افزوده‌شده به دست")]
    return csv_response(f"collection-{collection.pk}.csv", header, rows)


def collection_markdown(collection: Collection, items: list[CollectionItem]) -> HttpResponse:
    lines = [f"# {markdown_escape(collection.name)}", ""]
    for item in items:
        tank = f" ({markdown_escape(item.article.think_tank.name)})" if item.article.think_tank else ""
        lines.append(f"- {markdown_escape(item.article.title)}{tank}: {item.article.get_absolute_url()}")
    if not items:
        lines.append(_("این مجموعه هنوز خالی است."))
    return markdown_response(f"collection-{collection.pk}.md", "\n".join(lines) + "\n")
