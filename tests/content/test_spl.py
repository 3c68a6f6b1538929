"""The SPL (HL7 v3 XML) label reader: a hand-written label, hostile XML, zips, and the corpus."""

from __future__ import annotations

import io
import re
import time
import zipfile
from functools import lru_cache
from pathlib import Path

import pytest

from medguide.content import spl
from medguide.content.render import markdown_to_html
from medguide.content.spl import iter_spl_zip, looks_like_spl, parse_spl
from medguide.core.model import (
    AliasKind,
    Audience,
    ParsedDocument,
    ParsedDrug,
    Rejected,
    ReviewStatus,
    SectionKind,
    SourceFormat,
)

FIXTURE = Path(__file__).parent / "fixtures_labels" / "examplostat.xml"
PATIENT = Audience.PATIENT
PRO = Audience.PROFESSIONAL


def _doc(data: bytes | None = None, origin: str = "examplostat.xml") -> ParsedDocument:
    result = parse_spl(FIXTURE.read_bytes() if data is None else data, origin)
    assert isinstance(result, ParsedDocument), result
    return result


def _section(drug: ParsedDrug, kind: SectionKind, audience: Audience = PRO) -> str:
    found = [s.markdown for s in drug.sections if s.kind is kind and s.audience is audience]
    assert len(found) == 1, (kind, audience, [(s.kind, s.audience) for s in drug.sections])
    return found[0]


def _reason(result: object) -> str:
    assert isinstance(result, Rejected), result
    assert "\n" not in result.reason
    return result.reason


# --------------------------------------------------------------------------- the fixture


def test_provenance_and_names_of_the_label() -> None:
    doc = _doc()
    source = doc.source
    assert source.format is SourceFormat.SPL
    assert source.title == "Examplo (examplostat sodium) tablets, for oral use — FDA label"
    assert source.review_status is ReviewStatus.APPROVED
    assert not source.ai_generated
    assert source.last_updated is not None and source.last_updated.isoformat() == "2024-03-15"
    assert source.provenance_note == (
        "Official FDA labeling (prescribing information; Medication Guide), Example Pharma "
        "Inc., set id aaaabbbb-cccc-dddd-eeee-ffff00001111, version 7, effective 2024-03-15"
    )
    label = source.label
    assert label is not None
    assert label.set_id == "aaaabbbb-cccc-dddd-eeee-ffff00001111"
    assert label.version == 7
    assert label.manufacturer == "Example Pharma Inc."
    assert label.application_numbers == ("NDA999999",)
    assert label.is_reference_product
    assert label.brand_names == ("Examplo",)
    assert label.generic_names == ("Examplostat sodium",)
    drug = doc.drugs[0]
    assert (drug.slug, drug.name, drug.ingredients) == (
        "examplostat",
        "Examplostat",
        ("examplostat",),
    )
    assert [(a.name, a.kind) for a in drug.aliases] == [
        ("Examplo", AliasKind.BRAND),
        ("Examplostat sodium", AliasKind.SYNONYM),
    ]
    assert drug.faqs == ()


def test_sections_go_to_their_kinds_by_loinc_code() -> None:
    drug = _doc().drugs[0]
    kinds = {(s.kind, s.audience) for s in drug.sections}
    assert kinds == {
        (SectionKind.BOXED_WARNING, PRO),
        (SectionKind.USAGE, PRO),
        (SectionKind.SIDE_EFFECTS, PRO),
        (SectionKind.MECHANISM, PRO),
        (SectionKind.DOSAGE, PRO),
        (SectionKind.PRECAUTIONS, PRO),
        (SectionKind.OVERVIEW, PRO),
        (SectionKind.KEY_POINTS, PATIENT),
        (SectionKind.USAGE, PATIENT),
        (SectionKind.SIDE_EFFECTS, PATIENT),
        (SectionKind.DOSAGE, PATIENT),
        (SectionKind.PRECAUTIONS, PATIENT),
        (SectionKind.OVERVIEW, PATIENT),
    }
    boxed = _section(drug, SectionKind.BOXED_WARNING)
    assert boxed.startswith("### WARNING: SLEEPY LLAMAS\n\n")  # the box's own title is kept
    usage = _section(drug, SectionKind.USAGE)
    assert usage.startswith("EXAMPLO treats")  # "1 INDICATIONS AND USAGE" gives way
    assert "### 1.1 Limitations of Use" in usage
    assert "Short highlight text" not in usage  # Highlights repeat the full text
    overview = _section(drug, SectionKind.OVERVIEW)
    assert "### Made for the test suite" in overview
    assert "### Recent major changes\n\nDosage, placeholder change 03/2024" in overview
    assert "Carton text" not in "\n".join(s.markdown for s in drug.sections)


