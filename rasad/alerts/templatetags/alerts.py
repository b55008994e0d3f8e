"""``{% follow_button "topic" topic %}`` on listing pages and ``{% mute_button annotation %}`` on a
team note's thread: each a form that works without JavaScript and an htmx toggle with it."""

from __future__ import annotations

from typing import Any

from django import template

from rasad.alerts.models import Alert, ThreadMute

register = template.Library()


@register.inclusion_tag("alerts/_follow.html", takes_context=True)
def follow_button(context: template.Context, kind: str, target: Any) -> dict[str, Any]:
    user = context["request"].user
    following = user.is_authenticated and Alert.objects.filter(user=user, kind=kind, **{kind: target}).exists()
    return {
        "kind": kind,
        "target": target,
        "following": following,
        "user": user,
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("alerts/_mute.html", takes_context=True)
def mute_button(context: template.Context, annotation: Any) -> dict[str, Any]:
    user = context["request"].user
    muted = ThreadMute.objects.filter(user=user, annotation=annotation).exists()
    return {"annotation": annotation, "muted": muted, "csrf_token": context.get("csrf_token")}
