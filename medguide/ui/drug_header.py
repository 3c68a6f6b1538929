"""Top of the drug view: name, brand names, class, provenance badges, star and Print."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from medguide.core import provenance
from medguide.core.model import Audience
from medguide.core.views import DrugPage, SourceView
from medguide.reading.audience import sources_shown

AI_WARNING = f"⚠ {provenance.AI_WARNING}"
PRINT_PENDING_TIP = "Printing handouts is not available in this build yet"

_BADGE_STYLE = "QLabel { border: 1px solid palette(mid); border-radius: 9px; padding: 2px 8px; }"
_AI_STYLE = (
    "QLabel { background-color: #c62828; color: palette(bright-text); font-weight: bold;"
    " border-radius: 4px; padding: 4px 10px; }"
)


class DrugHeader(QWidget):
    """Shows who the text is about and where it came from."""

    favourite_toggled = Signal(bool)
    print_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = QLabel(self)
        self.name.setWordWrap(True)
        self.name.setTextFormat(Qt.TextFormat.PlainText)
        self.name.setAccessibleName("Drug name")
        self.name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.name.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.details = QLabel(self)
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setAccessibleName("Brand names and drug class")
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.badges = QLabel(self)
        self.badges.setWordWrap(True)
        self.badges.setTextFormat(Qt.TextFormat.RichText)
        self.badges.setAccessibleName("Source and review status")
        self.badges.setStyleSheet(_BADGE_STYLE)
        self.ai_warning = QLabel(AI_WARNING, self)
        self.ai_warning.setStyleSheet(_AI_STYLE)
        self.ai_warning.setAccessibleName("Warning: AI-generated text, not reviewed")
        self.ai_warning.setToolTip(
            "This text was drafted with AI assistance and has not been checked by a clinician."
        )
        self.ai_warning.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)

        self.star = QToolButton(self)
        self.star.setCheckable(True)
        self.star.setAccessibleName("Favourite")
        self.star.setMinimumSize(36, 36)
        star_font = QFont(self.star.font())
        star_font.setPointSizeF(max(star_font.pointSizeF(), 9.0) * 1.6)
        self.star.setFont(star_font)
        self.star.toggled.connect(self._star_toggled)
        self.print_button = QToolButton(self)
        self.print_button.setText("Print…")
        self.print_button.setAccessibleName("Print a handout")
        self.print_button.setMinimumHeight(32)
        self.print_button.clicked.connect(self.print_requested)
        self.set_print_available(False)

        grid = QGridLayout(self)
        grid.setContentsMargins(10, 8, 10, 4)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(4)
        text = QVBoxLayout()
        text.setSpacing(2)
        text.addWidget(self.name)
        text.addWidget(self.details)
        grid.addLayout(text, 0, 0)
        grid.addWidget(self.star, 0, 1, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.print_button, 0, 2, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.badges, 1, 0, 1, 3)
        grid.addWidget(self.ai_warning, 2, 0, 1, 3, Qt.AlignmentFlag.AlignLeft)
        grid.setColumnStretch(0, 1)
        self.show_page(None, False)

    def set_print_available(self, available: bool) -> None:
        """Enable Print once a handout dialog is connected; until then explain why not."""
        self.print_button.setEnabled(available)
        self.print_button.setToolTip(
            "Print a patient handout of this drug (Ctrl+P)" if available else PRINT_PENDING_TIP
        )

    def show_page(
        self, page: DrugPage | None, favourite: bool, audience: Audience = Audience.PATIENT
    ) -> None:
        """Fill the header for ``page`` as a reader of ``audience`` sees it: its badges and
        the AI warning speak for the text of that reading level (None shows a placeholder)."""
        scale = 1.6
        font = QFont(self.font())
        if font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() * scale)
        font.setBold(True)
        self.name.setFont(font)
        for styled in (self.badges, self.ai_warning):  # style sheets stop font inheritance
            styled.setFont(self.font())
        self.star.blockSignals(True)
        self.star.setChecked(favourite)
        self.star.blockSignals(False)
        self._paint_star()
        if page is None:
            self.name.setText("No drug open")
            self.details.setText("Search on the left, then press Enter to open a drug.")
            self.badges.hide()
            self.ai_warning.hide()
            self.star.hide()
            self.print_button.hide()
            return
        self.star.show()
        self.print_button.show()
        self.name.setText(page.name)
        self.details.setText(_details_html(page))
        shown = sources_shown(page, audience) or list(page.sources[:1])
        badges = list(dict.fromkeys(_source_badge(s) for s in shown))
        self.badges.setText(" &nbsp;|&nbsp; ".join(badges))
        self.badges.setVisible(bool(shown))
        self.ai_warning.setVisible(any(provenance.needs_ai_warning(s) for s in shown))

    def _star_toggled(self, on: bool) -> None:
        self._paint_star()
        self.favourite_toggled.emit(on)

    def _paint_star(self) -> None:
        on = self.star.isChecked()
        self.star.setText("★" if on else "☆")
        self.star.setToolTip("Remove from favourites" if on else "Add to favourites")


def _details_html(page: DrugPage) -> str:
    parts: list[str] = []
    if page.brand_names:
        parts.append("<b>Brand names:</b> " + html.escape(", ".join(page.brand_names)))
    if page.drug_class:
        parts.append("<b>Class:</b> " + html.escape(page.drug_class))
    if page.synonyms:
        parts.append("<b>Also called:</b> " + html.escape(", ".join(page.synonyms[:6])))
    return " &nbsp;·&nbsp; ".join(parts) if parts else "<i>No brand names or class recorded</i>"


def _source_badge(source: SourceView) -> str:
    return html.escape(provenance.source_badge(source))
