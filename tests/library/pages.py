"""Plain readers for the starter-library tests: library pages, the clinic list, openFDA labels.

Pages are read with plain Python (YAML front matter plus ``## `` sections) so the tests do not
depend on the project's library reader. Labels come from ``corpora/openfda/labels.jsonl.gz``
and the clinic list from ``reference/common-drugs/top-100.tsv`` under the ``shared_dir`` the
caller passes in (the fixture of tests/conftest.py, which skips when ``../shared`` is absent).
Every reader caches what it read.
"""

from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

LIBRARY = Path(__file__).resolve().parents[2] / "resources" / "library"
AUDIENCES = ("patient", "professional")
SECTIONS = ("usage", "side effects", "how it works", "dosage", "precautions", "faq")
KEY_POINTS = "key points"  # first section of every patient page
BOXED_WARNING = "boxed warning"  # first section of a professional page whose label has one
# the first 24 starter drugs, by the writer group that drafted them (their own extra rules)
GROUPS: dict[str, tuple[str, ...]] = {
    "A": (
        "romiplostim",
        "eltrombopag",
        "avatrombopag",
        "lusutrombopag",
        "denosumab",
        "alendronate",
        "metformin",
        "romosozumab",
    ),
    "B": (
        "atorvastatin",
        "warfarin",
        "levothyroxine",
        "insulin-glargine",
        "lisinopril",
        "amlodipine",
        "hydrochlorothiazide",
        "apixaban",
    ),
    "C": (
        "omeprazole",
        "acetaminophen",
        "albuterol",
        "amoxicillin",
        "ibuprofen",
        "sertraline",
        "prednisone",
        "gabapentin",
    ),
}
FIRST_DRUGS = tuple(slug for group in GROUPS.values() for slug in group)
# every drug of the library: one folder each
DRUGS = tuple(sorted(p.name for p in LIBRARY.iterdir() if (p / "patient.md").is_file()))
LABELS = Path("corpora") / "openfda" / "labels.jsonl.gz"
TOP_100 = Path("reference") / "common-drugs" / "top-100.tsv"

_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n(.*)\Z", re.DOTALL)
_SECTION_START = re.compile(r"(?m)^(?=## )")
_QUESTION = re.compile(r"(?m)^### (.+)$")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3})")
_DASHES = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2013": "-", "\u2014": "-"})
_SPACED_HYPHEN = re.compile(r"\s*-\s*")


@dataclass(frozen=True)
class Section:
    """One ``## `` section of a page: its heading line and the text under it."""

    heading: str
    body: str

    @property
    def text(self) -> str:
        """Heading line and body together, as they stand in the file."""
        return f"{self.heading}\n{self.body}"


@dataclass(frozen=True)
class Page:
    """One library page: front matter, text before the first section, sections in file order."""

    slug: str
    audience: str
    meta: dict[str, Any]
    preamble: str
    sections: dict[str, Section]

    @property
    def order(self) -> tuple[str, ...]:
        """Section names (lower-case headings) in the order the file gives them."""
        return tuple(self.sections)

    def body(self, name: str) -> str:
        """The text under the ``## `` heading called ``name`` (lower case), heading excluded."""
        return self.sections[name].body

    def faq_questions(self) -> list[str]:
        """The ``### `` questions of the FAQ section, in order."""
        return _QUESTION.findall(self.body("faq")) if "faq" in self.sections else []

    def all_text(self) -> str:
        """Every section, headings included, as one string."""
        return "\n".join(section.text for section in self.sections.values())

    def names(self) -> set[str]:
        """Title, slug words, ingredients, brands and synonyms, lower case."""
        aliases = self.meta.get("aliases") or {}
        names = {str(self.meta.get("title", "")), self.slug.replace("-", " ")}
        names.update(str(n) for n in self.meta.get("ingredients") or ())
        if isinstance(aliases, dict):
            for values in aliases.values():
                names.update(str(n) for n in values or ())
        return {n.lower() for n in names if n}


