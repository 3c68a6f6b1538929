"""The openFDA drug label reader: a hand-written record, drug names, every stream shape,
broken input, the 363-record corpus and a 25,000-record bulk file read in bounded memory."""

from __future__ import annotations

import gzip
import io
import json
import os
import re
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest

from medguide.content import label_sections, openfda
from medguide.content.label_common import drug_names, find_dosage_form, parse_fragment
from medguide.content.label_tables import first_table, is_layout_table
from medguide.content.openfda import (
    iter_openfda,
    iter_openfda_zip,
    looks_like_openfda,
    parse_openfda_record,
)
from medguide.content.render import markdown_to_html
from medguide.core.model import (
    Alias,
    AliasKind,
    Audience,
    ParsedDocument,
    ParsedDrug,
    Rejected,
    ReviewStatus,
    SectionKind,
    SourceFormat,
)

PATIENT = Audience.PATIENT
PRO = Audience.PROFESSIONAL
PROJECT = Path(__file__).resolve().parents[2]

# A made-up label: every sentence is written for this test, laid out the way openFDA flattens
# a label (each field starts with its section title; sub-sections, bullets and table words
# run on).
TABLE_HTML = (
    "<table><caption>Table 1: Invented doses</caption><thead><tr><th>Group</th><th>Dose</th>"
    "</tr></thead><tbody><tr><td>Adults</td><td>10 mg</td></tr><tr><td>Children</td>"
    "<td>5 mg</td></tr></tbody></table>"
)
RECORD: dict[str, Any] = {
    "set_id": "0000aaaa-1111-2222-3333-444455556666",
    "id": "99998888-7777-6666-5555-444433332222",
    "version": "12",
    "effective_time": "20230405",
    "openfda": {
        "brand_name": ["TESTORIN"],
        "generic_name": ["TESTORIVIR HYDROCHLORIDE"],
        "manufacturer_name": ["Test Labs LLC"],
        "application_number": ["NDA012345"],
        "substance_name": ["TESTORIVIR HYDROCHLORIDE MONOHYDRATE"],
        "pharm_class_epc": ["Pretend Blocker [EPC]"],
        "product_type": ["HUMAN PRESCRIPTION DRUG"],
        "route": ["ORAL"],
    },
    "spl_product_data_elements": ["Testorin testorivir hydrochloride TESTORIVIR LACTOSE"],
    "boxed_warning": [
        "WARNING: PRETEND DROWSINESS See full prescribing information for the whole box. "
        "• TESTORIN may cause pretend drowsiness (5.1). • Watch every test subject (5.1)."
    ],
    "indications_and_usage": [
        "1 INDICATIONS AND USAGE TESTORIN is a pretend blocker indicated for imaginary test "
        "fatigue in adults (1)."
    ],
    "dosage_and_administration": [
        "2 DOSAGE AND ADMINISTRATION • Take once daily ( 2.1 ). 2.1 Recommended Dosage The "
        "usual dose is 10 mg once daily. Table 1: Invented doses Group Dose Adults 10 mg "
        "Children 5 mg 2.2 Dosage in Renal Impairment Patients with pretend kidney trouble "
        "take 5 mg [see Use in Specific Populations (8.6)]."
    ],
    "dosage_and_administration_table": [TABLE_HTML],
    "contraindications": ["4 CONTRAINDICATIONS None."],
    "warnings_and_cautions": [
        "5 WARNINGS AND PRECAUTIONS 5.1 Pretend Drowsiness Patients may feel *drowsy* after a_dose."
    ],
    "adverse_reactions": [
        "6 ADVERSE REACTIONS The most common adverse reaction was yawning (6.1). 6.1 Clinical "
        "Trials Experience Yawning happened in 3% of test subjects."
    ],
    "drug_interactions": ["7 DRUG INTERACTIONS No interactions were studied for this label."],
    "use_in_specific_populations": [
        "8 USE IN SPECIFIC POPULATIONS 8.1 Pregnancy No data exist for pretend pregnancies. "
        "8.6 Renal Impairment Lower the dose in pretend kidney trouble."
    ],
    "pregnancy": ["8.1 Pregnancy No data exist for pretend pregnancies."],
    "overdosage": ["10 OVERDOSAGE 1. Call a pretend poison center. # Keep calm."],
    "description": [
        "11 DESCRIPTION TESTORIN tablets contain testorivir hydrochloride, a pretend compound."
    ],
    "clinical_pharmacology": [
        "12 CLINICAL PHARMACOLOGY 12.1 Mechanism of Action Testorivir blocks an invented "
        "receptor. 12.3 Pharmacokinetics Half of the dose is gone after two hours."
    ],
    "mechanism_of_action": ["12.1 Mechanism of Action Testorivir blocks an invented receptor."],
    "pharmacokinetics": ["12.3 Pharmacokinetics Half of the dose is gone after two hours."],
    "information_for_patients": [
        "17 PATIENT COUNSELING INFORMATION Advise the patient to read the Medication Guide."
    ],
    "spl_medguide": [
        "MEDICATION GUIDE TESTORIN (tes-TOR-in) (testorivir hydrochloride) tablets What is the "
        "most important information I should know about TESTORIN? TESTORIN can make you "
        "sleepy. What is TESTORIN? TESTORIN is a pretend medicine. Who should not take "
        "TESTORIN? Do not take it if you are allergic to pretend things. What should I tell "
        "my healthcare provider before taking TESTORIN? Tell them about your imaginary "
        "illnesses. How should I take TESTORIN? • Take 1 tablet each morning. • Swallow it "
        "whole. What should I avoid while taking TESTORIN? Avoid pretend driving. See "
        "“What is the most important information I should know about TESTORIN?” What are "
        "the possible side effects of TESTORIN? The most common side effect is yawning. How "
        "should I store TESTORIN? Keep it in a dry drawer. General information about the "
        "safe and effective use of TESTORIN. Ask your pharmacist for more. What are the "
        "ingredients in TESTORIN? Active ingredient: testorivir hydrochloride."
    ],
    "spl_unclassified_section": ["Made in the test suite."],
    "some_new_field": ["A field the reader has never heard of."],
    "package_label_principal_display_panel": ["PRINCIPAL DISPLAY PANEL Testorin tablets 10 mg"],
}


