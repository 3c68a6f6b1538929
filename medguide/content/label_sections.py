"""Which part of an FDA label goes where: the section rules both label readers share.

A label section is known by its openFDA field name (``indications_and_usage``) or, in SPL XML,
by its LOINC code (``34067-9``); ``LOINC_FIELDS`` maps the one onto the other. Each field has a
``FieldRule``: the ``SectionKind`` and ``Audience`` it goes to, the ``### `` sub-heading it gets
there, and how labels title it (so the reader can drop the leading "1 INDICATIONS AND USAGE").
Prescribing information is professional text; the Medication Guide, Patient Information and
Instructions for Use are patient text, and a guide is split by its question headings ("What is
the most important information I should know about X?" → KEY_POINTS …).

The readers turn a label into ``Entry`` objects (a sub-heading and markdown blocks placed in one
kind and audience); ``assemble`` orders them and writes one ``ParsedSection`` per kind and
audience. A field no rule knows goes to OVERVIEW under a heading made from its name: nothing of
a label is dropped silently.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from medguide.content.label_common import collapse, escape_inline
from medguide.core.model import Audience, ParsedSection, SectionKind

PRO = Audience.PROFESSIONAL
PATIENT = Audience.PATIENT
K = SectionKind


@dataclass(frozen=True)
class FieldRule:
    """Where one label field goes.

    ``heading`` is the ``### `` sub-heading of the field in its section; a ``primary`` field
    alone in its section needs none (USAGE holding only the indications). ``titles`` are the
    ways labels title the field, beyond the heading itself. ``guide`` fields are split by their
    question headings (``kind`` is then where text outside any known question goes).
    """

    field: str
    kind: SectionKind
    audience: Audience
    heading: str
    titles: tuple[str, ...] = ()
    primary: bool = False
    guide: bool = False

    @property
    def title_keys(self) -> tuple[str, ...]:
        """The titles as letter-and-digit keys, longest first (for matching glued titles)."""
        keys = {title_key(t) for t in (self.heading, *self.titles)}
        return tuple(sorted(keys, key=len, reverse=True))


def _rule(
    name: str,
    kind: SectionKind,
    heading: str,
    *titles: str,
    audience: Audience = PRO,
    primary: bool = False,
    guide: bool = False,
) -> FieldRule:
    return FieldRule(name, kind, audience, heading, titles, primary, guide)


# The order here is the order of the sub-headings inside each section.
RULES: tuple[FieldRule, ...] = (
    _rule("boxed_warning", K.BOXED_WARNING, "Boxed warning", "boxed warning", primary=True),
    _rule("indications_and_usage", K.USAGE, "Indications and usage", "indications and use",
          "indication and usage", "indications", "uses", "use", primary=True),
    _rule("purpose", K.USAGE, "Purpose", "purposes"),
    _rule("adverse_reactions", K.SIDE_EFFECTS, "Adverse reactions", "adverse reaction",
          "side effects", primary=True),
    _rule("mechanism_of_action", K.MECHANISM, "Mechanism of action"),
    _rule("clinical_pharmacology", K.MECHANISM, "Clinical pharmacology"),
    _rule("pharmacodynamics", K.MECHANISM, "Pharmacodynamics"),
    _rule("pharmacokinetics", K.MECHANISM, "Pharmacokinetics"),
    _rule("pharmacogenomics", K.MECHANISM, "Pharmacogenomics"),
    _rule("microbiology", K.MECHANISM, "Microbiology"),
    _rule("dosage_and_administration", K.DOSAGE, "Dosage and administration", "directions",
          "dosage", primary=True),
    _rule("dosage_forms_and_strengths", K.DOSAGE, "Dosage forms and strengths",
          "dosage form and strengths", "dosage forms"),
    _rule("route", K.DOSAGE, "Route, method and frequency of administration"),
    _rule("how_supplied", K.DOSAGE, "How supplied", "how supplied storage and handling",
          "how supplied and storage", "supplied"),
    _rule("storage_and_handling", K.DOSAGE, "Storage and handling", "storage",
          "other information"),
    _rule("contraindications", K.PRECAUTIONS, "Contraindications", "contraindication"),
    _rule("warnings_and_cautions", K.PRECAUTIONS, "Warnings and precautions",
          "warnings and cautions"),
    _rule("warnings", K.PRECAUTIONS, "Warnings", "warning"),
    _rule("precautions", K.PRECAUTIONS, "Precautions"),
    _rule("general_precautions", K.PRECAUTIONS, "General precautions", "general"),
    _rule("do_not_use", K.PRECAUTIONS, "Do not use"),
    _rule("ask_doctor", K.PRECAUTIONS, "Ask a doctor", "ask a doctor before use", "ask doctor"),
    _rule("ask_doctor_or_pharmacist", K.PRECAUTIONS, "Ask a doctor or pharmacist",
          "ask a doctor or pharmacist before use"),
    _rule("when_using", K.PRECAUTIONS, "When using this product", "when using"),
    _rule("stop_use", K.PRECAUTIONS, "Stop use", "stop use and ask a doctor if",
          "stop use and ask a doctor"),
    _rule("pregnancy_or_breast_feeding", K.PRECAUTIONS, "Pregnancy or breast-feeding",
          "if pregnant or breast feeding"),
    _rule("keep_out_of_reach_of_children", K.PRECAUTIONS, "Keep out of reach of children"),
    _rule("laboratory_tests", K.PRECAUTIONS, "Laboratory tests"),
    _rule("drug_interactions", K.PRECAUTIONS, "Drug interactions"),
    _rule("drug_and_or_laboratory_test_interactions", K.PRECAUTIONS,
          "Drug and laboratory test interactions", "drug laboratory test interactions",
          "drug and or laboratory test interactions", "drug laboratory tests interaction",
          "drug laboratory test interaction"),
    _rule("use_in_specific_populations", K.PRECAUTIONS, "Use in specific populations",
          "specific patient populations"),
    _rule("pregnancy", K.PRECAUTIONS, "Pregnancy"),
    _rule("teratogenic_effects", K.PRECAUTIONS, "Teratogenic effects"),
    _rule("nonteratogenic_effects", K.PRECAUTIONS, "Nonteratogenic effects",
          "non teratogenic effects"),
    _rule("labor_and_delivery", K.PRECAUTIONS, "Labor and delivery"),
    _rule("nursing_mothers", K.PRECAUTIONS, "Lactation (nursing mothers)", "nursing mothers",
          "lactation"),
    _rule("pediatric_use", K.PRECAUTIONS, "Pediatric use"),
    _rule("geriatric_use", K.PRECAUTIONS, "Geriatric use"),
    _rule("risks", K.PRECAUTIONS, "Risk summary", "risks"),
    _rule("overdosage", K.PRECAUTIONS, "Overdosage", "overdose"),
    _rule("drug_abuse_and_dependence", K.PRECAUTIONS, "Drug abuse and dependence"),
    _rule("controlled_substance", K.PRECAUTIONS, "Controlled substance",
          "controlled substance class"),
    _rule("abuse", K.PRECAUTIONS, "Abuse"),
    _rule("dependence", K.PRECAUTIONS, "Dependence"),
    _rule("user_safety_warnings", K.PRECAUTIONS, "User safety warnings"),
    _rule("safe_handling_warning", K.PRECAUTIONS, "Safe handling", "safety and handling",
          "safe handling warning"),
    _rule("other_safety_information", K.PRECAUTIONS, "Other safety information"),
    _rule("environmental_warning", K.PRECAUTIONS, "Environmental warning"),
    _rule("food_safety_warning", K.PRECAUTIONS, "Food safety warning"),
    _rule("residue_warning", K.PRECAUTIONS, "Residue warning"),
    # Section 17 counsels the prescriber on what to tell the patient: professional text.
    _rule("information_for_patients", K.PRECAUTIONS, "Patient counselling",
          "patient counseling information", "patient counselling information",
          "information for patients", "patient counseling", "patient information"),
    _rule("spl_medguide", K.OVERVIEW, "Medication Guide", "medication guide",
          audience=PATIENT, guide=True),
    _rule("spl_patient_package_insert", K.OVERVIEW, "Patient information",
          "fda approved patient labeling patient information", "fda approved patient labeling",
          "patient package insert", audience=PATIENT, guide=True),
    _rule("patient_medication_information", K.OVERVIEW, "Patient medication information",
          "patient information", audience=PATIENT, guide=True),
    _rule("instructions_for_use", K.DOSAGE, "Instructions for use", audience=PATIENT),
    _rule("description", K.OVERVIEW, "Description"),
    _rule("active_ingredient", K.OVERVIEW, "Active ingredient", "active ingredients"),
    _rule("inactive_ingredient", K.OVERVIEW, "Inactive ingredients", "inactive ingredient"),
    _rule("spl_unclassified_section", K.OVERVIEW, "Other information"),
    _rule("recent_major_changes", K.OVERVIEW, "Recent major changes"),
    _rule("clinical_studies", K.OVERVIEW, "Clinical studies"),
    _rule("nonclinical_toxicology", K.OVERVIEW, "Nonclinical toxicology",
          "non clinical toxicology"),
    _rule("carcinogenesis_and_mutagenesis_and_impairment_of_fertility", K.OVERVIEW,
          "Carcinogenesis, mutagenesis, impairment of fertility",
          "carcinogenesis mutagenesis and impairment of fertility",
          "carcinogenesis and mutagenesis and impairment of fertility",
          "carcinogenesis impairment of fertility"),
    _rule("animal_pharmacology_and_or_toxicology", K.OVERVIEW,
          "Animal pharmacology and/or toxicology", "animal toxicology and or pharmacology",
          "animal pharmacology and or animal toxicology", "animal toxicology",
          "animal pharmacology"),
    _rule("references", K.OVERVIEW, "References"),
    _rule("questions", K.OVERVIEW, "Questions", "questions or comments"),
    _rule("statement_of_identity", K.OVERVIEW, "Statement of identity"),
    _rule("health_care_provider_letter", K.OVERVIEW, "Health care provider letter"),
    _rule("summary_of_safety_and_effectiveness", K.OVERVIEW,
          "Summary of safety and effectiveness"),
)  # fmt: skip

RULES_BY_FIELD: dict[str, FieldRule] = {rule.field: rule for rule in RULES}
RULE_ORDER: dict[str, int] = {rule.field: index for index, rule in enumerate(RULES)}

# Fields that hold no text of the label's sections (identifiers, product listings, carton text).
METADATA_FIELDS: frozenset[str] = frozenset(
    {
        "set_id", "id", "version", "effective_time", "openfda", "spl_product_data_elements",
        "spl_indexing_data_elements", "package_label_principal_display_panel",
    }
)  # fmt: skip

# openFDA repeats a sub-section both inside its parent field and as a field of its own
# (``pregnancy`` inside ``use_in_specific_populations``). child → the fields it may sit in.
NESTING: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("mechanism_of_action", ("clinical_pharmacology",)),
    ("pharmacodynamics", ("clinical_pharmacology",)),
    ("pharmacokinetics", ("clinical_pharmacology",)),
    ("pharmacogenomics", ("clinical_pharmacology",)),
    ("microbiology", ("clinical_pharmacology",)),
    ("carcinogenesis_and_mutagenesis_and_impairment_of_fertility",
     ("nonclinical_toxicology", "precautions")),
    ("animal_pharmacology_and_or_toxicology", ("nonclinical_toxicology", "precautions")),
    ("controlled_substance", ("drug_abuse_and_dependence",)),
    ("abuse", ("drug_abuse_and_dependence",)),
    ("dependence", ("drug_abuse_and_dependence",)),
    ("general_precautions", ("precautions", "warnings")),
    ("information_for_patients", ("precautions",)),
    ("laboratory_tests", ("precautions",)),
    ("drug_interactions", ("precautions",)),
    ("drug_and_or_laboratory_test_interactions", ("drug_interactions", "precautions")),
    ("pregnancy", ("use_in_specific_populations", "precautions", "warnings")),
    ("teratogenic_effects", ("pregnancy", "use_in_specific_populations", "precautions")),
    ("nonteratogenic_effects", ("pregnancy", "use_in_specific_populations", "precautions")),
    ("risks", ("pregnancy", "nursing_mothers", "use_in_specific_populations")),
    ("labor_and_delivery", ("use_in_specific_populations", "precautions")),
    ("nursing_mothers", ("use_in_specific_populations", "precautions")),
    ("pediatric_use", ("use_in_specific_populations", "precautions", "warnings")),
    ("geriatric_use", ("use_in_specific_populations", "precautions", "warnings")),
    ("storage_and_handling", ("how_supplied",)),
    ("other_safety_information", ("safe_handling_warning",)),
)  # fmt: skip

# LOINC section codes (codeSystem 2.16.840.1.113883.6.1) → the openFDA field of that section.
LOINC_SYSTEM = "2.16.840.1.113883.6.1"
LOINC_FIELDS: dict[str, str] = {
    "34086-9": "abuse", "60555-0": "accessories", "34084-4": "adverse_reactions",
    "69761-5": "alarms", "34091-9": "animal_pharmacology_and_or_toxicology",
    "60556-8": "assembly_or_installation_instructions", "34066-1": "boxed_warning",
    "60557-6": "calibration_instructions",
    "34083-6": "carcinogenesis_and_mutagenesis_and_impairment_of_fertility",
    "60684-8": "cellular_therapy", "34090-1": "clinical_pharmacology",
    "60558-4": "cleaning", "34092-7": "clinical_studies", "69760-7": "compatible_accessories",
    "60559-2": "components", "34070-3": "contraindications", "34085-1": "controlled_substance",
    "34087-7": "dependence", "34089-3": "description", "69758-1": "diagram_of_device",
    "69763-1": "disposal_and_waste_handling", "34068-7": "dosage_and_administration",
    "43678-2": "dosage_forms_and_strengths",
    "34074-5": "drug_and_or_laboratory_test_interactions",
    "42227-9": "drug_abuse_and_dependence", "34073-7": "drug_interactions",
    "50742-6": "environmental_warning", "50743-4": "food_safety_warning",
    "34072-9": "general_precautions", "34082-8": "geriatric_use",
    "50740-0": "guaranteed_analysis_of_feed", "71744-7": "health_care_provider_letter",
    "69719-3": "health_claim", "34069-5": "how_supplied", "51727-6": "inactive_ingredient",
    "34067-9": "indications_and_usage", "50744-2": "information_for_owners_or_caregivers",
    "34076-0": "information_for_patients", "59845-8": "instructions_for_use",
    "60560-0": "intended_use_of_the_device", "34079-4": "labor_and_delivery",
    "34075-2": "laboratory_tests", "43679-0": "mechanism_of_action", "49489-8": "microbiology",
    "43680-8": "nonclinical_toxicology", "34078-6": "nonteratogenic_effects",
    "34080-2": "nursing_mothers", "60561-8": "other_safety_information",
    "34088-5": "overdosage", "55106-9": "active_ingredient", "50569-3": "ask_doctor",
    "50568-5": "ask_doctor_or_pharmacist", "50570-1": "do_not_use",
    "50565-1": "keep_out_of_reach_of_children", "53414-9": "pregnancy_or_breast_feeding",
    "55105-1": "purpose", "53413-1": "questions", "50566-9": "stop_use", "50567-7": "when_using",
    "51945-4": "package_label_principal_display_panel",
    "68498-5": "patient_medication_information", "34081-0": "pediatric_use",
    "43681-6": "pharmacodynamics", "66106-6": "pharmacogenomics", "43682-4": "pharmacokinetics",
    "42232-9": "precautions", "42228-7": "pregnancy", "43683-2": "recent_major_changes",
    "34093-5": "references", "53412-3": "residue_warning", "69759-9": "risks",
    "60562-6": "route", "50741-8": "safe_handling_warning",
    "48779-3": "spl_indexing_data_elements", "48780-1": "spl_product_data_elements",
    "42231-1": "spl_medguide", "42230-3": "spl_patient_package_insert",
    "42229-5": "spl_unclassified_section", "69718-5": "statement_of_identity",
    "44425-7": "storage_and_handling", "60563-4": "summary_of_safety_and_effectiveness",
    "34077-8": "teratogenic_effects", "69762-3": "troubleshooting",
    "43684-0": "use_in_specific_populations", "54433-8": "user_safety_warnings",
    "50745-9": "veterinary_indications", "43685-7": "warnings_and_cautions",
    "34071-1": "warnings",
}  # fmt: skip

_KEY = re.compile(r"[^a-z0-9]+")


def title_key(text: str) -> str:
    """Letters and digits of a title, lower case, ``&`` read as "and" (for comparisons)."""
    return _KEY.sub("", text.lower().replace("&", "and"))


def rule_for(field_name: str) -> FieldRule:
    """The rule of a field; an unknown field goes to OVERVIEW under a heading of its name."""
    known = RULES_BY_FIELD.get(field_name)
    if known is not None:
        return known
    words = field_name.replace("_and_or_", " and/or ").replace("_or_", " or ").replace("_", " ")
    heading = collapse(words).capitalize() or "Other label text"
    return FieldRule(field_name, K.OVERVIEW, PRO, heading)


def rule_order(field_name: str) -> int:
    """Position of a field's sub-heading within its section (unknown fields last)."""
    return RULE_ORDER.get(field_name, len(RULES))


