"""The handout dialog (Ctrl+P): choose medicines, sections, reading level and print size, then
preview, print or export a PDF.

The patient's name and the date are printed only: they live in this dialog's widgets and are
never written to the database or to QSettings.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QStringListModel, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QProgressDialog,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from medguide.core.model import Audience, SectionKind
from medguide.core.views import DrugPage
from medguide.handout.compose import compose_handout
from medguide.handout.options import DEFAULT_SECTIONS, HandoutOptions, PrintSize
from medguide.reading.glossary import Glossary
from medguide.ui.ports import Store
from medguide.ui.printing import export_pdf, render_handout
from medguide.ui.tasks import BackgroundTask


class HandoutDialog(QDialog):
    """Compose a handout for one medicine or a patient's whole list."""

    pdf_exported = Signal(str)

    def __init__(
        self,
        data: Store,
        slugs: Sequence[str],
        audience: Audience,
        glossary: Glossary | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Print handout")
        self.setAccessibleName("Print handout")
        self._data = data
        self._glossary = glossary
        self._names = {d.slug: d.name for d in data.repository.list_drugs()}
        self._by_name = {name.casefold(): slug for slug, name in self._names.items()}
        self._task: BackgroundTask | None = None

        layout = QVBoxLayout(self)
        columns = QHBoxLayout()
        layout.addLayout(columns)
        columns.addWidget(self._medicines_box(slugs), 1)
        columns.addWidget(self._options_box(audience), 1)
        layout.addWidget(self._buttons())
        print_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Print), self)
        print_shortcut.activated.connect(self.print_)
        self.resize(760, 560)

    # ------------------------------------------------------------------ building the form
    def _medicines_box(self, slugs: Sequence[str]) -> QGroupBox:
        box = QGroupBox("Medicines (each starts on a new page)")
        grid = QGridLayout(box)
        self.medicine_list = QListWidget()
        self.medicine_list.setAccessibleName("Medicines on the handout")
        for slug in slugs:
            self._add_slug(slug)
        self.add_field = QLineEdit()
        self.add_field.setPlaceholderText("Add a medicine…")
        self.add_field.setAccessibleName("Add a medicine")
        completer = QCompleter(QStringListModel(sorted(self._names.values())), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.add_field.setCompleter(completer)
        self.add_field.returnPressed.connect(self._add_from_field)
        add = QPushButton("Add")
        add.setAccessibleName("Add medicine")
        add.clicked.connect(self._add_from_field)
        remove = QPushButton("Remove")
        remove.setAccessibleName("Remove selected medicine")
        remove.clicked.connect(self._remove_selected)
        self.clinic_note_field = QPlainTextEdit()
        self.clinic_note_field.setPlaceholderText(
            "Clinic instruction for the selected medicine, printed on its handouts "
            "(for example: Bring this card to every appointment)"
        )
        self.clinic_note_field.setAccessibleName("Clinic instruction for the selected medicine")
        self.clinic_note_field.setMaximumHeight(70)
        save_note = QPushButton("Save instruction")
        save_note.setAccessibleName("Save clinic instruction")
        save_note.clicked.connect(self._save_clinic_note)
        self.medicine_list.currentItemChanged.connect(self._show_clinic_note)

        grid.addWidget(self.medicine_list, 0, 0, 1, 3)
        grid.addWidget(self.add_field, 1, 0)
        grid.setColumnStretch(0, 1)
        grid.addWidget(add, 1, 1)
        grid.addWidget(remove, 1, 2)
        grid.addWidget(QLabel("Clinic instruction (saved for this medicine):"), 2, 0, 1, 3)
        grid.addWidget(self.clinic_note_field, 3, 0, 1, 2)
        grid.addWidget(save_note, 3, 2, Qt.AlignmentFlag.AlignTop)
        if self.medicine_list.count():
            self.medicine_list.setCurrentRow(0)
        return box

    def _options_box(self, audience: Audience) -> QGroupBox:
        box = QGroupBox("What to print")
        form = QFormLayout(box)
        sections = QWidget()
        sections_layout = QVBoxLayout(sections)
        sections_layout.setContentsMargins(0, 0, 0, 0)
        self.section_boxes: dict[SectionKind, QCheckBox] = {}
        for kind in SectionKind.tab_order():
            check = QCheckBox(kind.label)
            check.setChecked(kind in DEFAULT_SECTIONS)
            check.setAccessibleName(f"Include {kind.label}")
            sections_layout.addWidget(check)
            self.section_boxes[kind] = check
        sections.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        form.addRow("Sections:", sections)

        self.audience_combo = QComboBox()
        self.audience_combo.setAccessibleName("Reading level")
        for choice in Audience:
            self.audience_combo.addItem(choice.label, choice)
        self.audience_combo.setCurrentIndex(list(Audience).index(audience))
        form.addRow("Reading level:", self.audience_combo)

        self.size_combo = QComboBox()
        self.size_combo.setAccessibleName("Print size")
        for size in PrintSize:
            self.size_combo.addItem(size.label, size)
        form.addRow("Print size:", self.size_combo)

        self.patient_field = QLineEdit()
        self.patient_field.setPlaceholderText("Printed only, never saved")
        self.patient_field.setAccessibleName("Patient name (printed, never saved)")
        form.addRow("Patient name:", self.patient_field)

        date_row = QWidget()
        date_layout = QHBoxLayout(date_row)
        date_layout.setContentsMargins(0, 0, 0, 0)
        self.date_check = QCheckBox("Print the date")
        self.date_check.setChecked(True)
        self.date_check.setAccessibleName("Print the date")
        self.date_edit = QDateEdit(QDate.currentDate())
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("d MMMM yyyy")
        self.date_edit.setAccessibleName("Date")
        self.date_check.toggled.connect(self.date_edit.setEnabled)
        date_layout.addWidget(self.date_check)
        date_layout.addWidget(self.date_edit, 1)
        date_row.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        form.addRow("Date:", date_row)

        self.note_field = QPlainTextEdit()
        self.note_field.setPlaceholderText("A note for the patient, printed under the title")
        self.note_field.setAccessibleName("Note for the patient")
        form.addRow("Note:", self.note_field)
        return box

    def _buttons(self) -> QDialogButtonBox:
        buttons = QDialogButtonBox()
        self.preview_button = buttons.addButton("Preview…", QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button = buttons.addButton("Print…", QDialogButtonBox.ButtonRole.ActionRole)
        self.pdf_button = buttons.addButton("Export PDF…", QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        for button, name in (
            (self.preview_button, "Preview handout"),
            (self.print_button, "Print handout"),
            (self.pdf_button, "Export handout as PDF"),
            (close, "Close"),
        ):
            button.setAccessibleName(name)
        self.preview_button.clicked.connect(self.preview)
        self.print_button.clicked.connect(self.print_)
        self.pdf_button.clicked.connect(self.choose_pdf)
        close.clicked.connect(self.reject)
        return buttons

    # ------------------------------------------------------------------ medicines
    def _add_slug(self, slug: str) -> None:
        if slug not in self._names or slug in self.slugs():
            return
        item = QListWidgetItem(self._names[slug])
        item.setData(Qt.ItemDataRole.UserRole, slug)
        self.medicine_list.addItem(item)

    def _add_from_field(self) -> None:
        slug = self._by_name.get(self.add_field.text().strip().casefold())
        if slug is None:
            QMessageBox.information(
                self, "Add a medicine", "Pick a medicine from the suggestions as you type."
            )
            return
        self._add_slug(slug)
        self.add_field.clear()

    def _remove_selected(self) -> None:
        row = self.medicine_list.currentRow()
        if row >= 0:
            self.medicine_list.takeItem(row)

    def _current_slug(self) -> str | None:
        item = self.medicine_list.currentItem()
        return None if item is None else str(item.data(Qt.ItemDataRole.UserRole))

    def _show_clinic_note(self) -> None:
        slug = self._current_slug()
        self.clinic_note_field.setPlainText(self._data.repository.clinic_note(slug) if slug else "")

    def _save_clinic_note(self) -> None:
        slug = self._current_slug()
        if slug:
            self._data.save_clinic_note(slug, self.clinic_note_field.toPlainText().strip())

    def slugs(self) -> list[str]:
        """The chosen medicines, in print order."""
        return [
            str(self.medicine_list.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.medicine_list.count())
        ]

    # ------------------------------------------------------------------ output
    def options(self) -> HandoutOptions:
        """The handout options as chosen in the form."""
        chosen = tuple(kind for kind, box in self.section_boxes.items() if box.isChecked())
        qdate = self.date_edit.date()
        return HandoutOptions(
            sections=chosen,
            audience=Audience(self.audience_combo.currentData()),
            print_size=PrintSize(self.size_combo.currentData()),
            patient_name=self.patient_field.text(),
            date=date(qdate.year(), qdate.month(), qdate.day())
            if self.date_check.isChecked()
            else None,
            note=self.note_field.toPlainText(),
        )

    def pages(self) -> list[DrugPage]:
        """The chosen drugs' pages (clinic instructions included)."""
        pages = (self._data.repository.get_drug(slug) for slug in self.slugs())
        return [p for p in pages if p is not None]

    def _ready(self) -> bool:
        if not self.slugs():
            QMessageBox.information(self, "Print handout", "Add at least one medicine.")
            return False
        if not any(box.isChecked() for box in self.section_boxes.values()):
            QMessageBox.information(self, "Print handout", "Choose at least one section.")
            return False
        return True

    def _paint_to(self, printer: QPrinter) -> None:
        handout = compose_handout(
            self.pages(),
            self.options(),
            self._data.repository.letterhead(),
            glossary=self._glossary,
        )
        render_handout(handout, printer)

    def preview(self) -> None:
        """Show the print preview."""
        if not self._ready():
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintPreviewDialog(printer, self)
        dialog.setWindowTitle("Handout preview")
        dialog.paintRequested.connect(self._paint_to)
        dialog.exec()

    def print_(self) -> None:
        """Open the system print dialog and print."""
        if not self._ready():
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._paint_to(printer)

    def choose_pdf(self) -> None:
        """Ask for a file name and export the PDF in the background."""
        if not self._ready():
            return
        first = self._names.get(self.slugs()[0], "handout")
        suggested = str(Path.home() / f"{first} handout.pdf")
        path, _ = QFileDialog.getSaveFileName(self, "Export PDF", suggested, "PDF (*.pdf)")
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path, done: Callable[[int], None] | None = None) -> BackgroundTask:
        """Write the PDF off the UI thread with a progress dialog; returns the running task."""
        pages, options = self.pages(), self.options()
        letterhead, glossary = self._data.repository.letterhead(), self._glossary
        progress = QProgressDialog("Writing the handout…", "Cancel", 0, 0, self)
        progress.setWindowTitle("Export PDF")
        progress.setMinimumDuration(400)
        progress.setCancelButton(None)

        def work(report: Callable[[int, int, str], None], _cancelled: Callable[[], bool]) -> int:
            return export_pdf(
                pages,
                options,
                letterhead,
                path,
                glossary=glossary,
                progress=lambda n, total: report(n, total, f"Page {n} of {total}"),
            )

        task = BackgroundTask(work, parent=self)

        def show_progress(done_pages: int, total: int, _label: str) -> None:
            progress.setMaximum(total)
            progress.setValue(done_pages)

        task.progress.connect(show_progress)
        task.succeeded.connect(lambda count: self._exported(path, int(count), done))
        task.failed.connect(
            lambda message: QMessageBox.warning(
                self, "Export PDF", f"The PDF could not be written:\n{message}"
            )
        )
        task.finished.connect(progress.close)
        self._task = task
        task.start()
        return task

    def done(self, result: int) -> None:
        """Close, but first let a running PDF export finish and report (it takes a moment):
        the dialog owns the export task and is deleted when it closes."""
        self._finish_export()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing the window: the same wait as ``done``."""
        self._finish_export()
        super().closeEvent(event)

    def _finish_export(self) -> None:
        """Wait for a running export and deliver its result before the dialog goes."""
        if self._task is not None and self._task.is_running():
            self._task.wait_delivered(60)

    def _exported(self, path: Path, count: int, done: Callable[[int], None] | None) -> None:
        self.pdf_exported.emit(str(path))
        if done:
            done(count)