def _doc(record: dict[str, Any] | None = None) -> ParsedDocument:
    result = parse_openfda_record(RECORD if record is None else record, "labels.json")
    assert isinstance(result, ParsedDocument), result
    return result


def _section(drug: ParsedDrug, kind: SectionKind, audience: Audience = PRO) -> str:
    found = [s.markdown for s in drug.sections if s.kind is kind and s.audience is audience]
    assert len(found) == 1, (kind, audience, [(s.kind, s.audience) for s in drug.sections])
    return found[0]


def _headings(markdown: str) -> list[str]:
    return [line for line in markdown.splitlines() if line.startswith("#")]


def _reason(result: object) -> str:
    assert isinstance(result, Rejected), result
    assert "\n" not in result.reason
    return result.reason


# --------------------------------------------------------------------------- one record


def test_provenance_and_names() -> None:
    doc = _doc()
    source = doc.source
    assert source.format is SourceFormat.OPENFDA
    assert source.origin == "labels.json"
    assert source.title == "Testorin (testorivir hydrochloride) tablets — FDA label"
    assert source.review_status is ReviewStatus.APPROVED
    assert not source.ai_generated
    assert source.last_updated is not None and source.last_updated.isoformat() == "2023-04-05"
    assert source.provenance_note == (
        "Official FDA labeling (prescribing information; Medication Guide), Test Labs LLC, "
        "set id 0000aaaa-1111-2222-3333-444455556666, version 12, effective 2023-04-05"
    )
    label = source.label
    assert label is not None
    assert (label.set_id, label.version) == ("0000aaaa-1111-2222-3333-444455556666", 12)
    assert label.product == "Testorin (testorivir hydrochloride) tablets"
    assert label.manufacturer == "Test Labs LLC"
    assert label.application_numbers == ("NDA012345",)
    assert label.generic_names == ("Testorivir hydrochloride",)
    assert label.brand_names == ("Testorin",)
    drug = doc.drugs[0]
    assert (drug.slug, drug.name) == ("testorivir", "Testorivir")
    assert drug.aliases == (
        Alias("Testorin", AliasKind.BRAND),
        Alias("Testorivir hydrochloride", AliasKind.SYNONYM),
    )
    assert drug.ingredients == ("testorivir",)
    assert drug.drug_class == "Pretend Blocker"
    assert drug.faqs == ()


def test_each_field_goes_to_its_kind() -> None:
    drug = _doc().drugs[0]
    assert {(s.kind, s.audience) for s in drug.sections} == {
        (SectionKind.KEY_POINTS, PATIENT),
        (SectionKind.BOXED_WARNING, PRO),
        (SectionKind.USAGE, PATIENT),
        (SectionKind.USAGE, PRO),
        (SectionKind.SIDE_EFFECTS, PATIENT),
        (SectionKind.SIDE_EFFECTS, PRO),
        (SectionKind.MECHANISM, PRO),
        (SectionKind.DOSAGE, PATIENT),
        (SectionKind.DOSAGE, PRO),
        (SectionKind.PRECAUTIONS, PATIENT),
        (SectionKind.PRECAUTIONS, PRO),
        (SectionKind.OVERVIEW, PATIENT),
        (SectionKind.OVERVIEW, PRO),
    }
    usage = _section(drug, SectionKind.USAGE)
    assert (
        usage == "TESTORIN is a pretend blocker indicated for imaginary test fatigue in adults (1)."
    )
    side_effects = _section(drug, SectionKind.SIDE_EFFECTS)
    assert _headings(side_effects) == ["### 6.1 Clinical Trials Experience"]
    everything = "\n".join(s.markdown for s in drug.sections)
    assert "PRINCIPAL DISPLAY PANEL" not in everything
    assert "LACTOSE" not in everything  # product listing: metadata, not text


def test_boxed_warning_keeps_its_title_and_bullets() -> None:
    boxed = _section(_doc().drugs[0], SectionKind.BOXED_WARNING)
    assert boxed.startswith("### WARNING: PRETEND DROWSINESS\n\nSee full prescribing")
    assert "\n- TESTORIN may cause pretend drowsiness (5.1).\n- Watch every" in boxed


