"""The form readers send an observation with, Persian errors throughout."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from rasad.articles.models import Article, ThinkTank, Topic
from rasad.contributions.models import Contribution


class ContributionForm(forms.ModelForm):
    think_tank = forms.ModelChoiceField(
        label=_("اندیشکده"),
        queryset=ThinkTank.objects.all(),
        required=False,
        empty_label=_("— انتخاب کنید —"),
        error_messages={"invalid_choice": _("اندیشکدهٔ انتخاب‌شده در فهرست نیست.")},
    )
    topics = forms.ModelMultipleChoiceField(
        label=_("موضوع‌ها"),
        queryset=Topic.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _("موضوع انتخاب‌شده در فهرست نیست."),
            "invalid_pk_value": _("موضوع انتخاب‌شده در فهرست نیست."),
        },
    )

    class Meta:
        model = Contribution
        fields = ["title", "source_url", "think_tank", "summary", "body", "topics"]
        widgets = {
            "source_url": forms.URLInput(attrs={"dir": "ltr", "placeholder": "https://"}),
            "summary": forms.Textarea(attrs={"rows": 4}),
            "body": forms.Textarea(attrs={"rows": 14}),
        }
        help_texts = {
            "summary": _("چند جمله که همه می‌بینند؛ متن کامل فقط برای مشترکان است."),
            "body": _("بندها را با یک خط خالی جدا کنید."),
        }
        error_messages = {
            "title": {"required": _("عنوان را بنویسید."), "max_length": _("عنوان بیش از اندازه بلند است.")},
            "source_url": {"required": _("لینک منبع اصلی را بنویسید."), "invalid": _("لینک معتبری وارد کنید.")},
            "summary": {"required": _("خلاصه را بنویسید؛ همه آن را می‌بینند.")},
            "body": {"required": _("متن کامل یا ترجمه را بنویسید.")},
        }

    def clean_source_url(self) -> str:
        url = self.cleaned_data["source_url"].strip()
        if Article.objects.filter(source_url=url).exists():
            raise forms.ValidationError(_("این منبع پیش‌تر در رصد منتشر شده است."))
        return url
