"""Full disks, read-only files and folders, another program holding the write lock: each
ends in one line saying what happened and what to do, and the database stays as it was."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from medguide.cli import main
from medguide.cli.database_arg import DATABASE_ERROR_EXIT
from medguide.store import database as database_module
from medguide.store.collection import open_collection
from medguide.store.database import (
    Database,
    DatabaseFull,
    DatabaseReadOnly,
    open_database,
)
from medguide.store.importing.importer import Importer
from medguide.store.importing.names import AliasTables
from medguide.store.locks import DatabaseBusy
from tests.robustness.conftest import (
    integrity_and_drugs,
    read_only_mount_command,
    run_medguide,
    write_pages,
)
from tests.store.fakes import fake_aliases


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A database with three drugs in it."""
    path = tmp_path / "clinic" / "medguide.sqlite"
    database = open_database(path)
    try:
        importer(database).import_paths(write_pages(tmp_path / "first", 3, "Firstdrug"))
    finally:
        database.close()
    return path


def importer(database: Database, lock_wait: float = 1.0) -> Importer:
    return Importer(
        database, aliases=fake_aliases, workers=1, tables=AliasTables.empty(), lock_wait=lock_wait
    )


def rows(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every MedGuide table (for before/after checks)."""
    with sqlite3.connect(path) as conn:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table' "
                "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'search_index_%'"
            )
        ]
        return {t: sorted(conn.execute(f'SELECT * FROM "{t}"'), key=repr) for t in tables}


def limit_pages(engine: Any, pages: int) -> None:
    """Make every new connection of ``engine`` see a disk that is full after ``pages``."""

    @event.listens_for(engine, "connect")
    def _full(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    engine.dispose()


@pytest.fixture
def full_disk(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every database opened from now on has room for only a few more pages."""
    real = database_module.create_sqlite_engine

    def engine_on_a_full_disk(path: Path) -> Any:
        engine = real(path)
        with sqlite3.connect(path) as probe:
            used = int(probe.execute("PRAGMA page_count").fetchone()[0])
        limit_pages(engine, used + 2)
        return engine

    monkeypatch.setattr(database_module, "create_sqlite_engine", engine_on_a_full_disk)
    yield


def test_a_full_disk_stops_the_import_with_one_line_and_the_database_as_it_was(
    db_path: Path, tmp_path: Path, full_disk: None
) -> None:
    before = rows(db_path)
    database = open_database(db_path)
    try:
        with pytest.raises(DatabaseFull) as caught:
            importer(database).import_paths(write_pages(tmp_path / "more", 300, "Moredrug"))
    finally:
        database.close()
    message = str(caught.value)
    assert len(message.splitlines()) == 1
    assert "full" in message and "nothing was written" in message
    assert "INSERT" not in message and "sqlalche.me" not in message
    assert rows(db_path) == before
    assert integrity_and_drugs(db_path) == ("ok", 3)


def test_a_full_disk_in_the_import_command_is_exit_2_and_one_line(
    db_path: Path, tmp_path: Path, full_disk: None, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "more"
    write_pages(folder, 300, "Moredrug")
    code = main(["import", str(folder), "--db", str(db_path), "--no-progress"])
    err = capsys.readouterr().err.strip()
    assert code == DATABASE_ERROR_EXIT
    assert len(err.splitlines()) == 1 and "full" in err, err
    assert integrity_and_drugs(db_path) == ("ok", 3)


def test_another_program_holding_the_write_lock_is_waited_for_then_given_up_on(
    db_path: Path, tmp_path: Path
) -> None:
    """A ``sqlite3`` shell in a transaction: the import says it waits, then gives up in one
    line, having written nothing."""
    holder = sqlite3.connect(db_path)
    holder.execute("BEGIN IMMEDIATE")
    waits: list[str] = []
    database = open_database(db_path)
    try:
        with pytest.raises(DatabaseBusy) as caught:
            importer(database, lock_wait=1.0).import_paths(
                write_pages(tmp_path / "more", 2, "Moredrug"),
                progress=lambda _done, total, label: waits.append(label) if total == 0 else None,
            )
    finally:
        database.close()
        holder.rollback()
        holder.close()
    assert "locked by another program" in str(caught.value)
    assert "nothing was imported" in str(caught.value)
    assert any(w.startswith("Waiting for another program") for w in waits)
    assert integrity_and_drugs(db_path) == ("ok", 3)


def test_an_import_goes_on_when_the_other_writer_lets_go(db_path: Path, tmp_path: Path) -> None:
    holder = sqlite3.connect(db_path, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    waited = threading.Event()

    def progress(_done: int, total: int, label: str) -> None:
        if total == 0 and not waited.is_set():
            waited.set()
            holder.rollback()  # the other program finishes its work

    database = open_database(db_path)
    try:
        report = importer(database, lock_wait=30.0).import_paths(
            write_pages(tmp_path / "more", 2, "Moredrug"), progress=progress
        )
    finally:
        database.close()
        holder.close()
    assert waited.is_set()
    assert len(report.imported) == 2
    assert integrity_and_drugs(db_path) == ("ok", 5)


def test_a_database_that_may_not_be_written_is_read_but_not_changed(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A read-only file (as a clinic's shared copy may be): the drugs can be read and shown;
    an import says why it cannot write; a view is not recorded; no file is made beside it."""
    before = rows(db_path)
    beside = sorted(p.name for p in db_path.parent.iterdir())
    monkeypatch.setattr(database_module, "is_writable", lambda path: False)
    collection = open_collection(db_path, library=tmp_path / "no-library")
    try:
        assert collection.read_only
        assert len(collection.repository.list_drugs()) == 3
        collection.record_view("firstdrug-00000")
        with pytest.raises(DatabaseReadOnly, match="read-only"):
            collection.import_paths(write_pages(tmp_path / "more", 2, "Moredrug"))
    finally:
        collection.close()
    assert rows(db_path) == before
    assert sorted(p.name for p in db_path.parent.iterdir()) == beside


def test_a_read_only_folder_reads_and_refuses_writes_from_the_command_line(
    db_path: Path, tmp_path: Path
) -> None:
    """For real: the database's folder mounted read-only (root or not, nothing may write)."""
    folder = db_path.parent
    more = tmp_path / "more"
    write_pages(more, 2, "Moredrug")
    before = db_path.read_bytes()

    def run(*args: str) -> tuple[int, str, str]:
        import subprocess

        from tests.robustness.conftest import child_environment, medguide_command

        command = read_only_mount_command(folder, medguide_command(*args, "--db", str(db_path)))
        done = subprocess.run(
            command, capture_output=True, text=True, env=child_environment(), timeout=120
        )
        return done.returncode, done.stdout, done.stderr

    code, out, err = run("show", "firstdrug-00001")
    assert code == 0 and "Firstdrug 00001" in out, err
    code, out, err = run("search", "firstdrug")
    assert code == 0 and "Firstdrug" in out, err
    code, out, err = run("import", str(more), "--no-progress")
    assert code == DATABASE_ERROR_EXIT
    assert err.count("\n") == 1 and "read-only" in err and "Traceback" not in err, err
    assert db_path.read_bytes() == before
    assert run_medguide("list", "--db", str(db_path)).returncode == 0