def loinc_field(code: str) -> str:
    """The openFDA field name of a LOINC section code ("" for an unknown code)."""
    return LOINC_FIELDS.get(code.strip(), "")


# --------------------------------------------------------------------------- entries


@dataclass(frozen=True)
class Block:
    """One markdown block of a section, or a sub-heading when ``heading`` is set.

    ``level`` 0 is a sub-heading directly under the entry's heading, 1 one below, and so on.
    ``heading`` and ``markdown`` are already markdown-escaped.
    """

    markdown: str = ""
    heading: str = ""
    level: int = 0


@dataclass
class Entry:
    """A run of blocks that goes to one kind and audience, under one ``### `` heading."""

    kind: SectionKind
    audience: Audience
    order: int
    heading: str
    blocks: list[Block] = field(default_factory=list)
    heading_optional: bool = False

    @property
    def has_text(self) -> bool:
        """Whether any block holds text (a heading alone is not worth a section)."""
        return any(block.markdown.strip() for block in self.blocks)


def field_entry(rule: FieldRule, blocks: Sequence[Block], sequence: int = 0) -> Entry:
    """The entry of one field of the label, in its rule's kind and audience."""
    return Entry(
        kind=rule.kind,
        audience=rule.audience,
        order=rule_order(rule.field) * 1000 + sequence,
        heading=escape_inline(rule.heading),
        blocks=list(blocks),
        heading_optional=rule.primary,
    )


