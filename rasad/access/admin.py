"""Editors' admin for access: plans, subscriptions, organisations, contribution review."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from rasad.access import services
from rasad.access.models import Contribution, Invitation, Membership, Organisation, Plan, Subscription
from rasad.core.admin import JalaliAdminMixin, jalali
from rasad.core.templatetags.persian import toman


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["name", "duration_days", "price_display", "is_active", "position"]
    list_editable = ["is_active", "position"]

    @admin.display(description=_("قیمت"))
    def price_display(self, obj: Plan) -> str:
        return toman(obj.price_toman)


class SubscriptionAdminForm(forms.ModelForm):
    """An empty end date with a plan chosen means "the plan's duration from the start date"."""

    class Meta:
        model = Subscription
        fields = ["user", "plan", "starts_on", "ends_on", "source", "contribution", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ends_on"].required = False
        self.fields["ends_on"].help_text = _("خالی بگذارید تا از روی مدت طرح حساب شود.")

    def clean(self):
        cleaned = super().clean()
        starts_on, ends_on, plan = cleaned.get("starts_on"), cleaned.get("ends_on"), cleaned.get("plan")
        if starts_on and not ends_on and "ends_on" not in self.errors:
            if plan is None:
                self.add_error("ends_on", _("تاریخ پایان را بنویسید یا یک طرح انتخاب کنید."))
            else:
                cleaned["ends_on"] = starts_on + dt.timedelta(days=plan.duration_days - 1)
                self.instance.ends_on = cleaned["ends_on"]
        if starts_on and cleaned.get("ends_on") and cleaned["ends_on"] < starts_on:
            self.add_error("ends_on", _("تاریخ پایان نمی‌تواند پیش از تاریخ آغاز باشد."))
        return cleaned


@admin.register(Subscription)
class SubscriptionAdmin(JalaliAdminMixin, admin.ModelAdmin):
    form = SubscriptionAdminForm
    list_display = ["user", "source", "plan", "starts", "ends", "note"]
    list_filter = ["source", "plan"]
    search_fields = ["user__username", "user__email", "note"]
    autocomplete_fields = ["user"]
    raw_id_fields = ["contribution"]
    actions = ["extend_30", "extend_365"]

    @admin.display(description=_("آغاز"), ordering="starts_on")
    def starts(self, obj: Subscription) -> str:
        return jalali(obj.starts_on)

    @admin.display(description=_("پایان"), ordering="ends_on")
    def ends(self, obj: Subscription) -> str:
        return jalali(obj.ends_on)

    def _extend(self, request: HttpRequest, queryset, days: int) -> None:
        for subscription in queryset:
            subscription.ends_on += dt.timedelta(days=days)
            subscription.save(update_fields=["ends_on"])
        self.message_user(request, _("اشتراک‌های انتخاب‌شده تمدید شد."), messages.SUCCESS)

    @admin.action(description=_("تمدید ۳۰ روزه"))
    def extend_30(self, request, queryset):
        self._extend(request, queryset, 30)

    @admin.action(description=_("تمدید ۳۶۵ روزه"))
    def extend_365(self, request, queryset):
        self._extend(request, queryset, 365)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


class InvitationInline(admin.TabularInline):
    model = Invitation
    extra = 0
    autocomplete_fields = ["user"]
    readonly_fields = ["invited_by", "created_at"]


@admin.register(Organisation)
class OrganisationAdmin(JalaliAdminMixin, admin.ModelAdmin):
    list_display = ["name", "seats", "email_domains", "starts", "ends"]
    search_fields = ["name", "email_domains"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline, InvitationInline]

    @admin.display(description=_("آغاز دسترسی"), ordering="access_starts_on")
    def starts(self, obj: Organisation) -> str:
        return jalali(obj.access_starts_on)

    @admin.display(description=_("پایان دسترسی"), ordering="access_ends_on")
    def ends(self, obj: Organisation) -> str:
        return jalali(obj.access_ends_on)


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("دلیل رد (رصدگر آن را می‌بیند)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("دلیل رد را بنویسید؛ رصدگر آن را می‌بیند.")},
    )


@admin.register(Contribution)
class ContributionAdmin(admin.ModelAdmin):
    list_display = ["title", "user", "status", "sent", "article"]
    list_filter = ["status"]
    search_fields = ["title", "user__username", "source_url"]
    readonly_fields = ["user", "status", "reviewed_by", "reviewed_at", "article", "created_at"]
    filter_horizontal = ["topics"]
    actions = ["approve", "reject"]

    @admin.display(description=_("ارسال"), ordering="created_at")
    def sent(self, obj: Contribution) -> str:
        return jalali(obj.created_at)

    @admin.action(description=_("پذیرش و انتشار رصدهای انتخاب‌شده"))
    def approve(self, request, queryset):
        done = 0
        for contribution in queryset:
            try:
                services.contribution_approve(contribution_id=contribution.pk, reviewer=request.user)
            except ValidationError as exc:
                self.message_user(request, f"«{contribution.title}»: {' '.join(exc.messages)}", messages.ERROR)
            else:
                done += 1
        if done:
            self.message_user(request, _("%(n)s رصد پذیرفته و منتشر شد.") % {"n": done}, messages.SUCCESS)

    @admin.action(description=_("رد رصدهای انتخاب‌شده (با ذکر دلیل)"))
    def reject(self, request, queryset):
        form = RejectForm(request.POST if "reason" in request.POST or "confirm" in request.POST else None)
        if form.is_bound and form.is_valid():
            for contribution in queryset:
                try:
                    services.contribution_reject(
                        contribution_id=contribution.pk, reviewer=request.user, reason=form.cleaned_data["reason"]
                    )
                except ValidationError as exc:
                    self.message_user(request, f"«{contribution.title}»: {' '.join(exc.messages)}", messages.ERROR)
            self.message_user(request, _("رصدهای انتخاب‌شده رد شدند."), messages.SUCCESS)
            return HttpResponseRedirect(request.get_full_path())
        return render(
            request,
            "access/admin_reject.html",
            {
                **self.admin_site.each_context(request),
                "title": _("رد رصد"),
                "form": form,
                "contributions": queryset,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
                "opts": self.model._meta,
            },
        )
