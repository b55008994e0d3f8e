"""Persian error pages. They render no article content, so nothing gated can leak through them."""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token


@requires_csrf_token
def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    message = ""
    if exception is not None and exception.args and isinstance(exception.args[0], str):
        # Our own Http404 messages are Persian and meant for the reader; Django's are not.
        text = exception.args[0]
        if any("\u0600" <= ch <= "\u06ff" for ch in text):
            message = text
    body = loader.render_to_string("404.html", {"message": message, "request_path": request.path}, request)
    return HttpResponse(body, status=404)


def bad_request(request: HttpRequest, problem: str | forms.BaseForm) -> HttpResponse:
    """The Persian 400 page: what was wrong with the input (a message, or a form's errors)."""
    if isinstance(problem, forms.BaseForm):
        problem = " ".join(str(message) for messages in problem.errors.values() for message in messages)
    return render(request, "400.html", {"error": problem}, status=400)


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    # No context processors: the database or the session may be what failed.
    return HttpResponseServerError(loader.get_template("500.html").render())


def bench_bare(request: HttpRequest) -> HttpResponse:
    """The benchmark's baseline: a small page through the full middleware stack, nothing else.

    Routed only when ``RASAD_BENCH=1`` (see rasad/urls.py).
    """
    return HttpResponse("<!DOCTYPE html><title>bare</title><p>ok</p>")
