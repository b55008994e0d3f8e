"""The installable web app: its manifest, the service worker (served from the site's root so
its scope is the whole site) and the page it shows when a page was never kept for offline use.

What the worker keeps is the reader's saved articles, listed by ``library:offline_list`` and
fetched as the reader would see them online, so the full text is kept only where the gate lets
them read it (rasad/access/policy.py); each online visit refreshes the copies and drops the
articles no longer saved or no longer readable in full.
"""

from __future__ import annotations

import json

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET


@require_GET
def web_manifest(request: HttpRequest) -> HttpResponse:
    manifest = {
        "name": _("رصد اندیشکده‌ها"),
        "short_name": _("رصد"),
        "description": _("خلاصه و ترجمهٔ فارسی تازه‌ترین گزارش‌های اندیشکده‌های جهان"),
        "lang": getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE),
        "dir": "ltr" if getattr(request, "LANGUAGE_CODE", "fa") == "en" else "rtl",
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "background_color": "#f4f6f8",
        "theme_color": "#0b5c74",
        "icons": [
            {"src": static("icons/rasad-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("icons/rasad-512.png"), "sizes": "512x512", "type": "image/png"},
            {"src": static("icons/rasad.svg"), "sizes": "any", "type": "image/svg+xml"},
        ],
    }
    return HttpResponse(json.dumps(manifest, ensure_ascii=False), content_type="application/manifest+json")


@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    path = finders.find("js/sw.js")
    with open(str(path), encoding="utf-8") as script:
        body = script.read()
    # The worker's own version follows the static files it pre-caches, so a deploy replaces it.
    assets = [static("css/rasad.css"), static("css/library.css"), static("js/offline.js"), static("icons/rasad.svg")]
    body = body.replace("__ASSETS__", json.dumps(assets))
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    response["Service-Worker-Allowed"] = "/"
    return response


@require_GET
def offline_page(request: HttpRequest) -> HttpResponse:
    return render(request, "core/offline.html")
