"""Annotation pages, partials, actions and exports. Whatever a user may not see answers 404."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from rasad.access.policy import can_read_full_text
from rasad.annotations import exports, selectors, services
from rasad.annotations.models import Annotation
from rasad.articles.models import Article, ThinkTank, Topic
from rasad.core.digits import to_latin_digits
from rasad.core.jalali import parse_jalali
from rasad.library.models import Collection
from rasad.library.views import login_required_htmx, visible_article

FORM_FIELDS = ("field", "exact", "prefix", "suffix", "start", "end", "note", "visibility")


def _int_or_none(raw: str | None) -> int | None:
    raw = to_latin_digits(raw or "").strip()
    return int(raw) if raw.isdigit() else None


def _visible(request: HttpRequest, pk: int) -> Annotation:
    annotation = get_object_or_404(Annotation.objects.visible_to(request.user).for_display(), pk=pk)
    if not annotation.article.is_visible_to(request.user):
        raise Http404(_("این مطلب منتشر نشده است."))
    return annotation


def _margin_context(request: HttpRequest, article: Article, **extra) -> dict:
    return {
        "article": article,
        "notes": selectors.for_article(request.user, article),
        "can_read": can_read_full_text(request.user, article),
        **extra,
    }


@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
@login_required_htmx
def article_annotations(request: HttpRequest, article_id: int) -> HttpResponse:
    """GET: the article's annotations the viewer may see. POST: create one (login required)."""
    if request.method == "POST":
        return _create(request, article_id)
    article = visible_article(request, article_id)
    context = _margin_context(request, article)
    if request.htmx:
        return render(request, "annotations/_margin.html", context)
    return render(request, "annotations/article_list.html", context)


def _create(request: HttpRequest, article_id: int) -> HttpResponse:
    article = visible_article(request, article_id)
    data = {name: request.POST.get(name, "") for name in FORM_FIELDS}
    try:
        annotation = services.annotation_create(
            author=request.user,
            article=article,
            field=data["field"] or Annotation.Field.SUMMARY,
            exact=data["exact"],
            prefix=data["prefix"],
            suffix=data["suffix"],
            start=_int_or_none(data["start"]),
            note=data["note"],
            visibility=data["visibility"] or Annotation.Visibility.TEAM,
        )
    except ValidationError as exc:
        errors = {k: " ".join(v) for k, v in exc.message_dict.items()}
        context = _margin_context(request, article, form=data, errors=errors)
        template = "annotations/_margin.html" if request.htmx else "annotations/article_list.html"
        return render(request, template, context, status=400)
    except PermissionDenied:
        raise Http404(_("متن کامل این مطلب برای شما باز نیست.")) from None
    if request.htmx:
        return render(request, "annotations/_margin.html", _margin_context(request, article, created=annotation.pk))
    messages.success(request, _("یادداشت شما ثبت شد."))
    return HttpResponseRedirect(f"{article.get_absolute_url()}#annotation-{annotation.pk}")


@require_GET
@vary_on_headers("HX-Request")
@login_required_htmx
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    annotation = _visible(request, pk)
    note = selectors.place(request.user, [annotation])[0]
    context = {"note": note, "article": annotation.article}
    if request.htmx:
        return render(request, "annotations/_annotation.html", context)
    return render(request, "annotations/detail.html", context)


@require_http_methods(["GET", "POST"])
@login_required_htmx
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    annotation = _visible(request, pk)
    if annotation.author_id != request.user.pk:
        raise PermissionDenied
    errors: dict[str, str] = {}
    if request.method == "POST":
        try:
            services.annotation_update(
                annotation=annotation,
                note=request.POST.get("note", ""),
                visibility=request.POST.get("visibility", annotation.visibility),
            )
        except ValidationError as exc:
            errors = {k: " ".join(v) for k, v in exc.message_dict.items()}
        else:
            if request.htmx:
                note = selectors.place(request.user, [annotation])[0]
                return render(request, "annotations/_annotation.html", {"note": note, "article": annotation.article})
            messages.success(request, _("یادداشت ویرایش شد."))
            return HttpResponseRedirect(f"{annotation.article.get_absolute_url()}#annotation-{annotation.pk}")
    note = selectors.place(request.user, [annotation])[0]
    return render(
        request,
        "annotations/edit.html",
        {"note": note, "article": annotation.article, "errors": errors, "form": request.POST or None},
        status=400 if errors else 200,
    )


@require_POST
@login_required_htmx
def delete(request: HttpRequest, pk: int) -> HttpResponse:
    annotation = _visible(request, pk)
    if not selectors.can_delete(request.user, annotation):
        raise PermissionDenied
    article = annotation.article
    services.annotation_delete(annotation=annotation)
    if request.htmx:
        return HttpResponse("")
    messages.success(request, _("یادداشت حذف شد."))
    return HttpResponseRedirect(article.get_absolute_url())


# --- Exports ------------------------------------------------------------------------------------


