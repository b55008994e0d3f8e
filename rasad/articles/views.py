"""Reading pages: the feed, an article, and think tank / author / topic listings."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from rasad.access.policy import can_read_full_text
from rasad.articles.models import Article, Author, SimilarLink, ThinkTank, Topic
from rasad.core.digits import to_latin_digits
from rasad.core.pagecache import anonymous_page_cache
from rasad.core.pagination import CachedCountPaginator as Paginator  # COUNT(*) cached until content changes


def paginate(request: HttpRequest, queryset, per_page: int | None = None):
    """The requested ``?page=`` of ``queryset``; a bad or out-of-range page is a Persian 404."""
    paginator = Paginator(queryset, per_page or settings.RASAD_PAGE_SIZE)
    raw = to_latin_digits(request.GET.get("page", "1")).strip() or "1"
    try:
        return paginator.page(raw)
    except PageNotAnInteger as exc:
        raise Http404(_("شماره صفحه باید عدد باشد.")) from exc
    except EmptyPage as exc:
        raise Http404(_("این صفحه وجود ندارد؛ مطلب بیشتری نیست.")) from exc


def editors_choice(limit: int = 6) -> list[Article]:
    return list(Article.objects.editors_choice().select_related("think_tank")[:limit])


def render_listing(request: HttpRequest, template: str, queryset, context: dict) -> HttpResponse:
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
def feed(request: HttpRequest) -> HttpResponse:
    return render_listing(request, "articles/feed.html", Article.objects.for_feed(), {})


@require_GET
@anonymous_page_cache  # anonymous readers all see the same page
def article_detail(request: HttpRequest, pk: int, slug: str | None = None) -> HttpResponse:
    article = get_object_or_404(
        Article.objects.select_related("think_tank", "observer_user").prefetch_related("authors", "topics"),
        pk=pk,
    )
    if not article.is_published and not request.user.is_staff:
        raise Http404(_("این مطلب منتشر نشده است."))
    if slug != article.slug:
        return redirect(article, permanent=True)
    links = (
        SimilarLink.objects.filter(Q(from_article=article) | Q(to_article=article))
        .select_related("from_article__think_tank", "to_article__think_tank")
        .order_by("position", "id")
    )
    similar = []
    linked_ids = {article.pk}
    for link in links:
        other = link.to_article if link.from_article_id == article.pk else link.from_article
        linked_ids.add(other.pk)
        if other.is_published and other not in similar:
            similar.append(other)
    # Curated links first, then the machine's suggestions (rasad.ingestion.similarity), marked as such.
    for suggested in (
        Article.objects.published()
        .filter(suggested_for__article=article)
        .exclude(pk__in=linked_ids)
        .select_related("think_tank")
        .order_by("-suggested_for__score", "-id")[:5]
    ):
        suggested.is_suggestion = True
        similar.append(suggested)
    return render(
        request,
        "articles/detail.html",
        {
            "article": article,
            "can_read": can_read_full_text(request.user, article),
            "similar": similar,
            "editors_choice": [a for a in editors_choice(7) if a.pk != article.pk][:6],
        },
    )


@require_GET
@vary_on_headers("HX-Request")
@anonymous_page_cache  # anonymous readers all see the same page
def think_tank_detail(request: HttpRequest, slug: str) -> HttpResponse:
    think_tank = get_object_or_404(ThinkTank, slug=slug)
    return render_listing(
        request,
        "articles/feed.html",
        Article.objects.for_feed().filter(think_tank=think_tank),
        {"heading": think_tank.name, "kind": _("اندیشکده"), "subject": think_tank},
    )


@require_GET
@vary_on_headers("HX-Request")
@anonymous_page_cache  # anonymous readers all see the same page
def author_detail(request: HttpRequest, slug: str) -> HttpResponse:
    author = get_object_or_404(Author.objects.select_related("think_tank"), slug=slug)
    return render_listing(
        request,
        "articles/feed.html",
        Article.objects.for_feed().filter(authors=author),
        {"heading": author.name, "kind": _("نویسنده"), "subject": author},
    )


@require_GET
@vary_on_headers("HX-Request")
@anonymous_page_cache  # anonymous readers all see the same page
def topic_detail(request: HttpRequest, slug: str) -> HttpResponse:
    topic = get_object_or_404(Topic, slug=slug)
    return render_listing(
        request,
        "articles/feed.html",
        Article.objects.for_feed().filter(topics=topic),
        {"heading": topic.name, "kind": _("موضوع"), "subject": topic},
    )
