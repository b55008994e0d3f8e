"""Access pages: the subscription guide («راهنمای دریافت اشتراک»)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET


@require_GET
def guide(request: HttpRequest) -> HttpResponse:
    return render(request, "access/guide.html")
