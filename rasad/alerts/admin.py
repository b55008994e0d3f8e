"""Editors see every e-mail's state (sent, failing with its error and next attempt, given up) and
may queue failed or stuck ones again."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from rasad.alerts.models import Alert, Email, Notification


@admin.register(Email)
class EmailAdmin(admin.ModelAdmin):
    list_display = ["key", "user", "kind", "status", "attempts", "next_attempt_at", "sent_at", "short_error"]
    list_filter = ["status", "kind"]
    search_fields = ["key", "user__username", "user__email", "subject"]
    readonly_fields = [f.name for f in Email._meta.fields]
    actions = ["queue_again"]

    @admin.display(description=_("خطا"))
    def short_error(self, obj: Email) -> str:
        return obj.last_error[:80]

    @admin.action(description=_("دوباره در صف بگذار (ناموفق، رهاشده یا گیرکرده در ارسال)"))
    def queue_again(self, request: HttpRequest, queryset: QuerySet[Email]) -> None:
        n = queryset.exclude(status=Email.Status.SENT).update(status=Email.Status.FAILED, next_attempt_at=None)
        self.message_user(request, _("%(n)s ایمیل دوباره در صف است.") % {"n": n}, messages.SUCCESS)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(Alert)
class AlertAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "kind", "delivery", "paused", "created_at"]
    list_filter = ["kind", "delivery", "paused"]
    search_fields = ["name", "q", "user__username"]
    raw_id_fields = ["user", "think_tank", "author", "topic"]


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "key", "created_at", "read_at"]
    list_filter = ["kind"]
    raw_id_fields = ["user", "article", "alert", "annotation", "reply", "actor"]
