"""A dialog to write a clinic's own wording for one section, with a live reading-grade meter.

Glossary words are highlighted as you type (a dotted underline, as in the drug view), and the
Flesch-Kincaid grade is measured again a moment after typing stops. The dialog only returns
what the person chose; the caller saves the override or reverts it through the repository.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextCharFormat, QTextDocument
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from medguide.core.model import Audience, SectionKind
from medguide.core.text import markdown_to_plain
from medguide.reading.badges import GradeBand, grade_band, grade_label
from medguide.reading.glossary import Glossary
from medguide.reading.grade import count_text

DEBOUNCE_MS = 300
HIGHLIGHT_COLOUR = "#fff3bf"


class EditAction(StrEnum):
    """What the person chose in the editor."""

    SAVE = "save"
    REVERT = "revert"
    CANCEL = "cancel"


@dataclass(frozen=True)
class EditOutcome:
    """The editor's answer: save this markdown, revert to the imported text, or nothing."""

    action: EditAction
    markdown: str


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


class GlossaryHighlighter(QSyntaxHighlighter):
    """Marks glossary terms in a text document with a dotted underline and a light background."""

    def __init__(self, document: QTextDocument, glossary: Glossary) -> None:
        """Highlight ``document`` using ``glossary``."""
        super().__init__(document)
        self._glossary = glossary
        self._format = QTextCharFormat()
        self._format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
        self._format.setBackground(QColor(HIGHLIGHT_COLOUR))

    @property
    def term_format(self) -> QTextCharFormat:
        """The character format given to glossary terms."""
        return self._format

    def highlightBlock(self, text: str) -> None:
        """Format every glossary term of one block (a line of the editor)."""
        for match in self._glossary.find_terms(text):
            self.setFormat(match.start, match.end - match.start, self._format)


class GradeMeter(QWidget):
    """A label with the grade and a coloured badge (green ≤ 6, amber ≤ 8, red above)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        """An empty meter; call ``show_measure`` to fill it."""
        super().__init__(parent)
        self.badge = QLabel(self)
        self.badge.setObjectName("gradeBadge")
        self.detail = QLabel(self)
        self.detail.setObjectName("gradeDetail")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.badge)
        layout.addWidget(self.detail, 1)
        self.band = GradeBand.UNKNOWN

    def show_measure(self, markdown: str, terms: int) -> None:
        """Measure ``markdown`` and show its grade, counts and number of glossary words."""
        counts = count_text(markdown_to_plain(markdown))
        grade = counts.grade
        self.band = grade_band(grade)
        self.badge.setText(f" {grade_label(grade)} ")
        self.badge.setStyleSheet(
            f"QLabel {{ background: {self.band.colour}; color: black; border-radius: 4px;"
            " padding: 2px 6px; font-weight: bold; }"
        )
        target = "aim for grade 6 or below" if self.band is not GradeBand.GREEN else "easy to read"
        self.detail.setText(
            f"{_count(counts.sentences, 'sentence')} · {_count(counts.words, 'word')} · "
            f"{_count(terms, 'glossary word')} — {target}"
        )


class SectionEditorDialog(QDialog):
    """Edit the wording of one section for one audience; see ``outcome`` after ``exec()``."""

    def __init__(
        self,
        parent: QWidget | None,
        drug_name: str,
        kind: SectionKind,
        audience: Audience,
        initial_markdown: str,
        glossary: Glossary,
        *,
        can_revert: bool = True,
    ) -> None:
        """Open on ``initial_markdown``; ``can_revert`` enables "Revert to imported text"."""
        super().__init__(parent)
        self.setWindowTitle(f"Edit {kind.label.lower()} — {drug_name} ({audience.label.lower()})")
        self.setModal(True)
        self.resize(720, 520)
        self._glossary = glossary
        self.outcome = EditOutcome(EditAction.CANCEL, initial_markdown)

        intro = QLabel(
            f"Write the <b>{kind.label.lower()}</b> section of <b>{drug_name}</b> for "
            f"{'patients' if audience is Audience.PATIENT else 'professionals'}. "
            "Markdown works: <code>- item</code> for a list, <code>**bold**</code>. "
            "Highlighted words are in the glossary and get a plain explanation for patients.",
            self,
        )
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.RichText)

        self.editor = QPlainTextEdit(self)
        self.editor.setObjectName("sectionEditor")
        self.editor.setPlainText(initial_markdown)
        self.editor.setTabChangesFocus(True)
        editor_font = QFont(self.editor.font())
        editor_font.setPointSizeF(editor_font.pointSizeF() * 1.1)
        self.editor.setFont(editor_font)
        self.highlighter = GlossaryHighlighter(self.editor.document(), glossary)

        self.meter = GradeMeter(self)

        buttons = QDialogButtonBox(self)
        self.save_button = buttons.addButton(QDialogButtonBox.StandardButton.Save)
        self.cancel_button = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.revert_button = QPushButton("Revert to imported text", self)
        self.revert_button.setEnabled(can_revert)
        self.revert_button.setToolTip("Drop the clinic's wording and show the imported text again")
        buttons.addButton(self.revert_button, QDialogButtonBox.ButtonRole.ResetRole)
        self.save_button.clicked.connect(self._save)
        self.cancel_button.clicked.connect(self.reject)
        self.revert_button.clicked.connect(self._revert)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.meter)
        layout.addWidget(buttons)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.update_meter)
        self.editor.textChanged.connect(self._debounce.start)
        self.update_meter()

    def markdown(self) -> str:
        """The text in the editor now."""
        return self.editor.toPlainText()

    def update_meter(self) -> None:
        """Measure the text now (called a moment after typing stops)."""
        text = self.markdown()
        self.meter.show_measure(text, len(self._glossary.find_terms(text)))

    def _save(self) -> None:
        self.outcome = EditOutcome(EditAction.SAVE, self.markdown())
        self.accept()

    def _revert(self) -> None:
        self.outcome = EditOutcome(EditAction.REVERT, self.markdown())
        self.accept()

    def reject(self) -> None:
        """Close without changes."""
        self.outcome = EditOutcome(EditAction.CANCEL, self.markdown())
        super().reject()
