"""Who is asking: the user types every app annotates with, and who counts as an editor.

Editors are Django staff: they see every article (drafts and scheduled ones included) and read
every full text. Everything else a user may do is decided by the app that owns it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

# A request's user: a logged-in account or the anonymous visitor. ``None`` where no request is
# involved (a feed read by a program, a management command).
Reader: TypeAlias = "User | AnonymousUser | None"


def is_editor(user: Reader) -> bool:
    """Whether ``user`` is an active staff account (the editors' desk)."""
    return user is not None and user.is_authenticated and user.is_active and user.is_staff
