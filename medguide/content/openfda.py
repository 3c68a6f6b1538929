"""Reader for openFDA drug label JSON (https://open.fda.gov/apis/drug/label/).

openFDA publishes a label as one JSON record: identifiers (``set_id``, ``version``,
``effective_time``), harmonised names (``openfda.generic_name``, ``brand_name``…) and one field
per label section, each a list of strings that openFDA flattened from the SPL XML: every string
starts with the section's own title and number ("2 DOSAGE AND ADMINISTRATION …") and runs its
sub-sections, bullets and tables together. Tables come again, as HTML, in ``*_table`` fields.

``iter_openfda`` reads every record of a file as a stream (one record in memory at a time):
a single record, an API response or bulk download (``{"meta": …, "results": [ … ]}``), a top-level
list, JSON lines, or ``{"result": record}`` lines; gzip-compressed files too. A broken or
truncated file yields the records read so far and then one ``Rejected``. ``iter_openfda_zip``
does the same for the JSON members of a zip (openFDA's downloads are zipped).
``parse_openfda_record`` reads one record into a ``ParsedDocument``:

- sections per ``medguide.content.label_sections`` (prescribing information professional,
  Medication Guide and Patient Information patient, split by their question headings);
- a sub-section repeated as its own field (``pregnancy`` inside ``use_in_specific_populations``)
  is shown once, in place, under its own sub-heading;
- numbered sub-section titles ("2.1 Recommended Dosage") become sub-headings, flattened
  bullets list items, and each ``*_table`` a pipe table at the place its text had in the
  section (openFDA's flattened copy of the table's words is replaced by the table).
"""

from __future__ import annotations

import bisect
import gzip
import io
import re
import xml.etree.ElementTree as ET
import zipfile
import zlib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, BinaryIO, cast

import ijson

from medguide.content import label_sections as ls
from medguide.content.label_common import (
    DrugNames,
    collapse,
    drug_names,
    escape_inline,
    escape_text,
    find_dosage_form,
    label_date,
    label_version,
    parse_fragment,
    product_title,
    provenance_note,
)
from medguide.content.label_sections import Block, Entry, FieldRule
from medguide.content.label_tables import first_table, table_blocks, table_text
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
from medguide.core.substance import split_ingredients
from medguide.core.text import fold

HEAD_BYTES = 64 * 1024
_GZIP_MAGIC = b"\x1f\x8b"
_BOM = b"\xef\xbb\xbf"
DISCLAIMER = (
    "Label text as openFDA publishes it; openFDA does not check its data, so compare with "
    "the current label before relying on it."
)
_JSON_MEMBERS = (".json", ".jsonl", ".ndjson", ".json.gz", ".jsonl.gz")

# --------------------------------------------------------------------------- detection

_JSON_KEY = re.compile(rb'"([a-z_]{2,60})"\s*:')
_LABEL_KEYS = frozenset(ls.RULES_BY_FIELD) | ls.METADATA_FIELDS
_DISTINCTIVE_KEYS = frozenset(
    {"set_id", "spl_product_data_elements", "openfda", "package_label_principal_display_panel",
     "spl_unclassified_section", "spl_medguide", "spl_patient_package_insert"}
)  # fmt: skip


def looks_like_openfda(head: bytes) -> bool:
    """Whether the first bytes of a file (up to 64 KB, maybe cut mid-token) look like openFDA
    drug label JSON: a record, an API response, a list of records, or JSON lines of records
    or of ``{"result": record}`` (gzip-compressed too)."""
    data = head[:HEAD_BYTES]
    if data.startswith(_GZIP_MAGIC):
        data = _gunzip_head(data)
    data = data.removeprefix(_BOM).lstrip()
    if not data.startswith((b"{", b"[")):
        return False
    keys = {k.decode("ascii") for k in _JSON_KEY.findall(data)}
    label_keys = {k for k in keys if k in _LABEL_KEYS or k.removesuffix("_table") in _LABEL_KEYS}
    return bool(label_keys & _DISTINCTIVE_KEYS) and len(label_keys) >= 2


def _gunzip_head(data: bytes) -> bytes:
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data, HEAD_BYTES)
    except zlib.error:
        return b""


# --------------------------------------------------------------------------- streams


MAX_DEPTH = 64  # openFDA nests five levels; ijson needs memory growing with depth squared
_MAX_TEXT = 64 * 1024 * 1024
_JSON_TOKEN = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]|"')


class _TooDeep(ValueError):
    """The JSON nests deeper than any label file does (a hostile or broken file)."""


class _DepthGuard:
    """Follows the nesting depth of a JSON byte stream, chunk by chunk, outside strings."""

    def __init__(self) -> None:
        self.depth = 0
        self._carry = b""

    def feed(self, chunk: bytes) -> None:
        """Check the next bytes; raise ``_TooDeep`` past ``MAX_DEPTH`` levels."""
        data = self._carry + chunk if self._carry else chunk
        self._carry = b""
        for token in _JSON_TOKEN.finditer(data):
            first = token.group()[:1]
            if first == b'"':
                if token.end() - token.start() == 1:  # a text not closed yet: wait for more
                    self._carry = data[token.start() :]
                    if len(self._carry) > _MAX_TEXT:
                        raise _TooDeep("a text in the JSON runs on for over 64 MB")
                    return
            elif first in b"[{":
                self.depth += 1
                if self.depth > MAX_DEPTH:
                    raise _TooDeep(f"the JSON nests deeper than {MAX_DEPTH} levels")
            else:
                self.depth -= 1


