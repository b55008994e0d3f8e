"""``{% contribution_count user %}``: how many observations a reader sent (their profile shows it)."""

from __future__ import annotations

from django import template
from django.contrib.auth.models import User

from rasad.contributions.models import Contribution

register = template.Library()


@register.simple_tag
def contribution_count(user: User) -> int:
    return Contribution.objects.filter(user=user).count()
