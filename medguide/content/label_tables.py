"""FDA label markup → markdown: tables as pipe tables, and the narrative around them.

SPL documents and openFDA's ``*_table`` fields use the same HL7 narrative markup: ``<table>``
(``<caption>``, ``<thead>``/``<tbody>``/``<tfoot>``, ``colspan``/``rowspan``, ``<footnote>``),
``<paragraph>``, ``<list>``/``<item>``, ``<content styleCode="bold">``, ``<sup>``, ``<br/>``,
``<linkHtml>``, ``<renderMultiMedia>``. Tables become markdown pipe tables (the "extra"
extension of ``medguide.content.render`` renders them): the header row from ``<thead>`` or the
first row, every cell on one line with ``|`` escaped, a spanned cell repeated down its rows and
left empty across its columns so the columns line up, the caption above in bold and the
footnotes below. Tables used only for layout (a Medication Guide laid out in a big table) are
rendered as the paragraphs and lists they hold instead.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from medguide.content.label_common import (
    attribute,
    collapse,
    escape_block_start,
    escape_inline,
    local_name,
    parse_fragment,
    text_of,
)

IMAGE_NOTE = "*(picture in the original label, not shown)*"
_MAX_SPAN = 50  # colspan/rowspan larger than this is treated as this (a broken or hostile file)
_LAYOUT_CELL_CHARS = 600
_MARKS = {"®", "™", "©", "*", "†", "‡"}
_IMAGES = frozenset({"rendermultimedia", "observationmedia", "img"})
_BULLET = re.compile(r"^(?:[•●▪■◦·]\s*|[–-]\s+|\\\*\s+)(?=\S)")


@dataclass
class _Context:
    """Footnotes collected while rendering one table (None outside tables)."""

    footnotes: list[str] | None = None
    in_bold: bool = False
    in_italic: bool = False


# --------------------------------------------------------------------------- inline text


def inline_markdown(element: ET.Element, context: _Context | None = None) -> str:
    """The inline content of an element as one line of markdown (bold/italic kept)."""
    return collapse(_inline(element, context or _Context(), include_tail=False))


def _inline(element: ET.Element, context: _Context, include_tail: bool) -> str:
    """Markdown of an element's text and children (and its tail when asked)."""
    pieces = [escape_inline(element.text or "")]
    for item in element:
        pieces.append(_inline_child(item, context))
        pieces.append(escape_inline(item.tail or ""))
    if include_tail:
        pieces.append(escape_inline(element.tail or ""))
    return "".join(pieces)


def _inline_child(item: ET.Element, context: _Context) -> str:
    """One child element inside running text."""
    name = local_name(item.tag)
    if name in ("br",):
        return " "
    if name in ("caption",) or not name:
        return ""  # list item captions are bullet characters; comments carry no text
    if name in _IMAGES:
        return ""
    if name == "footnote":
        return _footnote(item, context)
    if name == "footnoteref":
        return ""
    if name == "content":
        return _styled(item, context)
    inner = _inline(item, context, include_tail=False)
    if name in ("sup", "sub"):
        text = collapse(inner)
        if not text or text in _MARKS:
            return text
        return f"<{name}>{text}</{name}>"
    if name in ("paragraph", "item", "list", "table", "tr", "td", "th"):
        return f" {inner} "
    return inner


def _styled(item: ET.Element, context: _Context) -> str:
    """``<content styleCode="bold">`` → ``**…**``, italics → ``*…*``; other styles plain."""
    style = attribute(item, "styleCode").lower()
    bold = "bold" in style and not context.in_bold
    italic = "italic" in style and not context.in_italic and not bold
    if not bold and not italic:
        return _inline(item, context, include_tail=False)
    previous = (context.in_bold, context.in_italic)
    context.in_bold = context.in_bold or bold
    context.in_italic = context.in_italic or italic
    inner = _inline(item, context, include_tail=False)
    context.in_bold, context.in_italic = previous
    text = collapse(inner)
    if not text:
        return inner
    marker = "**" if bold else "*"
    lead = " " if inner[:1].isspace() else ""
    trail = " " if inner[-1:].isspace() else ""
    return f"{lead}{marker}{text}{marker}{trail}"


def _footnote(item: ET.Element, context: _Context) -> str:
    text = inline_markdown(item, _Context())
    if not text:
        return ""
    if context.footnotes is None:
        return f" ({text})"
    context.footnotes.append(text)
    return f"<sup>{len(context.footnotes)}</sup>"


# --------------------------------------------------------------------------- blocks


