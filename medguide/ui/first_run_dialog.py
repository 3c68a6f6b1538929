"""First start: "Which best describes you?" sets the default reading level."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from medguide.core.model import Persona

_EXPLAIN = {
    Persona.PATIENT: "Plain wording about my own medicines.",
    Persona.CAREGIVER: "Plain wording, for someone I look after.",
    Persona.PROFESSIONAL: "Clinical wording with citations (nurse, pharmacist, doctor).",
}


class FirstRunDialog(QDialog):
    """Asks once; the answer chooses the starting reading level and can be changed any time."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Welcome to MedGuide")
        self.setAccessibleName("Welcome: choose who you are")
        title = QLabel("<h2>Which best describes you?</h2>", self)
        title.setTextFormat(Qt.TextFormat.RichText)
        intro = QLabel(
            "MedGuide shows each medicine in patient wording or in professional wording. "
            "Your answer picks the starting reading level; the Patient | Professional switch "
            "in the toolbar changes it at any time.",
            self,
        )
        intro.setWordWrap(True)
        self.group = QButtonGroup(self)
        self.options: dict[Persona, QRadioButton] = {}
        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        layout.addWidget(title)
        layout.addWidget(intro)
        for persona in Persona:
            button = QRadioButton(persona.label, self)
            bold = QFont(button.font())
            bold.setBold(True)
            button.setFont(bold)
            button.setAccessibleName(persona.label)
            button.setAccessibleDescription(_EXPLAIN[persona])
            explain = QLabel(_EXPLAIN[persona], self)
            explain.setWordWrap(True)
            explain.setIndent(26)
            explain.setBuddy(button)
            self.group.addButton(button)
            self.options[persona] = button
            option = QVBoxLayout()
            option.setSpacing(0)
            option.addWidget(button)
            option.addWidget(explain)
            layout.addLayout(option)
        self.options[Persona.PATIENT].setChecked(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, self)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Continue")
        ok.setAccessibleName("Continue")
        buttons.accepted.connect(self.accept)
        layout.addSpacing(6)
        layout.addWidget(buttons)
        self.setMinimumWidth(500)
        self.adjustSize()

    @property
    def persona(self) -> Persona:
        """The chosen answer."""
        for persona, button in self.options.items():
            if button.isChecked():
                return persona
        return Persona.PATIENT
