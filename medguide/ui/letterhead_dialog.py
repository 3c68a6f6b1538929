"""Settings → Clinic letterhead: the clinic's name, address, phone and logo on every handout.

Stored in the user data of the database (never overwritten by an import).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from medguide.core.views import Letterhead
from medguide.ui.ports import Store


class LetterheadDialog(QDialog):
    """Edit and save the clinic letterhead."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Clinic letterhead")
        self.setAccessibleName("Clinic letterhead")
        self._store = store
        current = store.repository.letterhead()

        form = QFormLayout(self)
        form.addRow(QLabel("Printed at the top of every handout."))
        self.name_field = QLineEdit(current.clinic_name)
        self.name_field.setAccessibleName("Clinic name")
        self.address_field = QPlainTextEdit(current.address)
        self.address_field.setAccessibleName("Clinic address")
        self.address_field.setMaximumHeight(70)
        self.phone_field = QLineEdit(current.phone)
        self.phone_field.setAccessibleName("Clinic phone")
        self.logo_field = QLineEdit(current.logo_path)
        self.logo_field.setAccessibleName("Logo image file")
        self.logo_field.setPlaceholderText("Optional PNG or JPEG")
        self.logo_preview = QLabel()
        self.logo_preview.setAccessibleName("Logo preview")
        self.logo_preview.setFixedHeight(52)
        browse = QPushButton("Choose…")
        browse.setAccessibleName("Choose logo image")
        browse.clicked.connect(self._choose_logo)
        clear = QPushButton("Remove")
        clear.setAccessibleName("Remove logo")
        clear.clicked.connect(self.logo_field.clear)
        self.logo_field.textChanged.connect(self._show_logo)
        logo_row = QWidget()
        row = QHBoxLayout(logo_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.logo_field, 1)
        row.addWidget(browse)
        row.addWidget(clear)

        form.addRow("Clinic name:", self.name_field)
        form.addRow("Address:", self.address_field)
        form.addRow("Phone:", self.phone_field)
        form.addRow("Logo:", logo_row)
        form.addRow("", self.logo_preview)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self._show_logo()
        self.resize(520, 320)

    def letterhead(self) -> Letterhead:
        """The letterhead as typed."""
        return Letterhead(
            clinic_name=self.name_field.text().strip(),
            address=" ".join(self.address_field.toPlainText().split()),
            phone=self.phone_field.text().strip(),
            logo_path=self.logo_field.text().strip(),
        )

    def save(self) -> None:
        """Store the letterhead and close."""
        self._store.save_letterhead(self.letterhead())
        self.accept()

    def _choose_logo(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Choose logo", str(Path.home()), "Images (*.png *.jpg *.jpeg)"
        )
        if path:
            self.logo_field.setText(path)

    def _show_logo(self) -> None:
        path = self.logo_field.text().strip()
        pixmap = QPixmap(path) if path else QPixmap()
        if pixmap.isNull():
            self.logo_preview.setText("No logo" if not path else "This file is not an image.")
            return
        self.logo_preview.setPixmap(
            pixmap.scaledToHeight(48, Qt.TransformationMode.SmoothTransformation)
        )
