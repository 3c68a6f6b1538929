"""Reader for FDA labels in SPL, the HL7 v3 Structured Product Labeling XML of DailyMed.

An SPL document (``<document xmlns="urn:hl7-org:v3">``) names the label (``setId``,
``versionNumber``, ``effectiveTime``, ``title``, the labeler in ``author``), lists the products
(``manufacturedProduct``: name, form, generic name, active ingredients, application number)
and holds the label's sections, each known by its LOINC code (``section/code/@code``) and
nested like the label's numbering. ``parse_spl`` maps them with the rules of
``medguide.content.label_sections`` (the same as openFDA's fields): nested sections become
sub-headings, ``<table>`` pipe tables, ``<list>`` markdown lists, ``<content
styleCode="bold">`` bold. A Medication Guide or Patient Information nested inside section 17
is patient text all the same. The Highlights (``<excerpt>``) repeat the full text in short and
are read only for a section that has nothing else (Recent Major Changes).

The XML is parsed with defusedxml: a document with a DTD, entity declarations or external
references is refused (no entity is expanded, no file or address is read). ``iter_spl_zip``
reads DailyMed zips (one SPL XML plus images) and release zips of such zips, one member at a
time, refusing members over 50 MB or compressed over 100:1.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
import zipfile
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import BinaryIO

import defusedxml
import defusedxml.ElementTree as SafeET

from medguide.content import label_sections as ls
from medguide.content.label_common import (
    DrugNames,
    attribute,
    child,
    children,
    collapse,
    drug_names,
    escape_inline,
    form_from_code,
    label_date,
    label_version,
    local_name,
    product_title,
    provenance_note,
    text_of,
)
from medguide.content.label_sections import Block, Entry, FieldRule
from medguide.content.label_tables import inline_markdown, narrative_blocks
from medguide.core.model import (
    Alias,
    AliasKind,
    LabelInfo,
    ParsedDocument,
    ParsedDrug,
    Rejected,
    ReviewStatus,
    SourceFormat,
    SourceInfo,
)
from medguide.core.text import fold

HL7 = "urn:hl7-org:v3"
MAX_XML_BYTES = 50 * 1024 * 1024
MAX_RATIO = 100
_MB = 1024 * 1024
_HEAD = 64 * 1024
_SPL_ROOT = re.compile(
    r"<(?:[A-Za-z_][\w.-]*:)?document\b[^>]*\bxmlns(?::[\w.-]+)?\s*=\s*[\"']urn:hl7-org:v3[\"']"
)
_ACTIVE_CLASSES = frozenset({"ACTIB", "ACTIM", "ACTIR"})
_GENERIC_TITLES = frozenset(
    {"", "drugfacts", "highlightsofprescribinginformation", "prescribinginformation",
     "fullprescribinginformation", "packageinsert", "label", "druglabel", "patientinformation",
     "medicationguide", "spl", "productlabel"}
)  # fmt: skip
_TITLE_NOISE = (
    re.compile(r"These highlights do not include all the information needed to use .{1,160}?"
               r" safely and effectively\.?", re.IGNORECASE),
    re.compile(r"See full prescribing information for .{1,160}?\.(?=\s|$)", re.IGNORECASE),
    re.compile(r"Initial U\.?\s?S\.? Approval:?\s*\d{4}\.?", re.IGNORECASE),
    re.compile(r"[®™]"),
)  # fmt: skip


# --------------------------------------------------------------------------- detection


def looks_like_spl(head: bytes) -> bool:
    """Whether the first bytes of a file look like an HL7 v3 SPL document
    (``<document xmlns="urn:hl7-org:v3" …>``)."""
    text = head[:_HEAD].decode("utf-8", errors="ignore")
    return _SPL_ROOT.search(text) is not None


# --------------------------------------------------------------------------- parsing


def parse_spl(data: bytes, origin: str) -> ParsedDocument | Rejected:
    """One SPL XML document as a ``ParsedDocument`` (one drug), or why it cannot be read."""
    if not data.strip():
        return Rejected(origin, "file is empty")
    if len(data) > MAX_XML_BYTES:
        return Rejected(
            origin, f"XML is {len(data) / _MB:.1f} MB; SPL files over 50 MB are refused"
        )
    root = _parse_xml(data, origin)
    if isinstance(root, Rejected):
        return root
    if root.tag != f"{{{HL7}}}document":
        return Rejected(
            origin,
            f"XML is not an SPL label: its root element is <{local_name(root.tag) or '?'}>, "
            'not <document xmlns="urn:hl7-org:v3">',
        )
    try:
        return _Document(root).parse(origin)
    except RecursionError:
        return Rejected(origin, "XML nests too deeply to read: SPL labels nest a few levels only")
    except Exception as exc:  # last resort: a reader bug must not end an import batch
        return Rejected(origin, f"SPL could not be read ({type(exc).__name__}: {_one_line(exc)})")


def _parse_xml(data: bytes, origin: str) -> ET.Element | Rejected:
    """The root element, parsed without DTDs, entities or external references."""
    try:
        root: ET.Element = SafeET.fromstring(
            data, forbid_dtd=True, forbid_entities=True, forbid_external=True
        )
        return root
    except defusedxml.DTDForbidden:
        return Rejected(
            origin,
            "XML declares a DTD (<!DOCTYPE …>): refused, because a DTD can define entities "
            "that expand without end or read other files; SPL labels have none",
        )
    except defusedxml.EntitiesForbidden:
        return Rejected(origin, "XML defines entities: refused (entity expansion is unsafe)")
    except defusedxml.ExternalReferenceForbidden:
        return Rejected(origin, "XML refers to an external file or address: refused")
    except ET.ParseError as exc:
        return Rejected(origin, f"not well-formed XML ({_one_line(exc)})")
    except (ValueError, LookupError) as exc:
        return Rejected(origin, f"XML cannot be decoded ({_one_line(exc)})")


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().split("\n", 1)[0].strip()
    return text or type(exc).__name__


@dataclass
class _Product:
    """One product the label lists (a kit's parts are not products of their own)."""

    name: str = ""
    form: str = ""
    generics: list[str] = field(default_factory=list)
    actives: list[str] = field(default_factory=list)
    applications: list[str] = field(default_factory=list)


def _products(root: ET.Element) -> list[_Product]:
    products = []
    for role in root.iter(f"{{{HL7}}}manufacturedProduct"):
        entity = _first(child(role, "manufacturedproduct"), child(role, "manufacturedmedicine"))
        if entity is None:
            continue
        product = _Product(
            name=text_of(child(entity, "name")),
            form=_attribute(child(entity, "formcode"), "displayName"),
        )
        for generic in entity.iter(f"{{{HL7}}}genericMedicine"):
            if _parent_is_part(entity, generic):
                continue
            product.generics.append(text_of(child(generic, "name")))
        product.actives = _actives(entity)
        for subject in children(role, "subjectof"):
            for approval in children(subject, "approval"):
                number = _attribute(child(approval, "id"), "extension").strip()
                if number:
                    product.applications.append(number)
        products.append(product)
    return products


def _parent_is_part(entity: ET.Element, element: ET.Element) -> bool:
    """Whether ``element`` belongs to a part of a kit rather than to the product itself."""
    for part in entity.iter(f"{{{HL7}}}partProduct"):
        if any(e is element for e in part.iter()):
            return True
    return False


def _actives(entity: ET.Element) -> list[str]:
    found = []
    for ingredient in children(entity, "ingredient"):
        substance = child(ingredient, "ingredientsubstance")
        if attribute(ingredient, "classCode").upper() in _ACTIVE_CLASSES and substance is not None:
            found.append(text_of(child(substance, "name")))
    for active in children(entity, "activeingredient"):
        substance = child(active, "activeingredientsubstance")
        if substance is not None:
            found.append(text_of(child(substance, "name")))
    return [f for f in found if f]


def _first(*elements: ET.Element | None) -> ET.Element | None:
    """The first element that is there (elements are never tested for truth: a childless
    element is false)."""
    return next((e for e in elements if e is not None), None)


def _attribute(element: ET.Element | None, name: str) -> str:
    return "" if element is None else attribute(element, name)


def _unique(values: Sequence[str]) -> list[str]:
    seen: dict[str, str] = {}
    for value in values:
        if value and fold(value) not in seen:
            seen[fold(value)] = value
    return list(seen.values())


class _Document:
    """One SPL document being read."""

    def __init__(self, root: ET.Element) -> None:
        self.root = root
        self.products = _products(root)
        self.entries: list[Entry] = []
        self.codes: set[str] = set()
        self._sequence = 0

    def parse(self, origin: str) -> ParsedDocument | Rejected:
        """The document as a ``ParsedDocument``, or why it cannot be imported."""
        set_id = _attribute(child(self.root, "setid"), "root").strip()
        generics = _unique([g for p in self.products for g in p.generics])
        actives = _unique([a for p in self.products for a in p.actives])
        names = drug_names(generics, _unique([p.name for p in self.products]), actives)
        if names is None:
            return Rejected(
                origin,
                f"SPL {set_id or '(no set id)'} names no drug: no product with a generic name "
                "or an active ingredient",
            )
        self._read_sections()
        sections = ls.assemble(self.entries)
        if not sections:
            return Rejected(origin, f"SPL {set_id or '(no set id)'} has no section text")
        generic = generics[0] if generics else ", ".join(actives)
        aliases = [Alias(b, AliasKind.BRAND) for b in names.brands]
        aliases += [Alias(s, AliasKind.SYNONYM) for s in names.synonyms]
        drug = ParsedDrug(
            slug=names.slug,
            name=names.name,
            aliases=tuple(dict.fromkeys(aliases)),
            sections=sections,
            ingredients=names.ingredients,
        )
        return ParsedDocument(source=self._source(origin, set_id, names, generic), drugs=(drug,))

    def _source(self, origin: str, set_id: str, names: DrugNames, generic: str) -> SourceInfo:
        """The provenance of the document: title, dates, approval status, label identity."""
        version = label_version(_attribute(child(self.root, "versionnumber"), "value"))
        effective = label_date(_attribute(child(self.root, "effectivetime"), "value"))
        manufacturer = self._manufacturer()
        product = self._title(names.brands, generic)
        label = LabelInfo(
            set_id=set_id,
            version=version,
            effective=effective,
            product=product,
            manufacturer=manufacturer,
            application_numbers=tuple(_unique([a for p in self.products for a in p.applications])),
            generic_names=names.generic_names,
            brand_names=names.brands,
        )
        return SourceInfo(
            format=SourceFormat.SPL,
            origin=origin,
            title=f"{product} — FDA label",
            last_updated=effective,
            review_status=ReviewStatus.APPROVED,
            ai_generated=False,
            provenance_note=provenance_note(
                self._parts(), manufacturer, set_id, version, effective
            ),
            label=label,
        )

    # ----------------------------------------------------------------------- provenance

    def _manufacturer(self) -> str:
        author = child(self.root, "author")
        entity = child(author, "assignedentity") if author is not None else None
        organization = child(entity, "representedorganization") if entity is not None else None
        return text_of(child(organization, "name")) if organization is not None else ""

    def _parts(self) -> list[str]:
        code = _attribute(child(self.root, "code"), "displayName").upper()
        parts = ["Drug Facts" if "OTC" in code else "prescribing information"]
        if "42231-1" in self.codes:
            parts.append("Medication Guide")
        if self.codes & {"42230-3", "68498-5"}:
            parts.append("Patient Information")
        if "59845-8" in self.codes:
            parts.append("Instructions for Use")
        return parts

    def _title(self, brands: Sequence[str], generic: str) -> str:
        """The document's title without the Highlights boilerplate, or one made from the
        product ("Haloperidol tablets") when the document has none."""
        title = text_of(child(self.root, "title"))
        for pattern in _TITLE_NOISE:
            title = pattern.sub(" ", title)
        title = collapse(title).strip(" .,;:")
        if ls.title_key(title) in _GENERIC_TITLES:
            form = next((form_from_code(p.form) for p in self.products if p.form), "")
            return product_title(brands[0] if brands else "", generic, form)
        for brand in brands:
            title = re.sub(rf"\b{re.escape(brand)}\b", brand, title, flags=re.IGNORECASE)
        return title

    # ----------------------------------------------------------------------- sections

    def _read_sections(self) -> None:
        body = self._structured_body()
        if body is None:
            return
        for component in children(body, "component"):
            section = child(component, "section")
            if section is not None:
                self._top_section(section)

    def _structured_body(self) -> ET.Element | None:
        component = child(self.root, "component")
        return child(component, "structuredbody") if component is not None else None

    def _top_section(self, section: ET.Element) -> None:
        """A section of the document's top level (or patient labeling nested lower)."""
        code = _section_code(section)
        self.codes.add(code)
        name = ls.loinc_field(code)
        if name in ls.METADATA_FIELDS:
            return
        rule = ls.rule_for(name or "spl_unclassified_section")
        blocks = self._section_blocks(section, rule, depth=0)
        self._sequence += 1
        if rule.guide:
            parts = ls.split_guide(blocks, rule.kind, escape_inline(rule.heading))
            for number, part in enumerate(parts):
                order = self._order(rule, number)
                self.entries.append(
                    Entry(part.kind, rule.audience, order, part.heading, part.blocks)
                )
            return
        entry = ls.field_entry(rule, blocks, self._sequence)
        title = _title_text(section)
        if rule.field == "spl_unclassified_section" and title:
            entry.heading = escape_inline(title)
        self.entries.append(entry)

    def _order(self, rule: FieldRule, number: int) -> int:
        return ls.rule_order(rule.field) * 1000 + self._sequence * 50 + number

    def _section_blocks(self, section: ET.Element, rule: FieldRule, depth: int) -> list[Block]:
        """A section's text and its nested sections, titles as sub-headings (``depth`` 0 is
        the top section, whose own title the section's heading replaces)."""
        blocks: list[Block] = []
        title = _title_text(section)
        if title and (depth > 0 or not _is_known_title(rule, title)):
            own_heading = depth == 0 and rule.field != "spl_unclassified_section"
            if own_heading or depth > 0:
                blocks.append(Block(heading=escape_inline(title), level=max(0, depth - 1)))
        patient = rule.audience is ls.PATIENT
        text = child(section, "text")
        nested = _nested_sections(section)
        if text is not None:
            blocks.extend(Block(md) for md in narrative_blocks(text, patient))
        elif not nested:
            blocks.extend(self._excerpt_blocks(section, patient))
        for sub in nested:
            blocks.extend(self._nested_blocks(sub, rule, depth + 1))
        return blocks

    def _nested_blocks(self, section: ET.Element, rule: FieldRule, depth: int) -> list[Block]:
        code = _section_code(section)
        name = ls.loinc_field(code)
        sub_rule = ls.RULES_BY_FIELD.get(name)
        if sub_rule is not None and sub_rule.audience is not rule.audience:
            self._top_section(section)  # a Medication Guide inside section 17
            return []
        if name in ls.METADATA_FIELDS:
            return []
        self.codes.add(code)
        blocks = self._section_blocks(section, rule, depth)
        # an untitled sub-section of a kind of its own ("Storage and handling") gets its name;
        # boxed-warning sections drawn inside another section are only boxes, not headings
        skip = (rule.field, "spl_unclassified_section", "boxed_warning")
        if sub_rule is not None and sub_rule.field not in skip and not _title_text(section):
            blocks.insert(0, Block(heading=escape_inline(sub_rule.heading), level=depth - 1))
        return blocks

    def _excerpt_blocks(self, section: ET.Element, patient: bool) -> list[Block]:
        blocks: list[Block] = []
        for excerpt in children(section, "excerpt"):
            for highlight in children(excerpt, "highlight"):
                text = child(highlight, "text")
                if text is not None:
                    blocks.extend(Block(md) for md in narrative_blocks(text, patient))
        return blocks


def _nested_sections(section: ET.Element) -> list[ET.Element]:
    """The sections nested in a section (``component/section``), in order."""
    found = []
    for component in children(section, "component"):
        nested = child(component, "section")
        if nested is not None:
            found.append(nested)
    return found


def _section_code(section: ET.Element) -> str:
    code = child(section, "code")
    if code is None:
        return ""
    system = attribute(code, "codeSystem")
    if system and system != ls.LOINC_SYSTEM:
        return ""
    return attribute(code, "code").strip()


def _title_text(section: ET.Element) -> str:
    title = child(section, "title")
    return collapse(inline_markdown(title).replace("**", "")) if title is not None else ""


_TITLE_NUMBER = re.compile(r"^\s*(?:\d{1,2}(?:\.\d{1,2}){0,3}\.?|[A-H]\.)\s+")


def _is_known_title(rule: FieldRule, title: str) -> bool:
    """Whether a section title only names its section ("1 INDICATIONS AND USAGE")."""
    key = ls.title_key(_TITLE_NUMBER.sub("", title))
    if key in rule.title_keys:
        return True
    return rule.field == "boxed_warning" and key in ("boxedwarning", "warning", "warnings")


# --------------------------------------------------------------------------- zips


def iter_spl_zip(stream: BinaryIO, origin: str) -> Iterator[ParsedDocument | Rejected]:
    """The SPL documents of a DailyMed zip (one XML plus images), or of a release zip of
    such zips (one level down), read one member at a time; ``stream`` must be seekable.

    A member over 50 MB uncompressed or compressed over 100:1 is a ``Rejected`` (a zip
    bomb); the other members still come through.
    """
    try:
        archive = zipfile.ZipFile(stream)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        yield Rejected(origin, f"not a readable zip archive ({_one_line(exc)})")
        return
    with archive:
        yield from _members(archive, origin, nested=False)


def _members(
    archive: zipfile.ZipFile, origin: str, nested: bool
) -> Iterator[ParsedDocument | Rejected]:
    found = False
    for info in archive.infolist():
        name = info.filename.lower()
        member_origin = f"{origin}!{info.filename}"
        if info.is_dir():
            continue
        if name.endswith(".xml"):
            found = True
            data = _member_bytes(archive, info, member_origin)
            yield data if isinstance(data, Rejected) else parse_spl(data, member_origin)
        elif name.endswith(".zip"):
            found = True
            if nested:
                yield Rejected(member_origin, "zip inside a zip inside a zip: not read")
                continue
            yield from _nested_zip(archive, info, member_origin)
    if not found:
        yield Rejected(origin, "the zip archive holds no .xml SPL file")


def _nested_zip(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, origin: str
) -> Iterator[ParsedDocument | Rejected]:
    data = _member_bytes(archive, info, origin)
    if isinstance(data, Rejected):
        yield data
        return
    try:
        inner = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        yield Rejected(origin, f"not a readable zip archive ({_one_line(exc)})")
        return
    with inner:
        yield from _members(inner, origin, nested=True)


# What reading a zip member can raise: a bad CRC, encryption, an unknown compression, a cut.
_READ_ERRORS = (
    zipfile.BadZipFile,
    OSError,
    EOFError,
    RuntimeError,
    NotImplementedError,
    zlib.error,
)


def _member_bytes(archive: zipfile.ZipFile, info: zipfile.ZipInfo, origin: str) -> bytes | Rejected:
    """A member's bytes, or a ``Rejected`` when it is too big, a likely bomb or unreadable."""
    if info.file_size > MAX_XML_BYTES:
        return Rejected(
            origin,
            f"zip member is {info.file_size / _MB:.1f} MB uncompressed; members over 50 MB are "
            "refused (zip bomb?)",
        )
    ratio = info.file_size / max(1, info.compress_size)
    if ratio > MAX_RATIO:
        return Rejected(
            origin,
            f"zip member expands {ratio:,.0f} times (over {MAX_RATIO}:1): refused as a zip bomb",
        )
    try:
        with archive.open(info) as member:
            data = member.read(MAX_XML_BYTES + 1)
    except _READ_ERRORS as exc:
        return Rejected(origin, f"zip member cannot be read ({_one_line(exc)})")
    if len(data) > MAX_XML_BYTES:
        return Rejected(origin, "zip member is over 50 MB uncompressed: refused (zip bomb?)")
    return data
