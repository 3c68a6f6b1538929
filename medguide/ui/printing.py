"""Printing glue: lay a composed handout out on pages and paint it to a PDF or a printer.

The handout HTML (from ``medguide.handout.compose``) is laid out by ``QTextDocument`` at the
page width; ``paginate`` then chooses page breaks at line boundaries so that a heading is never
left at the bottom of a page, and each page is painted as a clipped slice of the document with
its own footer (page X of Y, source and review status, AI warning, disclaimer).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF
from PySide6.QtGui import (
    QColor,
    QFont,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextBlock,
    QTextDocument,
)
from PySide6.QtPrintSupport import QPrinter

from medguide.core.views import DrugPage, Letterhead
from medguide.handout.compose import HandoutDocument, HandoutOptions, HandoutPart, compose_handout
from medguide.reading.glossary import Glossary

PDF_RESOLUTION = 300
MARGIN_MM = 16.0
FOOTER_POINT_SIZE = 8.5
GAP_PT = 8.0  # between the body and the footer rule

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class PageSlice:
    """The vertical range [top, bottom) of a laid-out document that fits on one page."""

    top: float
    bottom: float


@dataclass(frozen=True)
class _Line:
    top: float
    bottom: float
    first_in_block: bool
    last_in_block: bool
    heading: bool


def _lines(document: QTextDocument) -> list[_Line]:
    layout = document.documentLayout()
    out: list[_Line] = []
    block = document.begin()
    while block.isValid():
        block_rect = layout.blockBoundingRect(block)
        text_layout = block.layout()
        heading = block.blockFormat().headingLevel() > 0 or _all_bold(block)
        count = text_layout.lineCount()
        for i in range(count):
            line = text_layout.lineAt(i)
            top = block_rect.top() + line.y()
            out.append(_Line(top, top + line.height(), i == 0, i == count - 1, heading))
        block = block.next()
    return out


def _all_bold(block: QTextBlock) -> bool:
    """True for a block set wholly in bold, such as an FAQ question: it is kept with the
    text that follows it, like a heading."""
    iterator = block.begin()
    seen_text = False
    while not iterator.atEnd():
        fragment = iterator.fragment()
        if fragment.isValid() and fragment.text().strip():
            seen_text = True
            if fragment.charFormat().fontWeight() < QFont.Weight.DemiBold:
                return False
        iterator += 1
    return seen_text


def paginate(document: QTextDocument, page_height: float) -> list[PageSlice]:
    """Page slices of a document already laid out at its text width.

    Breaks fall between lines. A paragraph never leaves a single line alone at the bottom or
    the top of a page, and a break right after a heading (or a wholly bold line such as an FAQ
    question) moves up to just before it, so it starts a page or has text under it. Slices do
    not overlap; the white space between two lines at a break may belong to neither.
    """
    lines = _lines(document)
    total = document.size().height()
    if not lines:
        return [PageSlice(0.0, max(total, 1.0))]
    slices: list[PageSlice] = []
    page_top = 0.0
    for index, line in enumerate(lines):
        if line.bottom - page_top <= page_height:
            continue
        cut = index
        # no lone line of a paragraph at the top of the next page (widow) or at the bottom of
        # this one (orphan): move one more line over
        widow = not lines[cut].first_in_block and lines[cut].last_in_block
        orphan = cut > 0 and lines[cut - 1].first_in_block and not lines[cut].first_in_block
        if (widow or orphan) and cut > 0 and lines[cut - 1].top > page_top:
            cut -= 1
        # keep headings (and wholly bold lines such as FAQ questions) with the text under them
        while cut > 0 and lines[cut - 1].heading and lines[cut - 1].top > page_top:
            cut -= 1
        # a single line taller than a page (or a heading run filling it) breaks where it must
        if lines[cut].top <= page_top:
            cut = index
        break_at = lines[cut].top if lines[cut].top > page_top else line.top
        if break_at <= page_top:
            break_at = page_top + page_height
        # the space above the next line (a heading's top margin) is left off both pages
        slices.append(PageSlice(page_top, min(break_at, page_top + page_height)))
        page_top = break_at
    slices.append(PageSlice(page_top, max(total, page_top + 1.0)))
    return slices


def _document(
    html: str, stylesheet: str, point_size: float, width: float, device: QPagedPaintDevice
) -> QTextDocument:
    document = QTextDocument()
    document.documentLayout().setPaintDevice(device)
    font = QFont("DejaVu Sans")
    font.setStyleHint(QFont.StyleHint.SansSerif)
    font.setPointSizeF(point_size)
    # no "ff"/"fi" ligatures, so text copied or searched in the PDF reads as typed
    for tag in ("liga", "clig"):
        font.setFeature(QFont.Tag(tag), 0)
    document.setDefaultFont(font)
    document.setDefaultStyleSheet(stylesheet)
    document.setDocumentMargin(0)
    document.setHtml(html)
    document.setTextWidth(width)
    return document


@dataclass
class _LaidOutPart:
    part: HandoutPart
    body: QTextDocument
    slices: list[PageSlice]


def _footer_html(part: HandoutPart, page_no: int, page_count: int) -> str:
    from html import escape

    lines = []
    for line in part.footer_lines:
        text = escape(line)
        if part.ai_generated and line.startswith("AI-generated"):
            text = f'<span style="color:#b00020; font-weight:bold;">{text}</span>'
        lines.append(text)
    lines.append(f"<b>Page {page_no} of {page_count}</b> &nbsp;·&nbsp; {escape(part.title)}")
    return "<br />".join(lines)


def _device_px(device: QPagedPaintDevice, points: float) -> float:
    return points * device.logicalDpiY() / 72.0


def _resolution(device: QPagedPaintDevice) -> int:
    """Dots per inch of a PDF writer or printer (any other paged device: its logical DPI)."""
    if isinstance(device, QPdfWriter | QPrinter):
        return device.resolution()
    return device.logicalDpiX()


def render_handout(
    handout: HandoutDocument,
    device: QPagedPaintDevice,
    progress: Progress | None = None,
) -> int:
    """Paint the handout on a PDF writer or printer; return the number of pages."""
    layout = device.pageLayout()
    paint_rect = layout.paintRectPixels(_resolution(device))
    width = float(paint_rect.width())
    height = float(paint_rect.height())

    footer_height = max(
        (
            _document(_footer_html(p, 99, 99), "", FOOTER_POINT_SIZE, width, device).size().height()
            for p in handout.parts
        ),
        default=0.0,
    )
    gap = _device_px(device, GAP_PT)
    body_height = height - footer_height - 2 * gap

    parts: list[_LaidOutPart] = []
    for part in handout.parts:
        header = (
            f'<p class="letterhead">{handout.letterhead_html}</p><hr />'
            if handout.letterhead_html
            else ""
        )
        body = _document(
            header + part.body_html, handout.stylesheet, handout.point_size, width, device
        )
        parts.append(_LaidOutPart(part, body, paginate(body, body_height)))
    page_count = sum(len(p.slices) for p in parts)

    painter = QPainter()
    if not painter.begin(device):
        raise OSError("could not start painting the handout (is the output file writable?)")
    try:
        page_no = 0
        for laid_out in parts:
            for page_slice in laid_out.slices:
                if page_no > 0:
                    device.newPage()
                page_no += 1
                _paint_page(
                    painter,
                    laid_out,
                    page_slice,
                    page_no,
                    page_count,
                    width,
                    height,
                    footer_height,
                    gap,
                    device,
                )
                if progress:
                    progress(page_no, page_count)
    finally:
        painter.end()
    return page_count


def _paint_page(
    painter: QPainter,
    laid_out: _LaidOutPart,
    page_slice: PageSlice,
    page_no: int,
    page_count: int,
    width: float,
    height: float,
    footer_height: float,
    gap: float,
    device: QPagedPaintDevice,
) -> None:
    slice_height = page_slice.bottom - page_slice.top
    painter.save()
    painter.translate(0, -page_slice.top)
    # Qt draws every line that touches the clip rect (its text then sits hidden in the PDF);
    # 1 px in from both edges keeps the lines at a break on one page only.
    laid_out.body.drawContents(
        painter, QRectF(0, page_slice.top + 1, width, max(slice_height - 2, 1))
    )
    painter.restore()

    footer_top = height - footer_height
    pen = painter.pen()
    pen.setColor(QColor("#888888"))
    pen.setWidthF(_device_px(device, 0.5))
    painter.setPen(pen)
    painter.drawLine(0, int(footer_top - gap), int(width), int(footer_top - gap))
    footer = _document(
        _footer_html(laid_out.part, page_no, page_count), "", FOOTER_POINT_SIZE, width, device
    )
    painter.save()
    painter.translate(0, footer_top)
    footer.drawContents(painter, QRectF(0, 0, width, footer_height))
    painter.restore()


def pdf_writer(path: Path) -> QPdfWriter:
    """An A4 PDF writer with the handout margins and metadata."""
    writer = QPdfWriter(str(path))
    writer.setResolution(PDF_RESOLUTION)
    writer.setTitle("MedGuide handout")
    writer.setCreator("MedGuide")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
            QPageLayout.Unit.Millimeter,
        )
    )
    return writer


def export_pdf(
    pages: Sequence[DrugPage],
    options: HandoutOptions,
    letterhead: Letterhead,
    path: Path,
    glossary: Glossary | None = None,
    progress: Progress | None = None,
) -> int:
    """Compose and write a handout PDF; return its page count."""
    handout = compose_handout(pages, options, letterhead, glossary=glossary)
    path.parent.mkdir(parents=True, exist_ok=True)
    writer = pdf_writer(path)
    try:
        return render_handout(handout, writer, progress)
    finally:
        del writer  # flushes and closes the file