@cache
def read_page(slug: str, audience: str) -> Page:
    """Read ``resources/library/<slug>/<audience>.md`` into a :class:`Page`.

    Raises ``ValueError`` when the file does not open with YAML front matter or the front
    matter is not a mapping.
    """
    text = (LIBRARY / slug / f"{audience}.md").read_text(encoding="utf-8")
    match = _FRONT_MATTER.match(text)
    if match is None:
        raise ValueError(f"{slug}/{audience}: no YAML front matter")
    meta = yaml.safe_load(match.group(1))
    if not isinstance(meta, dict):
        raise ValueError(f"{slug}/{audience}: front matter is not a mapping")
    chunks = _SECTION_START.split(match.group(2))
    sections: dict[str, Section] = {}
    for chunk in chunks[1:]:
        heading, _, body = chunk.partition("\n")
        sections[heading[3:].strip().lower()] = Section(heading=heading, body=body)
    return Page(slug, audience, meta, chunks[0], sections)


@dataclass(frozen=True)
class ClinicEntry:
    """One row of ``top-100.tsv``: a medicine as patients know it."""

    rank: int
    slug: str
    name: str
    ingredients: tuple[str, ...]
    brands: tuple[str, ...]


@cache
def clinic_list(shared_dir: Path) -> tuple[ClinicEntry, ...]:
    """The 100 rows of the clinic list, in rank order."""
    entries = []
    for line in (shared_dir / TOP_100).read_text(encoding="utf-8").splitlines():
        if not line or line.startswith(("#", "rank\t")):
            continue
        rank, slug, name, ingredients, brands = line.split("\t")
        entries.append(
            ClinicEntry(
                int(rank),
                slug,
                name,
                tuple(i for i in ingredients.split(";") if i),
                tuple(b for b in brands.split(";") if b),
            )
        )
    return tuple(entries)


@cache
def _label_index(path: Path) -> tuple[dict[str, dict[str, Any]], dict[str, list[str]]]:
    """Every label record in ``path`` by set id, and set ids by application number."""
    by_set_id: dict[str, dict[str, Any]] = {}
    by_application: dict[str, list[str]] = {}
    with gzip.open(path, "rt", encoding="utf-8") as stream:
        for line in stream:
            record: dict[str, Any] = json.loads(line)["result"]
            by_set_id[record["set_id"]] = record
            for number in record.get("openfda", {}).get("application_number", []):
                by_application.setdefault(number, []).append(record["set_id"])
    return by_set_id, by_application


def all_labels(shared_dir: Path) -> tuple[dict[str, Any], ...]:
    """Every openFDA label record in ``../shared``."""
    return tuple(_label_index(shared_dir / LABELS)[0].values())


def load_label(
    shared_dir: Path, *, set_id: str | None = None, application: str | None = None
) -> dict[str, Any]:
    """The openFDA label record with this set id and/or application number (e.g. NDA022291).

    With both, the record must match both. Raises ``LookupError`` when no record matches and
    when an application number alone matches more than one record.
    """
    by_set_id, by_application = _label_index(shared_dir / LABELS)
    if set_id is None:
        if application is None:
            raise TypeError("load_label needs a set id or an application number")
        candidates = by_application.get(application, [])
        if len(candidates) != 1:
            raise LookupError(f"{len(candidates)} labels carry {application}")
        set_id = candidates[0]
    record = by_set_id.get(set_id)
    if record is None:
        raise LookupError(f"no label with set id {set_id}")
    if application is not None and set_id not in by_application.get(application, []):
        raise LookupError(f"label {set_id} does not carry {application}")
    return record


def flat(text: str) -> str:
    """Text made comparable for figures: lower case, single spaces, one kind of hyphen.

    Dashes become ``-`` with no space around them, ``×`` becomes ``x`` and thousands
    separators go (``4,000`` → ``4000``), so a figure written either way matches.
    """
    text = _THOUSANDS.sub("", text.lower().replace("×", "x").translate(_DASHES))
    return " ".join(_SPACED_HYPHEN.sub("-", text).split())
