"""US and international spellings of the same drug name: ``resources/name_variants.tsv``.

The file is our own list of facts: each line pairs a US adopted name (USAN) with the
international (INN) or British (BAN) name of the same substance, such as albuterol and
salbutamol. At import a drug named by one side gets the other side as a synonym, so a US nurse
typing "chlorpheniramine" finds the page called "chlorphenamine" and the other way round.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from medguide.core.name_keys import name_key
from medguide.core.paths import resources_dir

VARIANTS_FILE = "name_variants.tsv"
_HEADER = "us_name"


class NameVariants:
    """The other spellings of a drug name, looked up by the name's key."""

    def __init__(
        self, others: Mapping[str, tuple[str, ...]], us_names: Mapping[str, str] | None = None
    ) -> None:
        """``others`` maps a name key to the other names of the same substance; ``us_names``
        maps the key of an international name to the key of its US name."""
        self._others = dict(others)
        self._us_names = dict(us_names or {})

    @classmethod
    def load(cls, path: Path | None = None) -> NameVariants:
        """Read the variants file (the shipped one by default); a missing file gives none."""
        source = path or resources_dir() / VARIANTS_FILE
        try:
            text = source.read_text(encoding="utf-8")
        except OSError:
            return cls({})
        return cls.from_pairs(parse_variants(text))

    @classmethod
    def from_pairs(cls, pairs: list[tuple[str, str]]) -> NameVariants:
        """Variants from (US name, international name) pairs, usable in both directions."""
        others: dict[str, list[str]] = {}
        us_names: dict[str, str] = {}
        for first, second in pairs:
            us_names.setdefault(name_key(second), name_key(first))
            for name, other in ((first, second), (second, first)):
                found = others.setdefault(name_key(name), [])
                if other not in found:
                    found.append(other)
        return cls({key: tuple(names) for key, names in others.items()}, us_names)

    def __len__(self) -> int:
        return len(self._others)

    def others(self, name: str) -> tuple[str, ...]:
        """The other spellings of ``name`` (empty when it has none)."""
        return self._others.get(name_key(name), ())

    def us_name(self, key: str) -> str:
        """The key of the US name of a name key (the key itself when it is not an
        international name: ``"paracetamol"`` → ``"acetaminophen"``)."""
        return self._us_names.get(key, key)


def parse_variants(text: str) -> list[tuple[str, str]]:
    """The pairs of a variants file; comment, header and malformed lines are skipped."""
    pairs: list[tuple[str, str]] = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = [" ".join(cell.split()) for cell in line.split("\t")]
        if len(cells) != 2 or cells[0] == _HEADER or not all(cells):
            continue
        pairs.append((cells[0], cells[1]))
    return pairs