def test_nested_sections_are_sub_headings_and_tables_lists_stay() -> None:
    drug = _doc().drugs[0]
    dosage = _section(drug, SectionKind.DOSAGE)
    assert dosage.startswith("### Dosage and administration\n\nTake one tablet daily.")
    assert "Use **only** with water." in dosage
    assert "**Table 1: Placeholder doses**" in dosage
    assert "| Group | Dose |   |" in dosage  # colspan: the spanned column left empty
    assert "| Adults | 10 mg | once \\| daily |" in dosage  # "|" escaped
    assert "| Adults | 20 mg | twice daily<sup>1</sup> |" in dosage  # rowspan repeated
    assert "<sup>1</sup> Only after a week." in dosage
    assert "### How supplied" in dosage and "#### Storage and handling" in dosage
    html = markdown_to_html(dosage)
    assert "<table>" in html and "<th>Group</th>" in html
    precautions = _section(drug, SectionKind.PRECAUTIONS)
    assert precautions.index("### Contraindications") < precautions.index(
        "### Warnings and precautions"
    )
    assert "- Severe test anxiety\n    1. first nested point\n    2. second nested point" in (
        precautions
    )
    assert "#### 5.1 Pretend Dizziness" in precautions
    assert "### Patient counselling\n\nTell patients" in precautions
    mechanism = _section(drug, SectionKind.MECHANISM)
    assert "#### 12.1 Mechanism of Action" in mechanism
    assert "not shown: Figure 1: invented diagram" in mechanism


def test_plain_text_is_escaped_for_markdown() -> None:
    precautions = _section(_doc().drugs[0], SectionKind.PRECAUTIONS)
    assert "\\*pretend\\* dizzy\\_ish # now." in precautions
    assert "\n1\\. This line starts with a number" in precautions
    html = markdown_to_html(precautions)
    assert "*pretend* dizzy_ish" in html
    assert "<ol>" in html  # the nested ordered list of the contraindications only
    assert html.count("<ol>") == 1


def test_a_medication_guide_inside_section_17_is_split_by_its_questions() -> None:
    drug = _doc().drugs[0]
    key = _section(drug, SectionKind.KEY_POINTS, PATIENT)
    assert key.startswith("### What is the most important information I should know about EXAMPLO?")
    usage = _section(drug, SectionKind.USAGE, PATIENT)
    assert usage == "### What is EXAMPLO?\n\nA pretend medicine for test fatigue."
    dosage = _section(drug, SectionKind.DOSAGE, PATIENT)
    assert dosage.startswith("### How should I take EXAMPLO?")
    side = _section(drug, SectionKind.SIDE_EFFECTS, PATIENT)
    assert side.startswith("### What are the possible side effects of EXAMPLO?\n\n**EXAMPLO may")
    precautions = _section(drug, SectionKind.PRECAUTIONS, PATIENT)
    assert "### Who should not take EXAMPLO?" in precautions
    assert "### How should I store EXAMPLO?" in precautions
    overview = _section(drug, SectionKind.OVERVIEW, PATIENT)
    assert overview.startswith("### How can I keep track of my yawns?")  # no rule: overview
    counselling = _section(drug, SectionKind.PRECAUTIONS)
    assert "sleepy like a llama" not in counselling


