"""The search form: words plus filters, every error in Persian."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from rasad.articles.models import Author, ThinkTank, Topic
from rasad.core.forms import JalaliDateField
from rasad.search.backends import Filters


class SearchForm(forms.Form):
    SORT_CHOICES = [("relevance", _("مرتبط‌ترین")), ("newest", _("تازه‌ترین"))]

    # strip=False: a trailing space tells the parser the last word is finished (not a prefix).
    q = forms.CharField(label=_("عبارت جست‌وجو"), required=False, max_length=200, strip=False)
    think_tank = forms.ModelChoiceField(
        ThinkTank.objects.only("pk", "name"),
        label=_("اندیشکده"),
        required=False,
        empty_label=_("همهٔ اندیشکده‌ها"),
        error_messages={"invalid_choice": _("چنین اندیشکده‌ای در رصد نیست.")},
    )
    topic = forms.ModelChoiceField(
        Topic.objects.only("pk", "name"),
        label=_("موضوع"),
        required=False,
        empty_label=_("همهٔ موضوع‌ها"),
        error_messages={"invalid_choice": _("چنین موضوعی در رصد نیست.")},
    )
    author = forms.ModelChoiceField(
        Author.objects.only("pk", "name"),
        label=_("نویسنده"),
        required=False,
        empty_label=_("همهٔ نویسندگان"),
        error_messages={"invalid_choice": _("چنین نویسنده‌ای در رصد نیست.")},
    )
    # Set by the «search as typed» link: no spelling correction.
    typed = forms.BooleanField(required=False, widget=forms.HiddenInput)
    date_from = JalaliDateField(label=_("از تاریخ"), required=False)
    date_to = JalaliDateField(label=_("تا تاریخ"), required=False)
    sort = forms.ChoiceField(
        label=_("ترتیب"),
        choices=SORT_CHOICES,
        required=False,
        error_messages={"invalid_choice": _("ترتیب باید «مرتبط‌ترین» یا «تازه‌ترین» باشد.")},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("«تا تاریخ» نباید پیش از «از تاریخ» باشد."))
        return data

    def filters(self) -> Filters:
        data = self.cleaned_data
        return Filters(
            think_tank_id=data["think_tank"].pk if data.get("think_tank") else None,
            topic_id=data["topic"].pk if data.get("topic") else None,
            author_id=data["author"].pk if data.get("author") else None,
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )

    def has_filters(self) -> bool:
        return any(self.cleaned_data.get(name) for name in ("think_tank", "topic", "author", "date_from", "date_to"))
