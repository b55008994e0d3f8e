"""Alerts pages (/alerts/), follows, unsubscribe links and notifications (/notifications/)."""

from __future__ import annotations

from collections import defaultdict

from django.contrib import messages
from django.core import signing
from django.db.models import Model, Q
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from rasad.alerts import emails, services
from rasad.alerts.forms import AlertForm, FollowForm, MuteForm, ReaderSettingsForm, SavedSearchForm
from rasad.alerts.models import Alert, Delivery, Match, Notification, ReaderSettings
from rasad.annotations.models import Annotation
from rasad.articles.models import Article, Author, ThinkTank, Topic
from rasad.core.htmx import HtmxHttpRequest, LoggedInRequest, login_required_htmx
from rasad.core.redirects import safe_next
from rasad.core.views import bad_request

FOLLOWABLE: dict[str, type[Model]] = {"think_tank": ThinkTank, "author": Author, "topic": Topic}
RECENT = 5


@require_GET
@login_required_htmx
def index(request: LoggedInRequest) -> HttpResponse:
    alerts = list(Alert.objects.filter(user=request.user).select_related("think_tank", "author", "topic"))
    recent: dict[int, list[Article]] = defaultdict(list)
    matches = (
        Match.objects.filter(alert__user=request.user, article__in=Article.objects.visible_to(request.user))
        .select_related("article")
        .order_by("-created_at")[:300]
    )
    for m in matches:
        if len(recent[m.alert_id]) < RECENT:
            recent[m.alert_id].append(m.article)
    rows = [(a, AlertForm(instance=a, auto_id=f"alert-{a.pk}-%s"), recent[a.pk]) for a in alerts]
    settings_ = services.reader_settings(request.user)
    context = {
        "searches": [r for r in rows if not r[0].is_follow],
        "follows": [r for r in rows if r[0].is_follow],
        "feed_url": request.build_absolute_uri(reverse("alerts:feed", args=[settings_.feed_token])),
        "settings_form": ReaderSettingsForm(instance=settings_),
    }
    return render(request, "alerts/index.html", context)


@require_POST
@login_required_htmx
def search_save(request: LoggedInRequest) -> HttpResponse:
    form = SavedSearchForm(request.POST)
    if not form.is_valid():
        return bad_request(request, form)
    data = form.cleaned_data
    alert = Alert.objects.create(
        user=request.user,
        kind=Alert.Kind.SEARCH,
        name=data["name"],
        q=(data.get("q") or "").strip(),
        think_tank=data.get("think_tank"),
        author=data.get("author"),
        topic=data.get("topic"),
        date_from=data.get("date_from"),
        date_to=data.get("date_to"),
        delivery=data["delivery"],
    )
    messages.success(request, _("جست‌وجوی «%(name)s» ذخیره شد.") % {"name": alert.name})
    return HttpResponseRedirect(alert.get_absolute_url())


def _own(request: LoggedInRequest, pk: int) -> Alert:
    return get_object_or_404(Alert, pk=pk, user=request.user)


@require_POST
@login_required_htmx
def alert_update(request: LoggedInRequest, pk: int) -> HttpResponse:
    alert = _own(request, pk)
    form = AlertForm(request.POST, instance=alert)
    if not form.is_valid():
        return bad_request(request, form)
    form.save()
    messages.success(request, _("تغییرات ذخیره شد."))
    return HttpResponseRedirect(alert.get_absolute_url())


@require_POST
@login_required_htmx
def alert_delete(request: LoggedInRequest, pk: int) -> HttpResponse:
    _own(request, pk).delete()
    messages.success(request, _("هشدار حذف شد."))
    return HttpResponseRedirect(reverse("alerts:index"))


@require_POST
@vary_on_headers("HX-Request")
@login_required_htmx
def follow(request: LoggedInRequest, kind: str, slug: str) -> HttpResponse:
    """Follow or stop following (``following=1``/``0``; without it, toggle); htmx gets the button."""
    model = FOLLOWABLE.get(kind)
    if model is None:
        raise Http404(_("این را نمی‌توان دنبال کرد."))
    target = get_object_or_404(model, slug=slug)
    form = FollowForm(request.POST)
    if not form.is_valid():
        return bad_request(request, form)
    wanted = form.cleaned_data["following"]
    if wanted is None:
        wanted = not Alert.objects.filter(user=request.user, kind=kind, **{kind: target}).exists()
    services.follow_set(user=request.user, kind=kind, target=target, following=wanted)
    if request.htmx:
        context = {"kind": kind, "target": target, "following": wanted, "user": request.user}
        return render(request, "alerts/_follow.html", context)
    messages.success(request, _("دنبال می‌کنید.") if wanted else _("دیگر دنبال نمی‌کنید."))
    return HttpResponseRedirect(safe_next(request, target.get_absolute_url()))  # type: ignore[attr-defined]


