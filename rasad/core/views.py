"""Persian error pages. They render no article content, so nothing gated can leak through them."""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import redirect, render
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_POST

from rasad.core import preferences
from rasad.core.redirects import safe_next


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


class PreferencesForm(forms.Form):
    """Colour scheme and text size; a field left out keeps the reader's current choice."""

    theme = forms.ChoiceField(choices=[(t, t) for t in preferences.THEMES], required=False)
    text_size = forms.ChoiceField(choices=[(s, s) for s in preferences.TEXT_SIZES], required=False)


@require_POST
def preferences_set(request: HttpRequest) -> HttpResponse:
    """The theme and text-size switches: a plain form, so they work without JavaScript."""
    form = PreferencesForm(request.POST)
    if not form.is_valid():
        return bad_request(request, form)
    response = redirect(safe_next(request, "/"))
    if form.cleaned_data["theme"]:
        preferences.set_preference_cookie(response, preferences.THEME_COOKIE, form.cleaned_data["theme"])
    if form.cleaned_data["text_size"]:
        preferences.set_preference_cookie(response, preferences.TEXT_SIZE_COOKIE, form.cleaned_data["text_size"])
    return response


def robots_txt(request: HttpRequest) -> HttpResponse:
    """Crawlers may read the public pages; readers' own pages and the desk are not for them."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /accounts/",
        "Disallow: /library/",
        "Disallow: /annotations/",
        "Disallow: /api/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
