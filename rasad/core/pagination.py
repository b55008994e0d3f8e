"""A Paginator whose COUNT(*) is cached until content changes.

On a large table the count behind "page N of M" costs more than fetching the page itself, and it
is the same for every reader of a listing. It is cached per query (SQL and parameters, which
include today's date for published()) and per page-cache generation, so any article save
invalidates it (rasad/core/pagecache.py).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

from rasad.core.digits import to_latin_digits
from rasad.core.pagecache import GENERATION_KEY, bump_generation


class CachedCountPaginator(Paginator):
    @cached_property
    def count(self) -> int:
        seconds = settings.RASAD_PAGE_CACHE_SECONDS
        query = getattr(self.object_list, "query", None)
        if query is None or seconds <= 0:
            return super().count
        sql, params = query.sql_with_params()
        digest = hashlib.sha256(f"{getattr(self.object_list, 'db', '')}|{sql}|{params!r}".encode()).hexdigest()
        key = f"rasad:count:{digest}"
        found = cache.get_many([GENERATION_KEY, key])
        generation = found.get(GENERATION_KEY)
        if generation is None:
            bump_generation()
            generation = cache.get(GENERATION_KEY)
        cached = found.get(key)
        if cached is not None and cached[0] == generation:
            return cached[1]
        count = super().count
        cache.set(key, (generation, count), seconds)
        return count


def paginate(request: HttpRequest, queryset: QuerySet | Sequence[Any], per_page: int | None = None) -> Page:
    """The requested ``?page=`` of ``queryset`` (or of a list, e.g. of search matches; any digits);
    a bad or out-of-range page is a Persian 404."""
    paginator = CachedCountPaginator(queryset, per_page or settings.RASAD_PAGE_SIZE)
    raw = to_latin_digits(request.GET.get("page", "1")).strip() or "1"
    try:
        return paginator.page(raw)
    except PageNotAnInteger as exc:
        raise Http404(_("شماره صفحه باید عدد باشد.")) from exc
    except EmptyPage as exc:
        raise Http404(_("این صفحه وجود ندارد؛ مطلب بیشتری نیست.")) from exc
