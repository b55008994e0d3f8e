"""The one permission rule reading-list collections and annotations share:
the owner does everything, a teammate sees team objects but may not change them, everyone else
gets a 404, and anonymous readers are sent to log in."""

from __future__ import annotations

USERS = ["owner", "teammate", "outsider", "anonymous"]
KINDS = ["private", "team"]
ACTIONS = ["list", "detail", "edit", "delete", "partial", "export"]


def expected(who: str, kind: str, action: str) -> str:
    """'ok', 'forbidden' (visible, not theirs to change), 'hidden' (404) or 'login'."""
    if who == "anonymous":
        return "login"
    if who == "owner":
        return "ok"
    if who == "teammate" and kind == "team":
        return "forbidden" if action in {"edit", "delete"} else "ok"
    return "hidden"
