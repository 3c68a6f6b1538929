"""Thin Qt list model over search hits or drug summaries (one row per drug)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from medguide.core.text import markdown_to_plain
from medguide.core.views import DrugSummary, RecentEntry, SearchHit

SLUG_ROLE = Qt.ItemDataRole.UserRole + 1
DETAIL_ROLE = Qt.ItemDataRole.UserRole + 2

_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class ListEntry:
    """One row: the drug, its name and a second line (why it matched, or its class)."""

    slug: str
    name: str
    detail: str = ""


class DrugListModel(QAbstractListModel):
    """The left-hand list; the window only calls the ``set_*`` methods."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ListEntry] = []

    def set_entries(self, entries: Iterable[ListEntry]) -> None:
        """Replace every row."""
        self.beginResetModel()
        self._rows = list(entries)
        self.endResetModel()

    def set_results(self, hits: Iterable[SearchHit]) -> None:
        """Show search hits, with the reason of each match as the second line."""
        self.set_entries(ListEntry(h.slug, h.name, _hit_detail(h)) for h in hits)

    def set_summaries(self, drugs: Iterable[DrugSummary]) -> None:
        """Show plain drugs, with their class as the second line."""
        self.set_entries(ListEntry(d.slug, d.name, d.drug_class or "") for d in drugs)

    def set_recent(self, entries: Iterable[RecentEntry]) -> None:
        """Show recently viewed drugs with when they were opened."""
        self.set_entries(
            ListEntry(e.slug, e.name, f"viewed {e.viewed_at:%d %b %Y, %H:%M}") for e in entries
        )

    def entry(self, row: int) -> ListEntry | None:
        """The entry in ``row``, if any."""
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, slug: str) -> int:
        """The row showing ``slug``, or -1."""
        return next((i for i, e in enumerate(self._rows) if e.slug == slug), -1)

    # ------------------------------------------------------------------ Qt model API

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        """Number of rows (0 under any valid parent: this is a flat list)."""
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """Name, tooltip, accessible text, slug and second line of a row."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        entry = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return entry.name
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{entry.name} — {entry.detail}" if entry.detail else entry.name
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{entry.name}, {entry.detail}" if entry.detail else entry.name
        if role == SLUG_ROLE:
            return entry.slug
        if role == DETAIL_ROLE:
            return entry.detail
        return None


def _hit_detail(hit: SearchHit) -> str:
    snippet = " ".join(markdown_to_plain(hit.snippet).split()) if hit.snippet else ""
    if snippet and hit.reason:
        return f"{hit.reason}: {snippet}"
    return hit.reason or snippet
