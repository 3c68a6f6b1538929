"""The Fernández-Huerta meter against hand-counted Spanish words and passages."""

from __future__ import annotations

import pytest

from medguide.reading.spanish_grade import (
    count_spanish,
    fernandez_huerta_of_markdown,
    sentences_of,
    syllables,
)

# Each word split by hand into its syllables (hiatus, diphthongs, silent u, h, ñ).
HAND_COUNTED = {
    "medicina": "me-di-ci-na",
    "agua": "a-gua",
    "día": "dí-a",
    "ibuprofeno": "i-bu-pro-fe-no",
    "paracetamol": "pa-ra-ce-ta-mol",
    "corazón": "co-ra-zón",
    "hígado": "hí-ga-do",
    "embarazo": "em-ba-ra-zo",
    "ahora": "a-ho-ra",
    "presión": "pre-sión",
    "riñón": "ri-ñón",
    "leer": "le-er",
    "poeta": "po-e-ta",
    "río": "rí-o",
    "aorta": "a-or-ta",
    "baúl": "ba-úl",
    "cuidado": "cui-da-do",
    "fuego": "fue-go",
    "que": "que",
    "guerra": "gue-rra",
    "pingüino": "pin-güi-no",
    "muy": "muy",
    "náuseas": "náu-se-as",
    "insulina": "in-su-li-na",
    "diarrea": "dia-rre-a",
    "mareo": "ma-re-o",
}


@pytest.mark.parametrize(("word", "split"), sorted(HAND_COUNTED.items()))
def test_syllables_of_hand_counted_words(word: str, split: str) -> None:
    """The meter counts the syllables a person counts."""
    assert syllables(word) == len(split.split("-"))


def test_numbers_count_one_syllable() -> None:
    """A figure such as 911 or 500 counts as one word of one syllable, as in the English meter."""
    assert syllables("911") == 1


@pytest.mark.parametrize(
    ("text", "words", "syllable_count", "sentences", "index"),
    [
        # Tome(2) la(1) pastilla(3) con(1) agua(2) / No(1) la(1) mastique(3)
        ("Tome la pastilla con agua. No la mastique.", 8, 14, 2, 97.76),
        # El(1) médico(3) le(1) dirá(2) cuánto(2) tomar(2) / Llame(2) al(1) 911(1) si(1)
        # tiene(2) dolor(2) en(1) el(1) pecho(2)
        (
            "El médico le dirá cuánto tomar. Llame al 911 si tiene dolor en el pecho.",
            15,
            24,
            2,
            103.19,
        ),
    ],
)
def test_hand_counted_passages(
    text: str, words: int, syllable_count: int, sentences: int, index: float
) -> None:
    """Counts and index of short passages counted by hand."""
    counts = count_spanish(text)
    assert (counts.words, counts.syllables, counts.sentences) == (words, syllable_count, sentences)
    assert counts.index == pytest.approx(index, abs=0.01)


def test_questions_and_accented_capitals_start_sentences() -> None:
    """¿…? and a sentence opening with an accented capital are split like any other."""
    assert sentences_of("Tome una pastilla. ¿Olvidó una dosis? Él le dirá.") == [
        "Tome una pastilla.",
        "¿Olvidó una dosis?",
        "Él le dirá.",
    ]


def test_bullets_are_sentences_and_long_words_read_harder() -> None:
    """A bullet list is not one long sentence; long medical words lower the index."""
    plain = fernandez_huerta_of_markdown("- Tome agua.\n- Coma algo.\n- Camine un poco.")
    hard = fernandez_huerta_of_markdown(
        "La hipercalcemia y la insuficiencia renal contraindican la administración."
    )
    assert plain is not None and hard is not None
    assert plain > 80 > 40 > hard


def test_no_words_gives_no_index() -> None:
    """Nothing to measure."""
    assert fernandez_huerta_of_markdown("  \n---\n") is None
