"""BackgroundTask: progress and results reach the UI thread; cancel and errors are reported."""

from __future__ import annotations

import threading

import pytest
from pytestqt.qtbot import QtBot

from medguide.ui.ports import CancelCallback, ProgressCallback
from medguide.ui.tasks import BackgroundTask


def test_result_and_progress_arrive_on_the_ui_thread(qtbot: QtBot) -> None:
    main = threading.get_ident()
    seen: list[tuple[int, int, str, bool]] = []

    def work(progress: ProgressCallback, _cancelled: CancelCallback) -> int:
        assert threading.get_ident() != main
        for i in range(3):
            progress(i + 1, 3, f"step {i}")
        return 42

    task = BackgroundTask(work)
    task.progress.connect(
        lambda d, t, label: seen.append((d, t, label, threading.get_ident() == main))
    )
    with qtbot.waitSignal(task.succeeded, timeout=3000) as blocker:
        task.start()
    assert blocker.args == [42]
    qtbot.waitUntil(lambda: len(seen) == 3)
    assert [s[0] for s in seen] == [1, 2, 3]
    assert all(on_ui_thread for *_, on_ui_thread in seen)  # progress arrives on the UI thread
    assert task.is_done()
    with pytest.raises(RuntimeError):
        task.start()


def test_cancel_flag_reaches_the_work(qtbot: QtBot) -> None:
    started = threading.Event()

    def work(_progress: ProgressCallback, cancelled: CancelCallback) -> str:
        started.set()
        while not cancelled():
            threading.Event().wait(0.005)
        return "stopped"

    task = BackgroundTask(work)
    with qtbot.waitSignal(task.succeeded, timeout=3000) as blocker:
        task.start()
        assert started.wait(2)
        task.cancel()
    assert blocker.args == ["stopped"]
    assert task.is_cancelled()


def test_errors_are_reported_not_swallowed(qtbot: QtBot) -> None:
    def work(_progress: ProgressCallback, _cancelled: CancelCallback) -> None:
        raise ValueError("bad file")

    task = BackgroundTask(work)
    with qtbot.waitSignal(task.failed, timeout=3000) as blocker:
        task.start()
    assert blocker.args == ["ValueError: bad file"]
    assert task.wait(1)
