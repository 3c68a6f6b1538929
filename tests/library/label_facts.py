"""What a library page must share with its openFDA label: one :class:`LabelFacts` per drug.

The rows live in ``facts_*.py`` beside this module, one module per writer group, so that groups
writing pages at the same time never edit one file; :func:`all_facts` gathers them.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.library.pages import AUDIENCES, load_label

DOSING = "dosage_and_administration"


@dataclass(frozen=True)
class LabelFacts:
    """What one drug's pages must share with its openFDA label."""

    slug: str
    set_id: str
    application: str  # as openFDA writes it, e.g. NDA022291; pages cite it as "NDA 022291"
    generic: str  # one of the label's openfda generic names, exactly
    # label field → (our professional section, figures that stand in both)
    figures: dict[str, tuple[str, tuple[str, ...]]]
    # boxed-warning topics, in the label and in ``boxed_section``; () = the label has none
    # and ``boxed_section`` says "no boxed warning"
    boxed: tuple[str, ...] = ()
    boxed_section: str = "boxed warning"
    cited_by: tuple[str, ...] = AUDIENCES  # pages whose sources name the set id and number

    def label(self, shared_dir: Path) -> dict[str, Any]:
        """This drug's openFDA label record (by set id and application number)."""
        return load_label(shared_dir, set_id=self.set_id, application=self.application)


def all_facts() -> tuple[LabelFacts, ...]:
    """Every row of every ``facts_*.py`` module of this folder, in module then row order."""
    rows: list[LabelFacts] = []
    for module_file in sorted(Path(__file__).parent.glob("facts_*.py")):
        module = importlib.import_module(f"tests.library.{module_file.stem}")
        rows.extend(module.LABELS)
    return tuple(rows)
