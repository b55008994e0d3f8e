"""Site pages of the API app: the reader's archive download (signed in, same site)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.views.decorators.http import require_GET

from rasad.api import archive
from rasad.core.htmx import LoggedInRequest


@login_required
@require_GET
def archive_download(request: LoggedInRequest) -> HttpResponse:
    response = HttpResponse(archive.build(request, request.user), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{archive.filename(request.user)}"'
    response["Cache-Control"] = "no-store"
    return response
