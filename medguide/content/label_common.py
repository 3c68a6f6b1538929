"""What the two FDA label readers (openFDA JSON, SPL XML) share besides sections and tables.

- drug names from label names: salt and ester words stripped (``ATORVASTATIN CALCIUM`` →
  ``atorvastatin``) unless the whole name is a salt (``potassium chloride``), combination
  products named after all their ingredients, brand names in normal capitals;
- the product title and the provenance note of a label;
- markdown escaping of plain label text, so that a line of the label that starts with ``#`` or
  ``1.`` never becomes a heading or a list, and ``*``/``_`` stay literal;
- a small, forgiving parser for the HTML/SPL fragments openFDA keeps in its ``*_table`` fields,
  and helpers to read SPL-like element trees whatever their namespace or attribute case.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser

import defusedxml.ElementTree as SafeET

from medguide.core.substance import base_name, split_ingredients
from medguide.core.text import brand_case, fold, slugify

# --------------------------------------------------------------------------- drug names

_ROMAN = re.compile(r"^[IVX]+$")
_KEEP_SPELLING = {"hcl": "HCl", "hbr": "HBr"}


def normal_case(name: str) -> str:
    """A generic name in normal capitals: first letter capital, the rest lower case, except
    single letters and Roman numerals (``"PENICILLIN G"`` → ``"Penicillin G"``) and ``HCl``."""
    words = []
    for index, word in enumerate(name.split(" ")):
        lower = word.lower()
        core = lower.strip(",.;:()")
        if core in _KEEP_SPELLING:
            words.append(lower.replace(core, _KEEP_SPELLING[core]))
        elif index > 0 and (len(word) == 1 or (_ROMAN.match(word.upper()) and word.isupper())):
            words.append(word.upper())
        else:
            words.append(lower)
    text = " ".join(words)
    return text[:1].upper() + text[1:]


def join_names(names: Sequence[str]) -> str:
    """``["a", "b", "c"]`` → ``"a, b and c"``."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def label_brand(name: str) -> str:
    """A brand name in its label spelling with normal capitals: ``"LIPITOR"`` → ``"Lipitor"``;
    a name the label already writes in mixed case (``"MoviPrep"``) is kept as it is."""
    name = " ".join(name.replace("®", " ").replace("™", " ").split())
    if name.isupper() or name.islower():
        return brand_case(name)
    return name


@dataclass(frozen=True)
class DrugNames:
    """What a label's names give the drug: slug, display name, brands, synonyms, ingredients."""

    slug: str
    name: str
    brands: tuple[str, ...]
    synonyms: tuple[str, ...]
    ingredients: tuple[str, ...]
    generic_names: tuple[str, ...]


def drug_names(
    generic_names: Sequence[str], brand_names: Sequence[str], substances: Sequence[str] = ()
) -> DrugNames | None:
    """Name the drug of a label from its generic, brand and substance names (None: no name).

    The first generic name decides: one ingredient → its base name (``atorvastatin``); several
    → a combination (``acetaminophen-caffeine-dihydrocodeine``, "Acetaminophen, caffeine and
    dihydrocodeine"). Without a generic name the substance names stand in for it.
    """
    generics = _unique(" ".join(g.split()) for g in generic_names if g and g.strip())
    parts = split_ingredients(generics[0]) if generics else _unique(substances)
    bases = _unique(base_name(part) for part in parts)
    bases = [b for b in bases if slugify(b)]
    if not bases:
        return None
    slug = "-".join(slugify(b) for b in bases)
    name = normal_case(join_names(bases))
    synonyms = _unique(
        [normal_case(part.lower()) for part in parts if fold(part) != fold(base_name(part))]
        + [normal_case(g.lower()) for g in generics[1:]]
    )
    synonyms = [s for s in synonyms if fold(s) != fold(name)]
    brands = _unique(
        label_brand(b) for b in brand_names if b.strip() and not _is_generic_like(b, bases)
    )
    return DrugNames(
        slug=slug,
        name=name,
        brands=tuple(brands),
        synonyms=tuple(synonyms),
        ingredients=tuple(bases),
        generic_names=tuple(normal_case(g.lower()) for g in generics),
    )


def _is_generic_like(brand: str, bases: Sequence[str]) -> bool:
    """Whether a "brand name" only repeats the generic name ("Warfarin Sodium", "Ledipasvir
    and Sofosbuvir", "Gentamicin Sulfate in Sodium Chloride")."""
    folded = fold(brand.replace("®", " ").replace("™", " "))
    brand_bases = {base_name(p) for p in split_ingredients(folded)}
    if brand_bases == set(bases) or folded == fold(join_names(bases)):
        return True
    return folded == bases[0] or folded.startswith(bases[0] + " ")


