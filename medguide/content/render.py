"""Markdown → safe HTML for display and printing.

Python-Markdown renders; nh3 then keeps only an explicit allow-list of tags and attributes,
so no script, style, iframe, form, image or ``javascript:`` link from a source survives.
Links may point to http(s), mailto or an anchor in the same page (``#ref-1``).
"""

from __future__ import annotations

import threading

import markdown as markdown_lib
import nh3

ALLOWED_TAGS: frozenset[str] = frozenset(
    {
        "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "div", "dl", "dt", "em",
        "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "li", "ol", "p", "pre", "s", "small",
        "span", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr",
        "u", "ul",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES: dict[str, set[str]] = {
    "a": {"href", "title", "id"},
    "abbr": {"title"},
    "li": {"id"},
    "p": {"id"},
    "ol": {"start"},
    "th": {"align", "colspan", "rowspan"},
    "td": {"align", "colspan", "rowspan"},
    "h1": {"id"},
    "h2": {"id"},
    "h3": {"id"},
    "h4": {"id"},
    "h5": {"id"},
    "h6": {"id"},
}
_LINK_PREFIXES = ("http://", "https://", "mailto:", "#")
_EXTENSIONS = ["extra", "sane_lists"]
_local = threading.local()


def _markdown() -> markdown_lib.Markdown:
    """This thread's Markdown instance (instances are not thread-safe, so one per thread)."""
    instance: markdown_lib.Markdown | None = getattr(_local, "markdown", None)
    if instance is None:
        instance = markdown_lib.Markdown(extensions=_EXTENSIONS, output_format="html")
        _local.markdown = instance
    return instance


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    """Drop link targets other than http(s), mailto and same-page anchors."""
    if tag == "a" and attribute == "href":
        return value if value.strip().lower().startswith(_LINK_PREFIXES) else None
    return value


def sanitise_html(html: str) -> str:
    """Keep only allow-listed tags/attributes and safe links; drop script/style content."""
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        clean_content_tags={"script", "style"},
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_filter_attribute,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )


def markdown_to_html(markdown: str) -> str:
    """Render markdown to HTML that is safe to show in a QTextBrowser or print."""
    md = _markdown()
    md.reset()
    return sanitise_html(md.convert(markdown))
