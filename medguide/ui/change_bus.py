"""Changes announced by the store, delivered to the views on the UI thread.

The store calls its subscribers on the thread that made the change (an import runs in the
background); ``ChangeBus`` turns each call into its ``changed`` signal, which Qt queues to the UI
thread when it comes from another one. Views connect to ``changed`` and refresh what the
``Changes`` touch; nothing refreshes by hand after an operation.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from medguide.core.changes import Changes
from medguide.ui.ports import Store


class ChangeBus(QObject):
    """Re-emits a store's change notices as a Qt signal (``changed(Changes)``)."""

    changed = Signal(object)

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._unsubscribe = store.subscribe(self._relay)
        self.destroyed.connect(lambda _obj=None, stop=self._unsubscribe: stop())

    def _relay(self, changes: Changes) -> None:
        self.changed.emit(changes)

    def detach(self) -> None:
        """Stop listening to the store (when the window closes)."""
        self._unsubscribe()
