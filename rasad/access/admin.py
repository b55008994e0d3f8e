"""Editors' admin for access: plans, subscriptions and organisations."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from rasad.access import services
from rasad.access.models import Invitation, Membership, Organisation, Plan, Subscription
from rasad.core.admin import JalaliAdminMixin, TolerantAutocompleteAdminMixin, jalali
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
        fields = ["user", "plan", "starts_on", "ends_on", "source", "note"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["ends_on"].required = False
        self.fields["ends_on"].help_text = _("خالی بگذارید تا از روی مدت طرح حساب شود.")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or self.cleaned_data
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
class SubscriptionAdmin(TolerantAutocompleteAdminMixin, JalaliAdminMixin, admin.ModelAdmin):
    form = SubscriptionAdminForm
    list_display = ["user", "source", "plan", "starts", "ends", "note"]
    list_filter = ["source", "plan"]
    search_fields = ["user__username", "user__email", "note"]
    autocomplete_fields = ["user"]
    actions = ["extend_30", "extend_365"]

    @admin.display(description=_("آغاز"), ordering="starts_on")
    def starts(self, obj: Subscription) -> str:
        return jalali(obj.starts_on)

    @admin.display(description=_("پایان"), ordering="ends_on")
    def ends(self, obj: Subscription) -> str:
        return jalali(obj.ends_on)

    def _extend(self, request: HttpRequest, queryset: QuerySet[Subscription], days: int) -> None:
        services.subscriptions_extend(subscriptions=queryset, days=days)
        self.message_user(request, _("اشتراک‌های انتخاب‌شده تمدید شد."), messages.SUCCESS)

    @admin.action(description=_("تمدید ۳۰ روزه"))
    def extend_30(self, request: HttpRequest, queryset: QuerySet[Subscription]) -> None:
        self._extend(request, queryset, 30)

    @admin.action(description=_("تمدید ۳۶۵ روزه"))
    def extend_365(self, request: HttpRequest, queryset: QuerySet[Subscription]) -> None:
        self._extend(request, queryset, 365)


class MembershipInline(TolerantAutocompleteAdminMixin, admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


class InvitationInline(TolerantAutocompleteAdminMixin, admin.TabularInline):
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
