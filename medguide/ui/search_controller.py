"""Debounced search off the UI thread: the latest query wins, stale answers are dropped."""

from __future__ import annotations

from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal

from medguide.core.views import SearchResponse
from medguide.ui.ports import CancelCallback, ProgressCallback, Searcher, Store
from medguide.ui.tasks import BackgroundTask

DEBOUNCE_MS = 150


class StoreSearcher:
    """A ``Searcher`` over a store's engine, asked for on each search: the store builds its
    engine on first use, so that happens on the search thread, off the start-up path."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def search(self, query: str, limit: int = 50) -> SearchResponse:
        """Search with the store's engine."""
        return self._store.search.search(query, limit)


class SearchController(QObject):
    """Runs ``Searcher.search`` on its own one-thread pool ``delay_ms`` after the last keystroke.

    ``answered`` is emitted only for the query that is current when the answer arrives.
    """

    answered = Signal(object)  # SearchResponse
    failed = Signal(str)

    def __init__(
        self, searcher: Searcher, delay_ms: int = DEBOUNCE_MS, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._searcher = searcher
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.run_now)
        self._query = ""
        self._generation = 0
        self._tasks: set[BackgroundTask] = set()

    @property
    def query(self) -> str:
        """The query the next answer will be for."""
        return self._query

    def set_query(self, text: str) -> None:
        """Note a new query; it runs after the debounce delay (an empty query runs nothing)."""
        self._query = text.strip()
        self._generation += 1
        if self._query:
            self._timer.start()
        else:
            self._timer.stop()

    def run_now(self) -> None:
        """Run the current query immediately (Enter, or the debounce timer)."""
        self._timer.stop()
        query = self._query
        if not query:
            return
        generation = self._generation

        searcher = self._searcher

        def work(
            _progress: ProgressCallback, _cancelled: CancelCallback
        ) -> tuple[int, SearchResponse]:
            return generation, searcher.search(query)

        task = BackgroundTask(work, self._pool)
        self._tasks.add(task)
        task.succeeded.connect(self._deliver)
        task.failed.connect(self._fail)
        task.finished.connect(self._reap)
        task.start()

    def warm_up(self) -> None:
        """Get the engine ready on the search thread (builds a lazily made engine)."""
        searcher = self._searcher

        def work(_progress: ProgressCallback, _cancelled: CancelCallback) -> None:
            searcher.search("")

        task = BackgroundTask(work, self._pool)
        self._tasks.add(task)
        task.finished.connect(self._reap)
        task.start()

    def pending(self) -> bool:
        """True while a query waits for its timer or its thread."""
        return self._timer.isActive() or bool(self._tasks)

    def wait(self, timeout_ms: int = 5000) -> bool:
        """Block until running searches end (shutdown and tests)."""
        return self._pool.waitForDone(timeout_ms)

    def _deliver(self, result: object) -> None:
        if not isinstance(result, tuple):
            return
        generation, response = result
        if generation == self._generation and isinstance(response, SearchResponse):
            self.answered.emit(response)

    def _fail(self, message: str) -> None:
        self.failed.emit(message)

    def _reap(self) -> None:
        self._tasks = {t for t in self._tasks if not t.is_done()}
