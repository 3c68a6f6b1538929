"""Fixtures of the store tests: a fresh database and an importer with the fake reader."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from medguide.store.database import Database, open_database
from medguide.store.importing.importer import Importer
from medguide.store.importing.names import AliasTables
from tests.store.fakes import fake_aliases, fake_parse


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    """A migrated database in ``tmp_path``."""
    database = open_database(tmp_path / "store" / "medguide.sqlite")
    yield database
    database.close()


@pytest.fixture
def importer(db: Database) -> Importer:
    """An importer using the fake reader and the fake name dictionary, without the shipped
    brand and name-variant tables (their own tests pass small tables)."""
    return Importer(
        db, parse=fake_parse, aliases=fake_aliases, workers=1, tables=AliasTables.empty()
    )


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    """An empty folder for test documents."""
    folder = tmp_path / "docs"
    folder.mkdir()
    return folder