def narrative_blocks(container: ET.Element, patient: bool = False) -> list[str]:
    """The paragraphs, lists and tables inside an element (an SPL ``<text>``, a table cell)
    as markdown blocks, in order; text outside any paragraph makes a paragraph of its own.
    ``patient``: the text is patient labeling (layout tables are more likely there)."""
    blocks: list[str] = []
    total = len(text_of(container)) or 1
    pending: list[str] = [escape_inline(container.text or "")]
    context = _Context()

    def flush() -> None:
        """End the running paragraph (if it holds text) as a block."""
        text = collapse("".join(pending))
        pending.clear()
        if text:
            blocks.append(escape_block_start(text))

    for item in container:
        name = local_name(item.tag)
        if name == "paragraph":
            flush()
            blocks.extend(narrative_blocks(item, patient))
        elif name == "list":
            flush()
            lines = list_lines(item)
            if lines:
                blocks.append("\n".join(lines))
        elif name == "table":
            flush()
            share = len(text_of(item)) / total
            blocks.extend(table_blocks(item, share, patient))
        elif name in _IMAGES:
            flush()
            blocks.append(image_note(item))
        elif name == "br":
            flush()
        elif name:
            pending.append(_inline_child(item, context))
        pending.append(escape_inline(item.tail or ""))
    flush()
    return _bullet_lists(blocks)


_INLINE_BULLET = re.compile(r"(?:^|\s+)[•●▪■]\s*")


def _bullet_lists(blocks: list[str]) -> list[str]:
    """Paragraphs that carry their own "•" bullets (``• item<br/>• item``) as list items."""
    result: list[str] = []
    items: list[str] = []
    for block in blocks:
        if "\n" in block or not _INLINE_BULLET.search(block):
            if items:
                result.append("\n".join(items))
                items = []
            result.append(block)
            continue
        intro, *rest = _INLINE_BULLET.split(block)
        if intro.strip():
            if items:
                result.append("\n".join(items))
                items = []
            result.append(intro.strip())
        items.extend(f"- {escape_block_start(r.strip())}" for r in rest if r.strip())
    if items:
        result.append("\n".join(items))
    return result


def image_note(image: ET.Element) -> str:
    """What stands for a picture: a note that it is not shown, with its caption if any."""
    caption = next((c for c in image.iter() if local_name(c.tag) == "caption"), None)
    text = inline_markdown(caption) if caption is not None else ""
    return f"{IMAGE_NOTE[:-2]}: {text})*" if text else IMAGE_NOTE


def list_lines(element: ET.Element, depth: int = 0) -> list[str]:
    """A ``<list>`` as markdown list lines (nested lists indented four spaces a level)."""
    ordered = attribute(element, "listType").lower() == "ordered" and not _bullet_captions(element)
    indent = "    " * depth
    lines: list[str] = []
    number = 0
    for item in element:
        if local_name(item.tag) != "item":
            continue
        number += 1
        marker = f"{number}. " if ordered else "- "
        text, nested = _item_parts(item, depth)
        if not text:
            # an item holding only a list: that list belongs to the item before (a bare "-"
            # line would read as a heading underline)
            lines.extend(nested if lines else [line[4:] for line in nested])
            continue
        # "• a • b" inside one bullet item: the label's own bullets, so items of their own
        pieces = [text] if ordered else [t for t in _INLINE_BULLET.split(text) if t.strip()]
        first, *more = pieces or [""]
        lines.append(f"{indent}{marker}{escape_block_start(first.strip())}".rstrip())
        lines.extend(f"{indent}- {escape_block_start(t.strip())}" for t in more)
        lines.extend(nested)
    return lines


def _bullet_captions(element: ET.Element) -> bool:
    """Whether an "ordered" list marks its items with bullets ("o", "•") rather than numbers."""
    captions = [
        text_of(part)
        for item in element
        if local_name(item.tag) == "item"
        for part in item
        if local_name(part.tag) == "caption"
    ]
    return bool(captions) and not any(c[:1].isalnum() and c not in ("o", "O") for c in captions)


def _item_parts(item: ET.Element, depth: int) -> tuple[str, list[str]]:
    """The text of a list item and the lines of what is nested in it."""
    pieces = [escape_inline(item.text or "")]
    nested: list[str] = []
    context = _Context()
    for part in item:
        name = local_name(part.tag)
        if name == "list":
            nested.extend(list_lines(part, depth + 1))
        elif name == "table":
            indent = "    " * (depth + 1)
            nested.extend(f"{indent}- {escape_block_start(t)}" for t in _cell_texts(part))
        elif name == "paragraph":
            pieces.append(" " + inline_markdown(part) + " ")
        else:
            pieces.append(_inline_child(part, context))
        pieces.append(escape_inline(part.tail or ""))
    return strip_bullet(collapse("".join(pieces))), nested