_KIND_ORDER = {kind: index for index, kind in enumerate(SectionKind)}
_AUDIENCE_ORDER = {PATIENT: 0, PRO: 1}


def assemble(entries: Iterable[Entry]) -> tuple[ParsedSection, ...]:
    """One section per kind and audience: its entries in order, each under its heading."""
    groups: dict[tuple[SectionKind, Audience], list[Entry]] = {}
    for entry in entries:
        if entry.has_text:
            groups.setdefault((entry.kind, entry.audience), []).append(entry)
    sections = []
    for (kind, audience), group in sorted(
        groups.items(), key=lambda kv: (_KIND_ORDER[kv[0][0]], _AUDIENCE_ORDER[kv[0][1]])
    ):
        group.sort(key=lambda e: e.order)
        alone = len(group) == 1 and (group[0].heading_optional or not group[0].heading)
        parts = [_render(entry, show_heading=not alone) for entry in group]
        markdown = "\n\n".join(p for p in parts if p)
        sections.append(ParsedSection(kind, audience, markdown))
    return tuple(sections)


def _render(entry: Entry, show_heading: bool) -> str:
    base = 4 if show_heading else 3
    lines = [f"### {entry.heading}"] if show_heading and entry.heading else []
    for block in entry.blocks:
        if block.heading:
            lines.append("#" * min(6, base + block.level) + " " + block.heading)
        elif block.markdown.strip():
            lines.append(block.markdown.strip())
    return "\n\n".join(lines)