def test_numbered_sub_sections_become_headings_and_the_table_stands_in_place() -> None:
    dosage = _section(_doc().drugs[0], SectionKind.DOSAGE)
    assert _headings(dosage) == [
        "### 2.1 Recommended Dosage",
        "### 2.2 Dosage in Renal Impairment",
    ]
    assert dosage.startswith("- Take once daily (2.1).")  # the reference stays text
    table = "| Group | Dose |\n| --- | --- |\n| Adults | 10 mg |\n| Children | 5 mg |"
    assert table in dosage
    assert dosage.index("10 mg once daily.") < dosage.index("**Table 1: Invented doses**")
    assert dosage.index(table) < dosage.index("### 2.2")
    assert "Group Dose Adults" not in dosage  # the flattened copy of the table is gone
    assert "(8.6)\\]." in dosage
    html = markdown_to_html(dosage)
    assert "<table>" in html and "<h3>2.1 Recommended Dosage</h3>" in html


def test_precautions_hold_their_fields_in_order_each_once() -> None:
    precautions = _section(_doc().drugs[0], SectionKind.PRECAUTIONS)
    assert _headings(precautions) == [
        "### Contraindications",
        "### Warnings and precautions",
        "#### 5.1 Pretend Drowsiness",
        "### Drug interactions",
        "### Use in specific populations",
        "#### 8.1 Pregnancy",
        "#### 8.6 Renal Impairment",
        "### Overdosage",
        "### Patient counselling",
    ]
    assert precautions.count("No data exist for pretend pregnancies.") == 1
    assert "Advise the patient to read the Medication Guide." in precautions


def test_a_parent_holding_only_sub_sections_gives_each_its_own_heading() -> None:
    mechanism = _section(_doc().drugs[0], SectionKind.MECHANISM)
    assert _headings(mechanism) == ["### Mechanism of action", "### Pharmacokinetics"]
    assert mechanism.count("Testorivir blocks an invented receptor.") == 1
    assert mechanism.count("Half of the dose is gone") == 1


def test_plain_text_is_escaped() -> None:
    drug = _doc().drugs[0]
    precautions = _section(drug, SectionKind.PRECAUTIONS)
    assert "Patients may feel \\*drowsy\\* after a\\_dose." in precautions
    assert "### Overdosage\n\n1\\. Call a pretend poison center. # Keep calm." in precautions
    html = markdown_to_html(precautions)
    assert "*drowsy* after a_dose" in html and "<ol>" not in html


def test_unmapped_fields_go_to_the_overview_under_their_own_heading() -> None:
    overview = _section(_doc().drugs[0], SectionKind.OVERVIEW)
    assert _headings(overview) == ["### Description", "### Other information", "### Some new field"]
    assert "A field the reader has never heard of." in overview


def test_the_medication_guide_is_split_by_its_questions() -> None:
    drug = _doc().drugs[0]
    key = _section(drug, SectionKind.KEY_POINTS, PATIENT)
    assert key == (
        "### What is the most important information I should know about TESTORIN?\n\n"
        "TESTORIN can make you sleepy."
    )
    assert _section(drug, SectionKind.USAGE, PATIENT) == (
        "### What is TESTORIN?\n\nTESTORIN is a pretend medicine."
    )
    dosage = _section(drug, SectionKind.DOSAGE, PATIENT)
    assert dosage == (
        "### How should I take TESTORIN?\n\n- Take 1 tablet each morning.\n- Swallow it whole."
    )
    precautions = _section(drug, SectionKind.PRECAUTIONS, PATIENT)
    assert _headings(precautions) == [
        "### Who should not take TESTORIN?",
        "### What should I tell my healthcare provider before taking TESTORIN?",
        "### What should I avoid while taking TESTORIN?",
        "### How should I store TESTORIN?",
        "### General information about the safe and effective use of TESTORIN",
        "### What are the ingredients in TESTORIN?",
    ]
    assert "See “What is the most important information" in precautions  # a reference only
    side = _section(drug, SectionKind.SIDE_EFFECTS, PATIENT)
    assert side.startswith("### What are the possible side effects of TESTORIN?")
    intro = _section(drug, SectionKind.OVERVIEW, PATIENT)
    assert (
        intro == "### Medication Guide\n\nTESTORIN (tes-TOR-in) (testorivir hydrochloride) tablets"
    )
    counselling = _section(drug, SectionKind.PRECAUTIONS)
    assert "pretend medicine" not in counselling


def test_a_guide_laid_out_as_a_table_is_read_from_the_table() -> None:
    record = dict(RECORD)
    text = "What is TESTORIN? " + "TESTORIN is a pretend medicine for long tests. " * 20
    record["spl_patient_package_insert"] = ["Patient Information " + text + "Keep it dry."]
    record["spl_patient_package_insert_table"] = [
        "<table><tbody><tr><td><paragraph><content styleCode='bold'>What is TESTORIN?"
        f"</content></paragraph><paragraph>{text[18:]}</paragraph></td></tr></tbody></table>"
    ]
    drug = _doc(record).drugs[0]
    usage = _section(drug, SectionKind.USAGE, PATIENT)
    assert usage.count("### What is TESTORIN?") == 2  # one from each patient leaflet
    assert "|" not in usage  # laid out as a table, read as text
    assert "Keep it dry." in _section(drug, SectionKind.USAGE, PATIENT)