def strip_bullet(text: str) -> str:
    """Text without a leading bullet character ("• fever" → "fever"; "-12.4" stays)."""
    match = _BULLET.match(text)
    return text if match is None else text[match.end() :]


# --------------------------------------------------------------------------- tables


@dataclass
class _Grid:
    """The cells of a table, spans resolved, and where its parts go."""

    caption: str = ""
    head: list[list[str]] = field(default_factory=list)
    body: list[list[str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def html_table_to_markdown(markup: str) -> str:
    """An openFDA ``*_table`` string (one HTML/SPL ``<table>``) as a markdown pipe table."""
    table = first_table(parse_fragment(markup))
    return "" if table is None else table_to_markdown(table)


def first_table(root: ET.Element) -> ET.Element | None:
    """The first ``<table>`` element in a tree (the root itself when it is one)."""
    for element in root.iter():
        if local_name(element.tag) == "table":
            return element
    return None


def table_to_markdown(table: ET.Element) -> str:
    """A ``<table>`` as markdown: bold caption, pipe table, then footnotes ("" if empty)."""
    return "\n\n".join(_pipe_table_blocks(table))


def table_blocks(table: ET.Element, share: float = 0.0, patient: bool = False) -> list[str]:
    """A table as markdown blocks: a pipe table, or for a layout table its contents."""
    if is_layout_table(table, share, patient):
        return layout_blocks(table, patient)
    return _pipe_table_blocks(table)


def is_layout_table(table: ET.Element, share: float = 0.0, patient: bool = False) -> bool:
    """Whether a table only lays out running text rather than holding data.

    A one-column table of long text is one. In patient labeling (guides are often laid out
    as one big table) so is a table with a cell of over 600 characters or one that holds over
    40 % (``share``) of its section's text; in prescribing information only a table of at
    most two columns with a cell of over 1,500 characters.
    """
    longest = 0
    widest = 0
    for row in _rows(table):
        cells = [c for c in row if local_name(c.tag) in ("td", "th")]
        widest = max(widest, sum(_span(c, "colspan") for c in cells))
        for cell in cells:
            longest = max(longest, sum(len(t.strip()) for t in cell.itertext()))
    if widest <= 1 and longest > 200:
        return True
    if patient:
        return longest > _LAYOUT_CELL_CHARS or share > 0.4
    return widest <= 2 and longest > 1500


def layout_blocks(table: ET.Element, patient: bool = False) -> list[str]:
    """The paragraphs and lists of a layout table, cell by cell, row by row."""
    blocks: list[str] = []
    caption = _caption(table)
    if caption:
        blocks.append(f"**{caption}**")
    for row in _rows(table):
        for cell in row:
            if local_name(cell.tag) in ("td", "th"):
                blocks.extend(narrative_blocks(cell, patient))
    return blocks


def table_text(table: ET.Element) -> str:
    """Every word of a table (caption, cells, footnotes) as plain text."""
    return text_of(table)


def _pipe_table_blocks(table: ET.Element) -> list[str]:
    grid = _grid(table)
    rows = grid.head + grid.body
    if not any(any(cell for cell in row) for row in rows):
        return _captioned_notes(table, grid)
    width = max(len(row) for row in rows)
    rows = [row + [""] * (width - len(row)) for row in rows]
    keep = [c for c in range(width) if any(row[c] for row in rows)]
    rows = [[row[c] for c in keep] for row in rows if any(row[c] for c in keep)]
    header, body = rows[0], rows[1:]
    lines = [_pipe_row(header), "| " + " | ".join("---" for _ in header) + " |"]
    lines.extend(_pipe_row(row) for row in body)
    blocks = [f"**{grid.caption}**"] if grid.caption else []
    blocks.append("\n".join(lines))
    blocks.extend(escape_block_start(note) for note in grid.notes if note)
    return blocks


def _captioned_notes(table: ET.Element, grid: _Grid) -> list[str]:
    """What a table without cell text still says: its caption, a picture, its notes."""
    blocks = [f"**{grid.caption}**"] if grid.caption else []
    if any(local_name(e.tag) in _IMAGES for e in table.iter()):
        blocks.append(IMAGE_NOTE)
    blocks.extend(escape_block_start(note) for note in grid.notes if note)
    return blocks


def _pipe_row(cells: list[str]) -> str:
    return "| " + " | ".join(c.replace("|", "\\|") or " " for c in cells) + " |"


def _caption(table: ET.Element) -> str:
    for item in table:
        if local_name(item.tag) == "caption":
            return inline_markdown(item).replace("**", "")
    return ""


def _rows(table: ET.Element) -> list[list[ET.Element]]:
    """The rows of a table (head, bodies, foot, or rows directly inside it), as cell lists."""
    rows: list[list[ET.Element]] = []
    for part in table:
        name = local_name(part.tag)
        if name in ("thead", "tbody", "tfoot"):
            rows.extend(list(tr) for tr in part if local_name(tr.tag) == "tr")
        elif name == "tr":
            rows.append(list(part))
    return rows


def _grid(table: ET.Element) -> _Grid:
    """Resolve the spans of a table into a grid of one-line markdown cells."""
    grid = _Grid(caption=_caption(table))
    context = _Context(footnotes=[])
    for name, rows in _table_parts(table):
        carry: dict[int, tuple[str, int]] = {}
        for tr in rows:
            cells = [c for c in tr if local_name(c.tag) in ("td", "th")]
            if name == "tfoot":
                grid.notes.extend(_cell_line(c, context) for c in cells)
                continue
            row = _place_row(cells, carry, context)
            (grid.head if name == "thead" else grid.body).append(row)
    if not grid.head and grid.body:
        grid.head.append(grid.body.pop(0))
    elif len(grid.head) > 1:
        grid.body[:0] = grid.head[1:]
        del grid.head[1:]
    notes = context.footnotes or []
    grid.notes.extend(f"<sup>{n}</sup> {text}" for n, text in enumerate(notes, start=1))
    return grid


def _table_parts(table: ET.Element) -> list[tuple[str, list[ET.Element]]]:
    """(part name, rows) in the order they render: head, bodies and loose rows, foot."""
    head: list[ET.Element] = []
    body: list[ET.Element] = []
    foot: list[ET.Element] = []
    for part in table:
        name = local_name(part.tag)
        rows = [tr for tr in part if local_name(tr.tag) == "tr"]
        if name == "thead":
            head.extend(rows)
        elif name == "tfoot":
            foot.extend(rows)
        elif name == "tbody":
            body.extend(rows)
        elif name == "tr":
            body.append(part)
    return [("thead", head), ("tbody", body), ("tfoot", foot)]


def _place_row(
    cells: list[ET.Element], carry: dict[int, tuple[str, int]], context: _Context
) -> list[str]:
    """One grid row: cells placed left to right around the cells spanned down from above."""
    row: list[str] = []

    def take_carried() -> None:
        """Place the cells that span down into this row at the current column."""
        while len(row) in carry:
            text, left = carry[len(row)]
            if left <= 1:
                del carry[len(row)]
            else:
                carry[len(row)] = (text, left - 1)
            row.append(text)

    for cell in cells:
        take_carried()
        text = _cell_line(cell, context)
        column = len(row)
        colspan = _span(cell, "colspan")
        rowspan = _span(cell, "rowspan")
        row.append(text)
        row.extend("" for _ in range(colspan - 1))
        if rowspan > 1:
            for offset in range(colspan):
                carry[column + offset] = (text if offset == 0 else "", rowspan - 1)
    while carry and max(carry) >= len(row):
        if len(row) in carry:
            take_carried()
        else:
            row.append("")
    return row


def _span(cell: ET.Element, name: str) -> int:
    value = attribute(cell, name).strip()
    if not value.isdigit():
        return 1
    return max(1, min(int(value), _MAX_SPAN))


def _cell_line(cell: ET.Element, context: _Context) -> str:
    """A cell's content on one line: paragraphs joined by spaces, list items as "• …"."""
    pieces = [escape_inline(cell.text or "")]
    for item in cell:
        name = local_name(item.tag)
        if name == "list":
            items = [
                inline_markdown(i, context) for i in item.iter() if local_name(i.tag) == "item"
            ]
            pieces.append(" " + " ".join(f"• {strip_bullet(t)}" for t in items if t) + " ")
        elif name == "table":
            pieces.append(" " + " ".join(_cell_texts(item)) + " ")
        elif name == "paragraph":
            pieces.append(" " + collapse(_inline(item, context, include_tail=False)) + " ")
        else:
            pieces.append(_inline_child(item, context))
        pieces.append(escape_inline(item.tail or ""))
    return collapse("".join(pieces))


def _cell_texts(table: ET.Element) -> list[str]:
    """The non-empty cells of a table, as one-line markdown each, bullets stripped."""
    texts = []
    for row in _rows(table):
        for cell in row:
            if local_name(cell.tag) in ("td", "th"):
                text = strip_bullet(_cell_line(cell, _Context()))
                if text:
                    texts.append(text)
    return texts
