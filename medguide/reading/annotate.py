"""Mark glossary terms in rendered HTML for patients: tooltips on screen, brackets on paper.

Only text nodes change; tags are rebuilt from their parsed names and attributes with every value
escaped, and nothing inside links, code, scripts, styles or an existing term span is touched.
"""

from __future__ import annotations

from enum import StrEnum
from html import escape
from html.parser import HTMLParser

from medguide.core.model import Audience
from medguide.reading.glossary import Glossary, GlossaryEntry

# text inside these elements is never annotated
_SKIP = frozenset({"a", "code", "pre", "script", "style", "textarea", "title", "kbd", "samp"})
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)


class Medium(StrEnum):
    """Where the annotated text will be read."""

    SCREEN = "screen"
    PAPER = "paper"


def _tag(name: str, attrs: list[tuple[str, str | None]], close: bool = False) -> str:
    parts = [name]
    for key, value in attrs:
        if not key.replace("-", "").replace(":", "").replace("_", "").isalnum():
            continue
        parts.append(key if value is None else f'{key}="{escape(value, quote=True)}"')
    return "<" + " ".join(parts) + (" />" if close else ">")


class _Annotator(HTMLParser):
    """Streams the HTML back out, annotating text outside skipped elements."""

    def __init__(self, glossary: Glossary, medium: Medium) -> None:
        super().__init__(convert_charrefs=True)
        self.glossary = glossary
        self.medium = medium
        self.out: list[str] = []
        self.skip_stack: list[str] = []
        self.explained: set[str] = set()

    # ---- tags are re-serialised from parsed parts, so attributes come out escaped
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(_tag(tag, attrs))
        term_span = tag == "span" and any(
            k == "class" and v and "term" in v.split() for k, v in attrs
        )
        if (tag in _SKIP or term_span or self.skip_stack) and tag not in _VOID:
            self.skip_stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(_tag(tag, attrs, close=True))

    def handle_endtag(self, tag: str) -> None:
        self.out.append(f"</{tag}>")
        if tag in self.skip_stack:
            while self.skip_stack and self.skip_stack.pop() != tag:
                pass

    def handle_comment(self, data: str) -> None:
        return  # comments are dropped: nothing a reader needs

    def handle_decl(self, decl: str) -> None:
        self.out.append(f"<!{escape(decl, quote=False)}>")

    def handle_pi(self, data: str) -> None:
        return

    def unknown_decl(self, data: str) -> None:
        return

    def handle_data(self, data: str) -> None:
        if self.skip_stack:
            self.out.append(escape(data, quote=False))
            return
        position = 0
        for match in self.glossary.find_terms(data):
            self.out.append(escape(data[position : match.start], quote=False))
            first = match.entry.term not in self.explained
            # the text already explains it: "term (plain words)" or "plain words (term)"
            already_bracketed = data[match.end :].lstrip().startswith("(") or data[
                : match.start
            ].rstrip().endswith("(")
            self.out.append(self._mark(match.text, match.entry, first and not already_bracketed))
            self.explained.add(match.entry.term)
            position = match.end
        self.out.append(escape(data[position:], quote=False))

    def _mark(self, text: str, entry: GlossaryEntry, explain: bool) -> str:
        shown = escape(text, quote=False)
        note = f" ({escape(entry.explanation, quote=False)})" if explain else ""
        if self.medium is Medium.PAPER:
            return f'{shown}<span class="term-note">{note}</span>' if note else shown
        title = escape(entry.explanation, quote=True)
        span = f'<span class="term" title="{title}">{shown}</span>'
        return span + (f'<span class="term-note">{note}</span>' if note else "")


def annotate_html(
    html: str, glossary: Glossary, audience: Audience, medium: Medium = Medium.SCREEN
) -> str:
    """Patient HTML with glossary terms marked; professional HTML comes back unchanged.

    Screen: every occurrence becomes ``<span class="term" title="explanation">`` and the first
    occurrence of each term is followed by `` (explanation)``. Paper: no tooltip span, only the
    bracketed explanation after the first occurrence. A term already followed by a bracket, or
    standing first inside one, is not explained twice (the text already gives plain words).
    """
    if audience is not Audience.PATIENT or not html:
        return html
    annotator = _Annotator(glossary, medium)
    annotator.feed(html)
    annotator.close()
    return "".join(annotator.out)
