"""Reading-list pages and actions. Every view checks the object: what a user may not see is a 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from rasad.access.models import Membership
from rasad.articles.models import Article
from rasad.articles.selectors import article_for
from rasad.core.digits import to_latin_digits
from rasad.core.pagination import paginate
from rasad.core.redirects import is_same_site, safe_next
from rasad.library import exports, services
from rasad.library.models import Collection, CollectionItem, SavedArticle
from rasad.library.permissions import can_manage_collection


def login_required_htmx(view):
    """Anonymous: a redirect to login, or for htmx an ``HX-Redirect`` to it."""

    def wrapper(request: HttpRequest, *args, **kwargs):
        if not request.user.is_authenticated:
            back = safe_next(request, request.headers.get("Referer", "") or request.get_full_path())
            if not is_same_site(request, back):
                back = "/"
            response = redirect_to_login(back)  # settings.LOGIN_URL
            if getattr(request, "htmx", False):
                hx = HttpResponse(status=401)
                hx["HX-Redirect"] = response["Location"]
                return hx
            return response
        return view(request, *args, **kwargs)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


def visible_article(request: HttpRequest, article_id: int) -> Article:
    return article_for(request.user, article_id)


def parse_flag(raw: str | None, *, field: str) -> bool | None:
    if raw is None or raw == "":
        return None
    raw = to_latin_digits(raw).strip()
    if raw in {"1", "true", "on"}:
        return True
    if raw in {"0", "false", "off"}:
        return False
    raise ValueError(_("مقدار «%(field)s» باید ۰ یا ۱ باشد.") % {"field": field})


def bad_request(request: HttpRequest, message: str) -> HttpResponse:
    return render(request, "400.html", {"error": message}, status=400)


# --- Saving -------------------------------------------------------------------------------------


@require_POST
@login_required_htmx
def save_toggle(request: HttpRequest, article_id: int) -> HttpResponse:
    article = visible_article(request, article_id)
    try:
        wanted = parse_flag(request.POST.get("saved"), field="saved")
    except ValueError as exc:
        return bad_request(request, str(exc))
    saved = services.article_set_saved(user=request.user, article=article, saved=wanted)
    if request.htmx:
        return render(
            request,
            "library/_save_button.html",
            {"article": article, "saved_article_ids": {article.pk} if saved else set()},
        )
    messages.success(request, _("به فهرست مطالعه افزوده شد.") if saved else _("از فهرست مطالعه برداشته شد."))
    return HttpResponseRedirect(safe_next(request, article.get_absolute_url()))


@require_POST
@login_required_htmx
def mark_read(request: HttpRequest, article_id: int) -> HttpResponse:
    article = visible_article(request, article_id)
    try:
        read = parse_flag(request.POST.get("read"), field="read")
    except ValueError as exc:
        return bad_request(request, str(exc))
    item = services.article_set_read(user=request.user, article=article, read=True if read is None else read)
    if request.htmx:
        item = SavedArticle.objects.select_related("article__think_tank").get(pk=item.pk)
        return render(request, "library/my_list.html#item", {"item": item, "collections": _my_collections(request)})
    return HttpResponseRedirect(safe_next(request, reverse("library:my_list")))


@require_POST
@login_required_htmx
def save_note(request: HttpRequest, article_id: int) -> HttpResponse:
    article = visible_article(request, article_id)
    note = request.POST.get("note", "")
    if len(note) > 5000:
        return bad_request(request, _("یادداشت بلندتر از ۵۰۰۰ نویسه است."))
    item = services.article_set_note(user=request.user, article=article, note=note)
    if request.htmx:
        item = SavedArticle.objects.select_related("article__think_tank").get(pk=item.pk)
        return render(request, "library/my_list.html#item", {"item": item, "collections": _my_collections(request)})
    messages.success(request, _("یادداشت ذخیره شد."))
    return HttpResponseRedirect(safe_next(request, reverse("library:my_list")))


# --- My list ------------------------------------------------------------------------------------


def _my_collections(request: HttpRequest) -> list[Collection]:
    cached = getattr(request, "_rasad_collections", None)
    if cached is None:
        cached = list(Collection.objects.visible_to(request.user).select_related("organisation"))
        request._rasad_collections = cached
    return cached


@require_GET
@vary_on_headers("HX-Request")
@login_required_htmx
def my_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    items = SavedArticle.objects.of(request.user).select_related("article__think_tank")
    if status == "unread":
        items = items.unread()
    elif status == "read":
        items = items.read()
    elif status:
        return bad_request(
            request, _("وضعیت «%(s)s» شناخته نیست؛ «خوانده‌نشده» یا «خوانده‌شده» را برگزینید.") % {"s": status}
        )
    page = paginate(request, items, per_page=30)
    context = {"page_obj": page, "items": page.object_list, "status": status, "collections": _my_collections(request)}
    if request.htmx:
        return render(request, "library/my_list.html#items", context)
    return render(request, "library/my_list.html", context)


# --- Collections --------------------------------------------------------------------------------


def _collection_for(request: HttpRequest, pk: int) -> Collection:
    return get_object_or_404(Collection.objects.visible_to(request.user).select_related("organisation", "owner"), pk=pk)


@require_http_methods(["GET", "POST"])
@login_required_htmx
def collections(request: HttpRequest) -> HttpResponse:
    teams = list(
        Membership.objects.filter(user=request.user).select_related("organisation").order_by("organisation__name")
    )
    error = ""
    if request.method == "POST":
        name = request.POST.get("name", "").strip()
        team_raw = to_latin_digits(request.POST.get("organisation", "")).strip()
        organisation = None
        if team_raw:
            organisation = next((m.organisation for m in teams if str(m.organisation_id) == team_raw), None)
            if organisation is None:
                error = _("این تیم را نمی‌شناسیم یا عضو آن نیستید.")
        if not name:
            error = _("نام مجموعه را بنویسید.")
        elif len(name) > 150:
            error = _("نام مجموعه بلندتر از ۱۵۰ نویسه است.")
        if not error:
            collection = services.collection_create(owner=request.user, name=name, organisation=organisation)
            return redirect(collection)
    context = {
        "collections": _my_collections(request),
        "teams": teams,
        "error": error,
        "name": request.POST.get("name", ""),
    }
    return render(request, "library/collections.html", context, status=400 if error else 200)


@require_GET
@vary_on_headers("HX-Request")
@login_required_htmx
def collection_detail(request: HttpRequest, pk: int) -> HttpResponse:
    collection = _collection_for(request, pk)
    items = (
        CollectionItem.objects.filter(collection=collection)
        .select_related("article__think_tank", "added_by")
        .prefetch_related(Prefetch("article__authors"))
    )
    context = {
        "collection": collection,
        "items": items,
        "can_manage": can_manage_collection(request.user, collection),
    }
    if request.htmx:
        return render(request, "library/collection.html#items", context)
    return render(request, "library/collection.html", context)


@require_POST
@login_required_htmx
def collection_add(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    if pk is None:
        raw_pk = to_latin_digits(request.POST.get("collection", "")).strip()
        if not raw_pk.isdigit():
            return bad_request(request, _("مجموعه‌ای را برگزینید."))
        pk = int(raw_pk)
    collection = _collection_for(request, pk)
    raw = to_latin_digits(request.POST.get("article", "")).strip()
    if not raw.isdigit():
        return bad_request(request, _("شمارهٔ مقاله باید عدد باشد."))
    article = visible_article(request, int(raw))
    services.collection_add(collection=collection, article=article, user=request.user)
    messages.success(request, _("به مجموعهٔ «%(name)s» افزوده شد.") % {"name": collection.name})
    return HttpResponseRedirect(safe_next(request, collection.get_absolute_url()))


@require_POST
@login_required_htmx
def collection_remove(request: HttpRequest, pk: int, article_id: int) -> HttpResponse:
    collection = _collection_for(request, pk)
    item = get_object_or_404(CollectionItem, collection=collection, article_id=article_id)
    if item.added_by_id != request.user.pk and not can_manage_collection(request.user, collection):
        raise PermissionDenied
    services.collection_remove(collection=collection, article=item.article)
    if request.htmx:
        return HttpResponse("")
    return HttpResponseRedirect(collection.get_absolute_url())


@require_http_methods(["GET", "POST"])
@login_required_htmx
def collection_edit(request: HttpRequest, pk: int) -> HttpResponse:
    collection = _collection_for(request, pk)
    if not can_manage_collection(request.user, collection):
        raise PermissionDenied
    error = ""
    if request.method == "POST":
        name = request.POST.get("name", "").strip()
        if not name:
            error = _("نام مجموعه را بنویسید.")
        elif len(name) > 150:
            error = _("نام مجموعه بلندتر از ۱۵۰ نویسه است.")
        else:
            collection.name = name
            collection.save(update_fields=["name"])
            return redirect(collection)
    return render(
        request,
        "library/collection_edit.html",
        {"collection": collection, "error": error},
        status=400 if error else 200,
    )


@require_POST
@login_required_htmx
def collection_delete(request: HttpRequest, pk: int) -> HttpResponse:
    collection = _collection_for(request, pk)
    if not can_manage_collection(request.user, collection):
        raise PermissionDenied
    collection.delete()
    messages.success(request, _("مجموعه حذف شد."))
    return redirect("library:collections")


@require_GET
@login_required_htmx
def collection_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in {"csv", "md"}:
        raise Http404(_("این قالب خروجی پشتیبانی نمی‌شود؛ csv یا md."))
    collection = _collection_for(request, pk)
    items = list(CollectionItem.objects.filter(collection=collection).select_related("article__think_tank", "added_by"))
    if fmt == "csv":
        return exports.collection_csv(collection, items)
    return exports.collection_markdown(collection, items)