# --------------------------------------------------------------------------- patient guides

_GUIDE_HEADINGS: tuple[tuple[re.Pattern[str], SectionKind], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), kind)
    for pattern, kind in (
        (r"^what is the most important information (?:that )?i should know", K.KEY_POINTS),
        (r"^what are (?:the )?(?:most common |common |possible |serious )*side effects?",
         K.SIDE_EFFECTS),
        (r"^what are the (?:ingredients|inactive ingredients)", K.PRECAUTIONS),
        (r"^how (?:should|do|can) i store", K.PRECAUTIONS),
        (r"^(?:how (?:should|do) i )?(?:dispose|throw away)", K.PRECAUTIONS),
        (r"^general information about", K.PRECAUTIONS),
        (r"^who should not", K.PRECAUTIONS),
        (r"^(?:what should i tell|what do i need to tell) my", K.PRECAUTIONS),
        (r"^before (?:you )?(?:take|taking|use|using|receive|receiving|start|starting|get)",
         K.PRECAUTIONS),
        (r"^what should i avoid", K.PRECAUTIONS),
        (r"^can i (?:take|use) .* with", K.PRECAUTIONS),
        (r"^how (?:should|do|will|can|often should) i (?:take|use|receive|give|get|inject|"
         r"apply|be given)", K.DOSAGE),
        (r"^how (?:is|are|will) .{1,80} (?:given|taken|used|received)\?", K.DOSAGE),
        (r"^what (?:is|are) (?!.*\b(?:i|my|me)\b)[^?]{1,80}\?$", K.USAGE),
    )
)  # fmt: skip
_QUESTION_START = re.compile(r"^(?:what|who|how|can|should|do|does|is|are|when|where|why)\b", re.I)
_MARKUP = re.compile(r"\*\*|__|\\(?=[\\`*_{}\[\]()#+\-.!|>])")


