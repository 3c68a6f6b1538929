"""FDA labels through the real importer: one drug per substance, label precedence, versions.

Uses the 363 openFDA records and the SPL files of ``../shared`` with the built-in library, as a
clinic would import them; each test says what a clinician would see.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from medguide.core.model import Audience, SectionKind, SourceFormat
from medguide.reading.audience import MEDICATION_GUIDE, choose_section
from medguide.store.collection import Collection, open_collection

LABELS = Path("corpora") / "openfda" / "labels.jsonl.gz"
WARFARIN_SET_ID = "3ebcb71e-9a7e-4969-abb9-7c7d3e3aae3c"
LIPITOR_SET_ID = "c6e131fe-e7df-4876-83f7-9156fc4e8228"

pytestmark = [pytest.mark.shared, pytest.mark.slow]


@pytest.fixture(scope="module")
def labelled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Collection]:
    """The built-in library, then every label of ../shared (openFDA and SPL)."""
    shared = Path(__file__).resolve().parents[3].parent / "shared"
    if not shared.is_dir():
        pytest.skip("../shared is not beside the project")
    folder = tmp_path_factory.mktemp("labels")
    with open_collection(folder / "labels.sqlite") as collection:
        collection.load_library()
        report = collection.import_paths([shared / LABELS, shared / "corpora" / "spl"])
        assert report.rejected == [], [str(r) for r in report.rejected][:5]
        assert {Path(r.origin).name for r in report.skipped} == {
            "SOURCE.txt",
            "druglabel_schema.json",
        }
        yield collection


def test_a_label_joins_the_library_drug_of_its_substance(labelled: Collection) -> None:
    """Lipitor's label lands on atorvastatin: the library's patient text, the label's
    professional text, and never a second atorvastatin."""
    repo = labelled.repository
    assert repo.resolve("Lipitor") == "atorvastatin"
    assert [d.slug for d in repo.list_drugs() if "atorvastatin" in d.slug] == ["atorvastatin"]
    page = repo.get_drug("atorvastatin")
    assert page is not None
    patient = choose_section(page, SectionKind.USAGE, Audience.PATIENT).text
    professional = choose_section(page, SectionKind.USAGE, Audience.PROFESSIONAL).text
    assert patient is not None and professional is not None
    assert page.source(patient.source_id).format is SourceFormat.LIBRARY  # type: ignore[union-attr]
    pro_source = page.source(professional.source_id)
    assert pro_source is not None and pro_source.format.is_label and pro_source.label is not None
    assert pro_source.label.set_id == LIPITOR_SET_ID and not pro_source.ai_generated


def test_warfarin_shows_the_boxed_warning_and_its_label_identity(labelled: Collection) -> None:
    page = labelled.repository.get_drug("warfarin")
    assert page is not None
    boxed = page.section(SectionKind.BOXED_WARNING, Audience.PROFESSIONAL)
    assert boxed is not None and "BLEEDING" in boxed.markdown.upper()
    source = page.source(boxed.source_id)
    assert source is not None and source.label is not None
    assert source.label.set_id == WARFARIN_SET_ID
    assert source.label.version is not None and source.label.effective is not None
    # the Highlights copy of the box is not printed a second time
    assert boxed.markdown.count("major or fatal bleeding") == 1


def test_a_label_only_drug_shows_its_medication_guide_to_patients(labelled: Collection) -> None:
    """A drug the library does not describe: the Medication Guide is the patient text, graded,
    and it says it is the FDA's official wording, not plain language."""
    page = labelled.repository.get_drug("esomeprazole")
    assert page is not None
    shown = choose_section(page, SectionKind.USAGE, Audience.PATIENT)
    assert shown.text is not None and shown.text.audience is Audience.PATIENT
    assert shown.text.grade is not None
    assert shown.note.startswith(MEDICATION_GUIDE)


def test_importing_the_same_labels_again_changes_nothing(labelled: Collection) -> None:
    shared = Path(__file__).resolve().parents[3].parent / "shared"
    before = labelled.repository.drug_count()
    report = labelled.import_paths([shared / LABELS])
    assert report.imported == [] and report.updated == [] and report.rejected == []
    assert report.unchanged == [str(shared / LABELS)]
    assert labelled.repository.drug_count() == before


def test_a_newer_version_of_a_label_replaces_the_older(
    labelled: Collection, tmp_path: Path
) -> None:
    """The same set id with a higher version number is an update; a lower one is ignored."""
    shared = Path(__file__).resolve().parents[3].parent / "shared"
    with gzip.open(shared / LABELS, "rt", encoding="utf-8") as stream:
        record = next(
            r["result"]
            for line in stream
            if (r := json.loads(line))["result"]["set_id"] == WARFARIN_SET_ID
        )
    newer = dict(record, version=str(int(record["version"]) + 1))
    newer["indications_and_usage"] = ["1 INDICATIONS AND USAGE Made-up newer wording for a test."]
    (tmp_path / "newer.json").write_text(json.dumps(newer), encoding="utf-8")
    assert labelled.import_paths([tmp_path / "newer.json"]).updated
    page = labelled.repository.get_drug("warfarin")
    assert page is not None
    usage = page.section(SectionKind.USAGE, Audience.PROFESSIONAL)
    assert usage is not None and "Made-up newer wording" in usage.markdown
    older = dict(record, version="1")
    (tmp_path / "older.json").write_text(json.dumps(older), encoding="utf-8")
    report = labelled.import_paths([tmp_path / "older.json"])
    assert not report.updated and report.unchanged
    page = labelled.repository.get_drug("warfarin")
    assert page is not None
    usage = page.section(SectionKind.USAGE, Audience.PROFESSIONAL)
    assert usage is not None and "Made-up newer wording" in usage.markdown
