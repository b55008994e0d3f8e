"""Every input of the reading list goes through one of these forms; errors are Persian."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy as _

from rasad.access import teams
from rasad.core.digits import to_latin_digits
from rasad.library import tags as tagging
from rasad.library.models import Collection, SavedArticle

TRUE_WORDS = {"1", "true", "on"}
FALSE_WORDS = {"0", "false", "off"}


class FlagField(forms.Field):
    """``1``/``0`` (any digits; ``true``/``false``, ``on``/``off``); empty means "toggle" (None)."""

    def __init__(self, *, name: str, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("error_messages", {"invalid": _("مقدار «%(field)s» باید ۰ یا ۱ باشد.") % {"field": name}})
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> bool | None:
        text = to_latin_digits(value or "").strip().lower()
        if text == "":
            return None
        if text in TRUE_WORDS:
            return True
        if text in FALSE_WORDS:
            return False
        raise forms.ValidationError(self.error_messages["invalid"], code="invalid")


class SaveForm(forms.Form):
    saved = FlagField(name="saved")


class ReadForm(forms.Form):
    read = FlagField(name="read")


class NoteForm(forms.ModelForm):
    class Meta:
        model = SavedArticle
        fields = ["note"]
        labels = {"note": _("یادداشت خصوصی")}
        error_messages = {"note": {"max_length": _("یادداشت بلندتر از ۵۰۰۰ نویسه است.")}}


class TagsForm(forms.Form):
    """The tags of one saved article, comma- or «،»-separated; empty removes them all."""

    tags = forms.CharField(
        label=_("برچسب‌ها"),
        required=False,
        max_length=2000,
        error_messages={"max_length": _("فهرست برچسب‌ها بلندتر از ۲۰۰۰ نویسه است.")},
    )

    def clean_tags(self) -> list[str]:
        tags = tagging.parse_tags(self.cleaned_data["tags"] or "")
        if len(tags) > tagging.MAX_TAGS:
            raise forms.ValidationError(_("بیش از ۲۰ برچسب نمی‌شود؛ چند برچسب را بردارید."), code="too_many")
        too_long = [tag for tag in tags if len(tag) > tagging.MAX_TAG_LENGTH]
        if too_long:
            raise forms.ValidationError(
                _("برچسب «%(tag)s» بلندتر از ۵۰ نویسه است.") % {"tag": too_long[0][:60]}, code="too_long"
            )
        return tags


class LibrarySearchForm(forms.Form):
    """A search box over the reader's own things (titles, private notes, own annotations)."""

    q = forms.CharField(
        label=_("جست‌وجو در فهرست من"),
        required=False,
        max_length=200,
        strip=False,
        error_messages={"max_length": _("عبارت جست‌وجو بلندتر از ۲۰۰ نویسه است.")},
    )


class StatusForm(LibrarySearchForm):
    status = forms.ChoiceField(
        choices=[("", _("همه")), ("unread", _("خوانده‌نشده")), ("read", _("خوانده‌شده"))],
        required=False,
        error_messages={"invalid_choice": _("وضعیت «%(value)s» شناخته نیست؛ «خوانده‌نشده» یا «خوانده‌شده» را برگزینید.")},
    )
    tag = forms.CharField(
        required=False,
        max_length=200,
        error_messages={"max_length": _("نام برچسب بلندتر از ۲۰۰ نویسه است.")},
    )


COLLECTION_NAME_ERRORS = {
    "required": _("نام مجموعه را بنویسید."),
    "max_length": _("نام مجموعه بلندتر از ۱۵۰ نویسه است."),
}


class TeamChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return _("تیم %(team)s") % {"team": obj.name}


class CollectionForm(forms.ModelForm):
    """A new collection: personal, or for one of the reader's teams."""

    class Meta:
        model = Collection
        fields = ["name", "organisation"]
        field_classes = {"organisation": TeamChoiceField}
        labels = {"name": _("نام"), "organisation": _("برای")}
        widgets = {"name": forms.TextInput(attrs={"id": "collection-name"})}
        error_messages = {
            "name": COLLECTION_NAME_ERRORS,
            "organisation": {"invalid_choice": _("این تیم را نمی‌شناسیم یا عضو آن نیستید.")},
        }

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = teams.organisations_of(user)
        field.empty_label = _("فقط خودم (شخصی)")
        field.help_text = ""
        field.widget.attrs["id"] = "collection-team"
        if not field.queryset.exists():
            del self.fields["organisation"]


class CollectionRenameForm(forms.ModelForm):
    class Meta:
        model = Collection
        fields = ["name"]
        labels = {"name": _("نام")}
        widgets = {"name": forms.TextInput(attrs={"id": "collection-name"})}
        error_messages = {"name": COLLECTION_NAME_ERRORS}


class CollectionAddForm(forms.Form):
    """Filing an article in a collection; the collection comes from the URL or from the form."""

    collection = forms.IntegerField(required=False, min_value=1, error_messages={"invalid": _("مجموعه‌ای را برگزینید.")})
    article = forms.IntegerField(
        min_value=1,
        error_messages={"required": _("شمارهٔ مقاله باید عدد باشد."), "invalid": _("شمارهٔ مقاله باید عدد باشد.")},
    )

    def __init__(self, *args: Any, collection_in_url: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if collection_in_url:
            del self.fields["collection"]
        else:
            self.fields["collection"].required = True
            self.fields["collection"].error_messages["required"] = _("مجموعه‌ای را برگزینید.")


MAX_IMPORT_BYTES = 20 * 1024 * 1024


class LinksImportForm(forms.Form):
    file = forms.FileField(
        label=_("پروندهٔ خروجی"),
        help_text=_("خروجی HTML یا CSV پاکت، CSV اینستاپیپر، JSON والاباگ یا ZIP اومنی‌وُر."),
        error_messages={"required": _("پرونده‌ای برگزینید."), "empty": _("این پرونده خالی است.")},
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("پرونده بزرگ‌تر از ۲۰ مگابایت است."))
        return upload
