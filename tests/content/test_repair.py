"""Text repair: mojibake, newlines, control characters and Unicode normalisation."""

from __future__ import annotations

import pytest

from medguide.content.repair import has_mojibake, repair_text


@pytest.mark.parametrize(
    ("broken", "fixed"),
    [
        ("kidney clearance â‰¥30 mL/min", "kidney clearance ≥30 mL/min"),
        ("per mÂ² of body surface", "per m² of body surface"),
        ("the patientâ€™s dose", "the patient’s dose"),
        ("cafÃ© au lait spots", "café au lait spots"),
        ("range 2â€“4 weeks", "range 2–4 weeks"),
    ],
)
def test_mojibake_is_repaired(broken: str, fixed: str) -> None:
    assert has_mojibake(broken)
    assert repair_text(broken) == fixed


@pytest.mark.parametrize(
    "clean",
    [
        "Plain ASCII text with numbers 1-10 and symbols <= >= %.",
        "Proper symbols stay: ≥ ≤ µg m² 10×10⁹/L – café.",
        "Naïve über façade résumé (accents are not mojibake).",
    ],
)
def test_clean_text_is_left_alone(clean: str) -> None:
    assert not has_mojibake(clean)
    assert repair_text(clean) == clean


def test_newlines_are_normalised() -> None:
    assert repair_text("one\r\ntwo\rthree\n") == "one\ntwo\nthree\n"


def test_control_characters_are_removed_but_tabs_kept() -> None:
    assert repair_text("a\x00b\x07c\td\u200be\ufefff") == "abc\tdef"


def test_result_is_nfc() -> None:
    decomposed = "cafe\u0301"
    assert repair_text(decomposed) == "caf\u00e9"
