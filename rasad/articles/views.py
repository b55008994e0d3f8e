"""Reading pages: the feed, an article, and think tank / author / topic listings."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from rasad.access.policy import can_read_full_text
from rasad.articles import citations
from rasad.articles.models import Article, ArticleQuerySet, Author, ThinkTank, Topic
from rasad.articles.selectors import article_for, editors_choice, similar_articles
from rasad.core.htmx import HtmxHttpRequest
from rasad.core.pagecache import anonymous_page_cache
from rasad.core.pagination import paginate


def render_listing(
    request: HtmxHttpRequest, template: str, queryset: ArticleQuerySet, context: dict[str, Any]
) -> HttpResponse:
    """A page of cards; htmx «بیشتر» requests get only the next cards and button."""
    page = paginate(request, queryset)
    context = {**context, "page_obj": page, "articles": page.object_list}
    if request.htmx:
        return render(request, f"{template}#cards", context)
    context["editors_choice"] = editors_choice()
    return render(request, template, context)


@require_GET
@vary_on_headers("HX-Request")
@anonymous_page_cache  # anonymous readers all see the same page
def feed(request: HtmxHttpRequest) -> HttpResponse:
    return render_listing(request, "articles/feed.html", Article.objects.for_feed(), {})


@require_GET
@anonymous_page_cache  # anonymous readers all see the same page
def article_detail(request: HtmxHttpRequest, pk: int, slug: str | None = None) -> HttpResponse:
    article = article_for(
        request.user,
        pk,
        Article.objects.select_related("think_tank", "observer_user").prefetch_related("authors", "topics"),
    )
    if slug != article.slug:
        return redirect(article, permanent=True)
    can_read = can_read_full_text(request.user, article)
    # What the page showed, for whoever counts reads (rasad.insights' middleware).
    request.full_text_shown = can_read  # type: ignore[attr-defined]
    return render(
        request,
        "articles/detail.html",
        {
            "article": article,
            "can_read": can_read,
            "similar": similar_articles(article),
            "editors_choice": [a for a in editors_choice(7) if a.pk != article.pk][:6],
        },
    )


@require_GET
@vary_on_headers("HX-Request")
@anonymous_page_cache  # anonymous readers all see the same page
def think_tank_detail(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    think_tank = get_object_or_404(ThinkTank, slug=slug)
    return render_listing(
        request,
        "articles/feed.html",
        Article.objects.for_feed().filter(think_tank=think_tank),
        {
            "heading": think_tank.name,
            "kind": _("اندیشکده"),
            "subject": think_tank,
            "follow_kind": "think_tank",
        },
    )


class ThinkTankFilterForm(forms.Form):
    country = forms.CharField(label=_lazy("کشور"), required=False, max_length=100)
    orientation = forms.CharField(label=_lazy("گرایش"), required=False, max_length=100)
    founded_after = forms.IntegerField(label=_lazy("تأسیس از سال"), required=False, min_value=1000, max_value=3000)


@require_GET
@anonymous_page_cache  # anonymous readers all see the same page
def think_tank_list(request: HtmxHttpRequest) -> HttpResponse:
    """Think tanks with their profiles, filtered by country, orientation and founding year."""
    form = ThinkTankFilterForm(request.GET)
    if not form.is_valid():
        return render(request, "articles/think_tanks.html", {"form": form, "think_tanks": []}, status=400)
    return render(
        request,
        "articles/think_tanks.html",
        {"form": form, "think_tanks": ThinkTank.objects.profiled(**form.cleaned_data), **ThinkTank.objects.facets()},
    )


@require_GET
@vary_on_headers("HX-Request")
@anonymous_page_cache  # anonymous readers all see the same page
def author_detail(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    author = get_object_or_404(Author.objects.select_related("think_tank"), slug=slug)
    return render_listing(
        request,
        "articles/feed.html",
        Article.objects.for_feed().filter(authors=author),
        {"heading": author.name, "kind": _("نویسنده"), "subject": author, "follow_kind": "author"},
    )


@require_GET
@vary_on_headers("HX-Request")
@anonymous_page_cache  # anonymous readers all see the same page
def topic_detail(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    topic = get_object_or_404(Topic, slug=slug)
    return render_listing(
        request,
        "articles/feed.html",
        Article.objects.for_feed().filter(topics=topic),
        {"heading": topic.name, "kind": _("موضوع"), "subject": topic, "follow_kind": "topic"},
    )


@require_GET
def article_pdf(request: HtmxHttpRequest, pk: int) -> FileResponse:
    """The original PDF: full text, so through the gate; a reader without access gets the same 404
    as for an article without a PDF (nothing says a document is there)."""
    article = article_for(request.user, pk, Article.objects.all())
    if not article.pdf or not can_read_full_text(request.user, article):
        raise Http404(_("سند اصلی این مقاله در دسترس شما نیست."))
    try:
        handle = article.pdf.open("rb")
    except FileNotFoundError as exc:
        raise Http404(_("سند اصلی این مقاله در دسترس شما نیست.")) from exc
    response = FileResponse(handle, content_type="application/pdf", filename=f"rasad-{article.pk}.pdf")
    # Full text: never kept by shared caches.
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_GET
def article_citation(request: HtmxHttpRequest, pk: int, ext: str) -> HttpResponse:
    """The article's citation as RIS, BibTeX or CSL-JSON (public fields only)."""
    if ext not in citations.BY_EXTENSION:
        raise Http404(_("این قالب ارجاع نیست؛ ris، bib یا json."))
    article = article_for(request.user, pk, Article.objects.for_cards())
    return citations.download(
        citations.BY_EXTENSION[ext], [article], base_url=request.build_absolute_uri("/"), filename=f"rasad-{article.pk}"
    )
