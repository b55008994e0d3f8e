"""Reading-list pages and actions. Every view checks the object: what a user may not see is a 404."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from rasad.access import teams
from rasad.articles import citations
from rasad.articles.decorators import with_visible_article
from rasad.articles.models import Article
from rasad.articles.selectors import article_for
from rasad.core.htmx import LoggedInRequest, login_redirect, login_required_htmx
from rasad.core.pagination import paginate
from rasad.core.redirects import safe_next
from rasad.core.views import bad_request
from rasad.library import exports, selectors, services
from rasad.library.formats import ImportFormatError, Link, Parsed, parse_export
from rasad.library.forms import (
    CollectionAddForm,
    CollectionForm,
    CollectionRenameForm,
    LibrarySearchForm,
    LinksImportForm,
    NoteForm,
    ReadForm,
    SaveForm,
    StatusForm,
    TagsForm,
)
from rasad.library.models import Collection, CollectionItem, SavedArticle

LIST_PAGE_SIZE = 30
# Saved articles kept for offline reading, newest saves first: enough for a trip, not a whole archive.
OFFLINE_LIMIT = 100


def _my_collections(request: LoggedInRequest) -> list[Collection]:
    """The reader's collections, once per request (every card's «افزودن به» lists them)."""
    cached: list[Collection] | None = getattr(request, "_rasad_collections", None)
    if cached is None:
        cached = selectors.collections_of(request.user)
        request._rasad_collections = cached  # type: ignore[attr-defined]
    return cached


def _item(request: LoggedInRequest, item: SavedArticle) -> HttpResponse:
    """One card of «فهرست من», for htmx requests that changed it."""
    context = {"item": selectors.saved_item(request.user, item.pk), "collections": _my_collections(request)}
    return render(request, "library/my_list.html#item", context)


# --- Saving -------------------------------------------------------------------------------------


@require_POST
@with_visible_article
def save_toggle(request: LoggedInRequest, article: Article) -> HttpResponse:
    form = SaveForm(request.POST)
    if not form.is_valid():
        return bad_request(request, form)
    if not request.user.is_authenticated:
        # Kept in the session, which survives logging in: the save is done right after it.
        if form.cleaned_data["saved"] is not False:
            request.session[services.PENDING_SAVE_KEY] = article.pk
        return login_redirect(request)
    saved = services.article_set_saved(user=request.user, article=article, saved=form.cleaned_data["saved"])
    if request.htmx:
        context = {"article": article, "saved_article_ids": {article.pk} if saved else set()}
        return render(request, "library/_save_button.html", context)
    messages.success(request, _("به فهرست مطالعه افزوده شد.") if saved else _("از فهرست مطالعه برداشته شد."))
    return HttpResponseRedirect(safe_next(request, article.get_absolute_url()))


@require_POST
@with_visible_article
@login_required_htmx
def mark_read(request: LoggedInRequest, article: Article) -> HttpResponse:
    form = ReadForm(request.POST)
    if not form.is_valid():
        return bad_request(request, form)
    read = form.cleaned_data["read"]
    item = services.article_set_read(user=request.user, article=article, read=True if read is None else read)
    if request.htmx:
        return _item(request, item)
    return HttpResponseRedirect(safe_next(request, reverse("library:my_list")))


@require_POST
@with_visible_article
@login_required_htmx
def save_note(request: LoggedInRequest, article: Article) -> HttpResponse:
    form = NoteForm(request.POST)
    if not form.is_valid():
        return bad_request(request, form)
    item = services.article_set_note(user=request.user, article=article, note=form.cleaned_data["note"])
    if request.htmx:
        return _item(request, item)
    messages.success(request, _("یادداشت ذخیره شد."))
    return HttpResponseRedirect(safe_next(request, reverse("library:my_list")))


@require_POST
@with_visible_article
@login_required_htmx
def save_tags(request: LoggedInRequest, article: Article) -> HttpResponse:
    """Replace the tags of one of the reader's saved articles; anyone else's answers 404."""
    item = get_object_or_404(SavedArticle.objects.of(request.user), article=article)
    form = TagsForm(request.POST)
    if not form.is_valid():
        return bad_request(request, form)
    services.saved_set_tags(item=item, tags=form.cleaned_data["tags"])
    if request.htmx:
        return _item(request, item)
    messages.success(request, _("برچسب‌ها ذخیره شد."))
    return HttpResponseRedirect(safe_next(request, reverse("library:my_list")))


# --- My list ------------------------------------------------------------------------------------


@require_GET
@vary_on_headers("HX-Request")
@login_required_htmx
def my_list(request: LoggedInRequest) -> HttpResponse:
    form = StatusForm(request.GET)
    if not form.is_valid():
        return bad_request(request, form)
    status, q = form.cleaned_data["status"], form.cleaned_data["q"] or ""
    tag = " ".join((form.cleaned_data["tag"] or "").split())
    tags = selectors.tag_index(request.user)
    items = selectors.saved_items(request.user, status)
    if tag:
        items = items.filter(pk__in=tags.ids_tagged(tag))
    found = selectors.search_saved(request.user, items, q) if q.strip() else items
    page = paginate(request, found, per_page=LIST_PAGE_SIZE)
    context = {
        "page_obj": page,
        "items": page.object_list,
        "status": status,
        "q": q.strip(),
        "tag": tags.name_of(tag) if tag else "",
        "tags": tags.tags,
        "collections": _my_collections(request),
    }
    template = "library/my_list.html#items" if request.htmx else "library/my_list.html"
    return render(request, template, context)


# --- Collections --------------------------------------------------------------------------------


def _managed_collection(request: LoggedInRequest, pk: int) -> Collection:
    """A collection the reader may rename or delete: 404 if they cannot see it, 403 if not theirs."""
    collection = selectors.collection_for(request.user, pk)
    if not teams.may_change_team_object(request.user, collection):
        raise PermissionDenied
    return collection


@require_http_methods(["GET", "POST"])
@login_required_htmx
def collections(request: LoggedInRequest) -> HttpResponse:
    form = CollectionForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        collection = services.collection_create(
            owner=request.user, name=form.cleaned_data["name"], organisation=form.cleaned_data.get("organisation")
        )
        return redirect(collection)
    context = {"collections": _my_collections(request), "form": form}
    return render(request, "library/collections.html", context, status=400 if form.is_bound else 200)


@require_GET
@vary_on_headers("HX-Request")
@login_required_htmx
def collection_detail(request: LoggedInRequest, pk: int) -> HttpResponse:
    collection = selectors.collection_for(request.user, pk)
    form = LibrarySearchForm(request.GET)
    if not form.is_valid():
        return bad_request(request, form)
    q = form.cleaned_data["q"] or ""
    items = selectors.collection_items(collection, request.user)
    context = {
        "collection": collection,
        "items": selectors.search_collection_items(request.user, items, q) if q.strip() else items,
        "q": q.strip(),
        "can_manage": teams.may_change_team_object(request.user, collection),
    }
    template = "library/collection.html#items" if request.htmx else "library/collection.html"
    return render(request, template, context)


@require_POST
def collection_add(request: LoggedInRequest, pk: int | None = None) -> HttpResponse:
    form = CollectionAddForm(request.POST, collection_in_url=pk is not None)
    if not form.is_valid():
        return bad_request(request, form)
    # The article first, as on every endpoint that names one: unpublished is 404 for everyone.
    article = article_for(request.user, form.cleaned_data["article"])
    if not request.user.is_authenticated:
        return login_redirect(request)
    collection = selectors.collection_for(request.user, pk or form.cleaned_data["collection"])
    services.collection_add(collection=collection, article=article, user=request.user)
    messages.success(request, _("به مجموعهٔ «%(name)s» افزوده شد.") % {"name": collection.name})
    return HttpResponseRedirect(safe_next(request, collection.get_absolute_url()))


@require_POST
@login_required_htmx
def collection_remove(request: LoggedInRequest, pk: int, article_id: int) -> HttpResponse:
    collection = selectors.collection_for(request.user, pk)
    item = get_object_or_404(CollectionItem, collection=collection, article_id=article_id)
    if item.added_by_id != request.user.pk and not teams.may_change_team_object(request.user, collection):
        raise PermissionDenied
    services.collection_remove(collection=collection, article=item.article)
    if request.htmx:
        return HttpResponse("")
    return HttpResponseRedirect(collection.get_absolute_url())


@require_http_methods(["GET", "POST"])
@login_required_htmx
def collection_edit(request: LoggedInRequest, pk: int) -> HttpResponse:
    collection = _managed_collection(request, pk)
    form = CollectionRenameForm(request.POST or None, instance=collection)
    if request.method == "POST" and form.is_valid():
        services.collection_rename(collection=collection, name=form.cleaned_data["name"])
        return redirect(collection)
    if form.is_bound:
        collection.refresh_from_db()  # the page's heading and links name the stored collection
    context = {"collection": collection, "form": form}
    return render(request, "library/collection_edit.html", context, status=400 if form.is_bound else 200)


@require_POST
@login_required_htmx
def collection_delete(request: LoggedInRequest, pk: int) -> HttpResponse:
    collection = _managed_collection(request, pk)
    services.collection_delete(collection=collection)
    messages.success(request, _("مجموعه حذف شد."))
    return redirect("library:collections")


@require_GET
@login_required_htmx
def collection_export(request: LoggedInRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in {"csv", "md", *citations.BY_EXTENSION}:
        raise Http404(_("این قالب خروجی پشتیبانی نمی‌شود؛ csv، md، ris، bib یا json."))
    collection = selectors.collection_for(request.user, pk)
    items = list(selectors.collection_items(collection, request.user))
    if fmt in citations.BY_EXTENSION:
        return citations.download(
            citations.BY_EXTENSION[fmt], [item.article for item in items], base_url=request.build_absolute_uri("/"),
            filename=f"rasad-collection-{collection.pk}",
        )  # fmt: skip
    if fmt == "csv":
        return exports.collection_csv(collection, items)
    return exports.collection_markdown(collection, items)


# --- Importing from other services -------------------------------------------------------------

IMPORT_SESSION_KEY = "library_import"


@require_http_methods(["GET", "POST"])
@login_required_htmx
def import_links(request: LoggedInRequest) -> HttpResponse:
    """Upload an export of Pocket, Instapaper, Wallabag or Omnivore: preview first, then confirm."""
    if request.method == "POST" and request.POST.get("confirm"):
        return _import_confirm(request)
    form = LinksImportForm(request.POST or None, request.FILES or None)
    context: dict = {"form": form}
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                parsed = parse_export(form.cleaned_data["file"].read())
            except ImportFormatError as exc:
                form.add_error("file", str(exc))
            else:
                request.session[IMPORT_SESSION_KEY] = {
                    "service": parsed.service,
                    "links": [[link.url, link.title, link.read, link.labels] for link in parsed.links],
                }
                context["report"] = services.saved_links_import(user=request.user, parsed=parsed, dry_run=True)
                context["preview"] = True
                status = 200
    return render(request, "library/import.html", context, status=status)


def _import_confirm(request: LoggedInRequest) -> HttpResponse:
    stored = request.session.pop(IMPORT_SESSION_KEY, None)
    if not stored:
        error = _("پیش‌نمایش این بارگذاری دیگر در دست نیست؛ پرونده را دوباره بفرستید.")
        return render(request, "library/import.html", {"form": LinksImportForm(), "error": error}, status=400)
    parsed = Parsed(stored["service"], [Link(url, title, read, labels) for url, title, read, labels in stored["links"]])
    report = services.saved_links_import(user=request.user, parsed=parsed)
    return render(request, "library/import.html", {"form": LinksImportForm(), "report": report, "done": True})


# --- Offline reading ------------------------------------------------------------------------------


@require_GET
def offline_list(request: HttpRequest) -> HttpResponse:
    """The pages the service worker keeps for offline reading: the reader's saved articles.

    Anonymous readers get an empty list, so a worker left behind after logging out drops every
    copy. The worker fetches each page as the reader sees it, so the gate still decides.
    """
    urls: list[str] = []
    if request.user.is_authenticated:
        items = selectors.saved_items(request.user)
        urls = [item.article.get_absolute_url() for item in items[:OFFLINE_LIMIT]]
    response = JsonResponse({"urls": urls})
    response["Cache-Control"] = "no-store"
    return response
