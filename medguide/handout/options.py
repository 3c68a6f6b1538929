"""What a handout contains and how large it prints: the choices of the handout dialog."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from medguide.core.model import Audience, SectionKind


class PrintSize(StrEnum):
    """Body text size of a handout."""

    NORMAL = "normal"
    LARGE = "large"
    EXTRA_LARGE = "extra-large"

    @property
    def points(self) -> int:
        return {PrintSize.NORMAL: 11, PrintSize.LARGE: 14, PrintSize.EXTRA_LARGE: 18}[self]

    @property
    def label(self) -> str:
        return {
            PrintSize.NORMAL: "Normal (11 pt)",
            PrintSize.LARGE: "Large print (14 pt)",
            PrintSize.EXTRA_LARGE: "Extra large (18 pt)",
        }[self]


# The short handout: what a patient needs to take the medicine safely.
DEFAULT_SECTIONS: tuple[SectionKind, ...] = (
    SectionKind.USAGE,
    SectionKind.SIDE_EFFECTS,
    SectionKind.DOSAGE,
    SectionKind.PRECAUTIONS,
    SectionKind.FAQ,
)


@dataclass(frozen=True)
class HandoutOptions:
    """The choices for one handout. ``patient_name`` and ``date`` are printed, never stored."""

    sections: tuple[SectionKind, ...] = DEFAULT_SECTIONS
    audience: Audience = Audience.PATIENT
    print_size: PrintSize = PrintSize.NORMAL
    patient_name: str = ""
    date: date | None = None
    note: str = ""

    def ordered_sections(self) -> tuple[SectionKind, ...]:
        """The chosen sections in tab order (Overview first when chosen)."""
        order = (SectionKind.OVERVIEW, *SectionKind.tab_order())
        return tuple(kind for kind in order if kind in self.sections)
