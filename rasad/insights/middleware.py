"""Counts article page views and the gate's conversions as they pass, without touching the views.

The article view (``rasad.articles.views.article_detail``) lives in a lower layer and knows
nothing of counting; this middleware looks at what was answered: a 200 article page (served by the
view or from the anonymous page cache), a gate click (the guide opened with ``?from=<article>``),
and a sign-up or contribution that succeeded with the gated article it started from. Each is one
buffer write (``rasad.insights.services.reading_record``).
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve

from rasad.insights.models import Metric
from rasad.insights.services import reading_record, view_metrics

ARTICLE_VIEWS = {"articles:detail", "articles:detail_short"}
# Marks the page showed the gate instead of the full text (templates/access/_gate.html).
GATE_MARK = b'id="gate-title"'


def _article_from(value: str | None) -> int | None:
    """The article a conversion started from: ``?from=<id>`` or a ``next`` path to an article page."""
    if not value:
        return None
    if value.isdigit():
        return int(value)
    try:
        match = resolve(urlsplit(value).path)
    except Resolver404:
        return None
    pk = match.kwargs.get("pk") if match.view_name in ARTICLE_VIEWS else None
    return int(pk) if pk is not None else None


class ReadingCounterMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if settings.RASAD_READING_STATS and request.resolver_match is not None:
            self._count(request, response)
        return response

    def _count(self, request: HttpRequest, response: HttpResponse) -> None:
        name = request.resolver_match.view_name if request.resolver_match else ""
        if name in ARTICLE_VIEWS and request.method == "GET" and response.status_code == 200:
            if request.headers.get("HX-Request"):
                return  # partials of a page already counted
            pk = int(request.resolver_match.kwargs["pk"])  # type: ignore[union-attr]
            shown = getattr(request, "full_text_shown", None)
            if shown is None:  # a page from the anonymous page cache
                shown = GATE_MARK not in response.content
            reading_record(request, article_id=pk, metrics=view_metrics(request, full_text_shown=shown))
        elif name == "access:guide" and request.method == "GET":
            self._conversion(request, request.GET.get("from"), Metric.GATE_CLICK)
        elif name == "access:signup" and request.method == "POST" and response.status_code == 302:
            self._conversion(request, request.POST.get("next") or request.GET.get("next"), Metric.SIGNUP_AFTER_GATE)
        elif name == "contributions:contribute" and request.method == "POST" and response.status_code == 302:
            self._conversion(request, request.GET.get("from"), Metric.CONTRIBUTION_AFTER_GATE)

    def _conversion(self, request: HttpRequest, origin: str | None, metric: Metric) -> None:
        article_id = _article_from(origin)
        if article_id is not None:
            reading_record(request, article_id=article_id, metrics=(metric.value,))
