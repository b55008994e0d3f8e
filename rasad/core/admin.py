"""Admin helpers shared by every app: Jalali dates shown and accepted everywhere."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError
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


class _TolerantAutocompleteMixin:
    """An autocomplete widget that shows a posted id that is not an id as no choice.

    Django's own filters the related table by whatever was posted, so ``user=abc`` in a form
    that fails validation re-renders into a ValueError (a 500) instead of the form's error.
    """

    field: Any

    def optgroups(
        self, name: str, value: Sequence[str], attr: Any = None
    ) -> list[tuple[str | None, list[dict[str, Any]], int | None]]:
        target = self.field.remote_field.model._meta.pk
        usable = []
        for item in value:
            try:
                target.run_validators(target.to_python(item))  # in range for the column too
            except (ValueError, TypeError, ValidationError):
                continue
            usable.append(item)
        return super().optgroups(name, usable, attr)  # type: ignore[misc]


class TolerantAutocompleteSelect(_TolerantAutocompleteMixin, AutocompleteSelect):
    pass


class TolerantAutocompleteSelectMultiple(_TolerantAutocompleteMixin, AutocompleteSelectMultiple):
    pass


class TolerantAutocompleteAdminMixin:
    """Admins (and inlines) with ``autocomplete_fields``: the tolerant widgets above."""

    admin_site: Any

    def formfield_for_foreignkey(self, db_field: Any, request: Any, **kwargs: Any) -> Any:
        if db_field.name in self.get_autocomplete_fields(request):  # type: ignore[attr-defined]
            kwargs.setdefault(
                "widget", TolerantAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)  # type: ignore[misc]

    def formfield_for_manytomany(self, db_field: Any, request: Any, **kwargs: Any) -> Any:
        if db_field.name in self.get_autocomplete_fields(request):  # type: ignore[attr-defined]
            kwargs.setdefault(
                "widget", TolerantAutocompleteSelectMultiple(db_field, self.admin_site, using=kwargs.get("using"))
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)  # type: ignore[misc]
