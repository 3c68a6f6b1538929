"""What the window needs from the layers below, as typing protocols.

The composition root (``medguide.app``) hands real ``Repository``/``SearchEngine``/``Importer``
objects to the window; tests hand small fakes. Nothing in ``medguide.ui`` constructs them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from medguide.core.model import ImportReport
from medguide.core.views import DrugPage, DrugSummary, RecentEntry, SearchResponse

ProgressCallback = Callable[[int, int, str], None]
CancelCallback = Callable[[], bool]


class DrugReader(Protocol):
    """The part of ``medguide.store.repository.Repository`` the window uses."""

    def is_empty(self) -> bool:
        """True when no drug is stored."""
        ...

    def resolve(self, name: str) -> str | None:
        """The slug of a drug from its name, an alias or its slug (exact, any case)."""
        ...

    def list_drugs(self) -> list[DrugSummary]:
        """Every drug, sorted by name."""
        ...

    def get_drug(self, slug: str) -> DrugPage | None:
        """One drug's page, or None."""
        ...

    def favourites(self) -> list[DrugSummary]:
        """The starred drugs."""
        ...

    def is_favourite(self, slug: str) -> bool:
        """True when the drug is starred."""
        ...

    def set_favourite(self, slug: str, on: bool) -> None:
        """Star or unstar a drug."""
        ...

    def record_view(self, slug: str) -> None:
        """Remember that a drug was opened."""
        ...

    def recent(self, limit: int = 20) -> list[RecentEntry]:
        """The most recently opened drugs, newest first."""
        ...


class Searcher(Protocol):
    """The part of ``medguide.store.search.SearchEngine`` the window uses."""

    def search(self, query: str, limit: int = 50) -> SearchResponse:
        """Search drugs; never raises on any query text."""
        ...

    def reload(self) -> None:
        """Re-read the names after an import."""
        ...


ImportFunction = Callable[
    [Sequence[Path], ProgressCallback | None, CancelCallback | None], ImportReport
]


@dataclass(frozen=True)
class Services:
    """Everything the window talks to, built once by the composition root."""

    repository: DrugReader
    search: Searcher
    import_paths: ImportFunction
    library_dir: Path
