"""One open MedGuide database and everything that works on it: the front door of the store.

In the spirit of Anki's ``Collection``: the layers above never build a ``Database``,
``Repository``, search engine or importer themselves. They call ``open_collection`` (the one
place that builds them) and use its parts:

- ``repository``: reading drug pages, the drug list and the clinic's data;
- ``search``: the search engine, built on first use (off the start-up path) and reloaded after
  every import that wrote something;
- ``import_paths`` / ``load_library``: importing files, and the built-in library, which is
  loaded into a database that has not got the current one (a fresh file, or a file from an
  older MedGuide), the same way for the window and every command;
- the write operations (favourites, letterhead, clinic notes, clinic versions of sections…),
  each of which returns the ``Changes`` it made and announces them to every subscriber, so the
  views that show the data refresh themselves.

Subscribers are called on the thread that made the change (an import runs off the UI thread);
the UI turns the call into a queued Qt signal.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select

from medguide.core.changes import ANY_CONTENT, Changes
from medguide.core.model import Audience, ImportReport, SectionKind
from medguide.core.paths import library_dir
from medguide.core.views import Letterhead
from medguide.store.database import Database, DatabaseReadOnly, open_database
from medguide.store.importing.merge import MERGE_RULES_VERSION
from medguide.store.repository import Repository
from medguide.store.schema import StoreMetaRow

if TYPE_CHECKING:
    from medguide.store.importing.importer import CancelFn, Importer, ProgressFn
    from medguide.store.search.engine import SearchEngine

Listener = Callable[[Changes], None]
LIBRARY_KEY = "library_fingerprint"
"""``store_meta`` key of the fingerprint of the built-in library last loaded."""
MERGE_KEY = "substance_merge_rules"
"""``store_meta`` key of the version of the one-drug-per-substance rules last applied."""


def library_fingerprint(folder: Path) -> str:
    """sha256 over the relative paths and bytes of every page of a library folder."""
    digest = hashlib.sha256()
    for page in sorted(folder.rglob("*.md")):
        digest.update(page.relative_to(folder).as_posix().encode())
        digest.update(b"\0")
        digest.update(hashlib.sha256(page.read_bytes()).digest())
    return digest.hexdigest()


class Collection:
    """An open database with its repository, search engine and importer."""

    def __init__(self, db: Database, library: Path | None = None) -> None:
        self.db = db
        self.repository = Repository(db)
        self._library = library if library is not None else library_dir()
        self._engine: SearchEngine | None = None
        self._engine_lock = threading.Lock()
        self._listeners: list[Listener] = []
        self._listeners_lock = threading.Lock()

    @property
    def path(self) -> Path:
        """The database file."""
        return self.db.path

    @property
    def library(self) -> Path:
        """The built-in library folder this collection loads."""
        return self._library

    # ------------------------------------------------------------------ search

    @property
    def search(self) -> SearchEngine:
        """The search engine (built on first use, on whichever thread asks first)."""
        with self._engine_lock:
            if self._engine is None:
                from medguide.store.search.engine import SearchEngine

                self._engine = SearchEngine(self.db)
            return self._engine

    def _reload_search(self) -> None:
        """Re-read names into a search engine that was already built."""
        with self._engine_lock:
            engine = self._engine
        if engine is not None:
            engine.reload()

    # ------------------------------------------------------------------ importing

    def importer(self, workers: int | None = None, lock_wait: float | None = None) -> Importer:
        """A new importer on this database (``workers``: parsing processes, None = auto;
        ``lock_wait``: seconds to wait for another writer, None = the default)."""
        from medguide.store.importing.importer import Importer
        from medguide.store.locks import DEFAULT_WAIT_S

        wait = DEFAULT_WAIT_S if lock_wait is None else lock_wait
        return Importer(self.db, workers=workers, lock_wait=wait)

    def import_paths(
        self,
        paths: Sequence[Path],
        progress: ProgressFn | None = None,
        cancel: CancelFn | None = None,
        workers: int | None = None,
        lock_wait: float | None = None,
    ) -> ImportReport:
        """Import files and folders as one batch; announces the changes when it wrote any.
        Raises ``DatabaseReadOnly`` on a database that may not be written, ``DatabaseBusy``
        when another writer kept it busy for longer than ``lock_wait`` seconds."""
        self._writable()
        importer = self.importer(workers, lock_wait)
        report = importer.import_paths(paths, progress=progress, cancel=cancel)
        if not report.cancelled and (report.imported or report.updated):
            self._store(MERGE_KEY, MERGE_RULES_VERSION)  # a writing import merges as it goes
            self._reload_search()
            self.announce(ANY_CONTENT)
        return report

    def library_needs_loading(self) -> bool:
        """Whether the built-in library (as shipped) has not been loaded into this file yet."""
        if self.db.read_only or not self._library.is_dir():
            return False
        return self._stored(LIBRARY_KEY) != library_fingerprint(self._library)

    def load_library(
        self, progress: ProgressFn | None = None, cancel: CancelFn | None = None
    ) -> ImportReport:
        """Import the built-in library (unchanged pages are skipped) and remember which one."""
        fingerprint = library_fingerprint(self._library)
        report = self.import_paths([self._library], progress=progress, cancel=cancel)
        if not report.cancelled:
            self._store(LIBRARY_KEY, fingerprint)
            if self._stored(MERGE_KEY) != MERGE_RULES_VERSION:
                self.merge_duplicates()  # a file merged by older rules, or never
        return report

    def ensure_library(self, progress: ProgressFn | None = None) -> ImportReport | None:
        """Load the built-in library when this file has not got it (None when it had), and
        join duplicate drugs when the file was last merged by older rules."""
        report = self.load_library(progress) if self.library_needs_loading() else None
        if not self.db.read_only and self._stored(MERGE_KEY) != MERGE_RULES_VERSION:
            self.merge_duplicates()
        return report

    def merge_duplicates(self) -> dict[str, str]:
        """Join drugs that are one substance (see ``importing.merge``); merged slug → kept."""
        from medguide.store.importing.merge import merge_same_substance
        from medguide.store.importing.name_variants import NameVariants

        variants = NameVariants.load()
        with self.db.engine.begin() as conn:
            merged = merge_same_substance(conn, variants.us_name)
        self._store(MERGE_KEY, MERGE_RULES_VERSION)
        if merged:
            self._reload_search()
            self.announce(ANY_CONTENT)
        return merged

    # ------------------------------------------------------------------ clinic data

    @property
    def read_only(self) -> bool:
        """Whether the database may be read but not changed (a read-only file or folder)."""
        return self.db.read_only

    def _writable(self) -> None:
        if self.db.read_only:
            raise DatabaseReadOnly(
                f"{self.path} (or its folder) is read-only: MedGuide can show it but not "
                "change it; ask for write access or copy it to a folder you may write to"
            )

    def set_favourite(self, slug: str, on: bool) -> Changes:
        """Star or unstar a drug."""
        self._writable()
        self.repository.set_favourite(slug, on)
        return self.announce(Changes(favourites=True, drugs=frozenset({slug})))

    def record_view(self, slug: str) -> Changes:
        """Remember that a drug was opened (the recently viewed list); a read-only database
        simply does not remember."""
        if self.db.read_only:
            return Changes()
        self.repository.record_view(slug)
        return self.announce(Changes(history=True))

    def save_letterhead(self, letterhead: Letterhead) -> Changes:
        """Save the clinic letterhead."""
        self._writable()
        self.repository.save_letterhead(letterhead)
        return self.announce(Changes(letterhead=True))

    def save_clinic_note(self, slug: str, text: str) -> Changes:
        """Save (or clear, with "") the clinic's instruction for a drug."""
        self._writable()
        self.repository.save_clinic_note(slug, text)
        return self.announce(Changes(clinic_notes=True, drugs=frozenset({slug})))

    def save_override(
        self, slug: str, kind: SectionKind, audience: Audience, markdown: str
    ) -> Changes:
        """Store the clinic's own wording of a section."""
        self._writable()
        self.repository.save_override(slug, kind, audience, markdown)
        return self.announce(Changes(content=True, drugs=frozenset({slug})))

    def revert_override(self, slug: str, kind: SectionKind, audience: Audience) -> Changes:
        """Drop the clinic's wording of a section (the imported text shows again)."""
        self._writable()
        self.repository.revert_override(slug, kind, audience)
        return self.announce(Changes(content=True, drugs=frozenset({slug})))

    # ------------------------------------------------------------------ change notices

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener(changes)`` after every change; returns the unsubscribe function."""
        with self._listeners_lock:
            self._listeners.append(listener)

        def unsubscribe() -> None:
            with self._listeners_lock:
                if listener in self._listeners:
                    self._listeners.remove(listener)

        return unsubscribe

    def announce(self, changes: Changes) -> Changes:
        """Tell every subscriber about ``changes`` (nothing when they are empty)."""
        if not changes.empty:
            with self._listeners_lock:
                listeners = list(self._listeners)
            for listener in listeners:
                listener(changes)
        return changes

    # ------------------------------------------------------------------ store facts

    def _stored(self, key: str) -> str | None:
        with self.db.session() as session:
            return session.scalar(select(StoreMetaRow.value).where(StoreMetaRow.key == key))

    def _store(self, key: str, value: str) -> None:
        with self.db.session() as session:
            session.merge(StoreMetaRow(key=key, value=value))

    # ------------------------------------------------------------------ closing

    def close(self) -> None:
        """Close the search engine's connections and the database."""
        with self._engine_lock:
            engine, self._engine = self._engine, None
        if engine is not None:
            engine.close()
        self.db.close()

    def __enter__(self) -> Collection:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def open_collection(
    path: Path | None = None, *, create_folder: bool = True, library: Path | None = None
) -> Collection:
    """Open the database at ``path`` (default: ``MEDGUIDE_DB`` or the user data dir).

    Raises ``medguide.store.database.DatabaseError`` (one line a person can act on) when it
    cannot be opened; see ``open_database`` for ``create_folder``.
    """
    return Collection(open_database(path, create_folder=create_folder), library)