def guide_kind(question: str) -> SectionKind | None:
    """The kind a Medication Guide heading belongs to (None: not a heading guides use)."""
    text = collapse(question)
    for pattern, kind in _GUIDE_HEADINGS:
        if pattern.search(text):
            return kind
    return None


def is_question_heading(text: str) -> bool:
    """A short question of the form guides use for headings ("How can I watch for …?")."""
    text = collapse(text)
    return (
        text.endswith("?")
        and bool(_QUESTION_START.match(text))
        and len(text.split()) <= 25
        and bool(re.search(r"\b(?:I|my|me)\b", text))
    )


def plain_of_markdown(markdown: str) -> str:
    """The text of a one-line markdown block without emphasis markers and escapes."""
    return collapse(_MARKUP.sub("", markdown)).strip("* ")


@dataclass
class GuidePart:
    """The text of a patient guide under one of its headings (the intro has none)."""

    kind: SectionKind
    heading: str
    blocks: list[Block] = field(default_factory=list)


def split_guide(blocks: Sequence[Block], default: SectionKind, intro: str) -> list[GuidePart]:
    """Cut a patient guide at its question headings; each part goes to its question's kind.

    ``blocks`` hold the guide's text, its headings as heading blocks (or as bold paragraphs
    that are questions); text before the first question goes under ``intro`` to ``default``,
    and so does a question no rule knows. A question with no text of its own before the next
    one stays as a sub-heading of the part before it.
    """
    parts = [GuidePart(default, intro)]
    for block in blocks:
        question, rest = _question_of(block)
        if question:
            _fold_empty(parts)
            kind = guide_kind(plain_of_markdown(question)) or default
            parts.append(GuidePart(kind, question))
            if rest:
                parts[-1].blocks.append(Block(rest))
        elif block.heading:
            parts[-1].blocks.append(Block(heading=block.heading, level=0))
        else:
            parts[-1].blocks.append(block)
    _fold_empty(parts)
    return [p for p in parts if p.blocks]