class _Prefixed(io.RawIOBase):
    """A stream that gives back the bytes already read from it (``head``) before the rest,
    and checks the nesting depth of everything it hands on."""

    def __init__(self, head: bytes, rest: Any) -> None:
        super().__init__()
        self.head = head
        self._buffer = head
        self._rest = rest
        self._guard = _DepthGuard()
        self._guard.feed(head)

    def readable(self) -> bool:
        """Always: this stream is read from."""
        return True

    def read(self, size: int | None = -1) -> bytes:
        """Up to ``size`` bytes (all that is left for a negative size), depth-checked."""
        if size is None or size < 0:
            data = bytes(self._rest.read())
            self._guard.feed(data)
            data, self._buffer = self._buffer + data, b""
            return data
        if self._buffer:
            data, self._buffer = self._buffer[:size], self._buffer[size:]
            return data
        data = bytes(self._rest.read(size))
        self._guard.feed(data)
        return data

    def readinto(self, target: Any) -> int:
        """Fill ``target`` with the next bytes; the number of bytes given."""
        data = self.read(len(target))
        target[: len(data)] = data
        return len(data)


class _Replay(io.RawIOBase):
    """Compressed bytes already read, then the rest of the stream (for the gzip reader)."""

    def __init__(self, head: bytes, rest: Any) -> None:
        super().__init__()
        self._buffer = head
        self._rest = rest

    def readable(self) -> bool:
        """Always: this stream is read from."""
        return True

    def readinto(self, target: Any) -> int:
        """Fill ``target`` with the next bytes; the number of bytes given."""
        if self._buffer:
            data, self._buffer = self._buffer[: len(target)], self._buffer[len(target) :]
        else:
            data = bytes(self._rest.read(len(target)))
        target[: len(data)] = data
        return len(data)


class _StreamProblem(Exception):
    """The stream cannot be read as openFDA JSON; the message is the one-line reason."""


def _open(stream: BinaryIO) -> _Prefixed:
    """The stream with its first bytes known (gzip undone, a UTF-8 BOM dropped)."""
    head = stream.read(HEAD_BYTES)
    source: Any = stream
    if head.startswith(_GZIP_MAGIC):
        source = gzip.GzipFile(fileobj=_Replay(head, stream), mode="rb")
        try:
            head = source.read(HEAD_BYTES)
        except (OSError, EOFError, zlib.error) as exc:
            raise _StreamProblem(f"gzip file is damaged or cut off ({_one_line(exc)})") from exc
    head = head.removeprefix(_BOM)
    start = head.lstrip()
    if not start:
        raise _StreamProblem("file is empty")
    if not start.startswith((b"{", b"[")):
        raise _StreamProblem(
            "not JSON: an openFDA label file starts with '{' or '[' "
            f"(it starts with {start[:20]!r})"
        )
    return _Prefixed(head, source)


def _items_prefix(head: bytes) -> str:
    """Where the records are: ``item`` of a top-level list, ``results.item`` of an API
    response, or the top-level values themselves (a record, JSON lines, result lines)."""
    keys: list[str] = []
    try:
        for prefix, event, value in ijson.parse(io.BytesIO(head), multiple_values=True):
            if prefix == "" and event == "start_array":
                return "item"
            if prefix == "" and event == "map_key":
                keys.append(str(value))
            if prefix == "" and event == "end_map":
                break
    except ijson.JSONError:
        pass  # the head is cut mid-document; the keys seen so far decide
    return "results.item" if "results" in keys else ""


def iter_openfda(stream: BinaryIO, origin: str) -> Iterator[ParsedDocument | Rejected]:
    """Every label record of an openFDA JSON stream, read one at a time.

    A broken or cut-off document yields the records read before the damage, then one
    ``Rejected`` saying after which record; a record that cannot be read is a ``Rejected``
    naming it, and the stream goes on.
    """
    try:
        source = _open(stream)
    except _StreamProblem as problem:
        yield Rejected(origin, str(problem))
        return
    except _TooDeep as problem:
        yield Rejected(origin, f"not an openFDA label file: {problem}")
        return
    except (OSError, ValueError) as exc:
        yield Rejected(origin, f"cannot read the file ({_one_line(exc)})")
        return
    count = 0
    try:
        items = ijson.items(source, _items_prefix(source.head), multiple_values=True)
        for item in items:
            count += 1
            yield _item_result(item, count, origin)
    except ijson.JSONError as exc:
        yield Rejected(
            origin, f"JSON is cut off or broken after record {count:,}: {_one_line(exc)}"
        )
        return
    except _TooDeep as exc:
        yield Rejected(origin, f"not an openFDA label file (after record {count:,}): {exc}")
        return
    except (OSError, EOFError, zlib.error) as exc:
        yield Rejected(origin, f"file could not be read after record {count:,}: {_one_line(exc)}")
        return
    if count == 0:
        yield Rejected(origin, "the JSON holds no openFDA label records")


def iter_openfda_zip(stream: BinaryIO, origin: str) -> Iterator[ParsedDocument | Rejected]:
    """Every label record of the JSON files in a zip archive (as openFDA's downloads come),
    each member read as a stream; ``stream`` must be seekable (a file opened with ``rb``)."""
    try:
        archive = zipfile.ZipFile(stream)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        yield Rejected(origin, f"not a readable zip archive ({_one_line(exc)})")
        return
    with archive:
        members = [
            info
            for info in archive.infolist()
            if not info.is_dir() and info.filename.lower().endswith(_JSON_MEMBERS)
        ]
        if not members:
            yield Rejected(origin, "the zip archive holds no .json file")
            return
        for info in members:
            member_origin = f"{origin}!{info.filename}"
            try:
                with archive.open(info) as member:
                    yield from iter_openfda(cast(BinaryIO, member), member_origin)
            except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError) as exc:
                yield Rejected(member_origin, f"zip member cannot be read ({_one_line(exc)})")


