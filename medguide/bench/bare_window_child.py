"""Child process of ``medguide bench ui``: a bare PySide6 window, the floor of this machine.

Run as ``python -m medguide.bench.bare_window_child``; prints the milliseconds from the first
line of the process to a painted 1100×720 ``QMainWindow``.
"""

from __future__ import annotations

import time

STARTED = time.perf_counter()


def main() -> None:
    """Build, show and paint the window; print the time."""
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication([])
    window = QMainWindow()
    window.resize(1100, 720)
    window.show()
    app.processEvents()
    window.grab()
    print(round((time.perf_counter() - STARTED) * 1000, 1))


if __name__ == "__main__":
    main()