def _fold_empty(parts: list[GuidePart]) -> None:
    """A last question with nothing under it becomes a sub-heading of the part before."""
    if len(parts) > 1 and not parts[-1].blocks:
        empty = parts.pop()
        parts[-1].blocks.append(Block(heading=empty.heading, level=0))


_BOLD_LEAD = re.compile(r"^\*\*(?P<q>[^*]{3,300}?)\*\*\s*(?P<rest>.*)$", re.DOTALL)


def _question_of(block: Block) -> tuple[str, str]:
    """(heading, rest) when a block is (or starts with) a guide heading, else ("", "").

    A known guide question ("What is X?") is a heading wherever it starts a block; another
    question only when the label sets it in bold, as guides do with their headings.
    """
    if block.heading:
        plain = plain_of_markdown(block.heading)
        known = guide_kind(plain) is not None
        return (block.heading, "") if known or is_question_heading(plain) else ("", "")
    markdown = block.markdown.strip()
    if "\n" in markdown:
        return "", ""
    bold = _BOLD_LEAD.match(markdown)
    if bold is not None:
        question, rest = _split_question(bold.group("q"))
        rest = f"**{rest}** {bold.group('rest')}" if rest else bold.group("rest")
        plain = plain_of_markdown(question)
        if guide_kind(plain) is not None or is_question_heading(plain):
            return plain_heading(question), rest.strip()
    question, rest = _split_question(markdown)
    if guide_kind(plain_of_markdown(question)) is not None and len(question) < 250:
        return plain_heading(question), rest
    return "", ""