def _item_result(item: object, number: int, origin: str) -> ParsedDocument | Rejected:
    record = item
    if isinstance(item, dict) and "set_id" not in item and isinstance(item.get("result"), dict):
        record = item["result"]
    if not isinstance(record, dict):
        kind = _JSON_TYPES.get(type(record).__name__, "something else")
        return Rejected(origin, f"record {number:,} is not a JSON object (it is {kind})")
    result = parse_openfda_record(record, origin)
    if isinstance(result, Rejected):
        # an object with neither a set id nor any label field is no label at all (a schema,
        # a settings file): found in a folder, such a file is skipped, not a failure
        not_a_label = not record.get("set_id") and not (_LABEL_KEYS & set(record))
        return Rejected(origin, f"record {number:,}: {result.reason}", not_a_page=not_a_label)
    return result


_JSON_TYPES = {
    "str": "a text", "int": "a number", "float": "a number", "list": "a list",
    "bool": "true or false", "NoneType": "null",
}  # fmt: skip


def _one_line(exc: BaseException) -> str:
    """The first line of an exception's message (yajl hands its message over as bytes)."""
    first = exc.args[0] if exc.args else ""
    message = first.decode("utf-8", "replace") if isinstance(first, bytes) else str(exc)
    text = message.strip().split("\n", 1)[0].strip()
    return text or type(exc).__name__


# --------------------------------------------------------------------------- one record


@dataclass(frozen=True)
class _Names:
    """What a record says about the drug and the product."""

    drug: DrugNames
    generic: str
    manufacturer: str
    applications: tuple[str, ...]
    drug_class: str | None
    otc: bool


def parse_openfda_record(record: Mapping[str, Any], origin: str) -> ParsedDocument | Rejected:
    """One openFDA label record as a ``ParsedDocument`` (one drug), or why it cannot be read."""
    set_id = _first_text(record.get("set_id"))
    try:
        return _parse_record(record, origin, set_id)
    except Exception as exc:  # last resort: a reader bug must not end a batch of records
        return Rejected(
            origin,
            f"label {set_id or '(no set id)'} could not be read "
            f"({type(exc).__name__}: {_one_line(exc)})",
        )


def _parse_record(record: Mapping[str, Any], origin: str, set_id: str) -> ParsedDocument | Rejected:
    names = _record_names(record)
    if names is None:
        return Rejected(
            origin,
            f"label {set_id or '(no set id)'} names no drug: it has no openfda names, no "
            "generic name and no product listing",
        )
    sections = tuple(
        replace(section, markdown=ls.drop_repeats(section.markdown))
        for section in ls.assemble(_RecordReader(record, names).entries())
    )
    if not sections:
        return Rejected(origin, f"label {set_id or '(no set id)'} has no section text")
    drug = ParsedDrug(
        slug=names.drug.slug,
        name=names.drug.name,
        aliases=_aliases(names.drug),
        drug_class=names.drug_class,
        sections=sections,
        faqs=(),
        ingredients=names.drug.ingredients,
    )
    return ParsedDocument(source=_source(record, origin, set_id, names), drugs=(drug,))


def _source(record: Mapping[str, Any], origin: str, set_id: str, names: _Names) -> SourceInfo:
    """The provenance of one record: title, dates, approval status, label identity."""
    version = label_version(record.get("version"))
    effective = label_date(record.get("effective_time"))
    brand = names.drug.brands[0] if names.drug.brands else ""
    product = product_title(brand, names.generic, _dosage_form(record, names))
    label = LabelInfo(
        set_id=set_id,
        version=version,
        effective=effective,
        product=product,
        manufacturer=names.manufacturer,
        application_numbers=names.applications,
        generic_names=names.drug.generic_names,
        brand_names=names.drug.brands,
    )
    parts = _labeling_parts(record, names.otc)
    return SourceInfo(
        format=SourceFormat.OPENFDA,
        origin=origin,
        title=f"{product} — FDA label",
        last_updated=effective,
        review_status=ReviewStatus.APPROVED,
        ai_generated=False,
        provenance_note=provenance_note(parts, names.manufacturer, set_id, version, effective),
        disclaimer=DISCLAIMER,
        label=label,
    )


def _aliases(names: DrugNames) -> tuple[Alias, ...]:
    found = [Alias(b, AliasKind.BRAND) for b in names.brands]
    found += [Alias(s, AliasKind.SYNONYM) for s in names.synonyms]
    return tuple(dict.fromkeys(found))


def _labeling_parts(record: Mapping[str, Any], otc: bool) -> list[str]:
    parts = ["Drug Facts" if otc else "prescribing information"]
    if record.get("spl_medguide"):
        parts.append("Medication Guide")
    if record.get("spl_patient_package_insert") or record.get("patient_medication_information"):
        parts.append("Patient Information")
    if record.get("instructions_for_use"):
        parts.append("Instructions for Use")
    return parts


def _strings(value: object) -> list[str]:
    """The strings of a field: a list of strings, or one string ("" entries dropped)."""
    if isinstance(value, str):
        return [value] if value.strip() else []
    if isinstance(value, list | tuple):
        return [v for v in value if isinstance(v, str) and v.strip()]
    return []


