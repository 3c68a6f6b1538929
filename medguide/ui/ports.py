"""What the window needs from the layers below, as typing protocols.

The composition root (``medguide.app``) opens a ``medguide.store.collection.Collection`` and
hands it to the window as a ``Store``; tests hand small fakes. mypy checks that the real
collection satisfies these protocols where ``app`` passes it in. Nothing in ``medguide.ui``
builds a database, a repository, a search engine or an importer.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

from medguide.core.changes import Changes
from medguide.core.model import Audience, ImportReport, SectionKind
from medguide.core.views import DrugPage, DrugSummary, Letterhead, RecentEntry, SearchResponse

ProgressCallback = Callable[[int, int, str], None]
CancelCallback = Callable[[], bool]
ChangeListener = Callable[[Changes], None]


class ContentReader(Protocol):
    """Reading drug pages and the clinic's data (``medguide.store.repository.Repository``)."""

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

    def recent(self, limit: int = 20) -> list[RecentEntry]:
        """The most recently opened drugs, newest first."""
        ...

    def letterhead(self) -> Letterhead:
        """The clinic letterhead."""
        ...

    def clinic_note(self, slug: str) -> str:
        """The clinic's instruction for a drug ("" when none)."""
        ...


class Searcher(Protocol):
    """Searching drugs (``medguide.store.search.engine.SearchEngine``)."""

    def search(self, query: str, limit: int = 50) -> SearchResponse:
        """Search drugs; never raises on any query text."""
        ...


class Store(Protocol):
    """An open database, as the window sees it (``medguide.store.collection.Collection``).

    Every write returns the ``Changes`` it made and announces them to the subscribers, so the
    views refresh themselves; an import announces its changes when it wrote something.
    """

    @property
    def repository(self) -> ContentReader:
        """Reading pages and clinic data."""
        ...

    @property
    def search(self) -> Searcher:
        """The search engine (built on first use; call it off the UI thread)."""
        ...

    @property
    def path(self) -> Path:
        """The database file."""
        ...

    @property
    def read_only(self) -> bool:
        """Whether the file may be read but not changed (a read-only file or folder)."""
        ...

    def import_paths(
        self,
        paths: Sequence[Path],
        progress: ProgressCallback | None = None,
        cancel: CancelCallback | None = None,
    ) -> ImportReport:
        """Import files and folders as one batch."""
        ...

    def library_needs_loading(self) -> bool:
        """Whether the built-in library has not been loaded into this database yet."""
        ...

    def load_library(
        self, progress: ProgressCallback | None = None, cancel: CancelCallback | None = None
    ) -> ImportReport:
        """Import the built-in library."""
        ...

    def subscribe(self, listener: ChangeListener) -> Callable[[], None]:
        """Call ``listener`` after every change; returns the unsubscribe function."""
        ...

    def set_favourite(self, slug: str, on: bool) -> Changes:
        """Star or unstar a drug."""
        ...

    def record_view(self, slug: str) -> Changes:
        """Remember that a drug was opened."""
        ...

    def save_letterhead(self, letterhead: Letterhead) -> Changes:
        """Save the clinic letterhead."""
        ...

    def save_clinic_note(self, slug: str, text: str) -> Changes:
        """Save (or clear, with "") the clinic's instruction for a drug."""
        ...

    def save_override(
        self, slug: str, kind: SectionKind, audience: Audience, markdown: str
    ) -> Changes:
        """Store the clinic's wording of a section."""
        ...

    def revert_override(self, slug: str, kind: SectionKind, audience: Audience) -> Changes:
        """Drop the clinic's wording of a section."""
        ...
