"""Child process of ``medguide bench ui``: MedGuide from process start to a usable window.

Run as ``python -m medguide.bench.app_launch_child DB SETTINGS``; prints three figures: the
milliseconds to a shown window with its list filled (and painted), the number of rows listed,
and the milliseconds until the first search ("ibuprofen") was answered, the engine being built
off the UI thread.
"""

from __future__ import annotations

import sys
import time

STARTED = time.perf_counter()


def main(db: str, settings: str) -> None:
    """Launch the app, measure, print."""
    from pathlib import Path

    from PySide6.QtWidgets import QApplication

    from medguide.app import build_app
    from medguide.core.model import Persona

    context = build_app(db, Path(settings))
    context.settings.persona = Persona.PATIENT
    window = context.window
    window.show()
    window.start(ask_persona=False)
    app = QApplication.instance()
    assert app is not None
    app.processEvents()
    window.grab()
    usable = (time.perf_counter() - STARTED) * 1000
    rows = window.search_panel.model.rowCount()
    answers: list[object] = []
    window.search_controller.answered.connect(answers.append)
    window.search_panel.set_query("ibuprofen")
    window.search_controller.run_now()
    while not answers and time.perf_counter() - STARTED < 60:
        app.processEvents()
        time.sleep(0.001)
    searched = (time.perf_counter() - STARTED) * 1000
    context.close()
    print(round(usable, 1), rows, round(searched, 1))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