def _first_text(value: object) -> str:
    found = _strings(value)
    return collapse(found[0]) if found else ""


def _record_names(record: Mapping[str, Any]) -> _Names | None:
    block = record.get("openfda")
    openfda: Mapping[str, Any] = block if isinstance(block, Mapping) else {}
    generics = [collapse(g) for g in _strings(openfda.get("generic_name"))]
    brands = [collapse(b) for b in _strings(openfda.get("brand_name"))]
    substances = [collapse(s) for s in _strings(openfda.get("substance_name"))]
    if not generics and not substances:
        listing = _first_text(record.get("spl_product_data_elements"))
        listed_brand, listed_generic = _names_from_listing(listing)
        generics = [listed_generic] if listed_generic else []
        brands = brands or ([listed_brand] if listed_brand else [])
    drug = drug_names(generics, brands, substances)
    if drug is None:
        return None
    product_type = " ".join(_strings(openfda.get("product_type"))).upper()
    applications = [collapse(a) for a in _strings(openfda.get("application_number"))]
    return _Names(
        drug=drug,
        generic=generics[0] if generics else ", ".join(substances),
        manufacturer=_first_text(openfda.get("manufacturer_name")),
        applications=tuple(dict.fromkeys(applications)),
        drug_class=_drug_class(_strings(openfda.get("pharm_class_epc"))),
        otc="OTC" in product_type,
    )


def _drug_class(classes: Sequence[str]) -> str | None:
    """The first established pharmacologic class without its "[EPC]" mark."""
    if not classes:
        return None
    return collapse(classes[0]).removesuffix("[EPC]").strip() or None


def _names_from_listing(listing: str) -> tuple[str, str]:
    """(product name, generic name) from ``spl_product_data_elements``, which starts with the
    product name, the generic name, then the ingredients in capitals ("Lipitor atorvastatin
    calcium ATORVASTATIN CALCIUM TRIHYDRATE …"); ("", "") when it cannot be told apart."""
    words = listing.split()
    first_upper = next(
        (i for i, w in enumerate(words) if len(w) > 1 and w.isupper() and w.isalpha()), None
    )
    if not first_upper:
        return "", ""
    mixed = words[:first_upper]
    target = fold(words[first_upper])
    for start in range(len(mixed) - 1, -1, -1):
        if fold(mixed[start].strip(",")) == target:
            return " ".join(mixed[:start]), " ".join(mixed[start:])
    return "", ""


_FORM_FIELDS = (
    "package_label_principal_display_panel", "spl_patient_package_insert", "spl_medguide",
    "dosage_forms_and_strengths", "description", "how_supplied", "indications_and_usage",
)  # fmt: skip


def _dosage_form(record: Mapping[str, Any], names: _Names) -> str:
    """The dosage form the label names after the generic name ("tablets", "injection")."""
    texts = [t for name in _FORM_FIELDS for t in _strings(record.get(name))[:2]]
    anchors = [names.generic]
    parts = split_ingredients(names.generic)
    if len(parts) > 1:
        anchors.append(parts[-1])
    return find_dosage_form(texts, anchors)


# --------------------------------------------------------------------------- record text


@dataclass
class _Text:
    """One string of a section field, and the sub-section strings found inside it."""

    field_name: str
    index: int
    text: str
    spans: list[_Span] = field(default_factory=list)
    consumed: bool = False  # shown inside a parent field's text, not on its own


@dataclass
class _Span:
    start: int
    end: int
    child: _Text


@dataclass
class _Table:
    """One ``*_table`` entry: parsed once, placed once."""

    field_name: str
    element: ET.Element
    key: str
    used: bool = False


_CHILDREN: dict[str, set[str]] = {}
_PARENTS: dict[str, set[str]] = {}
for _child, _parents in ls.NESTING:
    _PARENTS.setdefault(_child, set()).update(_parents)
    for _parent in _parents:
        _CHILDREN.setdefault(_parent, set()).add(_child)
# Sub-sections shown without a sub-heading of their own when their parent holds them.
_FRAGMENTS = frozenset({"risks", "teratogenic_effects", "nonteratogenic_effects"})
_MIN_CHILD = 40
_MIN_TABLE_KEY = 24  # letters and digits a table needs before its place in the text is trusted


