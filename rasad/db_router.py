"""Primary/replica database routing, enabled when ``DATABASE_REPLICA_URL`` is set.

- Writes always go to the primary (``default``).
- Reads go to the replica, except when they must see the primary's latest state:
  inside a transaction on the primary (``transaction.atomic``: a read that decides a write),
  during a request with an unsafe method (POST/PUT/PATCH/DELETE), and for a few seconds after a
  browser wrote something (a cookie set by ``PrimaryAfterWriteMiddleware``), so a reader sees
  their own save straight away despite replication lag.
- Migrations run on the primary only; the replica gets them by replication.

https://docs.djangoproject.com/en/5.2/topics/db/multi-db/#automatic-database-routing
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.db import connections
from django.db.models import Model
from django.http import HttpRequest, HttpResponse

PRIMARY = "default"
REPLICA = "replica"
PIN_COOKIE = "rasad_primary"

_use_primary: ContextVar[bool] = ContextVar("rasad_use_primary", default=False)


class PrimaryReplicaRouter:
    def db_for_read(self, model: type[Model], **hints: Any) -> str:
        if _use_primary.get() or connections[PRIMARY].in_atomic_block:
            return PRIMARY
        return REPLICA

    def db_for_write(self, model: type[Model], **hints: Any) -> str:
        return PRIMARY

    def allow_relation(self, obj1: Model, obj2: Model, **hints: Any) -> bool:
        # Both aliases hold the same data.
        return True

    def allow_migrate(self, db: str, app_label: str, model_name: str | None = None, **hints: Any) -> bool:
        return db == PRIMARY


class PrimaryAfterWriteMiddleware:
    """Reads of unsafe requests, and of the same browser shortly after one, use the primary."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        unsafe = request.method not in ("GET", "HEAD", "OPTIONS", "TRACE")
        token = _use_primary.set(unsafe or PIN_COOKIE in request.COOKIES)
        try:
            response = self.get_response(request)
        finally:
            _use_primary.reset(token)
        if unsafe:
            response.set_cookie(
                PIN_COOKIE,
                "1",
                max_age=getattr(settings, "RASAD_REPLICA_PIN_SECONDS", 5),
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response