def test_a_table_whose_words_are_not_in_the_text_goes_after_its_section() -> None:
    record = dict(RECORD)
    record["dosage_and_administration"] = ["2 DOSAGE AND ADMINISTRATION Take once daily."]
    dosage = _section(_doc(record).drugs[0], SectionKind.DOSAGE)
    assert dosage.startswith("Take once daily.\n\n**Table 1: Invented doses**\n\n| Group | Dose |")


def test_a_table_field_without_text_still_shows_its_table() -> None:
    record = {k: v for k, v in RECORD.items() if k != "dosage_and_administration"}
    dosage = _section(_doc(record).drugs[0], SectionKind.DOSAGE)
    assert "| Adults | 10 mg |" in dosage


def test_names_come_from_the_product_listing_without_an_openfda_block() -> None:
    record = {k: v for k, v in RECORD.items() if k != "openfda"}
    record["spl_product_data_elements"] = ["Testorin testorivir hydrochloride TESTORIVIR X"]
    drug = _doc(record).drugs[0]
    assert (drug.slug, drug.name) == ("testorivir", "Testorivir")
    assert Alias("Testorin", AliasKind.BRAND) in drug.aliases


def test_a_record_without_names_is_rejected_with_its_set_id() -> None:
    record = {k: v for k, v in RECORD.items() if k not in ("openfda", "spl_product_data_elements")}
    reason = _reason(parse_openfda_record(record, "labels.json"))
    assert "0000aaaa-1111-2222-3333-444455556666" in reason and "names no drug" in reason


def test_a_record_without_section_text_is_rejected() -> None:
    record = {"set_id": "s-1", "openfda": RECORD["openfda"], "version": "1"}
    assert "no section text" in _reason(parse_openfda_record(record, "x.json"))


def test_odd_values_never_raise() -> None:
    record: dict[str, Any] = {
        "set_id": ["listed"],
        "version": "not a number",
        "effective_time": "2023",
        "openfda": {"generic_name": "NOT A LIST", "brand_name": [None, 3]},
        "indications_and_usage": [None, 7, "1 INDICATIONS AND USAGE Works."],
        "boxed_warning": 5,
        "adverse_reactions_table": ["<table><tr><td rowspan='x'>?</td></tr>", None],
        "nested": {"object": "skipped"},
    }
    doc = _doc(record)
    assert doc.source.label is not None
    assert doc.source.label.version is None and doc.source.last_updated is None
    assert doc.drugs[0].slug == "not-a-list"


