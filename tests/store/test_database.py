"""open_database: migrations, PRAGMAs, backup before an upgrade, refusal of a newer schema."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import inspect, text

from medguide.store.database import (
    DatabaseError,
    DatabaseTooNew,
    alembic_config,
    backup_copy,
    create_sqlite_engine,
    current_revision,
    head_revision,
    open_database,
)
from medguide.store.schema import Base


def test_creates_parent_folders_and_every_table(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "medguide.sqlite"
    with open_database(path) as db:
        tables = set(inspect(db.engine).get_table_names())
        for table in Base.metadata.sorted_tables:
            assert table.name in tables
            columns = {c["name"] for c in inspect(db.engine).get_columns(table.name)}
            assert columns == {c.name for c in table.columns}
        assert "search_index" in tables
        with db.engine.connect() as conn:
            assert current_revision(conn) == head_revision()
    assert path.is_file()


def test_default_path_comes_from_the_environment(tmp_path: Path) -> None:
    # tests/conftest.py points MEDGUIDE_DB at tmp_path
    with open_database() as db:
        assert db.path == tmp_path / "medguide.sqlite"


def test_pragmas_on_every_connection(tmp_path: Path) -> None:
    with open_database(tmp_path / "m.sqlite") as db, db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 1  # NORMAL


def test_session_commits_and_rolls_back(tmp_path: Path) -> None:
    with open_database(tmp_path / "m.sqlite") as db:
        with db.session() as session:
            session.execute(text("INSERT INTO clinic_settings VALUES ('a', '1')"))
        with pytest.raises(RuntimeError), db.session() as session:
            session.execute(text("INSERT INTO clinic_settings VALUES ('b', '2')"))
            raise RuntimeError("boom")
        with db.session() as session:
            keys = session.execute(text("SELECT key FROM clinic_settings")).scalars().all()
    assert keys == ["a"]


def test_reopening_an_up_to_date_database_makes_no_backup(tmp_path: Path) -> None:
    path = tmp_path / "m.sqlite"
    open_database(path).close()
    open_database(path).close()
    assert not list(tmp_path.glob("*.bak-*"))


def _make_foreign_database(path: Path) -> None:
    """Another program's SQLite file (tables, no MedGuide schema version), left in WAL mode."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("CREATE TABLE legacy_notes (text TEXT)")
    conn.execute("INSERT INTO legacy_notes VALUES ('kept')")
    conn.commit()
    conn.close()


def _make_revision_0001_database(path: Path) -> None:
    """A database written by the first MedGuide release (schema 0001) holding a clinic note."""
    engine = create_sqlite_engine(path)
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "0001")
        connection.exec_driver_sql(
            "INSERT INTO clinic_notes (slug, text, updated_at) "
            "VALUES ('warfarin', 'Bring your INR book', '2026-11-30 10:00:00')"
        )
    engine.dispose()


def test_older_database_is_copied_aside_then_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "medguide.sqlite"
    _make_revision_0001_database(path)
    with open_database(path) as db, db.engine.connect() as conn:
        assert current_revision(conn) == head_revision()
        notes = conn.exec_driver_sql("SELECT text FROM clinic_notes").fetchall()
    assert notes == [("Bring your INR book",)]
    backups = list(tmp_path.glob("medguide.sqlite.bak-0001-*"))
    assert len(backups) == 1
    copy = sqlite3.connect(backups[0])
    assert copy.execute("SELECT text FROM clinic_notes").fetchall() == [("Bring your INR book",)]
    copy.close()


def test_tables_without_a_schema_version_are_refused_untouched(tmp_path: Path) -> None:
    """Not MedGuide's file (or a damaged one): refused in one line, not changed, not copied."""
    path = tmp_path / "medguide.sqlite"
    _make_foreign_database(path)
    before = path.read_bytes()
    for _attempt in range(2):
        with pytest.raises(DatabaseError, match="no MedGuide schema version") as caught:
            open_database(path)
        assert len(str(caught.value).splitlines()) == 1
    assert path.read_bytes() == before
    assert not list(tmp_path.glob("medguide.sqlite.bak-*"))
    copy = sqlite3.connect(path)
    assert copy.execute("SELECT name FROM sqlite_master WHERE type='table'").fetchall() == [
        ("legacy_notes",)
    ]
    copy.close()


def test_backup_includes_uncheckpointed_wal_content(tmp_path: Path) -> None:
    path = tmp_path / "m.sqlite"
    writer = sqlite3.connect(path)
    writer.execute("PRAGMA journal_mode=WAL")
    writer.execute("PRAGMA wal_autocheckpoint=0")
    writer.execute("CREATE TABLE t (x)")
    writer.execute("INSERT INTO t VALUES (42)")
    writer.commit()  # still open: the row lives in the -wal file only
    assert (tmp_path / "m.sqlite-wal").stat().st_size > 0
    copy_path = backup_copy(path, "0001")
    writer.close()
    assert copy_path.name.startswith("m.sqlite.bak-0001-")
    copy = sqlite3.connect(copy_path)
    assert copy.execute("SELECT x FROM t").fetchall() == [(42,)]
    copy.close()


def test_newer_database_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "m.sqlite"
    open_database(path).close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.commit()
    conn.close()
    with pytest.raises(DatabaseTooNew) as caught:
        open_database(path)
    message = str(caught.value)
    assert "newer MedGuide" in message
    assert "9999_from_the_future" in message
    assert "--db" in message
    assert not list(tmp_path.glob("*.bak-*"))


def test_a_file_that_is_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    from medguide.store.database import DatabaseError

    path = tmp_path / "notes.sqlite"
    path.write_text("this is a text file, not a database\n" * 200, encoding="utf-8")
    with pytest.raises(DatabaseError) as caught:
        open_database(path)
    assert str(path) in str(caught.value)
