"""The command line as other processes see it: two imports at once, a kill at any moment,
Ctrl+C, a reader that closes the pipe. Each runs ``medguide`` in a child process and looks
at it from outside: exit code, stderr, its worker processes, and the database afterwards."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TextIO

import pytest

from medguide.cli import BUSY_EXIT
from medguide.cli.terminal import INTERRUPTED_EXIT
from medguide.store.database import open_database
from medguide.store.locks import ImportLock
from tests.robustness.conftest import (
    children_of,
    integrity_and_drugs,
    is_running,
    needs_linux_proc,
    run_medguide,
    start_medguide,
    wait_until,
    write_pages,
)

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX signals and /proc")

STARTUP_S = 60.0
"""Time allowed for a child to reach a point (start Python, read files); generous for CI."""


class StderrLines:
    """The stderr of a child, line by line as it comes (a thread drains it)."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        self._process = process
        assert process.stderr is not None
        self._reader = threading.Thread(target=self._drain, args=(process.stderr,), daemon=True)
        self._reader.start()

    def finish(self, timeout: float = 120) -> str:
        """Wait for the child to end; its whole stdout."""
        assert self._process.stdout is not None
        with self._process.stdout as stdout:
            out = stdout.read()
        self._process.wait(timeout=timeout)
        self._reader.join(timeout=10)
        return out

    def _drain(self, stream: TextIO) -> None:
        with stream:
            for line in stream:
                self.lines.put(line)

    def wait_for(self, text: str, timeout: float = STARTUP_S) -> str:
        """The first line (from now) holding ``text``; fails after ``timeout`` seconds."""
        try:
            while True:
                line = self.lines.get(timeout=timeout)
                self.seen.append(line)
                if text in line:
                    return line
        except queue.Empty:
            pytest.fail(f"no line with {text!r} within {timeout} s; saw {self.seen!r}")

    def rest(self) -> str:
        """Everything the child wrote after the lines already read (call once it ended)."""
        while True:
            try:
                self.seen.append(self.lines.get(timeout=2.0))
            except queue.Empty:
                return "".join(self.seen)


@pytest.fixture
def database(tmp_path: Path) -> Path:
    """An empty, migrated database file (no built-in library: these tests import pages)."""
    path = tmp_path / "medguide.sqlite"
    open_database(path).close()
    return path


