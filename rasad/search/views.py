"""The search page: the full page, and htmx partials for live results and «بیشتر»."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from rasad.articles.selectors import editors_choice
from rasad.core.digits import to_latin_digits
from rasad.core.htmx import HtmxHttpRequest
from rasad.core.pagecache import anonymous_page_cache
from rasad.search.forms import SearchForm
from rasad.search.selectors import SearchPage, search_articles

TEMPLATE = "search/results.html"
MAX_PAGE = 100  # deeper than this nobody reads; OFFSET would only cost the database


def page_number(request: HtmxHttpRequest) -> int:
    raw = to_latin_digits(request.GET.get("page", "1")).strip() or "1"
    if not raw.isdigit():
        raise Http404(_("شماره صفحه باید عدد باشد."))
    number = int(raw)
    if not 1 <= number <= MAX_PAGE:
        raise Http404(_("این صفحه وجود ندارد؛ مطلب بیشتری نیست."))
    return number


def next_page_query(request: HtmxHttpRequest, number: int) -> str:
    params = request.GET.copy()
    params["page"] = str(number)
    return params.urlencode()


def shown_url(request: HtmxHttpRequest) -> str:
    """This search's address without empty parameters: what the address bar shows."""
    params = QueryDict(mutable=True)
    for key, values in request.GET.lists():
        kept = [v for v in values if v.strip()] if key != "page" else []
        if kept:
            params.setlist(key, kept)
    query = params.urlencode()
    return reverse("search:results") + (f"?{query}" if query else "")


def follow_in_address_bar(request: HtmxHttpRequest, response: HttpResponse) -> HttpResponse:
    """Live results put their address in the address bar: a new history entry when they replace
    another page (Back returns to it), the same entry while the reader keeps typing on this one.

    The answer depends on the page the reader is on, so it is never stored in the page cache.
    """
    current = urlsplit(request.headers.get("HX-Current-URL", "")).path
    header = "HX-Replace-Url" if current == reverse("search:results") else "HX-Push-Url"
    response[header] = shown_url(request)
    response["Cache-Control"] = "private, no-cache"
    return response


def as_typed_query(q: str) -> str:
    """The query string that searches ``q`` exactly as typed, without correcting its spelling."""
    params = QueryDict(mutable=True)
    params.update({"q": q, "typed": "1"})
    return params.urlencode()


@require_GET
@vary_on_headers("HX-Request", "HX-Target", "HX-Current-URL")
# Anonymous readers search public fields only, so their result pages are the same for all of them
# and popular queries are served from the page cache (rasad/core/pagecache.py).
@anonymous_page_cache
def results(request: HtmxHttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    number = page_number(request)
    status = 200
    result = None
    if form.is_bound and form.is_valid():
        text = form.cleaned_data["q"] or ""
        if text.strip() or form.has_filters():
            result = search_articles(
                text=text,
                user=request.user,
                filters=form.filters(),
                newest=form.cleaned_data.get("sort") == "newest",
                page=number,
                per_page=settings.RASAD_PAGE_SIZE,
                as_typed=bool(form.cleaned_data.get("typed")),
            )
            if number > 1 and not result.articles:
                raise Http404(_("این صفحه وجود ندارد؛ مطلب بیشتری نیست."))
    elif form.is_bound:
        status = 400
    page: SearchPage = result or SearchPage()
    q = (request.GET.get("q") or "").strip()
    context = {
        "form": form,
        "q": q,
        "search_query": q,
        "result": result,
        "articles": page.articles,
        "page_obj": page,
        "next_query": next_page_query(request, page.next_page_number),
        "as_typed_query": as_typed_query(q),
    }
    if request.htmx and not request.htmx.history_restore_request:
        target = request.htmx.target
        if target == "main":  # the header box, typed into on any page
            response = render(request, f"{TEMPLATE}#page", {**context, "partial_title": True}, status=status)
            return follow_in_address_bar(request, response)
        if target == "search-results":  # the search page's own form
            context.update(oob_header=True, partial_title=True)
            return follow_in_address_bar(request, render(request, f"{TEMPLATE}#results", context, status=status))
        return render(request, f"{TEMPLATE}#cards", context, status=status)  # «بیشتر»
    context["editors_choice"] = editors_choice()
    return render(request, TEMPLATE, context, status=status)