@require_POST
@login_required_htmx
def feed_token_regenerate(request: LoggedInRequest) -> HttpResponse:
    services.feed_token_regenerate(user=request.user)
    messages.success(request, _("نشانی تازه‌ای برای خوراک خصوصی ساخته شد؛ نشانی پیشین دیگر کار نمی‌کند."))
    return HttpResponseRedirect(reverse("alerts:index") + "#feed")


@require_POST
@login_required_htmx
def settings_update(request: LoggedInRequest) -> HttpResponse:
    form = ReaderSettingsForm(request.POST, instance=services.reader_settings(request.user))
    if not form.is_valid():
        return bad_request(request, form)
    form.save()
    messages.success(request, _("تنظیمات ایمیل ذخیره شد."))
    return HttpResponseRedirect(reverse("alerts:index") + "#settings")


def _unsubscribe(user_id: int, what: str) -> str:
    """Stop the e-mails a signed link names; returns what the reader is told."""
    if what.startswith("alert:"):
        alert = Alert.objects.filter(pk=int(what.split(":", 1)[1]), user_id=user_id).first()
        if alert is None:
            raise Http404(_("این هشدار دیگر وجود ندارد."))
        Alert.objects.filter(pk=alert.pk).update(delivery=Delivery.APP)
        return _("از این پس برای «%(name)s» ایمیلی نمی‌فرستیم؛ مطالبش در رصد و خوراک خصوصی می‌ماند.") % {
            "name": alert.name
        }
    if what in {"daily", "weekly"}:
        Alert.objects.filter(user_id=user_id, delivery=what).update(delivery=Delivery.APP)
        return _("خلاصه‌های ایمیلی شما متوقف شد.")
    field = {"team": "team_digest", "conversation": "email_conversation"}.get(what)
    if field is None:
        raise Http404(_("این پیوند لغو اشتراک معتبر نیست."))
    ReaderSettings.objects.update_or_create(user_id=user_id, defaults={field: False})
    return _("دیگر چنین ایمیلی برایتان نمی‌فرستیم.")


@csrf_exempt  # RFC 8058: the mail provider POSTs "List-Unsubscribe=One-Click" without our cookies
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HtmxHttpRequest, token: str) -> HttpResponse:
    try:
        user_id, what = emails.read_unsubscribe_token(token)
    except (signing.BadSignature, KeyError, ValueError, TypeError):
        raise Http404(_("این پیوند لغو اشتراک معتبر نیست یا منقضی شده است.")) from None
    if request.method == "POST":
        return render(request, "alerts/unsubscribed.html", {"message": _unsubscribe(user_id, what)})
    return render(request, "alerts/unsubscribe.html", {"token": token})


@require_GET
@login_required_htmx
def notifications(request: LoggedInRequest) -> HttpResponse:
    items = (
        Notification.objects.filter(user=request.user, article__in=Article.objects.visible_to(request.user))
        # A thread of a team the reader has left since is no longer theirs to hear about.
        .filter(Q(annotation__isnull=True) | Q(annotation__in=Annotation.objects.visible_to(request.user)))
        .select_related("article", "alert", "actor", "annotation")
        .order_by("-created_at")[:100]
    )
    return render(request, "alerts/notifications.html", {"items": items})


@require_GET
@vary_on_headers("HX-Request")
def bell(request: HtmxHttpRequest) -> HttpResponse:
    """The header's unread count (htmx loads it with the page and at most once a minute)."""
    count = 0
    if request.user.is_authenticated:
        count = Notification.objects.filter(user=request.user, read_at__isnull=True).count()
    response = render(request, "alerts/_bell.html", {"unread": count})
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
@login_required_htmx
def notification_read(request: LoggedInRequest, pk: int) -> HttpResponse:
    note = get_object_or_404(Notification, pk=pk, user=request.user)
    Notification.objects.filter(pk=note.pk, read_at__isnull=True).update(read_at=timezone.now())
    return HttpResponseRedirect(reverse("alerts:notifications"))


@require_POST
@login_required_htmx
def notifications_read_all(request: LoggedInRequest) -> HttpResponse:
    Notification.objects.filter(user=request.user, read_at__isnull=True).update(read_at=timezone.now())
    messages.success(request, _("همهٔ اعلان‌ها خوانده شد."))
    return HttpResponseRedirect(reverse("alerts:notifications"))


@require_POST
@login_required_htmx
def thread_mute(request: LoggedInRequest, pk: int) -> HttpResponse:
    annotation = get_object_or_404(Annotation.objects.by_team_of(request.user), pk=pk)
    form = MuteForm(request.POST)
    if not form.is_valid():
        return bad_request(request, form)
    services.thread_mute_set(user=request.user, annotation=annotation, muted=form.cleaned_data["muted"])
    messages.success(
        request, _("این گفت‌وگو بی‌صدا شد.") if form.cleaned_data["muted"] else _("اعلان‌های این گفت‌وگو دوباره می‌آید.")
    )
    return HttpResponseRedirect(reverse("annotations:detail", args=[pk]))
