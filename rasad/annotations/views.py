"""Annotation pages, partials, actions and exports. Whatever a user may not see answers 404."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from rasad.access import teams
from rasad.access.policy import can_read_full_text
from rasad.annotations import briefings, exports, selectors, services
from rasad.annotations.forms import AnnotationEditForm, AnnotationForm, ExportForm, ReplyForm, TeamWeekForm
from rasad.annotations.models import Annotation, AnnotationQuerySet
from rasad.articles.decorators import with_visible_article
from rasad.articles.models import Article
from rasad.core.htmx import LoggedInRequest, login_required_htmx
from rasad.core.views import bad_request
from rasad.library.selectors import collection_for

EXPORT_FORMATS = {"csv", "md"}


def _visible(request: LoggedInRequest, pk: int) -> Annotation:
    return get_object_or_404(Annotation.objects.visible_to(request.user).for_display(), pk=pk)


def add_errors(form: forms.BaseForm, exc: ValidationError) -> None:
    """A service's per-field errors on the form (on the form as a whole for fields it does not show)."""
    for name, messages_ in exc.message_dict.items():
        form.add_error(name if name in form.fields else None, messages_)


def _margin(request: LoggedInRequest, article: Article, form: AnnotationForm | None = None, **extra: Any) -> dict:
    can_read = can_read_full_text(request.user, article)
    return {
        "article": article,
        "notes": selectors.for_article(request.user, article),
        "can_read": can_read,
        "form": form or AnnotationForm(user=request.user, can_read=can_read),
        **extra,
    }


@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
@with_visible_article
@login_required_htmx
def article_annotations(request: LoggedInRequest, article: Article) -> HttpResponse:
    """GET: the article's annotations the viewer may see. POST: create one."""
    if request.method == "POST":
        return _create(request, article)
    template = "annotations/_margin.html" if request.htmx else "annotations/article_list.html"
    return render(request, template, _margin(request, article))


def _create(request: LoggedInRequest, article: Article) -> HttpResponse:
    can_read = can_read_full_text(request.user, article)
    form = AnnotationForm(request.POST, user=request.user, can_read=can_read)
    annotation = None
    if form.is_valid():
        data = form.cleaned_data
        try:
            annotation = services.annotation_create(
                author=request.user,
                article=article,
                field=data["field"],
                exact=data["exact"],
                prefix=data["prefix"],
                suffix=data["suffix"],
                start=data["start"],
                note=data["note"],
                visibility=data["visibility"],
                organisation=data.get("organisation"),
            )
        except ValidationError as exc:
            add_errors(form, exc)
        except PermissionDenied:
            raise Http404(_("متن کامل این مطلب برای شما باز نیست.")) from None
    template = "annotations/_margin.html" if request.htmx else "annotations/article_list.html"
    if annotation is None:
        return render(request, template, _margin(request, article, form), status=400)
    if request.htmx:
        return render(request, template, _margin(request, article, created=annotation.pk))
    messages.success(request, _("یادداشت شما ثبت شد."))
    return HttpResponseRedirect(f"{article.get_absolute_url()}#annotation-{annotation.pk}")


@require_GET
@vary_on_headers("HX-Request")
@login_required_htmx
def detail(request: LoggedInRequest, pk: int) -> HttpResponse:
    annotation = _visible(request, pk)
    if request.htmx:
        context = {"note": selectors.place(request.user, [annotation])[0], "article": annotation.article}
        return render(request, "annotations/_annotation.html", context)
    return render(request, "annotations/detail.html", _thread(request, annotation, ReplyForm()))


def _thread(request: LoggedInRequest, annotation: Annotation, form: ReplyForm) -> dict[str, Any]:
    is_team = annotation.visibility == Annotation.Visibility.TEAM and annotation.organisation is not None
    return {
        "note": selectors.place(request.user, [annotation])[0],
        "article": annotation.article,
        "is_team": is_team,
        "replies": annotation.replies.select_related("author") if is_team else [],
        "teammates": teams.teammates(annotation.organisation) if is_team and annotation.organisation else [],
        "reply_form": form,
    }


@require_POST
@login_required_htmx
def reply(request: LoggedInRequest, pk: int) -> HttpResponse:
    """Answer a team note of one's own team; the thread's page shows it."""
    annotation = _visible(request, pk)
    form = ReplyForm(request.POST)
    if form.is_valid():
        try:
            answer = services.reply_create(annotation=annotation, author=request.user, text=form.cleaned_data["text"])
        except PermissionDenied:
            raise Http404(_("این یادداشت گفت‌وگوی تیمی ندارد.")) from None
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("پاسخ شما ثبت شد."))
            return HttpResponseRedirect(answer.get_absolute_url())
    return render(request, "annotations/detail.html", _thread(request, annotation, form), status=400)


