"""The forms notes are written and edited with: Persian errors, a team chosen from the writer's own."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy as _

from rasad.access import teams
from rasad.annotations.models import Annotation
from rasad.articles.models import ThinkTank, Topic
from rasad.core.jalali import parse_jalali


class AudienceMixin(forms.ModelForm):
    """``visibility`` and ``organisation``: private, or a team note for one of the writer's teams.

    With one team the choice is made for them; with none, the team option is not offered (and
    refused if sent anyway); with several, they pick one.
    """

    visibility = forms.ChoiceField(
        label=_("چه کسانی ببینند"),
        error_messages={"invalid_choice": _("دیدپذیری نامعتبر است؛ «خصوصی» یا «تیم» را برگزینید.")},
    )
    organisation = forms.ModelChoiceField(
        label=_("کدام تیم"),
        queryset=teams.organisations_of(None),
        required=False,
        empty_label=_("— تیم را برگزینید —"),
        error_messages={"invalid_choice": _("این تیم را نمی‌شناسیم یا عضو آن نیستید.")},
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        mine = list(teams.organisations_of(user))
        organisation = self.fields["organisation"]
        assert isinstance(organisation, forms.ModelChoiceField)
        organisation.queryset = teams.organisations_of(user)
        if mine:
            team_label = _("تیم من (%(name)s)") % {"name": mine[0].name} if len(mine) == 1 else _("تیم من")
            choices = [(Annotation.Visibility.TEAM, team_label), (Annotation.Visibility.PRIVATE, _("فقط خودم"))]
        else:
            choices = [(Annotation.Visibility.PRIVATE, _("فقط خودم"))]
            self.initial.setdefault("visibility", Annotation.Visibility.PRIVATE)
        visibility = self.fields["visibility"]
        assert isinstance(visibility, forms.ChoiceField)
        visibility.choices = choices
        self.fields["visibility"].widget.attrs["id"] = f"{self.id_prefix}-visibility"
        if len(mine) < 2:
            del self.fields["organisation"]
        else:
            self.fields["organisation"].widget.attrs["id"] = f"{self.id_prefix}-organisation"

    id_prefix = "annotation"

    def clean(self) -> dict[str, Any]:
        """The note's organisation: none for a private note, the chosen (or only) team otherwise;
        an edited team note keeps its team unless another is chosen."""
        data = super().clean() or self.cleaned_data
        if data.get("visibility") != Annotation.Visibility.TEAM:
            data["organisation"] = None
            return data
        chosen = data.get("organisation") or (self.instance.organisation if self.instance.organisation_id else None)
        try:
            data["organisation"] = teams.team_for_new_object(self.user, chosen)
        except forms.ValidationError as exc:
            self.add_error("organisation" if "organisation" in self.fields else "visibility", exc)
        return data


class AnnotationForm(AudienceMixin):
    """A new highlight: the quote with its W3C selectors (filled in by the page's script), a note
    and who sees it. Only readers of the full text are offered the full text as a field."""

    class Meta:
        model = Annotation
        fields = ["exact", "field", "prefix", "suffix", "start", "end", "note", "visibility", "organisation"]
        labels = {"exact": _("عبارت برگزیده"), "field": _("از"), "note": _("یادداشت (اختیاری)")}
        help_texts = {"exact": _("تکه‌ای از متن را با موشواره برگزینید، یا همان عبارت را اینجا بنویسید.")}
        widgets = {
            "exact": forms.Textarea(attrs={"rows": 3, "id": "annotation-exact"}),
            "field": forms.Select(attrs={"id": "annotation-field"}),
            "note": forms.Textarea(attrs={"rows": 3, "id": "annotation-note"}),
            "start": forms.HiddenInput,
            "end": forms.HiddenInput,
        }
        error_messages = {
            "exact": {
                "required": _("عبارتی از متن را برگزینید یا بنویسید."),
                "max_length": _("عبارت برگزیده بلندتر از ۲۰۰۰ نویسه است؛ تکهٔ کوتاه‌تری برگزینید."),
            },
            "field": {"invalid_choice": _("بخش نامعتبر است؛ «خلاصه» یا «متن کامل» را برگزینید.")},
            "note": {"max_length": _("یادداشت بلندتر از ۵۰۰۰ نویسه است.")},
        }

    def __init__(self, *args: Any, user: User, can_read: bool, **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)
        # Positions come from the page's script; a quote typed by hand has none (the server finds it).
        for name in ("start", "end"):
            self.fields[name].required = False
        # Only a hint for choosing among repeats of the quote: the server stores its own context.
        for name in ("prefix", "suffix"):
            self.fields[name] = forms.CharField(required=False, strip=False, widget=forms.HiddenInput)
        self.fields["field"].required = False
        if not can_read:
            # Not offered; sent anyway it is refused by the gate (404), like any other gated text.
            self.fields["field"].widget.choices = [(Annotation.Field.SUMMARY, Annotation.Field.SUMMARY.label)]

    def clean_field(self) -> str:
        return self.cleaned_data.get("field") or Annotation.Field.SUMMARY


class AnnotationEditForm(AudienceMixin):
    id_prefix = "edit"

    class Meta:
        model = Annotation
        fields = ["note", "visibility", "organisation"]
        labels = {"note": _("یادداشت")}
        widgets = {"note": forms.Textarea(attrs={"rows": 4, "id": "edit-note"})}
        error_messages = {"note": {"max_length": _("یادداشت بلندتر از ۵۰۰۰ نویسه است.")}}


class ExportForm(forms.Form):
    scope = forms.ChoiceField(
        choices=[("mine", _("یادداشت‌های من")), ("team", _("یادداشت‌های تیم"))],
        required=False,
        error_messages={
            "invalid_choice": _("دامنهٔ خروجی باید «mine» (یادداشت‌های من) یا «team» (یادداشت‌های تیم) باشد.")
        },
    )

    def clean_scope(self) -> str:
        return self.cleaned_data.get("scope") or "mine"


class TeamWeekForm(forms.Form):
    """The team page's week (any day of it, Jalali, any digits) and its topic / think tank filters."""

    week = forms.CharField(required=False, max_length=40)
    # Words to look for in the team's notes (every week), folded as article search folds them.
    q = forms.CharField(
        required=False,
        max_length=200,
        strip=False,
        error_messages={"max_length": _("عبارت جست‌وجو بلندتر از ۲۰۰ نویسه است.")},
    )
    topic = forms.ModelChoiceField(
        Topic.objects.all(),
        to_field_name="slug",
        required=False,
        error_messages={"invalid_choice": _("موضوع «%(value)s» را نمی‌شناسیم.")},
    )
    think_tank = forms.ModelChoiceField(
        ThinkTank.objects.all(),
        to_field_name="slug",
        required=False,
        error_messages={"invalid_choice": _("اندیشکدهٔ «%(value)s» را نمی‌شناسیم.")},
    )

    def clean_week(self) -> dt.date | None:
        # The week is named by any of its days; the parser's message says what was wrong with it.
        text = self.cleaned_data.get("week", "").strip()
        try:
            return parse_jalali(text) if text else None
        except ValueError as exc:
            raise forms.ValidationError(str(exc), code="invalid") from exc


class ReplyForm(forms.Form):
    text = forms.CharField(
        label=_("پاسخ"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
        help_text=_("برای نام بردن از هم‌تیمی، @ و نام کاربری او را بنویسید."),
        error_messages={"required": _("پاسخ خالی است."), "max_length": _("پاسخ بلندتر از ۵۰۰۰ نویسه است.")},
    )
