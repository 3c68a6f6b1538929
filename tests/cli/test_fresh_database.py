"""The command line on a fresh database: the built-in library is there, ``--db`` works in any
position, a mistyped path is refused, and an unusable file gets one line."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from medguide.cli import main
from medguide.cli.database_arg import DATABASE_ERROR_EXIT


def test_reading_commands_see_the_builtin_library_on_a_fresh_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """list, search, show and handout work at once; the library is loaded only the first time."""
    db = tmp_path / "fresh.sqlite"
    assert main(["list", "--db", str(db)]) == 0
    out, err = capsys.readouterr()
    assert "warfarin" in out and "romiplostim" in out
    assert "Loading the built-in library" in err
    assert main(["search", "coumadin", "--db", str(db)]) == 0
    out, err = capsys.readouterr()
    assert "Warfarin" in out and "Loading" not in err
    assert main(["show", "warfarin", "--section", "dosage", "--db", str(db)]) == 0
    assert "INR" in capsys.readouterr().out
    pdf = tmp_path / "warfarin.pdf"
    assert main(["--db", str(db), "handout", "warfarin", "--pdf", str(pdf)]) == 0
    assert pdf.read_bytes().startswith(b"%PDF")


def test_the_environment_variable_names_the_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """MEDGUIDE_DB is used when no --db is given."""
    db = tmp_path / "from-env.sqlite"
    monkeypatch.setenv("MEDGUIDE_DB", str(db))
    assert main(["list", "--limit", "1"]) == 0
    capsys.readouterr()
    assert db.is_file()


def test_a_database_in_a_missing_folder_needs_create(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A typo in --db is an error, not a new empty database in a new folder."""
    db = tmp_path / "no-such-folder" / "clinic.sqlite"
    assert main(["list", "--db", str(db)]) == DATABASE_ERROR_EXIT
    err = capsys.readouterr().err.strip()
    assert err.startswith("medguide list: the folder") and "--create" in err
    assert len(err.splitlines()) == 1
    assert not db.parent.exists()
    assert main(["list", "--db", str(db), "--create"]) == 0
    assert db.is_file()


@pytest.mark.parametrize(
    ("content", "expected"),
    [(b"just some text\n" * 20, "not a database"), (None, "malformed")],
    ids=["text-file", "truncated-database"],
)
def test_an_unusable_file_gets_one_line_without_library_links(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes | None, expected: str
) -> None:
    """A text file or a truncated database: one line naming the file, exit 2, file untouched."""
    path = tmp_path / "bad.sqlite"
    if content is None:
        with sqlite3.connect(path) as conn:  # a real database, then cut off half way
            conn.execute("CREATE TABLE t (x TEXT)")
            conn.executemany("INSERT INTO t VALUES (?)", [("x" * 500,)] * 200)
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    else:
        path.write_bytes(content)
    before = path.read_bytes()
    assert main(["search", "warfarin", "--db", str(path)]) == DATABASE_ERROR_EXIT
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1, err
    assert expected in err and str(path) in err
    assert "sqlalche.me" not in err and "Traceback" not in err
    assert path.read_bytes() == before