@require_http_methods(["GET", "POST"])
@login_required_htmx
def edit(request: LoggedInRequest, pk: int) -> HttpResponse:
    annotation = _visible(request, pk)
    if annotation.author_id != request.user.pk:
        raise PermissionDenied
    form = AnnotationEditForm(request.POST or None, instance=annotation, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.annotation_update(
                annotation=annotation,
                note=form.cleaned_data["note"],
                visibility=form.cleaned_data["visibility"],
                organisation=form.cleaned_data.get("organisation"),
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            if request.htmx:
                note = selectors.place(request.user, [annotation])[0]
                return render(request, "annotations/_annotation.html", {"note": note, "article": annotation.article})
            messages.success(request, _("یادداشت ویرایش شد."))
            return HttpResponseRedirect(f"{annotation.article.get_absolute_url()}#annotation-{annotation.pk}")
    if form.is_bound:
        annotation.refresh_from_db()  # an invalid form must not show its half-applied values as saved
    note = selectors.place(request.user, [annotation])[0]
    return render(
        request,
        "annotations/edit.html",
        {"note": note, "article": annotation.article, "form": form},
        status=400 if form.is_bound else 200,
    )


@require_POST
@login_required_htmx
def delete(request: LoggedInRequest, pk: int) -> HttpResponse:
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


def _in_scope(request: LoggedInRequest, form: ExportForm) -> AnnotationQuerySet:
    if form.cleaned_data["scope"] == "team":
        return Annotation.objects.by_team_of(request.user)
    return Annotation.objects.mine(request.user)


def _base_url(request: LoggedInRequest) -> str:
    return request.build_absolute_uri("/")[:-1]


@require_GET
@with_visible_article
@login_required_htmx
def export_article(request: LoggedInRequest, article: Article, fmt: str) -> HttpResponse:
    if fmt not in EXPORT_FORMATS:
        raise Http404(_("این قالب خروجی پشتیبانی نمی‌شود؛ csv یا md."))
    form = ExportForm(request.GET)
    if not form.is_valid():
        return bad_request(request, form)
    annotations = list(
        _in_scope(request, form).filter(article=article).select_related("author").order_by("field", "start", "id")
    )
    for a in annotations:
        a.article = article
    scope = form.cleaned_data["scope"]
    placed = selectors.place(request.user, annotations)
    filename = f"annotations-article-{article.pk}-{scope}"
    if scope == "team":
        services.audit_team_export(user=request.user, annotations=annotations, fmt=fmt, what=article.title)
    return exports.respond(fmt, filename, article.title, placed, base=_base_url(request))


@require_GET
@login_required_htmx
def export_collection(request: LoggedInRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in EXPORT_FORMATS:
        raise Http404(_("این قالب خروجی پشتیبانی نمی‌شود؛ csv یا md."))
    collection = collection_for(request.user, pk)
    form = ExportForm(request.GET)
    if not form.is_valid():
        return bad_request(request, form)
    annotations = list(
        _in_scope(request, form)
        .filter(article__collection_items__collection=collection)
        .for_display()
        .order_by("article__title", "article_id", "field", "start", "id")
    )
    scope = form.cleaned_data["scope"]
    placed = selectors.place(request.user, annotations)
    filename = f"annotations-collection-{collection.pk}-{scope}"
    if scope == "team":
        services.audit_team_export(user=request.user, annotations=annotations, fmt=fmt, what=collection.name)
    return exports.respond(fmt, filename, collection.name, placed, base=_base_url(request))


# --- Team activity ------------------------------------------------------------------------------


@require_GET
@login_required_htmx
def team_activity(request: LoggedInRequest) -> HttpResponse:
    form = TeamWeekForm(request.GET)
    valid = form.is_valid()
    data = form.cleaned_data if valid else {}
    q = (data.get("q") or "").strip()
    week = selectors.team_week(
        request.user, day=data.get("week"), topic=data.get("topic"), think_tank=data.get("think_tank"), q=q
    )
    context = {
        "q": q,
        "week": week,
        "notes": week.notes if valid else [],
        "topic": data.get("topic"),
        "tank": data.get("think_tank"),
        "form": form,
        "has_team": teams.organisations_of(request.user).exists(),
    }
    return render(request, "annotations/team.html", context, status=200 if valid else 400)


# --- Briefings ----------------------------------------------------------------------------------


@require_GET
@login_required_htmx
def briefing(request: LoggedInRequest, pk: int, fmt: str) -> HttpResponse:
    """A collection as a right-to-left PDF or DOCX dossier (rasad/annotations/briefings.py)."""
    if fmt not in {"pdf", "docx"}:
        raise Http404(_("این قالب گزارش کوتاه پشتیبانی نمی‌شود؛ pdf یا docx."))
    collection = collection_for(request.user, pk)
    briefing = briefings.briefing_for(reader=request.user, collection=collection)
    team_notes = [
        placed.annotation
        for entry in briefing.entries
        for placed in entry.notes
        if placed.annotation.visibility == Annotation.Visibility.TEAM
    ]
    if team_notes:  # a briefing of one's own notes only carries no team data
        services.audit_team_export(user=request.user, annotations=team_notes, fmt=fmt, what=collection.name)
    return briefings.download(briefing, fmt)
