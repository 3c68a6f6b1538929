"""Left pane: the search field, suggestion and look-alike lines, and the drug list.

With an empty query the list shows All drugs, Favourites or Recently viewed (a tab bar above
the list); typing switches it to search results, which arrive from ``SearchController``.
"""

from __future__ import annotations

import html
from enum import IntEnum

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListView,
    QStackedWidget,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from medguide.core.views import DrugSummary, MatchKind, SearchResponse
from medguide.ui.drug_list_model import SLUG_ROLE, DrugListModel
from medguide.ui.ports import ContentReader
from medguide.ui.result_delegate import TwoLineDelegate
from medguide.ui.search_controller import SearchController

PLACEHOLDER = "Drug, brand name or words (Ctrl+K)"
FIELD_TIP = (
    "Type a drug name, a brand name (even misspelt) or words from the text, such as "
    "'headache'. Ctrl+K or Ctrl+F jumps here; Down moves into the list; Esc clears."
)


class BrowseMode(IntEnum):
    """What the list shows while the search field is empty."""

    ALL = 0
    FAVOURITES = 1
    RECENT = 2


class SearchPanel(QWidget):
    """Search field over the drug list; emits ``open_requested(slug)``."""

    open_requested = Signal(str)

    def __init__(
        self, repository: ContentReader, controller: SearchController, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._repo = repository
        self._controller = controller
        self._all: list[DrugSummary] | None = None
        self._open_on_answer = False
        self._last_response: SearchResponse | None = None
        self._loading = False

        self.field = QLineEdit(self)
        self.field.setPlaceholderText(PLACEHOLDER)
        self.field.setClearButtonEnabled(True)
        self.field.setAccessibleName("Search drugs")
        self.field.setAccessibleDescription(
            "Type a drug name, a brand name, a misspelling or words from the text"
        )
        self.field.setToolTip(FIELD_TIP)

        self.modes = QTabBar(self)
        for label in ("All drugs", "Favourites", "Recent"):
            self.modes.addTab(label)
        self.modes.setExpanding(True)
        self.modes.setDrawBase(False)
        self.modes.setAccessibleName("Show all drugs, favourites or recently viewed")

        self.suggestion = _line_label(self, "Search suggestion")
        self.lasa = _line_label(self, "Look-alike name warning")
        self.lasa.setStyleSheet(
            "QLabel { border: 2px solid #d97706; border-radius: 4px; padding: 4px; }"
        )
        self.status = QLabel(self)
        self.status.setAccessibleName("Result count")
        self.status.setEnabled(False)

        self.model = DrugListModel(self)
        self.view = QListView(self)
        self.view.setModel(self.model)
        self.view.setItemDelegate(TwoLineDelegate(self.view))
        self.view.setUniformItemSizes(True)
        self.view.setAccessibleName("Drug list")
        self.view.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.empty = QLabel(self)
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.empty.setMargin(12)
        self.empty.setTextFormat(Qt.TextFormat.RichText)
        self.empty.setAccessibleName("No results")
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.empty)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 0, 6)
        layout.setSpacing(4)
        layout.addWidget(self.field)
        layout.addWidget(self.modes)
        layout.addWidget(self.suggestion)
        layout.addWidget(self.lasa)
        layout.addWidget(self.status)
        layout.addWidget(self.stack, 1)

        self.field.textChanged.connect(self._on_text)
        self.field.returnPressed.connect(self._on_return)
        self.field.installEventFilter(self)
        self.view.installEventFilter(self)
        self.view.activated.connect(self._open_index)
        self.view.clicked.connect(self._open_index)
        self.modes.currentChanged.connect(lambda _i: self.refresh_browse())
        controller.answered.connect(self.show_response)
        self.refresh_browse()

    # ------------------------------------------------------------------ public

    def focus_search(self) -> None:
        """Put the cursor in the search field with its text selected (Ctrl+K / Ctrl+F)."""
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def set_query(self, text: str) -> None:
        """Type ``text`` into the field (also used by ``medguide snapshot --query``)."""
        self.field.setText(text)

    def invalidate(self) -> None:
        """Drop cached lists after an import or a favourite change, and redraw."""
        self._all = None
        if self.field.text().strip():
            self._controller.set_query(self.field.text())
            self._controller.run_now()
        else:
            self.refresh_browse()

    def set_loading(self, loading: bool) -> None:
        """Say that the built-in library is being loaded (instead of "library is empty")."""
        self._loading = loading
        self.refresh_browse()

    def refresh_browse(self) -> None:
        """Fill the list for the chosen browse mode (only while the query is empty)."""
        if self.field.text().strip():
            return
        self._clear_lines()
        mode = BrowseMode(max(0, self.modes.currentIndex()))
        if mode is BrowseMode.FAVOURITES:
            self.model.set_summaries(self._repo.favourites())
            empty = (
                "<b>No favourites yet.</b><br>Open a drug and press the star (☆) beside its "
                "name to keep it here."
            )
        elif mode is BrowseMode.RECENT:
            self.model.set_recent(self._repo.recent())
            empty = "<b>Nothing viewed yet.</b><br>Drugs you open are listed here."
        else:
            if self._all is None:
                self._all = self._repo.list_drugs()
            self.model.set_summaries(self._all)
            empty = (
                "<b>Loading the built-in library…</b><br>The drugs appear here in a moment."
                if self._loading
                else "<b>The library is empty.</b><br>Use File → Import files… to add drug pages."
            )
        count = self.model.rowCount()
        self.status.setText(f"{count} drug{'s' if count != 1 else ''}")
        self._show_list(count > 0, empty)

    def show_response(self, response: SearchResponse) -> None:
        """Show one search answer: hits, suggestion line, look-alike warning, or a message."""
        if response.query != self.field.text().strip():
            return
        self.model.set_results(response.hits)
        if response.suggestion:
            self.suggestion.setText(
                f"Showing results for <b>{html.escape(response.suggestion)}</b> "
                f"(you typed “{html.escape(response.query)}”)"
            )
        self.suggestion.setVisible(bool(response.suggestion))
        if response.lasa_warning:
            self.lasa.setText(f"⚠ {html.escape(response.lasa_warning)}")
        self.lasa.setVisible(bool(response.lasa_warning))
        count = len(response.hits)
        self.status.setText(f"{count} result{'s' if count != 1 else ''}")
        empty = (
            f"<b>No drug matches “{html.escape(response.query)}”.</b><br><br>"
            "Try the generic name or a brand name, check the spelling, or use fewer "
            "words. Words from the text work too (for example <i>headache</i>)."
        )
        self._show_list(count > 0, empty)
        self._last_response = response
        if count:
            self.view.setCurrentIndex(self.model.index(0, 0))
            if self._open_on_answer:
                self._open_or_confirm(response)
        self._open_on_answer = False

    def _open_or_confirm(self, response: SearchResponse) -> None:
        """Enter in the search field: open the top hit only when it is the name that was typed
        (the exact name, or the start of just one name; no correction, no look-alike
        warning). A guess is never opened for the person: the list takes the focus, so a
        second Enter opens the highlighted drug."""
        top = response.hits[0]
        names = [h for h in response.hits if h.match is not MatchKind.TEXT]
        typed_name = top.match is MatchKind.EXACT or (
            top.match is MatchKind.PREFIX and len(names) == 1  # "hydro" starts many names
        )
        if typed_name and not response.suggestion and not response.lasa_warning:
            self.open_requested.emit(top.slug)
            return
        self.view.setFocus()
        self.status.setText(
            f"{len(response.hits)} results — check the name, then press Enter to open it"
        )

    def note_opened(self, slug: str) -> None:
        """Keep the Recent list current while it is shown, with the opened drug selected."""
        if self.field.text().strip() or self.modes.currentIndex() != BrowseMode.RECENT:
            return
        self.refresh_browse()
        row = self.model.row_of(slug)
        if row >= 0:
            self.view.setCurrentIndex(self.model.index(row, 0))

    def current_slug(self) -> str | None:
        """The slug of the selected row, if any."""
        index = self.view.currentIndex()
        return str(index.data(SLUG_ROLE)) if index.isValid() else None

    # ------------------------------------------------------------------ events

    def changeEvent(self, event: QEvent) -> None:
        """Follow the zoom in the look-alike line too (a style sheet stops inheritance)."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.lasa.setFont(self.font())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Arrows go from the field into the list; Esc clears the field or returns to it."""
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        key = event.key()
        if watched is self.field:
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown):
                return self._enter_list(key)
            if key == Qt.Key.Key_Escape and self.field.text():
                self.field.clear()
                return True
        elif watched is self.view:
            at_top = self.view.currentIndex().row() <= 0
            if key == Qt.Key.Key_Escape or (key == Qt.Key.Key_Up and at_top):
                self.focus_search()
                return True
        return False

    def _enter_list(self, key: int) -> bool:
        if self.model.rowCount() == 0:
            return False
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)
        if not self.view.currentIndex().isValid():
            row = self.model.rowCount() - 1 if key == Qt.Key.Key_Up else 0
            self.view.setCurrentIndex(self.model.index(row, 0))
        return True

    def _on_text(self, text: str) -> None:
        searching = bool(text.strip())
        self._open_on_answer = False
        self.modes.setVisible(not searching)
        self._controller.set_query(text)
        if not searching:
            self.refresh_browse()
        else:
            self.status.setText("Searching…")

    def _on_return(self) -> None:
        if self._controller.pending() or self._controller.query != self.field.text().strip():
            self._open_on_answer = True
            self._controller.set_query(self.field.text())
            self._controller.run_now()
            return
        response = self._last_response
        picked_row = self.view.currentIndex().row() > 0  # the person chose a row themselves
        if (
            not picked_row
            and response is not None
            and response.hits
            and response.query == self.field.text().strip()
        ):
            self._open_or_confirm(response)
            return
        slug = self.current_slug()
        if slug is None and self.model.rowCount():
            slug = str(self.model.index(0, 0).data(SLUG_ROLE))
        if slug:
            self.open_requested.emit(slug)

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_requested.emit(str(index.data(SLUG_ROLE)))

    def _show_list(self, has_rows: bool, empty_html: str) -> None:
        self.empty.setText(empty_html)
        self.stack.setCurrentWidget(self.view if has_rows else self.empty)

    def _clear_lines(self) -> None:
        self.suggestion.hide()
        self.lasa.hide()


def _line_label(parent: QWidget, name: str) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setAccessibleName(name)
    label.hide()
    return label
