"""Every 4xx of the API in Persian, naming the field that was wrong.

Errors have one shape: ``{"detail": "<Persian sentence>", "errors": [{"field": "note",
"location": "body", "message": "<Persian>"}]}``; ``errors`` is present only for invalid input.
Pydantic's error *types* (https://docs.pydantic.dev/latest/errors/validation_errors/) are
translated here, so no English message reaches a reader.
"""

from __future__ import annotations

import math
from functools import partial
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import NinjaAPI
from ninja.errors import HttpError, Throttled, ValidationError

from rasad.core.digits import to_persian_digits


class ApiError(HttpError):
    """A 4xx with a Persian message and, optionally, the fields at fault."""

    def __init__(self, status_code: int, message: str, errors: list[dict[str, str]] | None = None) -> None:
        super().__init__(status_code, message)
        self.errors = errors or []


def field_errors(errors: dict[str, list[str] | str], *, location: str = "body") -> list[dict[str, str]]:
    """``{"note": ["…"]}`` (a Django form's or ValidationError's errors) as the API lists them."""
    out = []
    for field, messages in errors.items():
        text = " ".join(messages) if isinstance(messages, list) else str(messages)
        out.append({"field": "" if field == "__all__" else field, "location": location, "message": text})
    return out


def invalid(errors: dict[str, Any], *, location: str = "body", status: int = 422) -> ApiError:
    listed = field_errors(errors, location=location)
    named = "، ".join(f"«{e['field']}»" for e in listed if e["field"])
    message = _("درخواست نامعتبر است: %(fields)s.") % {"fields": named} if named else listed[0]["message"]
    return ApiError(status, message, listed)


def _n(value: Any) -> str:
    return to_persian_digits(str(value))


def pydantic_message(error: dict[str, Any]) -> str:
    """One pydantic error in Persian."""
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    messages = {
        "missing": _("این مقدار لازم است."),
        "extra_forbidden": _("این فیلد شناخته نیست؛ فیلدهای مجاز در مستندات API آمده‌اند."),
        "json_invalid": _("JSON نامعتبر است."),
        "json_type": _("JSON نامعتبر است."),
        "model_type": _("باید یک شیء JSON باشد."),
        "model_attributes_type": _("باید یک شیء JSON باشد."),
        "dict_type": _("باید یک شیء JSON باشد."),
        "list_type": _("باید فهرست (آرایهٔ JSON) باشد."),
        "string_type": _("باید متن باشد."),
        "int_type": _("باید عدد صحیح باشد."),
        "int_parsing": _("باید عدد صحیح باشد."),
        "int_from_float": _("باید عدد صحیح باشد."),
        "bool_type": _("باید true یا false باشد."),
        "bool_parsing": _("باید true یا false باشد."),
        "date_parsing": _("تاریخ نامعتبر است."),
        "date_type": _("تاریخ نامعتبر است."),
        "date_from_datetime_parsing": _("تاریخ نامعتبر است."),
        "datetime_parsing": _("زمان نامعتبر است."),
        "datetime_type": _("زمان نامعتبر است."),
        "url_parsing": _("نشانی اینترنتی نامعتبر است."),
        "url_type": _("نشانی اینترنتی نامعتبر است."),
        "url_scheme": _("نشانی باید با http یا https آغاز شود."),
        "string_pattern_mismatch": _("قالب این مقدار درست نیست."),
        "string_unicode": _("متن نامعتبر است."),
        "value_error": _("مقدار نامعتبر است."),
        "union_tag_invalid": _("نوع این شیء شناخته نیست."),
        "union_tag_not_found": _("نوع این شیء مشخص نشده است."),
    }
    if kind in messages:
        return messages[kind]
    if kind == "string_too_long":
        return _("بلندتر از %(n)s نویسه است.") % {"n": _n(ctx.get("max_length", ""))}
    if kind == "string_too_short":
        return _("کوتاه‌تر از %(n)s نویسه است.") % {"n": _n(ctx.get("min_length", ""))}
    if kind == "too_long":
        return _("بیش از %(n)s مورد دارد.") % {"n": _n(ctx.get("max_length", ""))}
    if kind == "too_short":
        return _("دست‌کم %(n)s مورد لازم است.") % {"n": _n(ctx.get("min_length", ""))}
    if kind in {"greater_than_equal", "greater_than"}:
        return _("باید دست‌کم %(n)s باشد.") % {"n": _n(ctx.get("ge", ctx.get("gt", "")))}
    if kind in {"less_than_equal", "less_than"}:
        return _("باید حداکثر %(n)s باشد.") % {"n": _n(ctx.get("le", ctx.get("lt", "")))}
    if kind in {"literal_error", "enum"}:
        return _("باید یکی از این‌ها باشد: %(choices)s.") % {"choices": ctx.get("expected", "")}
    return _("مقدار نامعتبر است.")