def test_a_document_without_title_gets_one_from_its_product() -> None:
    data = FIXTURE.read_bytes()
    start = data.index(b"<title>These")
    end = data.index(b"</title>", start) + len(b"</title>")
    data = data[:start] + data[end:]
    data = data.replace(b"<name>EXAMPLO</name>", b"<name>Ibuprofen</name>")
    data = data.replace(b"examplostat sodium</name>", b"ibuprofen</name>")
    data = data.replace(b"EXAMPLOSTAT SODIUM", b"IBUPROFEN")
    doc = _doc(data)
    assert doc.source.title == "Ibuprofen tablets — FDA label"
    assert doc.drugs[0].slug == "ibuprofen"
    assert doc.drugs[0].aliases == ()  # a "brand" that is the generic name is no brand


# --------------------------------------------------------------------------- detection


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b'<?xml version="1.0"?>\n<document xmlns="urn:hl7-org:v3" xmlns:x="y">', True),
        (b"<document classCode='DOC' xmlns='urn:hl7-org:v3'>", True),
        (b'\xef\xbb\xbf<?xml version="1.0"?><!-- c --><document\n  xmlns="urn:hl7-org:v3"', True),
        (b'<document xmlns="urn:hl7-org:v3" moodCode="EVN" ' + b"x" * 100, True),
        (b'<ClinicalDocument xmlns="urn:hl7-org:v3">', False),
        (b'<document xmlns="http://example.com/other">', False),
        (b'<?xml version="1.0"?><rss version="2.0"><channel/></rss>', False),
        (b'{"set_id": "x"}', False),
        (b"", False),
    ],
)
def test_looks_like_spl(head: bytes, expected: bool) -> None:
    assert looks_like_spl(head) is expected