class _RecordReader:
    """Turns the section fields of one record into section entries."""

    def __init__(self, record: Mapping[str, Any], names: _Names) -> None:
        self.texts: dict[str, list[_Text]] = {}
        self.tables: dict[str, list[_Table]] = {}
        self.names = names
        self.guide_names = [*names.drug.brands, names.generic, *names.drug.ingredients]
        self._read_fields(record)
        self._nest()
        self.entry_of: dict[str, Entry] = {}

    def _read_fields(self, record: Mapping[str, Any]) -> None:
        seen_tables: set[str] = set()
        ordered = sorted(record, key=lambda k: 0 if k.removesuffix("_table") in _PARENTS else 1)
        for key in ordered:
            if key in ls.METADATA_FIELDS:
                continue
            strings = _strings(record[key])
            if key.endswith("_table"):
                base = key.removesuffix("_table")
                if base in ls.METADATA_FIELDS:
                    continue
                for markup in strings:
                    if markup not in seen_tables:
                        seen_tables.add(markup)
                        self._add_table(base, markup)
            elif strings:
                self.texts[key] = [_Text(key, i, collapse(s)) for i, s in enumerate(strings)]

    def _add_table(self, base: str, markup: str) -> None:
        table = first_table(parse_fragment(markup))
        if table is None:
            return
        key = _key(table_text(table))
        if key:
            self.tables.setdefault(base, []).append(_Table(base, table, key))

    def _nest(self) -> None:
        """Find the sub-section strings that openFDA repeats inside their parent field."""
        for child, parents in ls.NESTING:
            for text in self.texts.get(child, []):
                if len(text.text) >= _MIN_CHILD:
                    self._place_child(text, parents)

    def _place_child(self, text: _Text, parents: Sequence[str]) -> None:
        for parent in parents:
            for holder in self.texts.get(parent, []):
                start = holder.text.find(text.text)
                if start < 0:
                    continue
                text.consumed = True
                end = start + len(text.text)
                overlaps = any(s.start < end and start < s.end for s in holder.spans)
                if text.field_name not in _FRAGMENTS and not overlaps:
                    holder.spans.append(_Span(start, end, text))
                return

    # ----------------------------------------------------------------------- entries

    def entries(self) -> list[Entry]:
        """The entries of every field, tables placed, nothing of the record left out."""
        entries: list[Entry] = []
        for name, texts in self.texts.items():
            own = [t for t in texts if not t.consumed]
            if own:
                entries.extend(self._field_entries(ls.rule_for(name), own))
        entries.extend(self._leftover_tables())
        return entries

    def _field_entries(self, rule: FieldRule, texts: list[_Text]) -> list[Entry]:
        if len(texts) == 1 and self._only_children(texts[0]):
            return self._promoted(rule, texts[0])
        blocks: list[Block] = []
        for position, text in enumerate(texts):
            blocks.extend(self._render(text, level=0, drop_title=position == 0))
        if rule.guide:
            return self._guide_entries(rule, blocks)
        entry = ls.field_entry(rule, blocks)
        self._owns(entry, _nested_fields(texts))
        return [entry]

    def _only_children(self, text: _Text) -> bool:
        """Whether a parent string holds nothing but its title and its sub-section fields."""
        if not text.spans:
            return False
        lead = _leading_title(ls.rule_for(text.field_name), text.text)
        cursor = lead.start
        own = []
        for span in sorted(text.spans, key=lambda s: s.start):
            own.append(text.text[cursor : span.start])
            cursor = max(cursor, span.end)
        own.append(text.text[cursor:])
        return len(_key(" ".join(own))) < 3

    def _promoted(self, rule: FieldRule, text: _Text) -> list[Entry]:
        """The sub-sections of a parent that holds nothing else, each under its own heading,
        in the parent's place and section."""
        entries = []
        for sequence, span in enumerate(sorted(text.spans, key=lambda s: s.start)):
            child_rule = ls.rule_for(span.child.field_name)
            entry = ls.field_entry(child_rule, self._render(span.child, 0, drop_title=True))
            entry.kind, entry.audience = rule.kind, rule.audience
            entry.order = ls.rule_order(rule.field) * 1000 + sequence
            entry.heading_optional = False
            self._owns(entry, [*_nested_fields([span.child]), rule.field])
            entries.append(entry)
        return entries

    def _guide_entries(self, rule: FieldRule, blocks: list[Block]) -> list[Entry]:
        parts = ls.split_guide(blocks, rule.kind, escape_inline(rule.heading))
        entries = []
        for sequence, part in enumerate(parts):
            entry = Entry(
                kind=part.kind,
                audience=rule.audience,
                order=ls.rule_order(rule.field) * 1000 + sequence,
                heading=part.heading,
                blocks=part.blocks,
            )
            entries.append(entry)
        if entries:
            self._owns(entries[-1], [rule.field])
        return entries

    def _owns(self, entry: Entry, fields: Sequence[str]) -> None:
        for name in fields:
            self.entry_of.setdefault(name, entry)

    def _leftover_tables(self) -> list[Entry]:
        """Tables whose words were not found in their section's text: after that text."""
        extra: dict[str, Entry] = {}
        for name, tables in self.tables.items():
            for table in tables:
                if table.used:
                    continue
                table.used = True
                blocks = [Block(md) for md in table_blocks(table.element)]
                entry = self.entry_of.get(name)
                if entry is None:
                    entry = extra.get(name)
                if entry is None:
                    entry = ls.field_entry(ls.rule_for(name), [])
                    extra[name] = entry
                entry.blocks.extend(blocks)
        return list(extra.values())

    # ----------------------------------------------------------------------- rendering

    def _render(self, text: _Text, level: int, drop_title: bool) -> list[Block]:
        """The blocks of one string; sub-section strings inside it under their headings."""
        rule = ls.rule_for(text.field_name)
        lead = _leading_title(rule, text.text)
        if rule.field == "boxed_warning":
            lead = _boxed_title(text.text, self.guide_names)
        blocks: list[Block] = []
        if lead.title and (not drop_title or not lead.known):
            blocks.append(Block(heading=escape_inline(_tidy_title(lead.title)), level=level))
        cursor = lead.start
        for span in sorted(text.spans, key=lambda s: s.start):
            if span.start < cursor:
                continue
            blocks.extend(self._segment(rule, text.text[cursor : span.start], lead.number, level))
            blocks.extend(self._child_blocks(span.child, level))
            cursor = span.end
        blocks.extend(self._segment(rule, text.text[cursor:], lead.number, level))
        return blocks

    def _child_blocks(self, child: _Text, level: int) -> list[Block]:
        child_rule = ls.rule_for(child.field_name)
        lead = _leading_title(child_rule, child.text)
        title = _tidy_title(lead.title) if lead.title else child_rule.heading
        heading = Block(heading=escape_inline(title), level=level)
        return [heading, *self._render(child, level + 1, drop_title=True)]

    def _segment(self, rule: FieldRule, segment: str, number: str, level: int) -> list[Block]:
        """Blocks of a run of section text, its tables put where their words were."""
        if not _ALNUM.search(segment):
            return []
        blocks: list[Block] = []
        cursor = 0
        patient = rule.audience is ls.PATIENT
        found, key_length = self._locate_tables(rule.field, segment)
        for start, end, table in found:
            blocks.extend(self._flat(rule, segment[cursor:start], number, level))
            share = len(table.key) / max(1, key_length)
            blocks.extend(Block(md) for md in table_blocks(table.element, share, patient))
            cursor = end
        blocks.extend(self._flat(rule, segment[cursor:], number, level))
        return blocks

    def _locate_tables(self, name: str, segment: str) -> tuple[list[tuple[int, int, _Table]], int]:
        """Where the words of this field's tables (or its parents' and children's) stand in
        a segment, and the length of the segment's key."""
        related = {name} | _CHILDREN.get(name, set()) | _PARENTS.get(name, set())
        candidates = [t for f in related for t in self.tables.get(f, []) if not t.used]
        if not candidates:
            return [], 0
        index = _AlnumIndex(segment)
        found: list[tuple[int, int, _Table]] = []
        for table in candidates:
            if len(table.key) < _MIN_TABLE_KEY:
                continue  # too few words to be sure where it stands: it goes after the text
            at = index.key.find(table.key)
            if at < 0:
                continue
            start, end = index.span(at, at + len(table.key))
            if any(s < end and start < e for s, e, _t in found):
                continue
            table.used = True
            found.append((start, end, table))
        return sorted(found, key=lambda f: f[0]), len(index.key)

    def _flat(self, rule: FieldRule, text: str, number: str, level: int) -> list[Block]:
        """Flattened section text: sub-headings, guide questions, lists and paragraphs."""
        text = _tidy(text)
        if not _ALNUM.search(text):
            return []
        marks = _numbered_headings(text, number) if number and not rule.guide else []
        if rule.guide:
            marks = _guide_questions(text, self.guide_names)
        blocks: list[Block] = []
        cursor = 0
        for mark in marks:
            blocks.extend(_paragraph_blocks(text[cursor : mark.start]))
            blocks.append(Block(heading=escape_inline(mark.title), level=level + mark.depth))
            cursor = mark.end
        blocks.extend(_paragraph_blocks(text[cursor:]))
        return blocks