def _field_name(loc: tuple | list) -> tuple[str, str]:
    """ninja's ``loc`` is ("body", "payload", "note") or ("query", "page"): (location, dotted field)."""
    parts = [str(p) for p in loc]
    location = parts[0] if parts else "body"
    rest = parts[1:]
    if location == "body" and rest and rest[0] in {"payload", "data"}:
        rest = rest[1:]
    return location, ".".join(rest)


def _validation_error(request: HttpRequest, exc: ValidationError, api: NinjaAPI) -> HttpResponse:
    listed = []
    for error in exc.errors:
        location, field = _field_name(error.get("loc", ()))
        listed.append({"field": field, "location": location, "message": pydantic_message(error)})
    named = "، ".join(dict.fromkeys(f"«{e['field']}»" for e in listed if e["field"]))
    detail = _("درخواست نامعتبر است: %(fields)s.") % {"fields": named} if named else _("درخواست نامعتبر است.")
    return api.create_response(request, {"detail": detail, "errors": listed}, status=422)


DEFAULT_MESSAGES = {
    400: gettext_lazy("درخواست نامعتبر است؛ بدنهٔ درخواست باید JSON درست باشد."),
    401: gettext_lazy("برای این درخواست توکن دسترسی معتبر (Authorization: Bearer …) یا ورود به سایت لازم است."),
    403: gettext_lazy("این کار برای شما مجاز نیست."),
    404: gettext_lazy("پیدا نشد."),
    405: gettext_lazy("این روش درخواست (method) اینجا پذیرفته نیست."),
    409: gettext_lazy("این کار با وضعیت کنونی ناسازگار است."),
    412: gettext_lazy("این نسخه دیگر تازه‌ترین نیست (ETag با If-Match نمی‌خواند)؛ دوباره بخوانید و سپس تغییر دهید."),
    413: gettext_lazy("بدنهٔ درخواست بیش از اندازه بزرگ است."),
    415: gettext_lazy("نوع محتوای درخواست پذیرفته نیست؛ JSON بفرستید."),
    429: gettext_lazy("درخواست‌های این توکن بیش از حد مجاز است؛ کمی بعد دوباره بکوشید."),
}


def persian_message(status: int) -> str:
    return str(DEFAULT_MESSAGES.get(status, _("درخواست پذیرفته نشد.")))


def is_persian(text: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" for ch in text)


def _http_error(request: HttpRequest, exc: HttpError, api: NinjaAPI) -> HttpResponse:
    status = exc.status_code
    # ninja's own messages ("Unauthorized", "Cannot parse request body", …) are English.
    message = str(exc) if is_persian(str(exc)) else persian_message(status)
    payload: dict[str, Any] = {"detail": message}
    if isinstance(exc, ApiError) and exc.errors:
        payload["errors"] = exc.errors
    response = api.create_response(request, payload, status=status)
    if status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="rasad"'
    if isinstance(exc, Throttled) and exc.wait is not None:
        response["Retry-After"] = str(max(1, math.ceil(exc.wait)))
    return response


def _not_found(request: HttpRequest, exc: Exception, api: NinjaAPI) -> HttpResponse:
    return api.create_response(request, {"detail": persian_message(404)}, status=404)


def install(api: NinjaAPI) -> None:
    api.add_exception_handler(ValidationError, partial(_validation_error, api=api))
    api.add_exception_handler(HttpError, partial(_http_error, api=api))
    api.add_exception_handler(Http404, partial(_not_found, api=api))