# --------------------------------------------------------------------------- bad input

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<document xmlns="urn:hl7-org:v3"><title>&lol9;</title></document>
"""


def test_an_xml_bomb_is_rejected_at_once() -> None:
    started = time.perf_counter()
    reason = _reason(parse_spl(BILLION_LAUGHS, "bomb.xml"))
    assert time.perf_counter() - started < 1.0
    assert "DTD" in reason and "refused" in reason
    assert "lol" not in reason


def test_an_external_entity_is_rejected_and_no_file_is_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-MARKER")
    data = (
        f'<?xml version="1.0"?><!DOCTYPE document [<!ENTITY x SYSTEM "{secret.as_uri()}">]>'
        '<document xmlns="urn:hl7-org:v3"><title>&x;</title></document>'
    ).encode()
    result = parse_spl(data, "external.xml")
    reason = _reason(result)
    assert "DTD" in reason
    assert "TOP-SECRET-MARKER" not in str(result)


def test_deeply_nested_markup_is_rejected_not_raised() -> None:
    data = FIXTURE.read_bytes().replace(
        b"<paragraph>Take one tablet daily.",
        b"<paragraph>" + b"<content>" * 50_000 + b"deep" + b"</content>" * 50_000
        + b"</paragraph><paragraph>Take one tablet daily.",
    )  # fmt: skip
    assert "nests too deeply" in _reason(parse_spl(data, "deep.xml"))


def test_an_external_dtd_reference_is_rejected() -> None:
    data = (
        b'<?xml version="1.0"?><!DOCTYPE document SYSTEM "http://example.invalid/spl.dtd">'
        b'<document xmlns="urn:hl7-org:v3"/>'
    )
    assert "DTD" in _reason(parse_spl(data, "dtd.xml"))


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "empty"),
        (b"   \n", "empty"),
        (b"<document xmlns='urn:hl7-org:v3'><title>cut off", "not well-formed XML"),
        (b"this is not xml at all", "not well-formed XML"),
        (b'<?xml version="1.0"?><rss version="2.0"><channel/></rss>', "root element is <rss>"),
        (b'<ClinicalDocument xmlns="urn:hl7-org:v3"/>', "not an SPL label"),
        (
            b'<document xmlns="urn:hl7-org:v3"><title>No products</title></document>',
            "names no drug",
        ),
    ],
)
def test_bad_documents_are_rejected_with_a_reason(data: bytes, words: str) -> None:
    assert words in _reason(parse_spl(data, "bad.xml"))


def test_a_label_with_products_but_no_sections_is_rejected() -> None:
    data = FIXTURE.read_bytes()
    start = data.index(b'<component>\n        <section>\n          <code code="34066-1"')
    end = data.index(b"</structuredBody>")
    assert "no section text" in _reason(parse_spl(data[:start] + data[end:], "empty.xml"))


# --------------------------------------------------------------------------- zips


def _zip(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_a_dailymed_zip_gives_its_xml_and_ignores_the_images() -> None:
    data = _zip({"aaaa_7.xml": FIXTURE.read_bytes(), "image.jpg": b"\xff\xd8\xff" + b"\x00" * 50})
    results = list(iter_spl_zip(io.BytesIO(data), "label.zip"))
    assert len(results) == 1
    doc = results[0]
    assert isinstance(doc, ParsedDocument), doc
    assert doc.source.origin == "label.zip!aaaa_7.xml"


def test_a_release_zip_of_label_zips_is_read_one_level_down() -> None:
    inner_one = _zip({"one.xml": FIXTURE.read_bytes(), "one.jpg": b"jpeg"})
    inner_two = _zip({"two.xml": b"<rss/>"})
    outer = _zip({"one.zip": inner_one, "two.zip": inner_two}, zipfile.ZIP_STORED)
    results = list(iter_spl_zip(io.BytesIO(outer), "release.zip"))
    assert isinstance(results[0], ParsedDocument)
    assert results[0].source.origin == "release.zip!one.zip!one.xml"
    second = results[1]
    assert isinstance(second, Rejected) and second.origin == "release.zip!two.zip!two.xml"


def test_a_zip_bomb_member_is_rejected_and_the_others_come_through() -> None:
    bomb = b"<" + b"A" * (20 * 1024 * 1024)  # 20 MB that compress about 1000:1
    data = _zip({"bomb.xml": bomb, "good.xml": FIXTURE.read_bytes()})
    results = list(iter_spl_zip(io.BytesIO(data), "mixed.zip"))
    assert len(results) == 2
    assert results[0] == Rejected("mixed.zip!bomb.xml", _reason(results[0]))
    assert "zip bomb" in _reason(results[0])
    assert isinstance(results[1], ParsedDocument)


def test_an_oversized_member_is_rejected(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(spl, "MAX_XML_BYTES", 1000)
    data = _zip({"big.xml": bytes(range(256)) * 8}, zipfile.ZIP_STORED)
    reason = _reason(next(iter_spl_zip(io.BytesIO(data), "big.zip")))
    assert "over 50 MB" in reason or "MB uncompressed" in reason


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"not a zip", "not a readable zip archive"),
        (b"", "not a readable zip archive"),
        (_zip({"readme.txt": b"hello"}), "holds no .xml"),
    ],
)
def test_bad_zips_are_rejected(data: bytes, words: str) -> None:
    results = list(iter_spl_zip(io.BytesIO(data), "bad.zip"))
    assert len(results) == 1
    assert words in _reason(results[0])


# --------------------------------------------------------------------------- the corpus


@lru_cache(maxsize=1)
def _corpus(spl_dir: Path) -> dict[str, ParsedDocument]:
    """Parse the seven corpus documents once per session."""
    found = {}
    for path in sorted(spl_dir.glob("*.xml")):
        result = parse_spl(path.read_bytes(), str(path))
        assert isinstance(result, ParsedDocument), result
        found[path.stem] = result
    return found


@pytest.fixture
def corpus(shared_dir: Path) -> dict[str, ParsedDocument]:
    """The corpus documents by file stem."""
    return _corpus(shared_dir / "corpora" / "spl")


@pytest.mark.shared
def test_all_seven_corpus_files_parse_with_a_title(corpus: dict[str, ParsedDocument]) -> None:
    assert len(corpus) == 7
    for stem, doc in corpus.items():
        assert doc.source.title.endswith(" — FDA label"), stem
        assert len(doc.source.title) > len(" — FDA label") + 3, stem
        assert "highlights" not in doc.source.title.lower(), stem
        assert doc.source.label is not None and doc.source.label.set_id, stem
        assert doc.source.last_updated is not None, stem
        assert doc.drugs[0].sections, stem
    assert corpus["no-title"].source.title == "Haloperidol tablets — FDA label"
    assert corpus["lipitor-orig"].source.label is not None
    assert corpus["lipitor-orig"].source.label.application_numbers == ("NDA020702",)
    assert corpus["humira"].source.label is not None
    assert corpus["humira"].source.label.application_numbers == ("BLA125057",)


@pytest.mark.shared
@pytest.mark.parametrize(
    ("stem", "slug", "brand"),
    [
        ("humira", "adalimumab", "Humira"),
        ("lipitor-orig", "atorvastatin", "Lipitor"),
        ("lipitor-repack", "atorvastatin", "Lipitor"),
        ("viagra-64f8040f", "sildenafil", "Viagra"),
        ("no-title", "haloperidol", None),
        ("cough", "diphenhydramine-phenylephrine", None),
        ("rogaine-otc", "minoxidil", None),
    ],
)
def test_corpus_names(
    corpus: dict[str, ParsedDocument], stem: str, slug: str, brand: str | None
) -> None:
    drug = corpus[stem].drugs[0]
    assert drug.slug == slug
    brands = [a.name for a in drug.aliases if a.kind is AliasKind.BRAND]
    if brand is not None:
        assert brands == [brand]


@pytest.mark.shared
@pytest.mark.parametrize("stem", ["humira", "lipitor-orig", "lipitor-repack", "viagra-64f8040f"])
def test_prescription_labels_have_the_main_sections_and_their_tables(
    corpus: dict[str, ParsedDocument], stem: str
) -> None:
    drug = corpus[stem].drugs[0]
    for kind in (SectionKind.USAGE, SectionKind.DOSAGE, SectionKind.PRECAUTIONS):
        assert _section(drug, kind).strip(), kind
    precautions = _section(drug, SectionKind.PRECAUTIONS)
    assert precautions.startswith("### Contraindications")
    assert "### Warnings and precautions\n\n#### 5.1 " in precautions
    assert "### Use in specific populations" in precautions
    assert "### Patient counselling" in precautions
    assert "#### 12.1 Mechanism of Action" in _section(drug, SectionKind.MECHANISM)
    side_effects = _section(drug, SectionKind.SIDE_EFFECTS)
    assert "\n| --- |" in side_effects
    assert "<table>" in markdown_to_html(side_effects)
    patient = [s for s in drug.sections if s.audience is PATIENT]
    assert {s.kind for s in patient} >= {SectionKind.USAGE, SectionKind.SIDE_EFFECTS}
    for section in drug.sections:
        html = markdown_to_html(section.markdown)
        assert re.search(r"<(?:h1|h2|hr|pre|code|blockquote|dl)\b", html) is None, section.kind


@pytest.mark.shared
def test_loinc_mapping_on_the_corpus(corpus: dict[str, ParsedDocument]) -> None:
    humira = corpus["humira"].drugs[0]
    assert _section(humira, SectionKind.BOXED_WARNING).startswith("### WARNING: SERIOUS")
    assert "HUMIRA" in _section(humira, SectionKind.KEY_POINTS, PATIENT).split("\n", 1)[0]
    assert "Medication Guide" in corpus["humira"].source.provenance_note
    assert "Patient Information" in corpus["lipitor-orig"].source.provenance_note
    haloperidol = corpus["no-title"].drugs[0]
    assert _section(haloperidol, SectionKind.BOXED_WARNING)
    dosage = _section(haloperidol, SectionKind.DOSAGE)
    assert "Boxed warning" not in dosage  # boxes drawn inside the dosage text are not sections
    cough = corpus["cough"].drugs[0]
    assert corpus["cough"].source.provenance_note.startswith("Official FDA labeling (Drug Facts)")
    cough_precautions = _section(cough, SectionKind.PRECAUTIONS)
    assert "### Warnings" in cough_precautions
    assert "#### Do not use\n\n- " in cough_precautions
    assert "#### Stop use and ask a doctor if" in cough_precautions  # an OTC title says more
    assert _section(cough, SectionKind.USAGE)
    rogaine = _section(corpus["rogaine-otc"].drugs[0], SectionKind.PRECAUTIONS)
    assert "#### Keep out of reach of children" in rogaine
