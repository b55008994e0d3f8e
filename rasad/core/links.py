"""One rule for "is this the same link?": scheme, ``www.``, trailing slash and tracking parameters
do not make two addresses different.

``normalise_url`` gives the comparison key; ``url_variants`` the spellings a stored address of the
same page may have, so a database lookup (``source_url__in=…``) can find it without a key column.
Tracking parameters are those of the common analytics and mail tools (utm_*, fbclid, gclid, …).
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit

TRACKING_PREFIXES = ("utm_", "mtm_", "pk_", "_hs", "hsa_", "oly_")
TRACKING_PARAMS = frozenset(
    {
        "fbclid", "gclid", "gclsrc", "dclid", "msclkid", "yclid", "twclid", "igshid", "mc_cid", "mc_eid",
        "mkt_tok", "ref", "ref_src", "ref_url", "referrer", "source", "cmpid", "s_cid", "spm", "wt_mc",
        "at_medium", "at_campaign", "_ga", "_gl", "vero_id", "rss", "share",
    }
)  # fmt: skip


def _is_tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered in TRACKING_PARAMS or lowered.startswith(TRACKING_PREFIXES)


def normalise_url(url: str) -> str:
    """``https://www.Example.org/a/?utm_source=x#top`` → ``example.org/a``; '' for what is not a web address."""
    parts = urlsplit((url or "").strip())
    if parts.scheme.lower() not in {"http", "https"} or not parts.hostname:
        return ""
    host = parts.hostname.lower()
    if host.startswith("www."):
        host = host[4:]
    if parts.port and parts.port not in {80, 443}:
        host = f"{host}:{parts.port}"
    path = parts.path.rstrip("/")
    query = urlencode(sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)))
    return host + path + (f"?{query}" if query else "")


def url_variants(url: str) -> set[str]:
    """The ways a stored copy of ``url`` is likely written (both schemes, with and without www. and /)."""
    key = normalise_url(url)
    if not key:
        return set()
    parts = urlsplit("http://" + key)
    suffix = f"?{parts.query}" if parts.query else ""
    variants = {url.strip()}
    for scheme in ("https", "http"):
        for prefix in ("", "www."):
            for slash in ("", "/"):
                variants.add(f"{scheme}://{prefix}{parts.netloc}{parts.path}{slash}{suffix}")
    return variants
