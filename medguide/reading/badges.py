"""Reading-grade badge: the label and colour band the window shows next to a section."""

from __future__ import annotations

from enum import StrEnum

from medguide.reading.grade import MAX_GRADE

GREEN_MAX = 6
AMBER_MAX = 8


class GradeBand(StrEnum):
    """How easy a text is to read: green ≤ grade 6, amber ≤ 8, red above, unknown unmeasured."""

    GREEN = "green"
    AMBER = "amber"
    RED = "red"
    UNKNOWN = "unknown"

    @property
    def colour(self) -> str:
        """Background colour of the badge (hex), readable with black text."""
        return _COLOURS[self]


_COLOURS = {
    GradeBand.GREEN: "#b7e4c7",
    GradeBand.AMBER: "#ffd8a8",
    GradeBand.RED: "#ffb3b3",
    GradeBand.UNKNOWN: "#dddddd",
}


def shown_grade(grade: float) -> int:
    """The whole-number grade a person sees (rounded; never below 1)."""
    return max(1, round(grade))


def grade_label(grade: float | None) -> str:
    """Badge text, for example ``"Reading level: grade 6"``."""
    if grade is None:
        return "Reading level: not measured"
    if grade >= MAX_GRADE:
        return f"Reading level: grade {round(MAX_GRADE)} or higher"
    return f"Reading level: grade {shown_grade(grade)}"


def grade_band(grade: float | None) -> GradeBand:
    """Colour band of a grade, judged on the whole number shown in the label."""
    if grade is None:
        return GradeBand.UNKNOWN
    shown = shown_grade(grade)
    if shown <= GREEN_MAX:
        return GradeBand.GREEN
    if shown <= AMBER_MAX:
        return GradeBand.AMBER
    return GradeBand.RED
