"""Handout PDFs: text, order, footers, page breaks and ink on the page (pdftotext/pdftoppm)."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from itertools import pairwise
from pathlib import Path

import pytest
from PySide6.QtGui import QImage, QTextDocument

from medguide.core.model import Audience, SectionKind
from medguide.core.views import Letterhead
from medguide.handout.options import HandoutOptions, PrintSize
from medguide.ui.printing import _all_bold, export_pdf, paginate
from tests.handout.pages import make_oldamine, make_testamab

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None,
    reason="poppler-utils (pdftotext, pdftoppm) is not installed",
)


def _pdf_pages_text(path: Path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    return text.split("\f")[:-1]


@needs_poppler
def test_pdf_has_sections_in_order_footer_on_every_page_and_no_markdown(
    qapp: object, tmp_path: Path
) -> None:
    out = tmp_path / "handout.pdf"
    options = HandoutOptions(
        patient_name="Ann Example", date=date(2026, 11, 22), print_size=PrintSize.LARGE
    )
    count = export_pdf(
        [make_testamab(lines_per_section=12)],
        options,
        Letterhead(clinic_name="Riverside Clinic"),
        out,
    )
    pages = _pdf_pages_text(out)
    assert len(pages) == count >= 2
    whole = "\n".join(pages)
    order = [
        whole.index(label)
        for label in ("What it is for", "Side effects", "How to take it", "Warnings", "Questions")
    ]
    assert order == sorted(order)
    assert "Ann Example" in whole
    assert "Riverside Clinic" in pages[0]
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {count}" in page
        assert "review status: unreviewed" in page
        assert "AI-generated" in page
    assert "**" not in whole and "###" not in whole


@needs_poppler
def test_each_medicine_starts_on_a_new_page(qapp: object, tmp_path: Path) -> None:
    out = tmp_path / "two.pdf"
    export_pdf([make_testamab(), make_oldamine()], HandoutOptions(), Letterhead(), out)
    pages = _pdf_pages_text(out)
    starts = [i for i, page in enumerate(pages) if "Oldamine" in page.split("Page ")[0]]
    assert starts and "Testamab" not in pages[starts[0]].split("Page ")[0]


@needs_poppler
def test_first_page_is_not_blank_when_rasterised(qapp: object, tmp_path: Path) -> None:
    out = tmp_path / "ink.pdf"
    export_pdf([make_testamab()], HandoutOptions(audience=Audience.PATIENT), Letterhead(), out)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", str(out), str(tmp_path / "page")],
        check=True,
    )
    image = QImage(str(next(tmp_path.glob("page*.png"))))
    dark = sum(
        1
        for y in range(0, image.height(), 2)
        for x in range(0, image.width(), 2)
        if image.pixelColor(x, y).lightness() < 128
    )
    assert dark > 500


HEADED_HTML = "".join(
    f"<h2>Heading {i}</h2>" + "".join(f"<p>Line {i}.{j}</p>" for j in range(5)) for i in range(30)
)
FAQ_HTML = (
    "<ul>"
    + "".join(
        f"<li><p><b>Question {i}?</b></p><p>"
        + " ".join(["Answer words here."] * (i % 4 + 3))
        + "</p></li>"
        for i in range(40)
    )
    + "</ul>"
)


@pytest.mark.parametrize("html", [HEADED_HTML, FAQ_HTML], ids=["headings", "faq"])
def test_paginate_keeps_headings_and_questions_with_their_text(qapp: object, html: str) -> None:
    document = QTextDocument()
    document.setDocumentMargin(0)
    document.setHtml(html)
    document.setTextWidth(300)
    line_height = document.size().height() / document.lineCount()
    layout = document.documentLayout()
    for page_height in (line_height * k for k in (7.3, 11.6, 17.9, 23.2)):
        slices = paginate(document, page_height)
        assert slices[0].top == 0
        for earlier, later in pairwise(slices):
            assert earlier.bottom <= later.top
            assert earlier.bottom - earlier.top <= page_height + 0.5
        block = document.begin()
        while block.isValid():
            following = block.next()
            keep = block.blockFormat().headingLevel() or _all_bold(block)
            if keep and following.isValid():
                top = layout.blockBoundingRect(block).top()
                next_rect = layout.blockBoundingRect(following)
                next_line = following.layout().lineAt(0)
                next_bottom = next_rect.top() + next_line.y() + next_line.height()
                page = next(s for s in slices if s.top <= top + 0.1 < s.bottom)
                # the first line after a heading or question is on the same page
                assert next_bottom <= page.bottom + 0.5, block.text()
            block = following


@pytest.mark.parametrize("kind", [SectionKind.USAGE, SectionKind.FAQ])
def test_single_section_handout_is_one_page(
    qapp: object, tmp_path: Path, kind: SectionKind
) -> None:
    count = export_pdf(
        [make_testamab()], HandoutOptions(sections=(kind,)), Letterhead(), tmp_path / "one.pdf"
    )
    assert count == 1