def _nested_fields(texts: Sequence[_Text]) -> list[str]:
    """The fields of these strings and of every sub-section string shown inside them."""
    found: list[str] = []
    pending = list(texts)
    while pending:
        text = pending.pop(0)
        found.append(text.field_name)
        pending.extend(span.child for span in text.spans)
    return found


# --------------------------------------------------------------------------- flattened text

_ALNUM = re.compile(r"[A-Za-z0-9]")
_ALNUM_RUN = re.compile(r"[A-Za-z0-9]+")


_NON_ALNUM = re.compile(r"[^A-Za-z0-9]+")


def _key(text: str) -> str:
    """Letters and digits only, lower case: how table words are found in flattened text."""
    return _NON_ALNUM.sub("", text).lower()


class _AlnumIndex:
    """The letters-and-digits key of a text, with a way back to positions in the text."""

    def __init__(self, text: str) -> None:
        self._text = text
        self.key = _NON_ALNUM.sub("", text).lower()
        self._key_starts: list[int] = []
        self._text_starts: list[int] = []

    def span(self, key_start: int, key_end: int) -> tuple[int, int]:
        """The text positions of key characters ``key_start`` … ``key_end - 1``."""
        if not self._key_starts:
            self._map_runs()
        first = bisect.bisect_right(self._key_starts, key_start) - 1
        last = bisect.bisect_right(self._key_starts, key_end - 1) - 1
        start = self._text_starts[first] + key_start - self._key_starts[first]
        end = self._text_starts[last] + key_end - self._key_starts[last]
        return start, end

    def _map_runs(self) -> None:
        length = 0
        for run in _ALNUM_RUN.finditer(self._text):
            self._key_starts.append(length)
            self._text_starts.append(run.start())
            length += run.end() - run.start()


@dataclass(frozen=True)
class _Lead:
    """The title a section string starts with: its number, its words, where the text begins,
    and whether it is one of the field's known titles (else a heading found by its form)."""

    number: str = ""
    title: str = ""
    start: int = 0
    known: bool = False


_LEAD_NUMBER = re.compile(r"\s*(?:(\d{1,2}(?:\.\d{1,2}){0,3})\.?|[A-H]\.)\s+")
_AFTER_TITLE = re.compile(r"[\s:.–—-]*")


def _leading_title(rule: FieldRule, text: str) -> _Lead:
    """The section title at the start of a string ("2 DOSAGE AND ADMINISTRATION", "8.1
    Pregnancy"); without a known title, a numbered Title-Case heading; else nothing."""
    number_match = _LEAD_NUMBER.match(text)
    number = (number_match.group(1) or "") if number_match else ""
    start = number_match.end() if number_match else 0
    head = text[start : start + 200]
    index = _AlnumIndex(head)
    for title_key in rule.title_keys:
        if not title_key or not index.key.startswith(title_key):
            continue
        _first, end = index.span(0, len(title_key))
        if _ends_at_word(head, end):
            rest = _after_title(text, start + end)
            return _Lead(number, text[: start + end].strip(), rest, known=True)
    if number:
        title, end = _title_after(text, start)
        if title:
            return _Lead(number, f"{number} {title}", end, known=False)
    return _Lead(number)


