"""Meaning checks on API input, as Django forms: which slugs exist, what a date says."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db.models import Model
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from rasad.articles.models import Author, ThinkTank, Topic
from rasad.core.forms import JalaliDateField
from rasad.core.jalali import parse_date_any
from rasad.search.forms import SearchForm


class AnyDateField(JalaliDateField):
    """A Jalali («۱۴۰۳/۰۳/۰۴») or Gregorian («2024-05-24») date, in any digits."""

    def to_python(self, value: Any) -> dt.date | None:
        if value in self.empty_values:
            return None
        try:
            return parse_date_any(str(value))
        except ValueError as exc:
            raise forms.ValidationError(str(exc), code="invalid") from exc


def _slug_choice(model: type[Model], label: StrOrPromise, message: StrOrPromise) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        model._default_manager.only("pk", "slug"),
        to_field_name="slug",
        label=label,
        required=False,
        error_messages={"invalid_choice": message},
    )


class ArticleFilterForm(forms.Form):
    think_tank = _slug_choice(ThinkTank, _("اندیشکده"), _("چنین اندیشکده‌ای در رصد نیست."))
    author = _slug_choice(Author, _("نویسنده"), _("چنین نویسنده‌ای در رصد نیست."))
    topic = _slug_choice(Topic, _("موضوع"), _("چنین موضوعی در رصد نیست."))
    since = AnyDateField(required=False)
    until = AnyDateField(required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            self.add_error("until", _("«تا تاریخ» نباید پیش از «از تاریخ» باشد."))
        return data


class ApiSearchForm(SearchForm):
    """The search page's form, with think tanks, authors and topics named by slug."""

    think_tank = _slug_choice(ThinkTank, _("اندیشکده"), _("چنین اندیشکده‌ای در رصد نیست."))
    author = _slug_choice(Author, _("نویسنده"), _("چنین نویسنده‌ای در رصد نیست."))
    topic = _slug_choice(Topic, _("موضوع"), _("چنین موضوعی در رصد نیست."))
    date_from = AnyDateField(required=False)
    date_to = AnyDateField(required=False)
