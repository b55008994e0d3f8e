"""Fetching a URL an editor typed (a think tank's feed), safely: a timeout, a size cap, and no
private addresses.

A feed URL is typed by an editor, so the server must not be turned against itself or its network
(SSRF): the host is resolved and every address must be public; redirects are checked the same
way. ``RASAD_FEEDS_ALLOW_PRIVATE`` lifts the check (tests serve feeds on 127.0.0.1).
"""

from __future__ import annotations

import ipaddress
import socket
import urllib.error
import urllib.request
from http.client import HTTPMessage
from typing import IO, NamedTuple
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

from rasad.core.digits import to_persian_digits

USER_AGENT = "RasadFeedFetcher/1.0 (+https://rasad.local)"


class FeedFetchError(Exception):
    """The feed could not be fetched; the message is Persian and says why."""


def _timeout() -> float:
    return float(getattr(settings, "RASAD_FEEDS_TIMEOUT", 15))


def _max_bytes() -> int:
    return int(getattr(settings, "RASAD_FEEDS_MAX_BYTES", 5 * 1024 * 1024))


def check_public_url(url: str) -> None:
    """Raise ``FeedFetchError`` unless ``url`` is http(s) on a host with only public addresses."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise FeedFetchError(_("نشانی خوراک باید با http یا https شروع شود: «%(url)s».") % {"url": url})
    if getattr(settings, "RASAD_FEEDS_ALLOW_PRIVATE", False):
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or (443 if parts.scheme == "https" else 80))
    except (socket.gaierror, UnicodeError) as exc:
        raise FeedFetchError(_("میزبان «%(host)s» پیدا نشد.") % {"host": parts.hostname}) from exc
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
        if not address.is_global or address.is_multicast:
            raise FeedFetchError(
                _("نشانی «%(host)s» به شبکهٔ داخلی (%(ip)s) می‌رسد و خوانده نمی‌شود.")
                % {"host": parts.hostname, "ip": address}
            )


class _CheckedRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(
        self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str, headers: HTTPMessage, newurl: str
    ) -> urllib.request.Request | None:
        check_public_url(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch_url(url: str, *, max_bytes: int | None = None) -> bytes:
    """The body of ``url``, at most ``max_bytes`` (``RASAD_FEEDS_MAX_BYTES``), within
    ``RASAD_FEEDS_TIMEOUT`` seconds."""
    check_public_url(url)
    opener = urllib.request.build_opener(_CheckedRedirects)
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "application/rss+xml, */*"})
    limit = max_bytes or _max_bytes()
    try:
        with opener.open(request, timeout=_timeout()) as response:
            data = response.read(limit + 1)
    except urllib.error.HTTPError as exc:
        raise FeedFetchError(_("خوراک پاسخ خطا داد (HTTP %(code)s).") % {"code": exc.code}) from exc
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        if isinstance(reason, FeedFetchError):
            raise reason from exc
        raise FeedFetchError(_("خوراک دریافت نشد: %(reason)s") % {"reason": reason}) from exc
    if len(data) > limit:
        raise FeedFetchError(
            _("خوراک بزرگ‌تر از %(kb)s کیلوبایت است و خوانده نشد.") % {"kb": to_persian_digits(limit // 1024)}
        )
    return data


class LinkProbe(NamedTuple):
    """What one check of a link found: the HTTP status (``None`` when nothing answered) and the
    URL it ended at after redirects."""

    status: int | None
    final_url: str
    error: str = ""


def probe_url(url: str) -> LinkProbe:
    """Ask ``url`` whether it is still there, with the fetcher's safety rules (public addresses
    only, redirects checked, the timeout) and reading at most a few bytes of the answer."""
    try:
        check_public_url(url)
    except FeedFetchError as exc:
        return LinkProbe(status=None, final_url=url, error=str(exc))
    opener = urllib.request.build_opener(_CheckedRedirects)
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    try:
        with opener.open(request, timeout=_timeout()) as response:
            response.read(1024)
            return LinkProbe(status=response.status, final_url=response.geturl())
    except urllib.error.HTTPError as exc:
        return LinkProbe(status=exc.code, final_url=exc.geturl() or url)
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        return LinkProbe(status=None, final_url=url, error=str(reason))