def _unique(values: Iterable[str]) -> list[str]:
    seen: dict[str, str] = {}
    for value in values:
        key = fold(value)
        if key and key not in seen:
            seen[key] = value
    return list(seen.values())


# --------------------------------------------------------------------------- provenance

_FORM_WORDS = (
    "extended-release tablets|delayed-release tablets|delayed-release capsules|"
    "extended-release capsules|orally disintegrating tablets|chewable tablets|"
    "film-coated tablets|tablets|tablet|capsules|capsule|for injectable suspension|"
    "injectable suspension|for injection|injection|for oral suspension|oral suspension|"
    "oral solution|ophthalmic solution|ophthalmic suspension|nasal spray|inhalation aerosol|"
    "inhalation powder|inhalation solution|transdermal system|topical solution|cream|ointment|"
    "gel|lotion|foam|shampoo|suppositories|suppository|syrup|elixir|granules|powder|patch|"
    "implant|kit|solution|suspension|spray|film|lozenge|emulsion"
)
_FORM_AFTER = re.compile(
    r"(?:-[a-z]{4}\b)?\s*\)?\s*(?:[®™]\s*)?\)?\s*"  # a biologic's suffix ("-hziy"), ")"
    r"(?:\d[\d.,]*\s*(?:mg|mcg|g|ml|units?|iu|%)(?:\s*/\s*\w+)?\s*)?"  # a strength
    rf"({_FORM_WORDS})\b",
    re.IGNORECASE,
)
_PLURAL_FORMS = {"tablet": "tablets", "capsule": "capsules", "suppository": "suppositories"}


def find_dosage_form(texts: Iterable[str], names: Sequence[str]) -> str:
    """The dosage form words that follow one of ``names`` in the label text ("tablets",
    "injection", "oral solution"…), the most frequent one; "" when none is found."""
    patterns = [
        re.compile(r"\b" + r"\s+".join(map(re.escape, n.split())) + r"\b", re.IGNORECASE)
        for n in names
        if n.strip()
    ]
    counts: dict[str, int] = {}
    for text in texts:
        for pattern in patterns:
            for match in pattern.finditer(text[:20000]):
                form = _FORM_AFTER.match(text, match.end())
                if form is not None:
                    word = form.group(1).lower()
                    word = _PLURAL_FORMS.get(word, word)
                    counts[word] = counts.get(word, 0) + 1
    if not counts:
        return ""
    return max(counts.items(), key=lambda kv: kv[1])[0]


def form_from_code(display_name: str) -> str:
    """An SPL form code name in words: ``"TABLET, FILM COATED"`` → ``"tablets"``."""
    head = display_name.split(",", 1)[0].strip().lower()
    return _PLURAL_FORMS.get(head, head)


def product_title(brand: str, generic: str, form: str) -> str:
    """``"Lipitor (atorvastatin calcium) tablets"``; without a brand ``"Haloperidol tablets"``."""
    generic_text = normal_case(" ".join(generic.split()).lower()) if generic else ""
    if brand:
        inner = f" ({generic_text[:1].lower() + generic_text[1:]})" if generic_text else ""
        return " ".join(f"{brand}{inner} {form}".split())
    return " ".join(f"{generic_text} {form}".split())


def label_date(value: object) -> date | None:
    """A date from a label's ``YYYYMMDD`` (longer timestamps are cut); None when invalid."""
    text = str(value or "").strip()
    if len(text) < 8 or not text[:8].isdigit():
        return None
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        return None


def label_version(value: object) -> int | None:
    """The SPL version number (openFDA writes it as a string); None when it is not a number."""
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


def provenance_note(
    parts: Sequence[str],
    manufacturer: str,
    set_id: str,
    version: int | None,
    effective: date | None,
) -> str:
    """``"Official FDA labeling (prescribing information; Medication Guide), Pfizer, set id …,
    version 38, effective 2022-12-01"``; ``parts`` names what the labeling holds."""
    facts = [f"Official FDA labeling ({'; '.join(parts)})"]
    if manufacturer:
        facts.append(manufacturer)
    if set_id:
        facts.append(f"set id {set_id}")
    if version is not None:
        facts.append(f"version {version}")
    if effective is not None:
        facts.append(f"effective {effective.isoformat()}")
    return ", ".join(facts)


# --------------------------------------------------------------------------- markdown text

_NEEDS_ESCAPE = re.compile(r"[\\`*_\[\]{}&<]")
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]{}])")
_ANGLE = re.compile(r"<(?=[A-Za-z/!?])")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_BLOCK_START = re.compile(r"^(\s*)(#|>|[-+](?=\s|$)|-{3,}|\d+(?=[.)]))")


def collapse(text: str) -> str:
    """All whitespace runs as one space, outer spaces removed."""
    return " ".join(text.split())