def test_a_reader_bug_is_a_rejected_record(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(entries: object) -> None:
        raise RuntimeError("bug\nwith two lines")

    monkeypatch.setattr(label_sections, "assemble", broken)
    reason = _reason(parse_openfda_record(RECORD, "labels.json"))
    assert reason.endswith("could not be read (RuntimeError: bug)")


@pytest.mark.parametrize(
    ("generic", "brands", "slug", "name", "kept_brands", "ingredients"),
    [
        ("ATORVASTATIN CALCIUM", ["Lipitor"], "atorvastatin", "Atorvastatin", ["Lipitor"],
         ["atorvastatin"]),
        ("WARFARIN SODIUM", ["COUMADIN"], "warfarin", "Warfarin", ["Coumadin"], ["warfarin"]),
        ("METOPROLOL SUCCINATE", ["TOPROL-XL"], "metoprolol", "Metoprolol", ["Toprol-XL"],
         ["metoprolol"]),
        ("POTASSIUM CHLORIDE", ["K-TAB"], "potassium-chloride", "Potassium chloride",
         ["K-Tab"], ["potassium chloride"]),
        ("FERROUS SULFATE", [], "ferrous-sulfate", "Ferrous sulfate", [], ["ferrous sulfate"]),
        ("MAGNESIUM SULFATE HEPTAHYDRATE", [], "magnesium-sulfate", "Magnesium sulfate", [],
         ["magnesium sulfate"]),
        ("SODIUM PHENYLACETATE AND SODIUM BENZOATE", ["Sodium Phenylacetate and Sodium "
         "Benzoate"], "sodium-phenylacetate-sodium-benzoate",
         "Sodium phenylacetate and sodium benzoate", [],
         ["sodium phenylacetate", "sodium benzoate"]),
        ("ACETAMINOPHEN, CAFFEINE, DIHYDROCODEINE BITARTRATE", ["Trezix"],
         "acetaminophen-caffeine-dihydrocodeine", "Acetaminophen, caffeine and dihydrocodeine",
         ["Trezix"], ["acetaminophen", "caffeine", "dihydrocodeine"]),
        ("SULFAMETHOXAZOLE AND TRIMETHOPRIM", ["Bactrim"], "sulfamethoxazole-trimethoprim",
         "Sulfamethoxazole and trimethoprim", ["Bactrim"], ["sulfamethoxazole", "trimethoprim"]),
        ("LEDIPASVIR AND SOFOSBUVIR", ["Ledipasvir and Sofosbuvir"], "ledipasvir-sofosbuvir",
         "Ledipasvir and sofosbuvir", [], ["ledipasvir", "sofosbuvir"]),
        ("GENTAMICIN SULFATE", ["Gentamicin Sulfate in Sodium Chloride"], "gentamicin",
         "Gentamicin", [], ["gentamicin"]),
        ("PENICILLIN G POTASSIUM", ["PFIZERPEN"], "penicillin-g", "Penicillin G", ["Pfizerpen"],
         ["penicillin g"]),
        ("POLYETHYLENE GLYCOL 3350, SODIUM SULFATE", ["MoviPrep"],
         "polyethylene-glycol-3350-sodium-sulfate", "Polyethylene glycol 3350 and sodium sulfate",
         ["MoviPrep"], ["polyethylene glycol 3350", "sodium sulfate"]),
    ],
)  # fmt: skip
def test_drug_names_from_label_names(
    generic: str,
    brands: list[str],
    slug: str,
    name: str,
    kept_brands: list[str],
    ingredients: list[str],
) -> None:
    names = drug_names([generic], brands)
    assert names is not None
    assert (names.slug, names.name) == (slug, name)
    assert list(names.brands) == kept_brands
    assert list(names.ingredients) == ingredients


@pytest.mark.parametrize(
    ("text", "form"),
    [
        ("Testorin (testorivir hydrochloride) tablets 10 mg", "tablets"),
        ("TESTORIVIR HYDROCHLORIDE Tablet, 10 mg", "tablets"),
        ("Testorin® (testorivir hydrochloride) 50 mg/vial For Injection", "for injection"),
        ("testorivir hydrochloride-abcd) injection, for intravenous use", "injection"),
        ("testorivir hydrochloride extended-release capsules", "extended-release capsules"),
        ("testorivir hydrochloride is a white powder", ""),
    ],
)
def test_the_dosage_form_follows_the_generic_name(text: str, form: str) -> None:
    assert find_dosage_form([text], ["TESTORIVIR HYDROCHLORIDE"]) == form


def test_salt_forms_are_synonyms() -> None:
    names = drug_names(["ACETAMINOPHEN, CAFFEINE, DIHYDROCODEINE BITARTRATE"], [])
    assert names is not None and names.synonyms == ("Dihydrocodeine bitartrate",)
    assert drug_names([], [], []) is None
    assert drug_names(["  "], ["Brand"], []) is None


# --------------------------------------------------------------------------- stream shapes


def _record(number: int) -> dict[str, Any]:
    record = dict(RECORD)
    record["set_id"] = f"0000aaaa-1111-2222-3333-{number:012d}"
    return record


def _read(data: bytes, origin: str = "labels.json") -> list[ParsedDocument | Rejected]:
    return list(iter_openfda(io.BytesIO(data), origin))


def _set_ids(results: list[ParsedDocument | Rejected]) -> list[str]:
    ids = []
    for result in results:
        assert isinstance(result, ParsedDocument), result
        assert result.source.label is not None
        ids.append(result.source.label.set_id[-3:])
    return ids


def _api(records: list[dict[str, Any]], indent: int | None = None) -> bytes:
    meta = {"disclaimer": "test", "results": {"skip": 0, "limit": 3, "total": len(records)}}
    return json.dumps({"meta": meta, "results": records}, indent=indent).encode()


def test_a_single_record() -> None:
    assert _set_ids(_read(json.dumps(_record(1)).encode())) == ["001"]


@pytest.mark.parametrize("indent", [None, 2])
def test_an_api_response_or_bulk_file(indent: int | None) -> None:
    data = _api([_record(1), _record(2), _record(3)], indent)
    assert _set_ids(_read(data)) == ["001", "002", "003"]


def test_a_top_level_list() -> None:
    data = json.dumps([_record(1), _record(2)]).encode()
    assert _set_ids(_read(data)) == ["001", "002"]


def test_json_lines_of_records_and_of_result_objects() -> None:
    plain = "\n".join(json.dumps(_record(n)) for n in (1, 2)).encode()
    assert _set_ids(_read(plain)) == ["001", "002"]
    wrapped = "\n".join(
        json.dumps({"source_file": f"NDA{n}.json", "meta": {"x": 1}, "result": _record(n)})
        for n in (3, 4)
    )
    assert _set_ids(_read(wrapped.encode() + b"\n")) == ["003", "004"]


def test_gzip_and_a_byte_order_mark() -> None:
    data = b"\xef\xbb\xbf" + "\n".join(json.dumps(_record(n)) for n in (1, 2)).encode()
    assert _set_ids(_read(gzip.compress(data), "labels.jsonl.gz")) == ["001", "002"]


def test_a_zip_of_json_files_is_read_member_by_member() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("drug-label-0001-of-0002.json", _api([_record(1), _record(2)]))
        archive.writestr("drug-label-0002-of-0002.json", _api([_record(3)]))
        archive.writestr("readme.txt", "not read")
    buffer.seek(0)
    results = list(iter_openfda_zip(buffer, "labels.zip"))
    assert _set_ids(results) == ["001", "002", "003"]
    last = results[2]
    assert isinstance(last, ParsedDocument)
    assert last.source.origin == "labels.zip!drug-label-0002-of-0002.json"


def test_bad_zips_are_rejected() -> None:
    assert "not a readable zip" in _reason(next(iter_openfda_zip(io.BytesIO(b"nope"), "x.zip")))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "no json")
    buffer.seek(0)
    assert "no .json file" in _reason(next(iter_openfda_zip(buffer, "x.zip")))


# --------------------------------------------------------------------------- broken input


