"""The handout dialog: defaults, options, PDF export off the UI thread, nothing stored."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from medguide.core.model import Audience, SectionKind
from medguide.core.views import DrugPage, DrugSummary, Letterhead
from medguide.handout.options import DEFAULT_SECTIONS, PrintSize
from medguide.ui.handout_dialog import HandoutDialog
from medguide.ui.letterhead_dialog import LetterheadDialog
from tests.handout.pages import make_oldamine, make_testamab


class FakeData:
    """In-memory stand-in for the store (and its repository); records every write."""

    @property
    def repository(self) -> FakeData:
        """Reads and writes live on the same fake."""
        return self

    def __init__(self) -> None:
        self.pages = {p.slug: p for p in (make_testamab(), make_oldamine())}
        self.notes: dict[str, str] = {}
        self.saved_letterhead = Letterhead(clinic_name="Riverside Clinic")
        self.writes: list[str] = []

    def list_drugs(self) -> list[DrugSummary]:
        return [DrugSummary(p.slug, p.name) for p in self.pages.values()]

    def get_drug(self, slug: str) -> DrugPage | None:
        page = self.pages.get(slug)
        if page is None:
            return None
        return DrugPage(**{**page.__dict__, "clinic_note": self.notes.get(slug, "")})

    def letterhead(self) -> Letterhead:
        return self.saved_letterhead

    def save_letterhead(self, letterhead: Letterhead) -> None:
        self.writes.append("letterhead")
        self.saved_letterhead = letterhead

    def clinic_note(self, slug: str) -> str:
        return self.notes.get(slug, "")

    def save_clinic_note(self, slug: str, text: str) -> None:
        self.writes.append(f"note:{slug}")
        self.notes[slug] = text


def test_defaults_follow_the_issue(qtbot: QtBot) -> None:
    dialog = HandoutDialog(FakeData(), ["testamab"], Audience.PROFESSIONAL)
    qtbot.addWidget(dialog)
    options = dialog.options()
    assert set(options.sections) == set(DEFAULT_SECTIONS)
    assert options.audience is Audience.PROFESSIONAL
    assert options.print_size is PrintSize.NORMAL
    assert dialog.slugs() == ["testamab"]


def test_adding_a_medicine_by_name_and_choosing_options(qtbot: QtBot) -> None:
    dialog = HandoutDialog(FakeData(), ["testamab"], Audience.PATIENT)
    qtbot.addWidget(dialog)
    dialog.add_field.setText("oldamine")
    dialog.add_field.returnPressed.emit()
    dialog.add_field.setText("Testamab")
    dialog.add_field.returnPressed.emit()  # already there: not added twice
    assert dialog.slugs() == ["testamab", "oldamine"]
    dialog.section_boxes[SectionKind.MECHANISM].setChecked(True)
    dialog.size_combo.setCurrentIndex(list(PrintSize).index(PrintSize.EXTRA_LARGE))
    options = dialog.options()
    assert SectionKind.MECHANISM in options.sections
    assert options.print_size is PrintSize.EXTRA_LARGE


def test_clinic_instruction_is_saved_for_the_selected_medicine(qtbot: QtBot) -> None:
    data = FakeData()
    dialog = HandoutDialog(data, ["testamab"], Audience.PATIENT)
    qtbot.addWidget(dialog)
    dialog.clinic_note_field.setPlainText("Bring this card to every appointment.")
    dialog._save_clinic_note()
    assert data.notes == {"testamab": "Bring this card to every appointment."}
    assert dialog.pages()[0].clinic_note == "Bring this card to every appointment."


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_export_runs_in_background_and_never_stores_the_patient_name(
    qtbot: QtBot, tmp_path: Path
) -> None:
    data = FakeData()
    dialog = HandoutDialog(data, ["testamab", "oldamine"], Audience.PATIENT)
    qtbot.addWidget(dialog)
    dialog.patient_field.setText("Zed Quimby")
    out = tmp_path / "out.pdf"
    counts: list[int] = []
    with qtbot.waitSignal(dialog.pdf_exported, timeout=20000):
        dialog.export_to(out, done=counts.append)
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    assert "Zed Quimby" in text and "Riverside Clinic" in text
    assert counts and counts[0] >= 2
    assert data.writes == []
    settings = QSettings()
    assert all("Zed Quimby" not in str(settings.value(k)) for k in settings.allKeys())


def test_letterhead_dialog_saves_what_was_typed(qtbot: QtBot) -> None:
    data = FakeData()
    dialog = LetterheadDialog(data)
    qtbot.addWidget(dialog)
    dialog.name_field.setText("Hillside Practice")
    dialog.phone_field.setText("555-0199")
    dialog.address_field.setPlainText("2 High Street\nSpringfield")
    dialog.save()
    assert data.saved_letterhead == Letterhead(
        clinic_name="Hillside Practice", address="2 High Street Springfield", phone="555-0199"
    )
