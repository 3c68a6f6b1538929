"""Import folders holding things that are not drug pages: nothing blocks, nothing aborts the
batch, and each odd thing is named for what it is.

A named pipe would block a plain ``open`` for ever, a link to itself raised "Symlink loop" out
of the folder walk, and a file over the size limit was hashed whole before it was measured.
"""

from __future__ import annotations

import errno
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from medguide.content import load as load_module
from medguide.content.render import markdown_to_html
from medguide.core import files as core_files
from medguide.core.model import ImportReport
from medguide.store.database import Database, open_database
from medguide.store.importing import files as files_module
from medguide.store.importing import importer as importer_module
from medguide.store.importing import prepare as prepare_module
from medguide.store.importing.importer import Importer
from medguide.store.importing.names import AliasTables
from tests.robustness.conftest import rxhive_page
from tests.store.fakes import fake_aliases

IMPORT_TIMEOUT_S = 30.0


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "hostile.sqlite")
    yield database
    database.close()


@pytest.fixture
def importer(db: Database) -> Importer:
    """The real readers, a fake name dictionary, no shipped alias tables (fast)."""
    return Importer(db, aliases=fake_aliases, workers=1, tables=AliasTables.empty())


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """An import folder with one good page in it."""
    path = tmp_path / "pages"
    path.mkdir()
    (path / "good.md").write_text(rxhive_page("Gooddrug"), encoding="utf-8")
    return path


def import_within_timeout(importer: Importer, paths: list[Path]) -> ImportReport:
    """Run the import on a thread and fail (instead of hanging the suite) if it blocks."""
    result: list[ImportReport] = []
    worker = threading.Thread(target=lambda: result.append(importer.import_paths(paths)))
    worker.daemon = True
    worker.start()
    worker.join(IMPORT_TIMEOUT_S)
    assert not worker.is_alive(), f"the import blocked for more than {IMPORT_TIMEOUT_S} s"
    return result[0]


def reasons(report: ImportReport) -> dict[str, str]:
    """File name → reason, for rejected and skipped files alike."""
    return {Path(r.origin).name: r.reason for r in [*report.rejected, *report.skipped]}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
def test_a_named_pipe_in_a_folder_is_skipped_and_the_rest_lands(
    importer: Importer, folder: Path
) -> None:
    """A FIFO called ``x.md`` would block a reader for ever; it is skipped, named as a pipe."""
    os.mkfifo(folder / "x.md")
    report = import_within_timeout(importer, [folder])
    assert [Path(i).name for i in report.imported] == ["good.md"]
    assert "named pipe" in reasons(report)["x.md"]
    assert report.ok  # skipped on purpose, not a failure


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
def test_a_named_pipe_or_a_device_given_by_name_is_called_what_it_is(
    importer: Importer, folder: Path
) -> None:
    """Named directly, a pipe and a device are not reported as "no such file"."""
    pipe = folder / "pipe.md"
    os.mkfifo(pipe)
    paths = [pipe, folder / "good.md"]
    if Path("/dev/null").exists():
        paths.append(Path("/dev/null"))
    report = import_within_timeout(importer, paths)
    found = reasons(report)
    assert "named pipe" in found["pipe.md"]
    if Path("/dev/null").exists():
        assert "device" in found["null"]
    assert not any("no such file" in reason for reason in found.values())
    assert len(report.imported) == 1


def test_a_link_to_itself_is_reported_and_the_batch_goes_on(
    importer: Importer, folder: Path
) -> None:
    """A file link pointing to itself, in the folder or named directly, has its own reason."""
    loop = folder / "loop.md"
    loop.symlink_to(loop)
    report = import_within_timeout(importer, [folder])
    assert "points to itself" in reasons(report)["loop.md"]
    assert [Path(i).name for i in report.imported] == ["good.md"]
    direct = import_within_timeout(importer, [loop])
    assert "points to itself" in reasons(direct)["loop.md"]


