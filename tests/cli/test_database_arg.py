"""Every command that reads the database reports an unusable one in a line, never a traceback."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from medguide.cli import main
from medguide.cli.database_arg import DATABASE_ERROR_EXIT
from medguide.store.database import open_database


@pytest.fixture
def newer_db(tmp_path: Path) -> Path:
    """A database whose schema revision this MedGuide does not know (a newer app wrote it)."""
    path = tmp_path / "newer.sqlite"
    open_database(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    return path


@pytest.mark.parametrize(
    ("command", "args"),
    [
        ("import", ["--no-progress", "nothing-here.md"]),
        ("list", []),
        ("show", ["warfarin"]),
        ("search", ["warfarin"]),
        ("handout", ["warfarin", "--pdf", "out.pdf"]),
        ("snapshot", ["--out", "out.png"]),
    ],
)
def test_a_newer_database_is_refused_with_one_line(
    newer_db: Path, capsys: pytest.CaptureFixture[str], command: str, args: list[str]
) -> None:
    assert main(["--db", str(newer_db), command, *args]) == DATABASE_ERROR_EXIT
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"medguide {command}: ") and "newer MedGuide" in err
    assert len(err.splitlines()) == 1
