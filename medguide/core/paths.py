"""Where MedGuide keeps its files: the database, the shipped resources and the migrations.

The shipped files live at the top of the repository (``resources/``, ``db/``) and are installed
inside the package as ``medguide.resources`` and ``medguide.migrations`` (see pyproject.toml), so
an editable install, a wheel and ``pip install .`` all find them through ``importlib.resources``.
A PyInstaller bundle keeps them beside the program (``sys._MEIPASS``); a source tree that was
never installed falls back to the folders beside the package.
"""

from __future__ import annotations

import os
import sys
from importlib import resources
from pathlib import Path

import platformdirs

APP_NAME = "MedGuide"
DB_ENV = "MEDGUIDE_DB"
_SOURCE_TREE = Path(__file__).resolve().parents[2]


def _shipped(package: str, bundle_name: str) -> Path:
    """The folder of a shipped data package, as a real path on disk."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / bundle_name
    try:
        found = resources.files(package)
    except ModuleNotFoundError:
        return _SOURCE_TREE / bundle_name
    return Path(str(found))


def resources_dir() -> Path:
    """Files the app ships: starter library, glossary, look-alike names, icons."""
    return _shipped("medguide.resources", "resources")


def library_dir() -> Path:
    """The built-in starter library (MedGuide library format)."""
    return resources_dir() / "library"


def migrations_dir() -> Path:
    """Alembic scripts (``db/`` in the repository)."""
    return _shipped("medguide.migrations", "db")


def user_data_dir() -> Path:
    """Per-user data folder (created on demand)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def database_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The database file: ``--db`` wins, then ``MEDGUIDE_DB``, then the user data dir."""
    if explicit:
        return Path(explicit).expanduser()
    from_env = os.environ.get(DB_ENV)
    if from_env:
        return Path(from_env).expanduser()
    return user_data_dir() / "medguide.sqlite"
