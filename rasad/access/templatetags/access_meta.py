"""Structured data for an article page, built from public fields only (never the body), and the
reading-time label, which counts the body only for readers the gate lets read it."""

from __future__ import annotations

import json
from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from rasad.access.policy import can_read_full_text
from rasad.core.templatetags.persian import reading_time

register = template.Library()

# The escapes django.utils.html.json_script uses: nothing in the JSON can close the <script>.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def article_json_ld(context: template.Context, article: Any) -> str:
    request = context.get("request")
    url = request.build_absolute_uri(article.get_absolute_url()) if request else article.get_absolute_url()
    free = bool(article.open_access)
    data: dict = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": Truncator(article.title).chars(110),
        "description": Truncator(article.summary).words(40),
        "inLanguage": "fa",
        "url": url,
        "mainEntityOfPage": url,
        "datePublished": article.published_on.isoformat(),
        "dateModified": article.updated_at.isoformat() if article.updated_at else article.published_on.isoformat(),
        "author": [{"@type": "Person", "name": author.name} for author in article.authors.all()],
        "isAccessibleForFree": free,
    }
    if article.think_tank_id:
        data["sourceOrganization"] = {"@type": "Organization", "name": article.think_tank.name}
    if not free:
        # Google's markup for subscription content: the gated part is the body section.
        data["hasPart"] = {"@type": "WebPageElement", "isAccessibleForFree": False, "cssSelector": ".body-text"}
    payload = json.dumps(data, ensure_ascii=False).translate(_JSON_ESCAPES)
    # A data block is not executed, but it carries the page's nonce like every other script tag so
    # the policy stays "every <script> is ours" (tests/core/test_production.py).
    nonce = context.get("csp_nonce") or getattr(request, "csp_nonce", "")
    return format_html('<script type="application/ld+json" nonce="{}">{}</script>', nonce, mark_safe(payload))


@register.simple_tag(takes_context=True)
def reading_time_for(context: template.Context, article: Any) -> str:
    """«۳ دقیقه مطالعه»: of the summary, and of the full text too when the reader may read it (the
    length of a gated body is itself something only its readers learn)."""
    request = context.get("request")
    words = article.summary
    if can_read_full_text(getattr(request, "user", None), article):
        words = f"{words} {article.body}"
    return reading_time(words)