def _scope(request: HttpRequest):
    scope = request.GET.get("scope", "mine")
    if scope == "mine":
        return scope, Annotation.objects.filter(author=request.user)
    if scope == "team":
        return scope, Annotation.objects.by_team_of(request.user)
    raise ValueError(_("دامنهٔ خروجی باید «mine» (یادداشت‌های من) یا «team» (یادداشت‌های تیم) باشد."))


def _bad(request: HttpRequest, message: str) -> HttpResponse:
    return render(request, "400.html", {"error": message}, status=400)


@require_GET
@login_required_htmx
def export_article(request: HttpRequest, article_id: int, fmt: str) -> HttpResponse:
    if fmt not in {"csv", "md"}:
        raise Http404(_("این قالب خروجی پشتیبانی نمی‌شود؛ csv یا md."))
    article = visible_article(request, article_id)
    try:
        scope, queryset = _scope(request)
    except ValueError as exc:
        return _bad(request, str(exc))
    annotations = list(queryset.filter(article=article).select_related("author").order_by("field", "start", "id"))
    for a in annotations:
        a.article = article
    placed = selectors.place(request.user, annotations)
    title = article.title
    return exports.respond(
        fmt, f"annotations-article-{article.pk}-{scope}", title, placed, base=request.build_absolute_uri("/")[:-1]
    )


@require_GET
@login_required_htmx
def export_collection(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in {"csv", "md"}:
        raise Http404(_("این قالب خروجی پشتیبانی نمی‌شود؛ csv یا md."))
    collection = get_object_or_404(Collection.objects.visible_to(request.user), pk=pk)
    try:
        scope, queryset = _scope(request)
    except ValueError as exc:
        return _bad(request, str(exc))
    annotations = list(
        queryset.filter(article__collection_items__collection=collection)
        .for_display()
        .order_by("article__title", "article_id", "field", "start", "id")
    )
    placed = selectors.place(request.user, annotations)
    return exports.respond(
        fmt,
        f"annotations-collection-{collection.pk}-{scope}",
        collection.name,
        placed,
        base=request.build_absolute_uri("/")[:-1],
    )


# --- Team activity ------------------------------------------------------------------------------


@require_GET
@login_required_htmx
def team_activity(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    raw_week = request.GET.get("week", "").strip()
    error = ""
    try:
        week_start = selectors.jalali_week_start(parse_jalali(raw_week) if raw_week else today)
    except ValueError as exc:
        week_start, error = selectors.jalali_week_start(today), str(exc)
    team_notes = Annotation.objects.by_team_of(request.user)
    # Filter choices come from this team's annotations only: other teams' reading stays private.
    topics = list(Topic.objects.filter(articles__annotations__in=team_notes).distinct().order_by("name"))
    tanks = list(ThinkTank.objects.filter(articles__annotations__in=team_notes).distinct().order_by("name"))
    # «هفتهٔ پیش» stops at the team's first annotation: no endless chain of empty weeks.
    first_note_at = team_notes.order_by("created_at").values_list("created_at", flat=True).first()
    first_week = selectors.jalali_week_start(timezone.localdate(first_note_at)) if first_note_at else None
    topic_slug = request.GET.get("topic", "").strip()
    tank_slug = request.GET.get("think_tank", "").strip()
    topic = next((t for t in topics if t.slug == topic_slug), None) if topic_slug else None
    tank = next((t for t in tanks if t.slug == tank_slug), None) if tank_slug else None
    if topic_slug and topic is None:
        topic = Topic.objects.filter(slug=topic_slug).first()
        if topic is None:
            error = _("موضوع «%(s)s» را نمی‌شناسیم.") % {"s": topic_slug}
    if tank_slug and tank is None:
        tank = ThinkTank.objects.filter(slug=tank_slug).first()
        if tank is None:
            error = _("اندیشکدهٔ «%(s)s» را نمی‌شناسیم.") % {"s": tank_slug}
    begin, end = selectors.week_bounds(week_start)
    queryset = team_notes.filter(created_at__gte=begin, created_at__lt=end).for_display().order_by("-created_at", "-id")
    if topic is not None:
        queryset = queryset.filter(article__topics=topic)
    if tank is not None:
        queryset = queryset.filter(article__think_tank=tank)
    notes = [] if error else selectors.place(request.user, list(queryset[:500]))
    context = {
        "notes": notes,
        "week_start": week_start,
        "week_end": week_start + dt.timedelta(days=6),
        "previous_week": week_start - dt.timedelta(days=7) if first_week and first_week < week_start else None,
        "next_week": week_start + dt.timedelta(days=7) if week_start + dt.timedelta(days=7) <= today else None,
        "topics": topics,
        "tanks": tanks,
        "topic": topic,
        "tank": tank,
        "error": error,
        "has_team": request.user.memberships.exists(),
    }
    return render(request, "annotations/team.html", context, status=400 if error else 200)
