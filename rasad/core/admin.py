"""Admin helpers shared by every app: Jalali dates shown and accepted everywhere."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db import models

from rasad.core.forms import JalaliDateField, JalaliDateInput
from rasad.core.jalali import jalali_numeric


class JalaliAdminMixin:
    """Every ``DateField`` in the form is typed and shown in Jalali."""

    formfield_overrides: Mapping[type[models.Field], Mapping[str, Any]] = {
        models.DateField: {"form_class": JalaliDateField, "widget": JalaliDateInput}
    }


def jalali(value: dt.date | dt.datetime | None) -> str:
    """For ``list_display`` callables: a date in Jalali, Persian digits."""
    return jalali_numeric(value) if value else "—"