def test_a_file_over_the_limit_is_refused_before_it_is_read_or_hashed(
    importer: Importer, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 1 GB file (sparse: it costs no disk) is measured, not read: only its first bytes are
    looked at, to tell a label bundle (no limit) from a page (5 MB)."""
    huge = folder / "huge.md"
    with huge.open("wb") as stream:
        stream.truncate(1024**3)
    read_limits: list[int] = []
    real_read, real_hash = core_files.read_regular, core_files.sha256_of

    def read_regular(path: Path, limit: int) -> bytes:
        if path == huge:
            read_limits.append(limit)
        return real_read(path, limit)

    def sha256_of(path: Path) -> str:
        assert path != huge, "the oversized file was hashed"
        return real_hash(path)

    for module in (files_module, importer_module, load_module):
        monkeypatch.setattr(module, "read_regular", read_regular)
    monkeypatch.setattr(prepare_module, "sha256_of", sha256_of)
    report = import_within_timeout(importer, [folder])
    assert "1024.0 MB; the limit is 5 MB" in reasons(report)["huge.md"]
    assert read_limits and max(read_limits) <= 64 * 1024, read_limits
    assert len(report.imported) == 1


def test_an_unreadable_folder_is_reported_with_a_reason(
    importer: Importer, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A sub-folder that may not be opened is a problem with a reason (and the import says
    so in its counts), not a silent skip with exit code 0."""
    locked = folder / "locked"
    locked.mkdir()
    (locked / "hidden-away.md").write_text(rxhive_page("Lockeddrug"), encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path: object = ".") -> object:
        if Path(str(path)) == locked:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_scandir(path)  # type: ignore[call-overload]

    monkeypatch.setattr(os, "scandir", scandir)
    report = import_within_timeout(importer, [folder])
    assert "permission denied" in reasons(report)["locked"].lower()
    assert not report.ok
    assert len(report.imported) == 1


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root may read any folder")
def test_a_folder_without_read_permission_is_reported(importer: Importer, folder: Path) -> None:
    """The same with real permissions, where the tests do not run as root."""
    locked = folder / "locked"
    locked.mkdir()
    (locked / "inside.md").write_text(rxhive_page("Lockeddrug"), encoding="utf-8")
    locked.chmod(0)
    try:
        report = import_within_timeout(importer, [folder])
    finally:
        locked.chmod(0o755)
    assert "permission denied" in reasons(report)["locked"].lower()


def test_front_matter_that_is_never_closed_is_named_as_the_problem(
    importer: Importer, folder: Path
) -> None:
    """An RxHive page whose ``---`` block is not closed says so, instead of "not a
    recognised format", and counts as a rejection (it was meant to be a page)."""
    (folder / "broken.md").write_text(
        "---\nlayout: minimal-medicine\ntitle: Brokendrug\n\n# Brokendrug\n\n**Usage:** x\n",
        encoding="utf-8",
    )
    report = import_within_timeout(importer, [folder])
    assert "front matter" in reasons(report)["broken.md"]
    assert "never closed" in reasons(report)["broken.md"]
    assert [Path(r.origin).name for r in report.rejected] == ["broken.md"]


def test_latin1_binary_empty_and_script_files_each_get_their_answer(
    importer: Importer, db: Database, folder: Path
) -> None:
    """Latin-1 text is read (é kept), a binary and an empty file are skipped with a reason,
    and a page with a script tag lands and is shown without the script."""
    (folder / "latin1.md").write_bytes(
        rxhive_page("Cafédrug", "Soulage la fièvre.").encode("latin-1")
    )
    (folder / "binary.md").write_bytes(bytes(range(256)) * 64)
    (folder / "empty.md").write_bytes(b"")
    (folder / "script.md").write_text(
        rxhive_page("Scriptdrug", "<script>alert(1)</script>Take it with food."),
        encoding="utf-8",
    )
    report = import_within_timeout(importer, [folder])
    found = reasons(report)
    assert "binary" in found["binary.md"]
    assert "empty" in found["empty.md"]
    assert {Path(i).name for i in report.imported} == {"good.md", "latin1.md", "script.md"}
    with db.engine.connect() as conn:
        names = {row[0] for row in conn.exec_driver_sql("SELECT name FROM drugs")}
        texts = " ".join(row[0] for row in conn.exec_driver_sql("SELECT markdown FROM sections"))
    assert "Cafédrug" in names
    assert "fièvre" in texts
    shown = markdown_to_html(texts)
    assert "Take it with food" in shown
    assert "<script" not in shown and "alert(1)" not in shown
