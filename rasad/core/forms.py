"""Form fields that speak Jalali: dates are typed and shown as «۱۴۰۳/۰۳/۰۴» with any digits."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from rasad.core.jalali import jalali_numeric, parse_jalali


class JalaliDateInput(forms.TextInput):
    """Shows a stored Gregorian date as a Jalali date in Persian digits."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        defaults = {"placeholder": "۱۴۰۳/۰۳/۰۴", "dir": "ltr", "inputmode": "numeric", "size": 12}
        super().__init__({**defaults, **(attrs or {})})

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, dt.date):
            return jalali_numeric(value)
        return super().format_value(value)


class JalaliDateField(forms.DateField):
    """Accepts «۱۴۰۳/۰۳/۰۴», «1403-3-4» or «١٤٠٣/٠٣/٠٤»; returns a Gregorian ``date``."""

    widget = JalaliDateInput
    default_error_messages = {"invalid": _("تاریخ شمسی معتبری وارد کنید، مثلاً ۱۴۰۳/۰۳/۰۴.")}

    def to_python(self, value: Any) -> dt.date | None:
        if value in self.empty_values:
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return parse_jalali(str(value))
        except ValueError as exc:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from exc
