"""The one helper for work off the UI thread: a callable run in a ``QThreadPool`` thread.

The callable receives a progress function ``(done, total, label)`` and a ``cancelled()``
function it should poll; results, progress and errors come back to the UI thread as queued
signals. ``BackgroundTask.cancel()`` only sets the flag: the callable decides how to stop (the
importer rolls the batch back).

The worker thread never touches the ``BackgroundTask`` itself: it reports through a small
``_Relay`` object that the running work keeps alive, and the relay's queued signals reach the
task on the UI thread. So the owner of a task (a dialog, say) may be deleted while the work
still runs: the delivery is then dropped by Qt instead of being emitted from a deleted object.
A task is *done* only once its result has been delivered on the UI thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QRunnable, QThreadPool, Signal

from medguide.ui.ports import CancelCallback, ProgressCallback

TaskFunction = Callable[[ProgressCallback, CancelCallback], Any]


class _Relay(QObject):
    """Carries the worker's reports to the UI thread (emitted from the worker thread)."""

    progress = Signal(int, int, str)
    ended = Signal(bool, object)  # (succeeded, result or error message)


class BackgroundTask(QObject):
    """Run ``fn(progress, cancelled)`` once in ``pool`` (the global pool by default)."""

    progress = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(str)
    finished = Signal()

    def __init__(
        self, fn: TaskFunction, pool: QThreadPool | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._fn = fn
        self._pool = pool or QThreadPool.globalInstance()
        self._cancel = threading.Event()
        self._exited = threading.Event()
        self._delivered = False
        self._started = False
        self._relay = _Relay()
        self._relay.progress.connect(self.progress)
        self._relay.ended.connect(self._deliver)

    def start(self) -> None:
        """Queue the work; call once."""
        if self._started:
            raise RuntimeError("a BackgroundTask runs only once")
        self._started = True
        self._pool.start(_Runnable(self._fn, self._relay, self._cancel, self._exited))

    def cancel(self) -> None:
        """Ask the work to stop at its next check."""
        self._cancel.set()

    def is_cancelled(self) -> bool:
        """True once ``cancel()`` was called."""
        return self._cancel.is_set()

    def is_running(self) -> bool:
        """True from ``start()`` until the work has returned or raised."""
        return self._started and not self._exited.is_set()

    def is_done(self) -> bool:
        """True once the result (or the error) has been delivered on the UI thread."""
        return self._delivered

    def wait(self, timeout_s: float | None = None) -> bool:
        """Block until the work has ended (shutdown and tests); True when it did. A task never
        started counts as ended. The result is delivered by the next event processing; use
        ``wait_delivered`` to have it delivered before returning."""
        return not self._started or self._exited.wait(timeout_s)

    def wait_delivered(self, timeout_s: float = 60.0) -> bool:
        """Wait for the work to end, then deliver its queued result now (UI thread only)."""
        if not self.wait(timeout_s):
            return False
        if self._started:
            QCoreApplication.sendPostedEvents(self, 0)
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
        return True

    def _deliver(self, ok: bool, payload: object) -> None:
        """On the UI thread: mark the task done, then tell the listeners."""
        self._delivered = True
        if ok:
            self.succeeded.emit(payload)
        else:
            self.failed.emit(str(payload))
        self.finished.emit()


def failure_message(exc: BaseException) -> str:
    """What the window says when work failed: MedGuide's own errors are written for people
    (``DatabaseBusy``: "another import … is still running"), others name their type."""
    if type(exc).__module__.startswith("medguide."):
        return str(exc)
    return f"{type(exc).__name__}: {exc}"


class _Runnable(QRunnable):
    """The work in the pool thread; it holds the relay, never the task."""

    def __init__(
        self,
        fn: TaskFunction,
        relay: _Relay,
        cancel: threading.Event,
        exited: threading.Event,
    ) -> None:
        super().__init__()
        self._fn = fn
        self._relay = relay
        self._cancel = cancel
        self._exited = exited
        self.setAutoDelete(True)

    def run(self) -> None:
        relay = self._relay
        try:
            try:
                result = self._fn(relay.progress.emit, self._cancel.is_set)
            except Exception as exc:  # reported to the UI, never swallowed silently
                relay.ended.emit(False, failure_message(exc))
            else:
                relay.ended.emit(True, result)
        finally:
            self._exited.set()
