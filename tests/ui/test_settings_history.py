"""Settings defaults, persistence and ``changed``; the back/forward history."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray
from pytestqt.qtbot import QtBot

from medguide.core.model import Audience, Persona
from medguide.ui.history import History
from medguide.ui.settings import ZOOM_MAX, Settings


def test_defaults_and_persistence(tmp_path: Path, qtbot: QtBot) -> None:
    path = tmp_path / "s.ini"
    settings = Settings(path)
    assert settings.persona is None
    assert settings.audience is Audience.PATIENT
    assert settings.zoom == 0
    assert settings.geometry.isEmpty()
    with qtbot.waitSignal(settings.changed) as blocker:
        settings.persona = Persona.PROFESSIONAL
    assert blocker.args == ["reading/persona"]
    assert settings.audience is Audience.PROFESSIONAL  # follows the persona until set
    settings.audience = Audience.PATIENT
    settings.zoom = 99
    settings.geometry = QByteArray(b"\x01\x02")
    settings.sync()
    again = Settings(path)
    assert again.persona is Persona.PROFESSIONAL
    assert again.audience is Audience.PATIENT
    assert again.zoom == ZOOM_MAX
    assert bytes(again.geometry.data()) == b"\x01\x02"
    assert again.file_name == str(path)


def test_setting_the_same_value_emits_nothing(tmp_path: Path, qtbot: QtBot) -> None:
    settings = Settings(tmp_path / "s.ini")
    settings.zoom = 2
    with qtbot.assertNotEmitted(settings.changed):
        settings.zoom = 2


def test_history_back_and_forward() -> None:
    history = History()
    assert history.back() is None
    for slug in ("a", "b", "b", "c"):
        history.visit(slug)
    assert history.back() == "b"
    assert history.back() == "a"
    assert not history.can_back()
    assert history.forward() == "b"
    history.visit("d")  # drops "c"
    assert not history.can_forward()
    assert history.back() == "b"
    assert history.forward() == "d"