def _after_title(text: str, end: int) -> int:
    """Where the text after a title begins (past the colon, stop or dash that ends it)."""
    match = _AFTER_TITLE.match(text, end)
    return match.end() if match is not None else end


def _ends_at_word(text: str, end: int) -> bool:
    """Whether a title match ends at a word end (or glued to the next word in capitals:
    "STRENGTHSDarifenacin")."""
    if end >= len(text) or not text[end].isalnum():
        return True
    return text[end - 1].isupper() and text[end].isupper() and text[end + 1 : end + 2].islower()


_BOXED_KEYS = frozenset({"boxedwarning", "warning", "warnings"})


def _boxed_title(text: str, names: Sequence[str]) -> _Lead:
    """A boxed warning's own title in capitals ("WARNING: SUICIDAL THOUGHTS AND BEHAVIORS"),
    kept as its sub-heading; a bare "WARNING" title is dropped like any section title."""
    name_words = {fold(w) for n in names for w in n.split()}
    tokens = list(re.finditer(r"\S+", text[:400]))
    run: list[re.Match[str]] = []
    for token in tokens[:30]:
        word = token.group()
        if any(c.islower() for c in word) or word[:1] in "•●▪■":
            break
        run.append(token)
    while run and fold(run[-1].group().strip(",.:;()")) in name_words and len(run) > 1:
        run.pop()
    if not run:
        return _Lead()
    end = run[-1].end()
    title = text[:end].strip(" :")
    rest = _after_title(text, end)
    if ls.title_key(title) in _BOXED_KEYS:
        return _Lead("", title, rest, known=True)
    return _Lead("", title, rest, known=False)


def _tidy_title(title: str) -> str:
    """A title for a sub-heading: ``"PATIENT COUNSELING INFORMATION"`` → sentence case."""
    title = collapse(title).strip(" :.")
    letters = [c for c in title if c.isalpha()]
    if len(letters) > 3 and all(c.isupper() for c in letters) and not title.startswith("WARN"):
        lower = title.lower()
        first = next(i for i, c in enumerate(lower) if c.isalpha())
        title = lower[:first] + lower[first].upper() + lower[first + 1 :]
    return title


_TIDY_RULES = (
    (re.compile(r"([(\[])\s+"), r"\1"),
    (re.compile(r"\s+([)\]])"), r"\1"),
    (re.compile(r"\s+([.,;:])(?=\s|$)"), r"\1"),
)


def _tidy(text: str) -> str:
    """The spaces openFDA's flattening put inside brackets and before punctuation removed."""
    for pattern, replacement in _TIDY_RULES:
        text = pattern.sub(replacement, text)
    return text


@dataclass(frozen=True)
class _Mark:
    """A heading found in flattened text: where it stands, its words, its depth."""

    start: int
    end: int
    title: str
    depth: int = 0


_NUMBER = re.compile(r"(?<![\w.,/(\[–-])(\d{1,2}(?:\.\d{1,2}){1,3})\.?\s+(?=[A-Z])")
_REFERRING = frozenset(
    [
        "see",
        "section",
        "sections",
        "subsection",
        "table",
        "tables",
        "figure",
        "and",
        "or",
        "to",
        "in",
        "of",
        "with",
        "per",
        "under",
        "than",
        "from",
        "also",
    ]
)
_SMALL = frozenset(
    [
        "a",
        "an",
        "and",
        "or",
        "of",
        "in",
        "on",
        "for",
        "with",
        "to",
        "the",
        "by",
        "at",
        "from",
        "vs",
        "versus",
        "per",
        "via",
        "during",
        "after",
        "before",
        "without",
        "into",
        "due",
        "than",
        "as",
        "not",
        "nor",
        "is",
        "are",
        "be",
        "may",
        "can",
        "that",
        "which",
        "who",
        "whose",
        "its",
        "their",
        "this",
        "these",
        "those",
        "such",
        "if",
        "when",
        "while",
        "should",
        "must",
        "will",
        "has",
        "have",
        "was",
        "were",
        "been",
        "also",
        "only",
        "both",
        "either",
        "other",
        "others",
    ]
)
_MAX_TITLE_WORDS = 14


def _numbered_headings(text: str, number: str) -> list[_Mark]:
    """The numbered sub-section titles of a section ("2.1 Recommended Dosage" in section 2),
    in increasing order, not those referred to in the text ("see 5.1", "(2.1)")."""
    marks: list[_Mark] = []
    last: tuple[int, ...] = ()
    prefix = number + "."
    for match in _NUMBER.finditer(text):
        value = match.group(1)
        if not value.startswith(prefix) or _is_reference(text, match.start()):
            continue
        parts = tuple(int(p) for p in value.split("."))
        depth = value.count(".") - number.count(".") - 1
        if parts <= last or not 0 <= depth <= 2:
            continue
        title, end = _title_after(text, match.end())
        if not title:
            continue
        last = parts
        marks.append(_Mark(match.start(), end, f"{value} {title}", depth))
    return marks


