"""The one place untrusted text enters: every request's path, query, form fields and JSON body.

NUL and the other control characters have no business in anything a reader or a client types,
and PostgreSQL refuses NUL in text outright (a 500 wherever a view passed it on: a slug in the
path, a filter in the query, a note in a form or in the API's JSON). So they are refused here,
before any view, form or schema sees them, with a Persian 400 (under ``/api/``, the API's JSON 422). Tab, line
feed and carriage return are kept in bodies (a note may have paragraphs), not in paths or
queries. Lone surrogates (``"\\ud800"`` in JSON) cannot be stored as UTF-8 and are refused too, as
is JSON nested deeper than ``RASAD_JSON_MAX_DEPTH`` and a parameter or field that is a number
too large for any column.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _

from rasad.core.views import bad_request

# C0 controls, DEL, C1 controls and UTF-16 surrogates.
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
# The same, but tab, line feed and carriage return are text in a body.
BODY_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
# A value that is nothing but 19 or more digits is no id, page or count of this site: the databases'
# 64-bit integers end there, and SQLite raises OverflowError on a larger one.
HUGE_NUMBER = re.compile(r"\s*[0-9]{19,}\s*")
MAX_INTEGER = 2**63 - 1
JSON_TYPES = ("application/json", "application/ld+json")
JSON_PREFIXES = ("/api/",)


class Refused(Exception):
    """The request carries text that may not enter; the message is Persian."""


def json_depth(value: Any) -> int:
    """Nesting depth of parsed JSON, without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        deepest = max(deepest, depth)
        if isinstance(item, dict):
            stack.extend((child, depth + 1) for child in item.values())
        elif isinstance(item, list):
            stack.extend((child, depth + 1) for child in item)
    return deepest


def _strings(value: Any) -> Iterable[str]:
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def _refuse_control(texts: Iterable[str], pattern: re.Pattern[str], where: str) -> None:
    for text in texts:
        if pattern.search(text):
            raise Refused(
                _("«%(where)s» نویسهٔ کنترلی (مانند NUL) دارد که پذیرفته نیست؛ آن را بردارید و دوباره بفرستید.")
                % {"where": where}
            )


def _refuse_huge(values: Iterable[str]) -> None:
    if any(HUGE_NUMBER.fullmatch(value) and int(value) > MAX_INTEGER for value in values):
        raise Refused(_("عدد بیش از اندازه بزرگ است."))


def _check_json(request: HttpRequest) -> None:
    if not request.body:
        return
    try:
        data = json.loads(request.body)
    except RecursionError as exc:
        raise Refused(_("JSON بیش از اندازه تودرتو است.")) from exc
    except ValueError:
        return  # not JSON after all: the view's own parser says so in its own words
    if json_depth(data) > settings.RASAD_JSON_MAX_DEPTH:
        raise Refused(_("JSON بیش از اندازه تودرتو است."))
    _refuse_control(_strings(data), BODY_CONTROL, _("بدنهٔ JSON"))


def check_request(request: HttpRequest) -> None:
    """Raise ``Refused`` when any part of ``request`` carries forbidden characters."""
    _refuse_control([request.path], CONTROL, _("نشانی"))
    for key, values in request.GET.lists():
        _refuse_control([key, *values], CONTROL, _("پارامتر نشانی"))
        _refuse_huge(values)
    content_type = request.content_type or ""
    if content_type in JSON_TYPES or content_type.endswith("+json"):
        _check_json(request)
    elif request.method == "POST":
        for key, values in request.POST.lists():
            _refuse_control([key, *values], BODY_CONTROL, _("فرم"))
            _refuse_huge(values)
        names = [upload.name or "" for uploads in request.FILES.lists() for upload in uploads[1]]
        _refuse_control(names, CONTROL, _("نام پرونده"))


class UntrustedInputMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            check_request(request)
        except Refused as exc:
            if request.path.startswith(JSON_PREFIXES):
                # The API answers every input it will not take with its validation status and shape.
                return JsonResponse(
                    {"detail": str(exc), "errors": []}, status=422, json_dumps_params={"ensure_ascii": False}
                )
            return bad_request(request, str(exc))
        return self.get_response(request)