def escape_inline(text: str) -> str:
    """Escape plain label text for use inside a markdown line (``*``, ``_``, brackets, tags)."""
    if not text or not _NEEDS_ESCAPE.search(text):
        return text
    text = _INLINE_SPECIAL.sub(r"\\\1", text)
    text = _ENTITY.sub("&amp;", text)
    return _ANGLE.sub("&lt;", text)


def escape_block_start(line: str) -> str:
    """Escape what would make a line of plain text a heading, list, quote or rule."""
    if line.startswith((":", "~")):
        return f"&#{ord(line[0])};" + line[1:]
    match = _BLOCK_START.match(line)
    if match is None:
        return line
    marker = match.group(2)
    start = match.start(2)
    if marker[0].isdigit():
        end = match.end(2)
        return line[:end] + "\\" + line[end:]
    return line[:start] + "\\" + line[start:]


def escape_text(text: str) -> str:
    """Plain text (one line) as literal markdown: inline characters and a block start escaped."""
    return escape_block_start(escape_inline(collapse(text)))


# --------------------------------------------------------------------------- element trees


def local_name(tag: object) -> str:
    """An element's tag without namespace, lower case (``{urn:hl7-org:v3}section`` →
    ``section``); "" for comments and processing instructions."""
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1].lower()


def attribute(element: ET.Element, name: str) -> str:
    """An attribute by name, whatever its case (``styleCode`` / ``stylecode``); "" if absent."""
    direct = element.attrib.get(name)
    if direct is not None:
        return direct
    if not element.attrib:
        return ""
    wanted = name.lower()
    for key, value in element.attrib.items():
        if key.rsplit("}", 1)[-1].lower() == wanted:
            return value
    return ""


def children(element: ET.Element, name: str) -> list[ET.Element]:
    """The child elements with this local name."""
    return [child for child in element if local_name(child.tag) == name]


def child(element: ET.Element, name: str) -> ET.Element | None:
    """The first child element with this local name, or None."""
    for item in element:
        if local_name(item.tag) == name:
            return item
    return None


def text_of(element: ET.Element | None) -> str:
    """All text inside an element, whitespace collapsed ("" for None)."""
    if element is None:
        return ""
    return collapse(" ".join(element.itertext()))


_VOID_TAGS = frozenset({"br", "col", "img", "hr", "area", "wbr", "input", "meta", "link"})


_IMPLIED_CLOSE = {
    "td": frozenset({"td", "th"}),
    "th": frozenset({"td", "th"}),
    "tr": frozenset({"td", "th", "tr"}),
    "li": frozenset({"li"}),
    "item": frozenset({"item"}),
}


class _FragmentBuilder(HTMLParser):
    """Builds an ElementTree from an HTML fragment, closing what the fragment leaves open."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = ET.Element("fragment")
        self._stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Open an element (void elements such as ``<br>`` close at once)."""
        self._close_implied(tag)
        element = ET.SubElement(self._stack[-1], tag, {k: v or "" for k, v in attrs})
        if tag not in _VOID_TAGS:
            self._stack.append(element)

    def _close_implied(self, tag: str) -> None:
        """HTML lets a new cell close the open one, and a new row the open row."""
        closes = _IMPLIED_CLOSE.get(tag)
        while closes and len(self._stack) > 1 and self._stack[-1].tag in closes:
            self._stack.pop()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """A self-closed element (``<col/>``)."""
        ET.SubElement(self._stack[-1], tag, {k: v or "" for k, v in attrs})

    def handle_endtag(self, tag: str) -> None:
        """Close the nearest open element of this name and all opened inside it."""
        for depth in range(len(self._stack) - 1, 0, -1):
            if self._stack[depth].tag == tag:
                del self._stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        """Text goes after the last child of the open element, or into it."""
        parent = self._stack[-1]
        if len(parent):
            parent[-1].tail = (parent[-1].tail or "") + data
        else:
            parent.text = (parent.text or "") + data


def parse_fragment(markup: str) -> ET.Element:
    """Parse an HTML/SPL fragment (openFDA's ``*_table`` strings) into an element tree.

    Well-formed fragments (nearly all) go through the XML parser, hardened against entity
    tricks; anything else through a forgiving HTML parser. The result is a ``fragment``
    element holding the fragment's top elements.
    """
    try:
        root: ET.Element = SafeET.fromstring(
            f"<fragment>{markup}</fragment>",
            forbid_dtd=True,
            forbid_entities=True,
            forbid_external=True,
        )
        return root
    except (ET.ParseError, ValueError):  # not well-formed (named HTML entities, stray tags)
        builder = _FragmentBuilder()
        builder.feed(markup)
        builder.close()
        return builder.root
