"""One typed settings object over ``QSettings``: preferences and window state, with defaults.

Pass an explicit ini file path in tests (and in ``medguide snapshot``) so that the real user's
settings are never read or written.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QObject, QSettings, Signal

from medguide.core.model import Audience, Persona

ZOOM_MIN = -4
ZOOM_MAX = 12


class Settings(QObject):
    """Typed access to the stored preferences; ``changed`` carries the key that changed."""

    changed = Signal(str)

    def __init__(self, path: Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        if path is None:
            self._qs = QSettings(
                QSettings.Format.IniFormat, QSettings.Scope.UserScope, "MedGuide", "MedGuide"
            )
        else:
            self._qs = QSettings(str(path), QSettings.Format.IniFormat)

    # ------------------------------------------------------------------ preferences

    @property
    def persona(self) -> Persona | None:
        """The first-run answer; None until the question has been asked."""
        raw = self._qs.value("reading/persona", "")
        try:
            return Persona(str(raw)) if raw else None
        except ValueError:
            return None

    @persona.setter
    def persona(self, value: Persona) -> None:
        self._set("reading/persona", value.value)

    @property
    def audience(self) -> Audience:
        """The reading level shown; defaults to the persona's audience, else patient."""
        raw = str(self._qs.value("reading/audience", ""))
        if raw in {a.value for a in Audience}:
            return Audience(raw)
        persona = self.persona
        return persona.audience if persona else Audience.PATIENT

    @audience.setter
    def audience(self, value: Audience) -> None:
        self._set("reading/audience", value.value)

    @property
    def zoom(self) -> int:
        """Text zoom in steps of one point (0 is the system size)."""
        try:
            step = int(str(self._qs.value("view/zoom", 0)))
        except ValueError:
            step = 0
        return max(ZOOM_MIN, min(ZOOM_MAX, step))

    @zoom.setter
    def zoom(self, value: int) -> None:
        self._set("view/zoom", max(ZOOM_MIN, min(ZOOM_MAX, value)))

    # ------------------------------------------------------------------ window state

    @property
    def geometry(self) -> QByteArray:
        """The saved main-window geometry (empty when none)."""
        return self._bytes("window/geometry")

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self._set("window/geometry", value)

    @property
    def splitter(self) -> QByteArray:
        """The saved splitter state between the list and the drug view."""
        return self._bytes("window/splitter")

    @splitter.setter
    def splitter(self, value: QByteArray) -> None:
        self._set("window/splitter", value)

    def sync(self) -> None:
        """Write pending changes to disk."""
        self._qs.sync()

    @property
    def file_name(self) -> str:
        """The file the settings live in."""
        return self._qs.fileName()

    # ------------------------------------------------------------------ helpers

    def _bytes(self, key: str) -> QByteArray:
        value = self._qs.value(key)
        return value if isinstance(value, QByteArray) else QByteArray()

    def _set(self, key: str, value: object) -> None:
        if self._qs.value(key) == value:
            return
        self._qs.setValue(key, value)
        self.changed.emit(key)