def _is_reference(text: str, start: int) -> bool:
    before = text[max(0, start - 20) : start].rstrip()
    if before[-1:] in ("(", ",", "[", "/", "–", "-", ";"):
        return True
    words = before.split()
    return bool(words) and words[-1].lower().strip(".,:") in _REFERRING


def _title_after(text: str, start: int) -> tuple[str, int]:
    """A Title-Case title starting at ``start`` and where it ends, or ("", start).

    The title runs over capitalised words and small words ("of", "in") up to the first
    lower-case word; the capitalised word just before that starts the sentence that follows
    ("2.2 Recommended Dosage in Adults The recommended …" → "Recommended Dosage in Adults").
    """
    tokens = list(re.finditer(r"\S+", text[start : start + 300]))
    run: list[re.Match[str]] = []
    stop = ""
    for token in tokens[: _MAX_TITLE_WORDS + 6]:
        word = token.group()
        core = word.strip("()[],;:\"'“”’‘")
        if word[:1] in "•●▪■" or _NUMBER.match(word + " A"):
            stop = "break"
            break
        if core[:1].islower() and core.lower() not in _SMALL:
            stop = "sentence"
            break
        run.append(token)
        if word.endswith((".", ":", "?", "!")):
            stop = "break"
            break
    if stop == "sentence":
        run = _before_sentence(run)
    elif not stop:
        return "", start
    while run and _is_small(run[-1].group()):
        run.pop()
    if not run or len(run) > _MAX_TITLE_WORDS or run[0].group()[:1].islower():
        return "", start
    title = " ".join(t.group() for t in run).strip(" :.,;")
    return title, start + run[-1].end()


def _before_sentence(run: list[re.Match[str]]) -> list[re.Match[str]]:
    """The title part of a run: what precedes the capitalised word that starts a sentence."""
    index = len(run) - 1
    while index >= 0 and (_is_small(run[index].group()) or _is_technical(run[index].group())):
        index -= 1
    return run[:index] if index > 0 else []


def _is_small(word: str) -> bool:
    core = word.strip("()[],;:")
    return (core.islower() and core in _SMALL) or not any(c.isalnum() for c in core)


def _is_technical(word: str) -> bool:
    """A term with digits or inner capitals ("HbA1c", "CYP3A4") — never a sentence start."""
    core = word.strip("()[],;:")
    inner_upper = any(c.isupper() for c in core[1:]) and any(c.islower() for c in core)
    return inner_upper or any(c.isdigit() for c in core)


_FLAT_QUESTION = re.compile(
    r"\b(?:What|Who|How|Can|Should|Do|Does|Is|Are|When|Where|Why)\b[^?•]{3,200}?\?"
    r"|\bGeneral [Ii]nformation about the (?:safe and effective )?use of\b"
)


def _guide_questions(text: str, names: Sequence[str]) -> list[_Mark]:
    """The question headings of a flattened Medication Guide or Patient Information, not
    those the text refers to ('See "What is the most important information …?"')."""
    marks: list[_Mark] = []
    position = 0
    while (match := _FLAT_QUESTION.search(text, position)) is not None:
        start, end = match.start(), match.end()
        position = start + 1
        if match.group().startswith("General"):
            end = _general_information_end(text, end, names)
        question = text[start:end]
        if re.search(r"[.!]\s+[A-Z]", question) or _is_quoted(text, start, end):
            continue
        if ls.guide_kind(question) is not None:
            marks.append(_Mark(start, end, question.strip(" .")))
            position = end
    return marks


def _general_information_end(text: str, end: int, names: Sequence[str]) -> int:
    """Where "General information about the safe and effective use of X" ends: after the
    drug's name, or at the next full stop close by."""
    rest = text[end : end + 120]
    for name in sorted((n for n in names if n), key=len, reverse=True):
        words = r"\s+".join(map(re.escape, name.split()))
        match = re.match(rf"\s+{words}\b[®™]?\.?", rest, re.IGNORECASE)
        if match is not None:
            return end + match.end()
    stop = rest.find(".")
    return end + stop + 1 if 0 <= stop <= 60 else end


def _is_quoted(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 12) : start].rstrip()
    if before[-1:] in "“\"‘'" and before:
        return True
    if re.search(r"\b[Ss]ee\s*$", before):
        return True
    return text[end : end + 3].lstrip()[:1] in ("”", '"', "’")


_BULLET_SPLIT = re.compile(r"\s*[•●▪■]\s*")
_SUB_BULLET = re.compile(r"\s+o\s+(?=[\w(\[“\"])")


def _paragraph_blocks(text: str) -> list[Block]:
    """A run of flattened text as a paragraph and, where openFDA kept "•" bullets, a list."""
    text = collapse(text)
    if not _ALNUM.search(text):
        return []
    intro, *items = _BULLET_SPLIT.split(text)
    blocks = [Block(escape_text(intro))] if _ALNUM.search(intro) else []
    lines = [line for item in items if _ALNUM.search(item) for line in _item_lines(item)]
    if lines:
        blocks.append(Block("\n".join(lines)))
    return blocks


def _item_lines(item: str) -> list[str]:
    """One bullet as a list item; "o" sub-bullets after a colon as nested items."""
    head, colon, tail = item.partition(": o ")
    if not colon:
        return [f"- {escape_text(item)}"]
    subs = _SUB_BULLET.split("o " + tail)
    lines = [f"- {escape_text(head + ':')}"]
    lines += [f"    - {escape_text(s.removeprefix('o '))}" for s in subs if _ALNUM.search(s)]
    return lines
