"""Content rules of the shipped glossary: variants mean the same as their term, explanations fit
inside brackets, and real sentences get the right explanation in patient mode."""

from __future__ import annotations

import re
from html import unescape

import pytest

from medguide.core.model import Audience
from medguide.reading.annotate import Medium, annotate_html
from medguide.reading.glossary import Glossary


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return Glossary.load()


def _pieces(phrase: str) -> set[str]:
    """The single words of a multi-word phrase (split at spaces and hyphens), lower case."""
    words = [w for w in re.split(r"[\s\-]+", phrase.lower()) if w]
    return set(words) if len(words) > 1 else set()


def test_no_variant_is_a_fragment_of_a_multi_word_form(glossary: Glossary) -> None:
    # "atrial" is not "atrial fibrillation", "pylori" is not "Helicobacter pylori"
    offenders = []
    for entry in glossary:
        phrases = [entry.term, *(v for v in entry.variants if _pieces(v))]
        fragments = set().union(*(_pieces(p) for p in phrases))
        for variant in entry.variants:
            if variant.lower() in fragments:
                offenders.append(f"{entry.term} | {variant}")
    assert offenders == []


def test_no_variant_is_a_term_of_its_own_elsewhere(glossary: Glossary) -> None:
    owner: dict[str, str] = {}
    clashes = []
    for entry in glossary:
        for form in entry.forms:
            key = form.lower()
            if key in owner and owner[key] != entry.term:
                clashes.append(f"{form}: {owner[key]} / {entry.term}")
            owner.setdefault(key, entry.term)
    assert clashes == []


def test_explanations_fit_inside_brackets(glossary: Glossary) -> None:
    # printed as "word (explanation)": no full stop, no nested brackets, one short phrase
    bad = [e.term for e in glossary if re.search(r"[.()]", e.explanation)]
    assert bad == []
    long = [e.term for e in glossary if len(e.explanation.split()) > 16]
    assert long == []


def test_no_form_is_explained_by_itself(glossary: Glossary) -> None:
    # "dry mouth (dry mouth)" tells a patient nothing
    same = [e.term for e in glossary if e.explanation.lower() in {f.lower() for f in e.forms}]
    assert same == []


def test_glossary_is_large_enough(glossary: Glossary) -> None:
    assert len(glossary) >= 400


_NOTE = re.compile(
    r'<span class="term" title="[^"]*">([^<]*)</span><span class="term-note"> \(([^<]*)\)</span>'
)


def _notes(html: str, glossary: Glossary) -> dict[str, str]:
    """Marked word (lower case) -> bracketed explanation shown after it."""
    out = annotate_html(html, glossary, Audience.PATIENT, Medium.SCREEN)
    return {unescape(word).lower(): unescape(note) for word, note in _NOTE.findall(out)}


# (sentence, word as it is marked, the bracket text a patient should see after it)
CASES = [
    (
        "Surgery to take out the spleen may be needed.",
        "spleen",
        "an organ on the left side of the belly that filters the blood",
    ),
    ("Some people get splenomegaly.", "splenomegaly", "a spleen that is bigger than normal"),
    (
        "It can cause atrial fibrillation in older adults.",
        "atrial fibrillation",
        "a fast, uneven heartbeat",
    ),
    ("Tell us if you have atrial flutter.", "atrial", "about the upper chambers of the heart"),
    (
        "Do not use it soon after a myocardial infarction.",
        "myocardial infarction",
        "a heart attack",
    ),
    ("It may cause myocardial damage.", "myocardial", "about the heart muscle"),
    (
        "Taking steroids at the same time raises the risk.",
        "steroids",
        "a medicine like some body hormones, often used to calm swelling",
    ),
    ("It is given into a vein.", "vein", "a blood vessel that carries blood back to the heart"),
    (
        "Call us if you have shortness of breath.",
        "shortness of breath",
        "a hard time getting enough air",
    ),
    ("A runny nose is common.", "runny nose", "a nose that drips"),
    ("It treats a peptic ulcer.", "peptic ulcer", "a sore in the lining of the stomach or gut"),
    (
        "For adults with diabetes mellitus.",
        "diabetes mellitus",
        "diabetes: too much sugar in the blood",
    ),
    ("It lowers uric acid.", "uric acid", "a waste product that can cause gout when too high"),
    (
        "Hot flashes are common after menopause.",
        "menopause",
        "the time when a woman's periods stop for good",
    ),
    (
        "Women who are postmenopausal.",
        "postmenopausal",
        "after a woman's periods have stopped for good",
    ),
    ("It eases acid reflux.", "reflux", "when stomach acid flows back up into the food pipe"),
    ("Your eGFR will be checked.", "egfr", "a number that shows how well the kidneys work"),
    ("It can harm glomerular cells.", "glomerular", "about the kidney's tiny filters"),
    ("Child-Pugh class B.", "child-pugh", "a score doctors use to rate liver disease"),
    (
        "It treats Helicobacter pylori.",
        "helicobacter pylori",
        "a germ that can cause stomach ulcers",
    ),
    (
        "A clot in a deep vein of the leg.",
        "clot",
        "a lump of thick blood that can block blood flow",
    ),
    ("It can slow clotting.", "clotting", "blood turning thick to stop bleeding"),
]


@pytest.mark.parametrize(("sentence", "word", "expected"), CASES)
def test_sentence_gets_the_right_explanation(
    glossary: Glossary, sentence: str, word: str, expected: str
) -> None:
    notes = _notes(f"<p>{sentence}</p>", glossary)
    assert notes.get(word) == expected, notes


def test_fragments_of_a_term_are_not_marked_separately(glossary: Glossary) -> None:
    # the whole term is marked once; its single words get no bracket of their own
    notes = _notes("<p>Atrial fibrillation and myocardial infarction.</p>", glossary)
    assert notes == {
        "atrial fibrillation": "a fast, uneven heartbeat",
        "myocardial infarction": "a heart attack",
    }
