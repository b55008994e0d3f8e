"""Access pages: accounts, the profile, organisations and the subscription guide."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from rasad.access import selectors, services, teams, tokens
from rasad.access.forms import AccessTokenForm, InviteForm, SignUpForm
from rasad.access.models import AccessToken, Invitation, Membership, Organisation, Plan, Subscription
from rasad.access.policy import has_full_access
from rasad.core.htmx import HtmxHttpRequest, LoggedInRequest
from rasad.core.redirects import safe_next


@require_GET
def guide(request: HtmxHttpRequest) -> HttpResponse:
    return render(
        request,
        "access/guide.html",
        {
            "plans": Plan.objects.filter(is_active=True),
            "contact": settings.RASAD_SUBSCRIPTION_CONTACT,
            "credit_days": settings.RASAD_CONTRIBUTION_CREDIT_DAYS,
        },
    )


class LoginView(auth_views.LoginView):
    """Django's login, with ``next`` through the site's one same-site check (``safe_next``), saying
    why the reader was sent here (``?reason=``, see ``LOGIN_REASONS``)."""

    def get_redirect_url(self) -> str:
        return safe_next(self.request, "")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        reason = self.request.GET.get("reason") or self.request.POST.get("reason") or ""
        context["reason"] = reason if reason in LOGIN_REASONS else ""
        context["reason_text"] = LOGIN_REASONS.get(reason, "")
        return context


@require_http_methods(["GET", "POST"])
def signup(request: HtmxHttpRequest) -> HttpResponse:
    next_url = safe_next(request, reverse("access:profile"))
    if request.user.is_authenticated:
        return HttpResponseRedirect(next_url)
    form = SignUpForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        # login() rotates the session key, so a session fixed before sign-up is worthless.
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("حساب شما ساخته شد. خوش آمدید!"))
        return HttpResponseRedirect(next_url)
    status = 400 if form.is_bound else 200
    return render(request, "registration/signup.html", {"form": form, "next": next_url}, status=status)


def _profile(
    request: LoggedInRequest, *, token_form: AccessTokenForm | None = None, new_token: str = "", status: int = 200
) -> HttpResponse:
    user = request.user
    memberships = list(Membership.objects.filter(user=user).select_related("organisation"))
    return render(
        request,
        "access/profile.html",
        {
            "has_access": has_full_access(user),
            "until": selectors.access_until(user),
            "subscriptions": Subscription.objects.filter(user=user).current_and_future().select_related("plan"),
            "memberships": memberships,
            "invitations": Invitation.objects.filter(user=user).select_related("organisation"),
            "joinable": selectors.organisations_joinable_by(user),
            "tokens": AccessToken.objects.filter(user=user),
            "token_form": token_form or AccessTokenForm(),
            "new_token": new_token,
        },
        status=status,
    )


@login_required
@require_GET
def profile(request: LoggedInRequest) -> HttpResponse:
    return _profile(request)


@login_required
@require_POST
def token_create(request: LoggedInRequest) -> HttpResponse:
    """Make a token and show its secret on this one response; it is never shown again."""
    form = AccessTokenForm(request.POST)
    if form.is_valid():
        try:
            _token, raw = tokens.token_create(
                user=request.user, name=form.cleaned_data["name"], scope=form.cleaned_data["scope"]
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field, errors)
        else:
            response = _profile(request, new_token=raw, status=201)
            response["Cache-Control"] = "no-store"
            return response
    return _profile(request, token_form=form, status=400)


@login_required
@require_POST
def token_revoke(request: LoggedInRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(AccessToken, pk=pk, user=request.user)
    tokens.token_revoke(token=token, revoked_by=request.user)
    messages.success(request, _("توکن «%(name)s» باطل شد.") % {"name": token.name})
    return redirect(reverse("access:profile") + "#tokens")


@login_required
@require_POST
def organisation_join(request: LoggedInRequest, slug: str) -> HttpResponse:
    """Step one of joining by e-mail domain: e-mail a confirmation link to the reader's address.

    An address typed at sign-up proves nothing, so the seat is taken only once the reader opens
    the link that reached that mailbox.
    """
    organisation = get_object_or_404(Organisation, slug=slug)
    try:
        services.organisation_join_request(
            organisation=organisation,
            user=request.user,
            link_for=lambda token: request.build_absolute_uri(
                reverse("access:organisation_join_confirm", args=[token])
            ),
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("access:profile")
    messages.success(
        request,
        _("پیوند تأیید به %(email)s فرستاده شد؛ آن را باز کنید تا عضویت کامل شود.") % {"email": request.user.email},
    )
    return redirect("access:profile")


@login_required
@require_http_methods(["GET", "POST"])
def organisation_join_confirm(request: LoggedInRequest, token: str) -> HttpResponse:
    """Step two: the link from the e-mail. GET asks, POST joins (mail scanners only GET)."""
    try:
        organisation = services.organisation_from_join_token(token=token, user=request.user)
    except ValidationError as exc:
        raise Http404(" ".join(exc.messages)) from exc
    if request.method == "POST":
        try:
            services.organisation_join_by_domain(organisation=organisation, user=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("به «%(name)s» پیوستید.") % {"name": organisation.name})
        return redirect("access:profile")
    return render(request, "access/organisation_join_confirm.html", {"organisation": organisation})


@login_required
@require_POST
def invitation_answer(request: LoggedInRequest, pk: int, answer: str) -> HttpResponse:
    if answer not in ("accept", "decline"):
        raise Http404(_("پاسخ دعوت‌نامه باید پذیرفتن یا رد باشد."))
    invitation = get_object_or_404(Invitation.objects.select_related("organisation"), pk=pk, user=request.user)
    if answer == "accept":
        services.invitation_accept(invitation=invitation, user=request.user)
        messages.success(request, _("به «%(name)s» پیوستید.") % {"name": invitation.organisation.name})
    else:
        services.invitation_decline(invitation=invitation, user=request.user)
        messages.info(request, _("دعوت‌نامه رد شد."))
    return redirect("access:profile")


def _managed_organisation(request: LoggedInRequest, slug: str) -> Organisation:
    """The organisation if the reader manages it; a 404 for everyone else (it is not theirs to see)."""
    organisation = teams.managed_organisations(request.user).filter(slug=slug).first()
    if organisation is None:
        raise Http404(_("چنین سازمانی در مدیریت شما نیست."))
    return organisation


@login_required
@require_http_methods(["GET", "POST"])
def organisation_manage(request: LoggedInRequest, slug: str) -> HttpResponse:
    organisation = _managed_organisation(request, slug)
    form = InviteForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.organisation_invite(
                organisation=organisation,
                invited_by=request.user,
                who=form.cleaned_data["who"],
                profile_url=request.build_absolute_uri(reverse("access:profile")),
            )
        except ValidationError as exc:
            form.add_error("who", exc)
        else:
            messages.success(request, _("%(user)s دعوت شد.") % {"user": invitation.user.get_username()})
            return redirect("access:organisation_manage", slug=organisation.slug)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "access/organisation_manage.html",
        {
            "organisation": organisation,
            "memberships": teams.teammates(organisation),
            "invitations": organisation.invitations.select_related("user"),
            "seats_used": selectors.seats_used(organisation),
            "form": form,
        },
        status=status,
    )


@login_required
@require_POST
def organisation_remove(request: LoggedInRequest, slug: str, user_id: int) -> HttpResponse:
    organisation = _managed_organisation(request, slug)
    try:
        services.membership_remove(organisation=organisation, user_id=user_id, removed_by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("حذف شد."))
    return redirect("access:organisation_manage", slug=organisation.slug)


# Why a reader was sent to log in, by the name of the view they asked for (``?reason=``).
LOGIN_REASONS = {
    "library:save": gettext_lazy("برای ذخیرهٔ این مطلب در فهرست مطالعه وارد شوید؛ پس از ورود، مطلب ذخیره می‌شود."),
    "library:read": gettext_lazy("برای علامت زدن «خواندم» وارد شوید."),
    "library:note": gettext_lazy("برای نوشتن یادداشت روی مطالب ذخیره‌شده وارد شوید."),
    "library:my_list": gettext_lazy("فهرست مطالعهٔ شما پس از ورود نمایش داده می‌شود."),
    "library:collections": gettext_lazy("مجموعه‌های شما پس از ورود نمایش داده می‌شوند."),
    "library:collection": gettext_lazy("این مجموعه پس از ورود نمایش داده می‌شود."),
    "annotations:article": gettext_lazy("برای برجسته‌سازی و یادداشت‌گذاری وارد شوید؛ پس از ورود به همین مطلب برمی‌گردید."),
    "annotations:team": gettext_lazy("یادداشت‌های تیم شما پس از ورود نمایش داده می‌شود."),
    "access:profile": gettext_lazy("برای دیدن حساب کاربری خود وارد شوید."),
    "contributions:contribute": gettext_lazy("برای فرستادن رصد وارد شوید."),
}
