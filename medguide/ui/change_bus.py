"""Changes announced by the store, delivered to the views on the UI thread.

The store calls its subscribers on the thread that made the change (an import runs in the
background). The subscriber is a small parentless ``_Relay`` that only emits a signal: Qt never
deletes it (it has no parent, and the store's subscriber list keeps it alive), so a worker
thread may always emit on it, even while the window is being torn down. From another thread
its signal reaches ``ChangeBus.changed`` through a queued connection on the UI thread, and Qt
drops that delivery when the bus (a child of the window) is gone; on the UI thread it is
delivered at once. Views connect to ``changed`` and refresh what the ``Changes`` touch; nothing
refreshes by hand after an operation.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from medguide.core.changes import Changes
from medguide.ui.ports import Store


class _Relay(QObject):
    """Emitted from any thread; never deleted by Qt."""

    announced = Signal(object)

    def relay(self, changes: Changes) -> None:
        self.announced.emit(changes)


class ChangeBus(QObject):
    """Re-emits a store's change notices as a Qt signal (``changed(Changes)``) on the UI
    thread."""

    changed = Signal(object)

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._relay = _Relay()
        # direct when the change is made on the UI thread, queued from any other thread
        self._relay.announced.connect(self.changed)
        self._unsubscribe = store.subscribe(self._relay.relay)

    def detach(self) -> None:
        """Stop listening to the store (when the window closes)."""
        self._unsubscribe()