@pytest.fixture(scope="module")
def many_pages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of 3,000 small pages: an import that takes a few seconds with two workers."""
    folder = tmp_path_factory.mktemp("many")
    write_pages(folder, 3000)
    return folder


@pytest.fixture
def held_import_lock(database: Path) -> Iterator[ImportLock]:
    """The import lock of ``database`` held by this test, as another import would hold it."""
    lock = ImportLock(database)
    lock.acquire(wait_s=5)
    yield lock
    lock.release()


def test_two_imports_started_together_both_finish_and_nothing_is_doubled(
    database: Path, tmp_path: Path
) -> None:
    """Once the second died with "UNIQUE constraint failed: sources.key"; now it waits."""
    folder = tmp_path / "pages"
    write_pages(folder, 200)
    args = ("import", str(folder), "--db", str(database), "--no-progress", "--workers", "1")
    first, second = start_medguide(*args), start_medguide(*args)
    results = [process.communicate(timeout=300) for process in (first, second)]
    assert [first.returncode, second.returncode] == [0, 0], results
    outputs = sorted(out for out, _err in results)
    assert "imported:  0" in outputs[0] and "unchanged: 200" in outputs[0]
    assert "imported:  200" in outputs[1]
    assert integrity_and_drugs(database) == ("ok", 200)


def test_two_first_starts_at_once_both_get_a_usable_database(tmp_path: Path) -> None:
    """Two imports into a file that does not exist yet: one creates it, both import."""
    folder = tmp_path / "pages"
    write_pages(folder, 20)
    database = tmp_path / "new.sqlite"
    args = ("import", str(folder), "--db", str(database), "--no-progress", "--workers", "1")
    processes = [start_medguide(*args) for _ in range(3)]
    results = [process.communicate(timeout=300) for process in processes]
    assert [p.returncode for p in processes] == [0, 0, 0], results
    assert integrity_and_drugs(database) == ("ok", 20)


def test_a_second_import_says_it_waits_for_the_first_then_finishes(
    database: Path, tmp_path: Path, held_import_lock: ImportLock
) -> None:
    folder = tmp_path / "pages"
    write_pages(folder, 5)
    process = start_medguide("import", str(folder), "--db", str(database), "--no-progress")
    stderr = StderrLines(process)
    line = stderr.wait_for("Waiting for another import")
    assert f"process {os.getpid()}" in line  # who holds it
    held_import_lock.release()
    out = stderr.finish()
    assert process.returncode == 0, stderr.rest()
    assert "imported:  5" in out
    assert "Traceback" not in stderr.rest()


def test_a_second_import_gives_up_after_its_wait_in_one_line(
    database: Path, tmp_path: Path, held_import_lock: ImportLock
) -> None:
    folder = tmp_path / "pages"
    write_pages(folder, 5)
    done = run_medguide(
        "import", str(folder), "--db", str(database), "--no-progress", "--wait", "1"
    )
    assert done.returncode == BUSY_EXIT, done.stderr
    last = done.stderr.strip().splitlines()[-1]
    assert "another import" in last and "still running" in last and "nothing was imported" in last
    assert "Traceback" not in done.stderr
    assert integrity_and_drugs(database) == ("ok", 0)


def has_ended(pid: int) -> Callable[[], bool]:
    """A condition for ``wait_until``: process ``pid`` is no longer running."""
    return lambda: not is_running(pid)


def _start_import_with_workers(
    database: Path, many_pages: Path
) -> tuple[subprocess.Popen[str], list[int]]:
    """Start an import with two worker processes; return it once the workers run."""
    needs_linux_proc()
    process = start_medguide(
        "import", str(many_pages), "--db", str(database), "--workers", "2", "--no-progress"
    )
    workers: list[int] = []

    def have_workers() -> bool:
        workers[:] = children_of(process.pid)
        return len(workers) >= 2 or process.poll() is not None

    assert wait_until(have_workers, STARTUP_S)
    assert process.poll() is None and len(workers) >= 2, "the import ended before its workers ran"
    return process, workers


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM], ids=["kill-9", "SIGTERM"])
def test_workers_end_with_their_import_however_it_is_killed(
    database: Path, many_pages: Path, how: signal.Signals
) -> None:
    process, workers = _start_import_with_workers(database, many_pages)
    process.send_signal(how)
    process.communicate(timeout=60)
    left = [pid for pid in workers if not wait_until(has_ended(pid), 10.0)]
    assert left == [], f"workers {left} outlived their import"
    assert integrity_and_drugs(database) == ("ok", 0)  # nothing half-written


def test_ctrl_c_during_an_import_ends_it_quietly_and_writes_nothing(
    database: Path, many_pages: Path
) -> None:
    process, workers = _start_import_with_workers(database, many_pages)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=60)
    assert process.returncode == INTERRUPTED_EXIT, (out, err)
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    assert "interrupted" in err
    assert all(wait_until(has_ended(pid), 10.0) for pid in workers)
    assert integrity_and_drugs(database) == ("ok", 0)


def test_ctrl_c_while_waiting_for_another_import_ends_quietly(
    database: Path, tmp_path: Path, held_import_lock: ImportLock
) -> None:
    folder = tmp_path / "pages"
    write_pages(folder, 5)
    process = start_medguide("import", str(folder), "--db", str(database), "--no-progress")
    stderr = StderrLines(process)
    stderr.wait_for("Waiting for another import")
    process.send_signal(signal.SIGINT)
    stderr.finish()
    rest = stderr.rest()
    assert process.returncode == INTERRUPTED_EXIT, rest
    assert "Traceback" not in rest
    assert integrity_and_drugs(database) == ("ok", 0)


def test_a_reader_that_closes_the_pipe_ends_the_listing_quietly(
    database: Path, tmp_path: Path
) -> None:
    """``medguide list | head``: once the reader has gone, no ``BrokenPipeError``."""
    write_pages(tmp_path / "pages", 300)
    assert run_medguide("import", str(tmp_path / "pages"), "--db", str(database)).returncode == 0
    for command in (("list",), ("search", "testdrug", "--limit", "100")):
        process = start_medguide(*command, "--db", str(database))
        assert process.stdout is not None
        process.stdout.close()  # the reader is gone before the first line is written
        _, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
        assert "Traceback" not in err and "BrokenPipe" not in err, err
