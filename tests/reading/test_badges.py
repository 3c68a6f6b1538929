"""Reading-level badge text and colour bands."""

from __future__ import annotations

import pytest

from medguide.reading.badges import GradeBand, grade_band, grade_label


@pytest.mark.parametrize(
    ("grade", "label", "band"),
    [
        (5.6, "Reading level: grade 6", GradeBand.GREEN),
        (6.4, "Reading level: grade 6", GradeBand.GREEN),
        (6.6, "Reading level: grade 7", GradeBand.AMBER),
        (8.0, "Reading level: grade 8", GradeBand.AMBER),
        (8.6, "Reading level: grade 9", GradeBand.RED),
        (14.2, "Reading level: grade 14", GradeBand.RED),
        (-0.7, "Reading level: grade 1", GradeBand.GREEN),
        (None, "Reading level: not measured", GradeBand.UNKNOWN),
    ],
)
def test_label_and_band(grade: float | None, label: str, band: GradeBand) -> None:
    assert grade_label(grade) == label
    assert grade_band(grade) is band


def test_bands_have_distinct_colours() -> None:
    colours = {band.colour for band in GradeBand}
    assert len(colours) == len(GradeBand)
    assert all(c.startswith("#") and len(c) == 7 for c in colours)
