"""The clinic's own actions on the main window: print handouts, set the letterhead, and
rewrite a section's wording.

Kept apart from ``MainWindow`` so the window only wires search, reading and import; this module
connects the Settings actions (letterhead, Edit section wording, Ctrl+E) of the window's action
table and answers ``print_requested``. What a change shows again is left to the window, which
refreshes itself from the store's change notices.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from medguide.core.model import Audience, SectionKind
from medguide.core.views import DrugPage
from medguide.reading.audience import choose_section
from medguide.reading.glossary import Glossary
from medguide.ui.actions import ActionId
from medguide.ui.main_window import MainWindow
from medguide.ui.ports import Store

if TYPE_CHECKING:  # the dialogs (and Qt's print support) load on first use, not at start-up
    from medguide.ui.handout_dialog import HandoutDialog
    from medguide.ui.section_editor import EditAction, SectionEditorDialog

GlossarySource = Callable[[], Glossary | None]


class ClinicActions(QObject):
    """Handout printing, letterhead settings and section editing for one window."""

    def __init__(self, window: MainWindow, store: Store, glossary: GlossarySource) -> None:
        super().__init__(window)
        self._window = window
        self._data = store
        self._glossary = glossary
        self.handout_dialog: HandoutDialog | None = None

        self.letterhead_action = window.app_actions[ActionId.LETTERHEAD]
        self.letterhead_action.triggered.connect(self.edit_letterhead)
        self.edit_action = window.app_actions[ActionId.EDIT_SECTION]
        self.edit_action.triggered.connect(window.drug_view.request_edit)

        window.print_requested.connect(self.open_handout)
        window.drug_view.edit_requested.connect(self.edit_section)
        window.enable_printing()

    def open_handout(self, page: DrugPage, audience: Audience) -> HandoutDialog:
        """The handout dialog for the drug shown, at the reading level shown."""
        from medguide.ui.handout_dialog import HandoutDialog

        if self.handout_dialog is not None:
            self.handout_dialog.close()  # one handout dialog at a time
        dialog = HandoutDialog(self._data, [page.slug], audience, self._glossary(), self._window)
        # freed when closed, so a typed patient name does not linger in memory
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda _obj=None, d=dialog: self._forget_handout_dialog(d))
        dialog.pdf_exported.connect(
            lambda path: self._window.statusBar().showMessage(f"Handout saved: {path}", 8000)
        )
        self.handout_dialog = dialog
        dialog.open()
        return dialog

    def _forget_handout_dialog(self, dialog: HandoutDialog) -> None:
        if self.handout_dialog is dialog:
            self.handout_dialog = None

    def edit_letterhead(self) -> None:
        """Settings → Clinic letterhead."""
        from medguide.ui.letterhead_dialog import LetterheadDialog

        LetterheadDialog(self._data, self._window).exec()

    def editor_for(self, kind: SectionKind, audience: Audience) -> SectionEditorDialog | None:
        """The editor on the shown drug's section, or None (with a message) when impossible."""
        from medguide.ui.section_editor import SectionEditorDialog

        page = self._window.drug_view.page
        glossary = self._glossary()
        if page is None or glossary is None:
            QMessageBox.information(
                self._window, "Edit wording", "Open a medicine first; the glossary must load."
            )
            return None
        shown = choose_section(page, kind, audience).text
        initial = shown.markdown if shown is not None else ""
        return SectionEditorDialog(
            self._window,
            page.name,
            kind,
            audience,
            initial,
            glossary,
            can_revert=shown is not None and shown.clinic_override,
        )

    def edit_section(self, kind: SectionKind, audience: Audience) -> None:
        """Open the editor; save or revert the clinic's wording; show the result."""
        page = self._window.drug_view.page
        dialog = self.editor_for(kind, audience)
        if page is None or dialog is None:
            return
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.apply(page.slug, kind, audience, dialog.outcome.action, dialog.outcome.markdown)

    def apply(
        self, slug: str, kind: SectionKind, audience: Audience, action: EditAction, text: str
    ) -> None:
        """Store the editor's answer (the window shows the new text from the change notice)."""
        from medguide.ui.section_editor import EditAction

        if action is EditAction.SAVE and text.strip():
            self._data.save_override(slug, kind, audience, text)
        elif action is EditAction.REVERT or (action is EditAction.SAVE and not text.strip()):
            self._data.revert_override(slug, kind, audience)