def test_a_truncated_bulk_file_yields_the_records_before_the_cut() -> None:
    data = _api([_record(1), _record(2), _record(3)])
    cut = data.index(b'"0000aaaa-1111-2222-3333-000000000003"') + 300  # inside record 3
    results = _read(data[:cut])
    assert _set_ids(results[:2]) == ["001", "002"]
    assert len(results) == 3
    reason = _reason(results[2])
    assert reason.startswith("JSON is cut off or broken after record 2: ")


def test_a_broken_json_line_ends_the_stream_with_a_reason() -> None:
    data = (
        json.dumps(_record(1)).encode() + b"\n{not json at all}\n" + json.dumps(_record(2)).encode()
    )
    results = _read(data)
    assert _set_ids(results[:1]) == ["001"]
    assert "after record 1" in _reason(results[1])
    assert len(results) == 2


def test_record_numbers_are_written_with_thousands_separators() -> None:
    records = [{"openfda": {}, "set_id": f"id-{n}"} for n in range(1234)]
    data = json.dumps(records).encode()[:-2]  # cut inside the last record
    results = _read(data)
    assert len(results) == 1234
    assert _reason(results[0]).startswith("record 1: label id-0 names no drug")
    assert _reason(results[-1]).startswith("JSON is cut off or broken after record 1,233: ")


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "file is empty"),
        (b"  \n\t ", "file is empty"),
        (b"hello, this is text", "not JSON"),
        (b"<?xml version='1.0'?><document/>", "not JSON"),
        (b"[]", "holds no openFDA label records"),
        (b'{"meta": {}, "results": []}', "holds no openFDA label records"),
        (b"[1, 2", "record 1 is not a JSON object (it is a number)"),
        (b'["text"]', "record 1 is not a JSON object (it is a text)"),
        (b"\x1f\x8b\x08\x00garbage", "gzip file is damaged"),
        (b'{"set_id": "\xff\xfe"}', "invalid bytes in UTF8 string"),
    ],
)
def test_bad_files_are_rejected_with_a_reason(data: bytes, words: str) -> None:
    results = _read(data)
    assert words in _reason(results[0])


@pytest.mark.parametrize(
    "data",
    [
        b"[" * 200_000,
        b'{"set_id": "a", "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
        b'{"results": [' + b'{"a": "x\\"[[[", "b": [1, ' * 5_000,
    ],
)
def test_deeply_nested_json_is_rejected_at_once(data: bytes) -> None:
    """ijson needs memory growing with the square of the nesting depth: a few hundred KB of
    "[" would take gigabytes, so the reader stops past 64 levels (labels nest five)."""
    results = _read(data)
    assert len(results) == 1
    assert "nests deeper than 64 levels" in _reason(results[0])


def test_a_record_after_deep_but_allowed_nesting_is_read() -> None:
    record = _record(1)
    record["extra"] = json.loads("[" * 40 + "]" * 40)
    assert _set_ids(_read(json.dumps([record]).encode())) == ["001"]


def test_a_small_table_goes_after_its_text() -> None:
    record = dict(RECORD)
    record["contraindications"] = ["4 CONTRAINDICATIONS Do not use with X or Y."]
    record["contraindications_table"] = ["<table><tr><td>X</td><td>Y</td></tr></table>"]
    precautions = _section(_doc(record).drugs[0], SectionKind.PRECAUTIONS)
    assert "Do not use with X or Y.\n\n| X | Y |\n| --- | --- |" in precautions


def test_items_that_are_not_records_are_rejected_and_the_stream_goes_on() -> None:
    data = json.dumps([5, _record(1), None]).encode()
    results = _read(data)
    assert "record 1 is not a JSON object" in _reason(results[0])
    assert _set_ids(results[1:2]) == ["001"]
    assert "(it is null)" in _reason(results[2])


# --------------------------------------------------------------------------- detection


def test_looks_like_openfda() -> None:
    record = json.dumps(_record(1)).encode()
    api = _api([_record(1), _record(2)], indent=2)
    lines = b"\n".join(json.dumps({"meta": {}, "result": _record(n)}).encode() for n in (1, 2))
    assert looks_like_openfda(record)
    assert looks_like_openfda(api[:400])  # cut mid-token
    assert looks_like_openfda(b"[" + record[:300])
    assert looks_like_openfda(lines)
    assert looks_like_openfda(gzip.compress(lines)[:2000])
    assert looks_like_openfda(b"\xef\xbb\xbf  " + record)
    assert not looks_like_openfda(b'{"name": "not a label", "description": "x"}')
    assert not looks_like_openfda(b'{"meta": {}, "results": [{"title": "other API"}]}')
    assert not looks_like_openfda(b'<document xmlns="urn:hl7-org:v3">')
    assert not looks_like_openfda(b"")
    assert not looks_like_openfda(b"\x1f\x8bnot really gzip")


# --------------------------------------------------------------------------- the corpus

_WORD = re.compile(r"[A-Za-z0-9]+")
_PATIENT_FIELDS = frozenset(
    {"spl_medguide", "spl_patient_package_insert", "patient_medication_information",
     "instructions_for_use", "information_for_patients"}
)  # fmt: skip


@lru_cache(maxsize=1)
def _corpus(path: Path) -> list[tuple[dict[str, Any], ParsedDocument]]:
    """Every corpus record with its document (read once per session, through the stream
    reader, straight from the gzip file)."""
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        records = [json.loads(line)["result"] for line in handle]
    with path.open("rb") as stream:
        results = list(iter_openfda(stream, str(path)))
    assert len(results) == len(records)
    pairs = []
    for record, result in zip(records, results, strict=True):
        assert isinstance(result, ParsedDocument), result
        pairs.append((record, result))
    return pairs


