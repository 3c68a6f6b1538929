"""Markdown → safe HTML for display and printing.

Python-Markdown renders; nh3 then keeps only an explicit allow-list of tags and attributes,
so no script, style, iframe, form, image or ``javascript:`` link from a source survives.
Links may point to http(s), mailto or an anchor in the same page (``#ref-1``).
"""

from __future__ import annotations

import html as html_lib
import re
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


MAX_DEPTH = 12
"""Deepest nesting of lists and quotes rendered as such (a medicine page needs three)."""
MAX_BRACKETS = 200
"""More unclosed ``[`` than this in one text makes Python-Markdown's link search slow
(quadratic in their number)."""
MAX_RENDER_CHARS = 400_000
"""Longer texts are shown as plain paragraphs: rendering them would take too long."""
MAX_LINKS = 1500
"""More ``[`` than this at all (a real label has about a hundred) is not rendered either."""
PLAIN_NOTE = (
    "This text is shown as plain paragraphs: its layout (lists or brackets nested far too "
    "deep) could not be shown safely."
)
_LIST_MARKERS = re.compile(r"^(?:\s*(?:[-*+]|\d{1,9}[.)])(?=\s)|\s*>)+")
_MARKER = re.compile(r"[-*+>]|\d{1,9}[.)]")
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*?(/?)>")
_VOID = frozenset({"br", "hr", "img"})


def nesting_depth(markdown: str) -> int:
    """How deep lists and quotes nest: leading markers on one line ("- - - x", "> > x") and
    indentation (two spaces a level), whichever is deeper."""
    deepest = 0
    for line in markdown.splitlines():
        lead = _LIST_MARKERS.match(line)
        markers = len(_MARKER.findall(lead.group(0))) if lead else 0
        indent = (len(line) - len(line.lstrip(" "))) // 2 if markers else 0
        deepest = max(deepest, markers + indent)
    return deepest


def render_problem(markdown: str) -> str | None:
    """Why a text cannot be rendered safely (None when it can): too long, nested too deep,
    or too many brackets for the link search."""
    if len(markdown) > MAX_RENDER_CHARS:
        return "too long"
    opened = markdown.count("[")
    if opened - markdown.count("]") > MAX_BRACKETS or opened > MAX_LINKS:
        return "too many brackets"
    if nesting_depth(markdown) > MAX_DEPTH:
        return "nested too deep"
    return None


def plain_html(markdown: str) -> str:
    """The text as escaped plain paragraphs (blank lines between them), with ``PLAIN_NOTE``."""
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", markdown)]
    body = "".join(f"<p>{html_lib.escape(p[:20_000])}</p>" for p in paragraphs if p)
    return f"<p><i>{html_lib.escape(PLAIN_NOTE)}</i></p>{body}"


def html_depth(markup: str) -> int:
    """The deepest nesting of elements in ``markup``."""
    depth = deepest = 0
    for closing, tag, self_closing in _TAG.findall(markup):
        if tag.lower() in _VOID or self_closing:
            continue
        depth += -1 if closing else 1
        deepest = max(deepest, depth)
    return deepest


def markdown_to_html(markdown: str) -> str:
    """Render markdown to HTML that is safe to show in a QTextBrowser or print.

    Rendering has a budget: a text too long, nested too deep or full of brackets (which would
    take seconds, or recurse without end, in the renderer and in Qt's layout) is shown as plain
    paragraphs with a note saying so; this never raises.
    """
    if render_problem(markdown) is not None:
        return plain_html(markdown)
    md = _markdown()
    md.reset()
    try:
        rendered = sanitise_html(md.convert(markdown))
    except (RecursionError, ValueError):
        return plain_html(markdown)
    if html_depth(rendered) > 4 * MAX_DEPTH:
        return plain_html(markdown)
    return rendered
