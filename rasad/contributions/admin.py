"""Editors review contributions: approve (publish and credit) or reject with a reason."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from rasad.contributions import services
from rasad.contributions.models import Contribution
from rasad.core.admin import jalali
from rasad.core.htmx import LoggedInRequest


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
    readonly_fields = ["user", "status", "reviewed_by", "reviewed_at", "article", "credit", "created_at"]
    filter_horizontal = ["topics"]
    actions = ["approve", "reject"]

    @admin.display(description=_("ارسال"), ordering="created_at")
    def sent(self, obj: Contribution) -> str:
        return jalali(obj.created_at)

    @admin.action(description=_("پذیرش و انتشار رصدهای انتخاب‌شده"))
    def approve(self, request: LoggedInRequest, queryset: QuerySet[Contribution]) -> None:
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
    def reject(self, request: LoggedInRequest, queryset: QuerySet[Contribution]) -> HttpResponse:
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
            "contributions/admin_reject.html",
            {
                **self.admin_site.each_context(request),
                "title": _("رد رصد"),
                "form": form,
                "contributions": queryset,
                "action_checkbox_name": ACTION_CHECKBOX_NAME,
                "opts": self.model._meta,
            },
        )