@pytest.fixture
def corpus(shared_dir: Path) -> list[tuple[dict[str, Any], ParsedDocument]]:
    """The 363 corpus records and their documents."""
    return _corpus(shared_dir / "corpora" / "openfda" / "labels.jsonl.gz")


def _kinds(doc: ParsedDocument) -> set[tuple[SectionKind, Audience]]:
    return {(s.kind, s.audience) for s in doc.drugs[0].sections}


def _by_set_id(corpus: list[tuple[dict[str, Any], ParsedDocument]], prefix: str) -> ParsedDocument:
    return next(doc for record, doc in corpus if record["set_id"].startswith(prefix))


@pytest.mark.shared
def test_every_corpus_record_parses_with_usage_or_overview(
    corpus: list[tuple[dict[str, Any], ParsedDocument]],
) -> None:
    assert len(corpus) == 363
    for record, doc in corpus:
        kinds = {kind for kind, _audience in _kinds(doc)}
        assert kinds & {SectionKind.USAGE, SectionKind.OVERVIEW}, record["set_id"]
        assert doc.source.title.endswith(" — FDA label")
        assert doc.source.label is not None and doc.source.label.set_id == record["set_id"]
        assert doc.drugs[0].slug and doc.drugs[0].name


@pytest.mark.shared
def test_boxed_warnings_and_medication_guides_land_where_they_belong(
    corpus: list[tuple[dict[str, Any], ParsedDocument]],
) -> None:
    with_guide = 0
    with_key_points = 0
    for record, doc in corpus:
        kinds = _kinds(doc)
        if record.get("boxed_warning"):
            assert (SectionKind.BOXED_WARNING, PRO) in kinds, record["set_id"]
        else:
            assert (SectionKind.BOXED_WARNING, PRO) not in kinds, record["set_id"]
        if record.get("spl_medguide"):
            with_guide += 1
            assert any(audience is PATIENT for _kind, audience in kinds), record["set_id"]
            with_key_points += (SectionKind.KEY_POINTS, PATIENT) in kinds
            assert "Medication Guide" in doc.source.provenance_note
    assert with_guide == 126
    assert with_key_points >= 120


@pytest.mark.shared
@pytest.mark.parametrize(
    ("prefix", "slug", "brand"),
    [
        ("c6e131fe", "atorvastatin", "Lipitor"),
        ("3ebcb71e", "warfarin", "Coumadin"),
        ("45c3c2a1", "acetaminophen-caffeine-dihydrocodeine", "Trezix"),
        ("f59d0c04", "sulfamethoxazole-trimethoprim", "Bactrim"),
    ],
)
def test_corpus_slugs(
    corpus: list[tuple[dict[str, Any], ParsedDocument]], prefix: str, slug: str, brand: str
) -> None:
    drug = _by_set_id(corpus, prefix).drugs[0]
    assert drug.slug == slug
    assert [a.name for a in drug.aliases if a.kind is AliasKind.BRAND] == [brand]


@pytest.mark.shared
def test_lipitor_record(corpus: list[tuple[dict[str, Any], ParsedDocument]]) -> None:
    doc = _by_set_id(corpus, "c6e131fe")
    assert doc.source.title == "Lipitor (atorvastatin calcium) tablets — FDA label"
    assert doc.source.label is not None
    assert doc.source.label.application_numbers == ("NDA020702",)
    drug = doc.drugs[0]
    assert drug.name == "Atorvastatin" and drug.ingredients == ("atorvastatin",)
    dosage = _section(drug, SectionKind.DOSAGE)
    assert "#### 2.1 Important Dosage Information" in dosage
    precautions = _section(drug, SectionKind.PRECAUTIONS)
    assert _headings(precautions)[:3] == [
        "### Contraindications",
        "### Warnings and precautions",
        "#### 5.1 Myopathy and Rhabdomyolysis",
    ]
    mechanism = _section(drug, SectionKind.MECHANISM)
    assert _headings(mechanism) == [
        "### Mechanism of action",
        "### Pharmacodynamics",
        "### Pharmacokinetics",
    ]
    assert "| --- |" in _section(drug, SectionKind.SIDE_EFFECTS)


_TWO_CELLS_WITH_TEXT = re.compile(r"<t[dh][^>]*>(?:(?!</t[dh]>).)*\w.*?</t[dh]>\s*<t[dh]")


def _has_data_table(record: dict[str, Any]) -> bool:
    """Whether a record has a table of prescribing information with two columns or more."""
    for key, value in record.items():
        base = key.removesuffix("_table")
        if base == key or base in label_sections.METADATA_FIELDS or base in _PATIENT_FIELDS:
            continue
        for markup in value:
            table = first_table(parse_fragment(markup))
            if table is None or is_layout_table(table):
                continue
            if _TWO_CELLS_WITH_TEXT.search(markup):
                return True
    return False


@pytest.mark.shared
def test_tables_are_kept_and_render(corpus: list[tuple[dict[str, Any], ParsedDocument]]) -> None:
    checked = 0
    for record, doc in corpus:
        if not _has_data_table(record):
            continue
        checked += 1
        tables = [s.markdown for s in doc.drugs[0].sections if "\n| --- |" in s.markdown]
        assert tables, record["set_id"]
        assert "<table>" in markdown_to_html(tables[0]), record["set_id"]
    assert checked > 300


