"""``medguide gui``: opens the window over the database; a bad database gets a clear message."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

import medguide.app
from medguide.cli import gui_cmd
from medguide.core.model import Persona
from medguide.store.database import DatabaseTooNew
from medguide.ui.settings import Settings


def _args(db: Path, settings: Path) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db")
    gui_cmd.add_arguments(parser)
    return parser.parse_args(["--db", str(db), "--settings", str(settings)])


def test_gui_shows_the_window_and_returns_the_exit_code(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings_file = tmp_path / "settings.ini"
    Settings(settings_file).persona = Persona.PATIENT  # not the first start: no question
    shown: list[str] = []

    def fake_exec() -> int:
        windows = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
        shown.extend(w.windowTitle() for w in windows)
        return 0

    monkeypatch.setattr(QApplication, "exec", staticmethod(fake_exec))
    library = tmp_path / "empty-library"
    library.mkdir()
    monkeypatch.setattr("medguide.store.collection.library_dir", lambda: library)
    assert gui_cmd.run(_args(tmp_path / "gui.sqlite", settings_file)) == 0
    assert "MedGuide" in shown


def test_a_database_from_a_newer_app_is_refused_with_a_message(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_args: object, **_kwargs: object) -> object:
        raise DatabaseTooNew("zzzz", tmp_path / "new.sqlite")

    messages: list[str] = []
    monkeypatch.setattr(medguide.app, "build_app", refuse)
    monkeypatch.setattr(
        QMessageBox, "critical", staticmethod(lambda _p, _t, text: messages.append(text))
    )
    assert gui_cmd.run(_args(tmp_path / "new.sqlite", tmp_path / "s.ini")) == 2
    assert messages and "new.sqlite" in messages[0]
