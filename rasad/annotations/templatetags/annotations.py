"""``{% annotation_margin article %}``: the margin of an article page, with the viewer's notes placed
on the text (one query) and the form to write one."""

from __future__ import annotations

from typing import Any

from django import template

from rasad.access.policy import can_read_full_text
from rasad.annotations.forms import AnnotationForm
from rasad.annotations.selectors import for_article
from rasad.articles.models import Article

register = template.Library()


@register.inclusion_tag("annotations/_margin.html", takes_context=True)
def annotation_margin(context: template.Context, article: Article) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    can_read = can_read_full_text(user, article)
    return {
        "request": request,
        "user": user,
        "csrf_token": context.get("csrf_token"),
        "article": article,
        "can_read": can_read,
        "notes": for_article(user, article),
        "form": AnnotationForm(user=user, can_read=can_read) if user is not None and user.is_authenticated else None,
    }
