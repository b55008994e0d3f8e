"""The JSON API under /api/v1/ (django-ninja): one instance, its auth, limits and errors."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.openapi.docs import Swagger
from ninja.renderers import JSONRenderer

from rasad.api import annotations as annotation_routes
from rasad.api import articles, errors, library
from rasad.api.auth import API_AUTH
from rasad.api.throttle import TokenRateThrottle

DESCRIPTION = """
API رصد برای ابزارهای خود تیم‌ها: مقاله‌ها، جست‌وجو، فهرست مطالعه، مجموعه‌ها و یادداشت‌ها.

**احراز هویت.** در «حساب من ← توکن‌های دسترسی» توکنی بسازید و آن را در سرآیند
`Authorization: Bearer rasad_…` بفرستید. توکن «فقط خواندن» تنها GET می‌کند. صفحه‌های خود سایت
با نشست (کوکی) و سرآیند `X-CSRFToken` هم کار می‌کنند.

**دروازهٔ متن کامل.** `body` فقط وقتی پر است که دارندهٔ توکن در همان روز به متن کامل دسترسی
داشته باشد؛ وگرنه `null` است.

**محدودیت.** هر توکن در هر بازه تعداد معینی درخواست دارد؛ بیش از آن پاسخ 429 با `Retry-After` است.

**Web Annotation Protocol.** یادداشت‌های هر مقاله در `/api/v1/articles/{id}/annotations/` یک
Annotation Container (W3C) هستند با `application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"`.

همهٔ خطاها فارسی‌اند: `{"detail": "…", "errors": [{"field": "…", "message": "…"}]}`.
"""


class RasadDocs(Swagger):
    """Swagger UI from django-ninja's own static files (no CDN), inside a Persian page, no inline script."""

    template = "api/docs.html"


class PersianJSONRenderer(JSONRenderer):
    json_dumps_params = {"ensure_ascii": False}  # Persian stays readable in the raw JSON


class RasadAPI(NinjaAPI):
    def create_response(
        self,
        request: HttpRequest,
        data: Any,
        *,
        status: int | None = None,
        temporal_response: HttpResponse | None = None,
    ) -> HttpResponse:
        response = super().create_response(request, data, status=status, temporal_response=temporal_response)
        response["Vary"] = "Authorization, Cookie"
        return response


api = RasadAPI(
    title="Rasad API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    renderer=PersianJSONRenderer(),
    auth=API_AUTH,
    throttle=[TokenRateThrottle()],
    docs=RasadDocs(settings={"persistAuthorization": False, "tryItOutEnabled": False}),
    docs_url="/docs",
    openapi_url="/openapi.json",
)
errors.install(api)
api.add_router("", articles.router)
api.add_router("", library.router)
api.add_router("", annotation_routes.router)
