"""Account, organisation and contribution forms, with Persian errors."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from rasad.access.models import AccessToken


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("نام کاربری یا گذرواژه درست نیست. دقت کنید که بزرگی و کوچکی حروف مهم است."),
        "inactive": _("این حساب غیرفعال است."),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("نام کاربری")
        self.fields["password"].label = _("گذرواژه")
        self.fields["username"].widget.attrs.update({"dir": "ltr", "autocomplete": "username"})
        # AuthenticationForm sets max_length after the field is built, so no validator enforces it
        # and an over-long name reached authenticate() and django-axes' 255-character column (a 500
        # on PostgreSQL). Enforce it here: the form then never calls authenticate().
        username = self.fields["username"]
        assert isinstance(username, forms.CharField)
        limit = username.max_length or 150
        username.validators.append(MaxLengthValidator(limit, message=_("نام کاربری بیش از اندازه بلند است.")))


class SignUpForm(UserCreationForm):
    email = forms.EmailField(
        label=_("ایمیل"),
        max_length=254,
        help_text=_("برای بازیابی گذرواژه و عضویت با ایمیل سازمانی."),
        error_messages={
            "required": _("ایمیل را بنویسید."),
            "invalid": _("ایمیل معتبری وارد کنید."),
            "max_length": _("ایمیل بیش از اندازه بلند است."),
        },
        widget=forms.EmailInput(attrs={"dir": "ltr", "autocomplete": "email"}),
    )

    class Meta(UserCreationForm.Meta):  # type: ignore[name-defined]  # the stubs do not declare it
        model = get_user_model()
        fields = ("username", "email")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("نام کاربری")
        self.fields["username"].help_text = _("حروف لاتین، رقم و @/./+/-/_ ؛ حداکثر ۱۵۰ نویسه.")
        self.fields["username"].error_messages.update(
            {"required": _("نام کاربری را بنویسید."), "unique": _("این نام کاربری پیش‌تر گرفته شده است.")}
        )
        self.fields["username"].widget.attrs.update({"dir": "ltr"})
        self.fields["password1"].label = _("گذرواژه")
        self.fields["password2"].label = _("تکرار گذرواژه")
        self.fields["password1"].error_messages["required"] = _("گذرواژه را بنویسید.")
        self.fields["password2"].error_messages["required"] = _("گذرواژه را دوباره بنویسید.")
        self.error_messages = {**self.error_messages, "password_mismatch": _("دو گذرواژه یکی نیستند.")}

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip()
        if get_user_model().objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("حسابی با این ایمیل وجود دارد؛ وارد شوید یا گذرواژه را بازیابی کنید."))
        return email


class InviteForm(forms.Form):
    who = forms.CharField(
        label=_("نام کاربری یا ایمیل"),
        max_length=254,
        error_messages={"required": _("نام کاربری یا ایمیل را بنویسید.")},
        widget=forms.TextInput(attrs={"dir": "ltr"}),
    )


class AccessTokenForm(forms.Form):
    name = forms.CharField(
        label=_("نام توکن"),
        max_length=100,
        help_text=_("مثلاً «زوترو در رایانهٔ کار»."),
        error_messages={"required": _("برای توکن نامی بنویسید تا بعداً بشناسیدش.")},
    )
    scope = forms.ChoiceField(
        label=_("دامنه"),
        choices=AccessToken.Scope.choices,
        initial=AccessToken.Scope.READ,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("دامنهٔ توکن باید «فقط خواندن» یا «خواندن و نوشتن» باشد.")},
    )
