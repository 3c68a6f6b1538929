"""The block above the tabs: the most important points for a patient, the boxed warning for a
professional.

Patients read the first lines, so the few points that keep them safe are shown before any tab,
whatever tab is open; professionals see the FDA's boxed warning there. The block is as tall as
its text, up to a share of the drug pane (then it scrolls), and hidden when the drug has
neither.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, QUrl, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QSizePolicy, QTextBrowser, QWidget

MAX_SHARE = 0.4
"""Tallest the block grows, as a share of the drug pane's height."""
_STYLE = (
    "QTextBrowser#lead { border: none; border-left: 4px solid #b3261e; "
    "background: palette(alternate-base); }"
)


class LeadPanel(QTextBrowser):
    """Key points or boxed warning, sized to its text (``set_html`` with "" hides it)."""

    link_clicked = Signal(QUrl)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lead")
        self.setAccessibleName("Most important")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setStyleSheet(_STYLE)
        self.document().setDocumentMargin(10)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.anchorClicked.connect(self.link_clicked)
        self.hide()

    def set_html(self, html: str) -> None:
        """Show ``html`` (hidden when empty) and fit the height to it."""
        self.setHtml(html)
        self.setVisible(bool(html))
        self.fit()

    def fit(self) -> None:
        """Height of the text at the current width, up to ``MAX_SHARE`` of the parent."""
        if not self.isVisible():
            return
        document = self.document()
        document.setTextWidth(max(100, self.viewport().width()))
        wanted = int(document.size().height()) + 2 * self.frameWidth() + 2
        parent = self.parentWidget()
        limit = int(parent.height() * MAX_SHARE) if parent is not None else wanted
        self.setFixedHeight(max(40, min(wanted, max(80, limit))))

    def sizeHint(self) -> QSize:
        """As wide as the pane allows; as tall as ``fit`` decided."""
        return QSize(400, self.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        """A new width re-wraps the text: fit the height again."""
        super().resizeEvent(event)
        width = self.viewport().width()
        if abs(self.document().textWidth() - width) > 1:
            self.fit()
