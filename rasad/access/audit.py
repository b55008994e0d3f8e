"""Putting a privileged act that changes no audited model (an import run, an export of team data)
on the audit log: ``record`` saves an ``AuditEvent`` and its «ایجاد» entry through django-auditlog's
own ``LogEntry.objects.log_create``, with the actor, the summary and the details (admin →
«ورودی‌های گزارش», read-only like every other entry)."""

from __future__ import annotations

import getpass
from typing import Any

from auditlog.models import LogEntry
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User

from rasad.access.models import AuditEvent, Organisation


def command_line_actor() -> str:
    """Who ran a management command: the operating-system user (there is no Django user)."""
    try:
        who = getpass.getuser()
    except (KeyError, OSError):
        who = "?"
    return f"command line ({who})"


def record(
    *,
    kind: str,
    summary: str,
    actor: AbstractBaseUser | AnonymousUser | None = None,
    actor_label: str = "",
    organisation: Organisation | None = None,
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    user = actor if isinstance(actor, User) else None
    event = AuditEvent.objects.create(
        kind=kind,
        actor=user,
        actor_label=actor_label[:200],
        organisation=organisation,
        summary=summary[:500],
        details=details or {},
    )
    # django-auditlog's shape for a creation: each field from "None" to its value, as text.
    changes = {
        "kind": ["None", event.get_kind_display()],
        "summary": ["None", event.summary],
        "organisation": ["None", str(organisation) if organisation else "None"],
        "actor_label": ["None", event.actor_label or "None"],
    }
    # The actor is given, not left to the middleware's context: a command has no request.
    # (remote_addr still comes from that context when there is one.)
    LogEntry.objects.log_create(
        event,
        force_log=True,
        action=LogEntry.Action.CREATE,
        changes=changes,
        actor=user,
        additional_data=event.get_additional_data(),
    )
    return event
