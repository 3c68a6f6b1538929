"""The one helper for work off the UI thread: a callable run in a ``QThreadPool`` thread.

The callable receives a progress function ``(done, total, label)`` and a ``cancelled()``
function it should poll; results, progress and errors come back to the UI thread as queued
signals. ``BackgroundTask.cancel()`` only sets the flag: the callable decides how to stop (the
importer rolls the batch back).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from medguide.ui.ports import CancelCallback, ProgressCallback

TaskFunction = Callable[[ProgressCallback, CancelCallback], Any]


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
        self._done = threading.Event()
        self._exited = threading.Event()
        self._started = False

    def start(self) -> None:
        """Queue the work; call once."""
        if self._started:
            raise RuntimeError("a BackgroundTask runs only once")
        self._started = True
        self._pool.start(_Runnable(self))

    def cancel(self) -> None:
        """Ask the work to stop at its next check."""
        self._cancel.set()

    def is_cancelled(self) -> bool:
        """True once ``cancel()`` was called."""
        return self._cancel.is_set()

    def is_done(self) -> bool:
        """True when the work has returned or raised."""
        return self._done.is_set()

    def wait(self, timeout_s: float | None = None) -> bool:
        """Block until the work has ended and its signals are sent (shutdown and tests);
        True when it did. A task never started counts as ended."""
        return not self._started or self._exited.wait(timeout_s)

    def _run(self) -> None:
        try:
            try:
                result = self._fn(self._emit_progress, self._cancel.is_set)
            except Exception as exc:  # reported to the UI, never swallowed silently
                self._done.set()
                self.failed.emit(f"{type(exc).__name__}: {exc}")
            else:
                self._done.set()
                self.succeeded.emit(result)
            self.finished.emit()
        finally:
            self._exited.set()

    def _emit_progress(self, done: int, total: int, label: str) -> None:
        self.progress.emit(done, total, label)


class _Runnable(QRunnable):
    """Adapter that keeps the task object alive while its work runs."""

    def __init__(self, task: BackgroundTask) -> None:
        super().__init__()
        self._task = task
        self.setAutoDelete(True)

    def run(self) -> None:
        self._task._run()