# What label text must never turn into: top headings, rules, code, quotes, definition lists.
_ACCIDENTAL_MARKUP = re.compile(r"<(?:h1|h2|hr|pre|code|blockquote|dl)\b")


@pytest.mark.shared
def test_sections_render_without_accidental_markup(
    corpus: list[tuple[dict[str, Any], ParsedDocument]],
) -> None:
    for record, doc in corpus[::3]:
        for section in doc.drugs[0].sections:
            html = markdown_to_html(section.markdown)
            found = _ACCIDENTAL_MARKUP.search(html)
            assert found is None, (record["set_id"], html[max(0, found.start() - 200) :][:400])


@pytest.mark.shared
def test_no_words_of_a_label_are_lost(corpus: list[tuple[dict[str, Any], ParsedDocument]]) -> None:
    """Every word of a record's section fields is in its markdown, except the section titles
    the headings replace and words openFDA glued together while flattening a table."""
    title_words = {
        w.lower()
        for rule in label_sections.RULES
        for title in (rule.heading, *rule.titles)
        for w in _WORD.findall(title)
    } | {"and", "or", "of", "the", "information", "section", "counseling"}
    for record, doc in corpus:
        out = {w.lower() for s in doc.drugs[0].sections for w in _WORD.findall(s.markdown)}
        total = missing = 0
        for key, value in record.items():
            if key in label_sections.METADATA_FIELDS or key.endswith("_table"):
                continue
            for text in value:
                for word in (w.lower() for w in _WORD.findall(text)):
                    total += 1
                    if word in out or word in title_words or _glued(word, out, title_words):
                        continue
                    missing += 1
        assert missing / total < 0.005, (record["set_id"], missing, total)


def _glued(word: str, out: set[str], titles: set[str]) -> bool:
    known = out | titles
    return any(word[:i] in known and word[i:] in known for i in range(1, len(word)))


# --------------------------------------------------------------------------- streaming


def _bulk_records(corpus: list[tuple[dict[str, Any], ParsedDocument]]) -> Iterator[bytes]:
    """25,000 smaller records made from the corpus ones (new set ids, shortened fields)."""
    keep = ("indications_and_usage", "dosage_and_administration", "adverse_reactions",
            "boxed_warning", "contraindications", "spl_medguide")  # fmt: skip
    for number in range(25_000):
        source = corpus[number % len(corpus)][0]
        record: dict[str, Any] = {
            key: source[key] for key in ("id", "version", "effective_time") if key in source
        }
        record["set_id"] = f"{number:08d}-0000-0000-0000-000000000000"
        record["openfda"] = {
            key: value
            for key, value in source["openfda"].items()
            if key in ("brand_name", "generic_name", "manufacturer_name", "substance_name")
        }
        for key in keep:
            if key in source:
                record[key] = [text[:400] for text in source[key][:1]]
        yield json.dumps(record).encode()


_CHILD = """
import resource, sys
from medguide.content.openfda import iter_openfda
from medguide.core.model import ParsedDocument
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
count = rejected = 0
with open(sys.argv[1], "rb") as stream:
    for result in iter_openfda(stream, sys.argv[1]):
        if isinstance(result, ParsedDocument):
            count += 1
        else:
            rejected += 1
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(count, rejected, (after - before) / 1024)
"""


@pytest.mark.slow
@pytest.mark.shared
@pytest.mark.skipif(sys.platform == "win32", reason="measures memory with resource.getrusage")
def test_a_bulk_file_of_25000_records_streams_in_bounded_memory(
    corpus: list[tuple[dict[str, Any], ParsedDocument]], tmp_path: Path
) -> None:
    path = tmp_path / "drug-label-0001-of-0001.json"
    with path.open("wb") as out:
        out.write(b'{"meta": {"disclaimer": "test", "results": {"total": 25000}}, "results": [')
        for number, record in enumerate(_bulk_records(corpus)):
            out.write(b"," + record if number else record)
        out.write(b"]}")
    assert path.stat().st_size > 40_000_000
    env = dict(os.environ, PYTHONPATH=str(PROJECT))
    completed = subprocess.run(
        [sys.executable, "-c", _CHILD, str(path)],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
        env=env,
        cwd=PROJECT,
    )
    count, rejected, growth_mb = completed.stdout.split()
    assert (int(count), int(rejected)) == (25_000, 0)
    assert float(growth_mb) < 100, growth_mb  # the whole file is over 40 MB; one record at a time


def test_the_reader_reads_the_stream_in_chunks() -> None:
    """Reading goes through ``read(n)`` calls of bounded size, never one read of everything."""

    class Recording(io.BytesIO):
        sizes: list[int]

        def read(self, size: int | None = -1) -> bytes:
            self.sizes.append(-1 if size is None else size)
            return super().read(size)

    stream = Recording(_api([_record(n) for n in range(60)]))
    stream.sizes = []
    results = list(iter_openfda(stream, "labels.json"))
    assert len(results) == 60
    assert stream.sizes and all(0 <= size <= 1024 * 1024 for size in stream.sizes)
    assert openfda.HEAD_BYTES == 64 * 1024