def _split_question(markdown: str) -> tuple[str, str]:
    """A run of text cut after its first question mark (or, for "General information about
    …", after its first full stop): (heading, the rest)."""
    general = plain_of_markdown(markdown).lower().startswith("general information about")
    mark = markdown.find("." if general else "?")
    if mark < 0 or mark > 300:
        return markdown, ""
    return markdown[: mark + 1], markdown[mark + 1 :].strip()


def plain_heading(markdown: str) -> str:
    """A markdown fragment fit for a heading line: emphasis markers removed, escapes kept."""
    return collapse(markdown.replace("**", "").strip(" *"))


# --------------------------------------------------------------------------- repeated text

# openFDA flattens a label's Highlights into the start or end of each section, so a section
# holds the same sentences twice: once from the full prescribing information ("[see Warnings
# and Precautions (5.1)]"), once from the Highlights ("(5.1)"), sometimes reworded a little.
_CROSS_REFERENCE = re.compile(
    r"\\\[see [^\]]*\]|\[see [^\]]*\]|\(\s*\d+(?:\.\d+)*\s*(?:,\s*\d+(?:\.\d+)*\s*)*\)"
)
_HIGHLIGHTS_PHRASE = re.compile(
    r"\s*(?:WARNING: [A-Z ,;'-]+)?\s*See full prescribing information for complete boxed "
    r"warning\.?",
    re.IGNORECASE,
)
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
_MIN_REPEAT = 30  # letters and digits a line needs before it is compared
_LONGEST = 600  # a longer line is only dropped when it repeats another exactly
_HIGHLIGHTS_LINE = re.compile(r"\(\s*\d+(?:\.\d+)*\s*(?:,\s*\d+(?:\.\d+)*\s*)*\)\s*\.?\s*$")
_SAME = 90.0  # rapidfuzz ratio at which two lines say the same thing
_SAME_PART = 95.0  # rapidfuzz partial ratio at which a shorter line repeats part of a longer one


def _line_key(line: str) -> str:
    text = line.lower()
    if "(" in text or "[" in text:
        text = _CROSS_REFERENCE.sub(" ", text)
    return _NOT_ALNUM.sub("", text)


def _repeats_any(key: str, earlier: list[str]) -> bool:
    """Whether a line says what an earlier line said: nearly the same words, or nearly all of
    it inside a longer earlier line."""
    from rapidfuzz import fuzz, process

    if process.extractOne(key, earlier, scorer=fuzz.ratio, score_cutoff=_SAME) is not None:
        return True
    longer = [e for e in earlier if len(e) >= len(key)]
    found = process.extractOne(key, longer, scorer=fuzz.partial_ratio, score_cutoff=_SAME_PART)
    return found is not None


def drop_repeats(markdown: str) -> str:
    """``markdown`` without the lines that repeat an earlier line of it (the Highlights copy
    of a section); headings, table rows and short lines are always kept."""
    kept: list[str] = []
    seen: list[str] = []
    exact: set[str] = set()
    for line in markdown.split("\n"):
        if "full prescribing" in line:
            line = _HIGHLIGHTS_PHRASE.sub("", line).rstrip()
        stripped = line.lstrip()
        if len(stripped) < _MIN_REPEAT or stripped.startswith(("#", "|")):
            kept.append(line)
            continue
        key = _line_key(stripped)
        comparable = len(key) >= _MIN_REPEAT
        if comparable and key in exact:
            continue
        # only a Highlights line, which ends with its section number ("… bleeding. (5.1)"),
        # is compared word by word with what came before: a long section stays fast
        fuzzy = comparable and bool(_HIGHLIGHTS_LINE.search(stripped)) and len(key) <= _LONGEST
        if fuzzy and _repeats_any(key, seen):
            continue
        if comparable:
            seen.append(key)
            exact.add(key)
        kept.append(line)
    return re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()
