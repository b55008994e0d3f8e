"""Sanitising HTML that reaches Rasad from outside (imports, feeds, contributors, editors).

nh3 (the Ammonia sanitiser) keeps a small set of text-formatting tags and the attributes that
matter for right-to-left text (``dir``, ``lang``); scripts, styles, event handlers and
``javascript:`` URLs never survive. https://nh3.readthedocs.io/
"""

from __future__ import annotations

import html as html_lib

import nh3

ALLOWED_TAGS = {
    "p", "br", "hr", "div", "span", "blockquote", "q", "cite", "pre", "code",
    "strong", "b", "em", "i", "u", "s", "sub", "sup", "small", "mark", "bdi", "bdo",
    "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd",
    "a", "figure", "figcaption", "table", "thead", "tbody", "tr", "th", "td", "caption", "abbr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "*": {"dir", "lang", "title"},
    "a": {"href", "hreflang"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "abbr": {"title"},
}


def sanitise_html(html: str) -> str:
    """Return ``html`` with only safe tags and attributes; RTL ``dir``/``lang`` are kept."""
    if not html:
        return ""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )


def html_to_text(html: str) -> str:
    """Plain text of ``html`` (for summaries, search documents and meta descriptions)."""
    if not html:
        return ""
    text = nh3.clean(html.replace("</p>", "</p>\n").replace("<br", "\n<br"), tags=set())
    # nh3 escapes what it keeps; undo the entity escaping for plain-text use.
    return html_lib.unescape(text).strip()
