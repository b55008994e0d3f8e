"""Alert forms. A saved search is checked by the search page's own form, so it gets its errors."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from rasad.alerts.models import Alert, Delivery, ReaderSettings
from rasad.search.forms import SearchForm


def delivery_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("چگونه خبر بدهیم"),
        choices=Delivery.choices,
        initial=Delivery.IMMEDIATE,
        error_messages={"invalid_choice": _("این شیوهٔ ارسال را نمی‌شناسیم."), "required": _("شیوهٔ ارسال را برگزینید.")},
    )


class SavedSearchForm(SearchForm):
    name = forms.CharField(
        label=_("نام این جست‌وجو"),
        max_length=100,
        required=False,
        error_messages={"max_length": _("نام بلندتر از ۱۰۰ نویسه است.")},
    )
    delivery = delivery_field()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not self.errors and not (data.get("q") or "").strip() and not self.has_filters():
            raise forms.ValidationError(_("جست‌وجوی خالی را نمی‌توان ذخیره کرد؛ عبارتی بنویسید یا پالایه‌ای برگزینید."))
        if not data.get("name"):
            data["name"] = (data.get("q") or "").strip()[:100] or str(
                data.get("topic") or data.get("think_tank") or data.get("author") or _("جست‌وجو")
            )
        return data


class AlertForm(forms.ModelForm):
    delivery = delivery_field()

    class Meta:
        model = Alert
        fields = ["name", "delivery", "paused"]
        error_messages = {
            "name": {"required": _("نام را بنویسید."), "max_length": _("نام بلندتر از ۱۰۰ نویسه است.")},
        }


class FollowForm(forms.Form):
    following = forms.TypedChoiceField(
        choices=[("1", "1"), ("0", "0")],
        coerce=lambda v: v == "1",
        required=False,
        empty_value=None,
        error_messages={"invalid_choice": _("مقدار «دنبال کردن» باید ۰ یا ۱ باشد.")},
    )


class MuteForm(forms.Form):
    muted = forms.TypedChoiceField(
        choices=[("1", "1"), ("0", "0")],
        coerce=lambda v: v == "1",
        error_messages={"invalid_choice": _("مقدار باید ۰ یا ۱ باشد."), "required": _("مقدار را بفرستید.")},
    )


class ReaderSettingsForm(forms.ModelForm):
    class Meta:
        model = ReaderSettings
        fields = ["email_conversation", "team_digest"]
