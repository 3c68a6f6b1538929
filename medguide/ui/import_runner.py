"""Imports run one at a time on their own thread (the store reloads its search and announces
the changes itself)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QObject, QThreadPool, Signal

from medguide.core.model import ImportReport
from medguide.ui.ports import CancelCallback, ProgressCallback
from medguide.ui.tasks import BackgroundTask

ImportFunction = Callable[
    [Sequence[Path], ProgressCallback | None, CancelCallback | None], ImportReport
]


class ImportRunner(QObject):
    """Starts an import batch in the background and reports how it ended.

    A *quiet* batch (the built-in library on first start) shows its progress in the status bar
    and its summary only when files were rejected; a normal batch shows a dialog for both.
    """

    progress = Signal(int, int, str)
    finished = Signal(object, bool)  # ImportReport, quiet
    failed = Signal(str, bool)  # message, quiet

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._task: BackgroundTask | None = None
        self._quiet = False

    @property
    def task(self) -> BackgroundTask | None:
        """The running batch, if any."""
        return self._task

    def busy(self) -> bool:
        """True while a batch runs (until its result has been reported)."""
        return self._task is not None

    def start(
        self, import_paths: ImportFunction, paths: Sequence[Path], quiet: bool = False
    ) -> BackgroundTask | None:
        """Run ``import_paths(paths, progress, cancelled)`` as one batch; None when another
        batch is still running."""
        if self._task is not None:
            return None
        batch = list(paths)

        def work(progress: ProgressCallback, cancelled: CancelCallback) -> ImportReport:
            return import_paths(batch, progress, cancelled)

        task = BackgroundTask(work, self._pool)
        self._task, self._quiet = task, quiet
        task.progress.connect(self.progress)
        task.succeeded.connect(self._succeeded)
        task.failed.connect(self._failed)
        task.start()
        return task

    def cancel(self) -> None:
        """Ask the running batch to stop; the importer rolls it back."""
        if self._task is not None:
            self._task.cancel()

    def wait(self, timeout_ms: int = 30000) -> bool:
        """Block until the batch thread is idle (shutdown, benchmarks, tests)."""
        return self._pool.waitForDone(timeout_ms)

    def _succeeded(self, report: object) -> None:
        quiet = self._end()
        if isinstance(report, ImportReport):
            self.finished.emit(report, quiet)

    def _failed(self, message: str) -> None:
        self.failed.emit(message, self._end())

    def _end(self) -> bool:
        quiet = self._quiet
        self._task, self._quiet = None, False
        return quiet
