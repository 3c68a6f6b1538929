"""Structure, reading ease and figures of every Spanish patient page (``patient.es.md``).

Read with plain Python like the English pages (:mod:`tests.library.pages`). The names and the
sources must match the drug's English pages, every dose figure of the English Dosage section
must stand in the Spanish Dosis section, and every section must read at Fernández-Huerta 60 or
above by the app's meter and by textstat's, with a library median of 70 or above.
"""

from __future__ import annotations

import re
import statistics

import pytest
import textstat

from medguide.reading.spanish_grade import fernandez_huerta_of_markdown
from tests.library.pages import LIBRARY, read_page
from tests.library.readability import plain_sentences

SPANISH_DRUGS = tuple(sorted(p.parent.name for p in LIBRARY.glob("*/patient.es.md")))
SPANISH_SECTIONS = (
    "puntos clave",
    "para qué sirve",
    "efectos secundarios",
    "cómo funciona",
    "dosis",
    "precauciones",
    "preguntas frecuentes",
)
SAME_AS_ENGLISH = ("title", "slug", "ingredients", "drug_class")
MIN_EASE = 60.0
MIN_MEDIAN_EASE = 70.0
BULLET = re.compile(r"(?m)^[-*] \S")
BOLD_LABEL = re.compile(r"\*\*([^*]+)\*\*")
AVOID = re.compile(
    r"\b(?:evite|no (?:l[ao]s? )?(?:tome|use|mezcle|beba|coma|combine))\b", re.IGNORECASE
)
# a dose figure: a number and its unit ("500 mg", "4,000 mg", "0.5 mL", "50,000 IU")
FIGURE = re.compile(
    r"\b(\d+(?:[.,]\d+)*)\s*(mg|mcg|g|ml|mL|units|unidades|IU|UI|microgramos|%)\b", re.IGNORECASE
)
UNIT_NAMES = {"units": "unit", "unidades": "unit", "iu": "iu", "ui": "iu", "microgramos": "mcg"}


def _figures(text: str) -> set[tuple[str, str]]:
    """The (number, unit) pairs of a text, thousands separators and unit spellings evened out."""
    found = set()
    for number, unit in FIGURE.findall(text):
        digits = re.sub(r"(?<=\d)[,](?=\d{3}\b)", "", number)
        found.add((digits, UNIT_NAMES.get(unit.lower(), unit.lower())))
    return found


def _independent_ease(markdown: str) -> float:
    """textstat's Fernández-Huerta index, one sentence per line as in the app."""
    textstat.set_lang("es")
    try:
        return float(textstat.fernandez_huerta(plain_sentences(markdown)))
    finally:
        textstat.set_lang("en_US")


@pytest.mark.parametrize("slug", SPANISH_DRUGS)
def test_spanish_page_structure(slug: str) -> None:
    """Front matter, headings, key points, questions and the actions a patient must know."""
    page, english = read_page(slug, "patient.es"), read_page(slug, "patient")
    meta = page.meta
    assert meta["language"] == "es" and meta["audience"] == "patient"
    assert meta["local_title"] and meta["local_drug_class"]
    for key in SAME_AS_ENGLISH:
        assert meta.get(key) == english.meta.get(key), key
    assert meta["aliases"]["brand"] == english.meta["aliases"]["brand"]
    assert meta["review_status"] == "unreviewed" and meta["ai_generated"] is True
    assert meta["translated_from"] == "patient.md"
    assert meta["sources"] == english.meta["sources"]
    assert not page.preamble.strip()
    assert page.order == SPANISH_SECTIONS
    assert len(BULLET.findall(page.body("puntos clave"))) in range(3, 6)
    questions = re.findall(r"(?m)^### (.+)$", page.body("preguntas frecuentes"))
    assert len(questions) >= 5
    assert all(q.strip().startswith("¿") and q.strip().endswith("?") for q in questions)
    assert any("olvid" in q.lower() for q in questions), "no FAQ on a missed dose"
    labels = " | ".join(BOLD_LABEL.findall(page.body("efectos secundarios")))
    assert "911" in labels, "no bold label saying when to call 911"
    assert "mismo día" in labels.lower(), "no bold label saying when to call the same day"
    avoid = " | ".join(BOLD_LABEL.findall(page.body("precauciones")))
    assert AVOID.search(avoid), "no bold label saying what not to take with it"


@pytest.mark.parametrize("slug", SPANISH_DRUGS)
def test_spanish_page_reads_easily(slug: str) -> None:
    """Every section at Fernández-Huerta 60 or above, by both meters, with its heading or not."""
    page = read_page(slug, "patient.es")
    for name, section in page.sections.items():
        for text in (section.text, section.body):
            ours = fernandez_huerta_of_markdown(text)
            assert ours is not None and ours >= MIN_EASE, f"{name}: {ours}"
            theirs = _independent_ease(text)
            assert theirs >= MIN_EASE, f"{name}: independent {theirs:.1f}"


@pytest.mark.parametrize("slug", SPANISH_DRUGS)
def test_spanish_dosage_keeps_every_figure(slug: str) -> None:
    """Each dose figure of the English Dosage section stands in the Spanish Dosis section."""
    english = _figures(read_page(slug, "patient").body("dosage"))
    spanish = _figures(read_page(slug, "patient.es").body("dosis"))
    assert english <= spanish, sorted(english - spanish)


def test_median_ease_of_the_spanish_library() -> None:
    """Over all Spanish pages the lower median of the section indexes is 70 or above."""
    if not SPANISH_DRUGS:
        pytest.skip("no Spanish pages yet")
    eases = [
        fernandez_huerta_of_markdown(section.text)
        for slug in SPANISH_DRUGS
        for section in read_page(slug, "patient.es").sections.values()
    ]
    assert all(e is not None for e in eases)
    assert statistics.median_low(e for e in eases if e is not None) >= MIN_MEDIAN_EASE
