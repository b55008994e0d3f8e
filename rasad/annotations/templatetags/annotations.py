"""``{% article_annotations article as notes %}``: the viewer's annotations placed on the page (one query)."""

from __future__ import annotations

from django import template

from rasad.annotations.selectors import for_article

register = template.Library()


@register.simple_tag(takes_context=True)
def article_annotations(context, article):
    request = context.get("request")
    if request is None:
        return []
    return for_article(request.user, article)
