"""Where MedGuide keeps its files: the database, the shipped resources and the migrations."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "MedGuide"
DB_ENV = "MEDGUIDE_DB"


def project_root() -> Path:
    """The folder holding ``resources/`` and ``db/`` (the bundle folder in a frozen build)."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root)
    return Path(__file__).resolve().parents[2]


def resources_dir() -> Path:
    """Files the app ships: starter library, glossary, look-alike names, icons, styles."""
    return project_root() / "resources"


def library_dir() -> Path:
    """The built-in starter library (MedGuide library format)."""
    return resources_dir() / "library"


def migrations_dir() -> Path:
    """Alembic scripts (``db/``)."""
    return project_root() / "db"


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
