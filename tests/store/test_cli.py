"""The import, list, show and bench commands, run through ``medguide.cli.main``."""

from __future__ import annotations

from pathlib import Path

import pytest

from medguide.cli import main

SEED_DRUGS = ("lusutrombopag", "romiplostim", "romosozumab")


@pytest.fixture(autouse=True)
def no_builtin_library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """These commands run on hand-made databases: no built-in library is loaded into them."""
    empty = tmp_path / "no-library"
    empty.mkdir()
    monkeypatch.setattr("medguide.store.collection.library_dir", lambda: empty)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A database file in a folder that exists (a missing folder needs ``--create``)."""
    (tmp_path / "cli").mkdir()
    return tmp_path / "cli" / "medguide.sqlite"


@pytest.fixture
def imported(seeds_dir: Path, db_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """The five seeds imported into ``db_path``."""
    assert main(["--db", str(db_path), "import", "--no-progress", str(seeds_dir)]) == 0
    capsys.readouterr()
    return db_path


def test_import_prints_counts_and_exits_0(
    seeds_dir: Path, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(db_path), "import", str(seeds_dir)]) == 0
    out, err = capsys.readouterr()
    assert "imported:  5" in out
    assert "rejected:  0" in out
    assert "5/5" in err  # the progress bar goes to stderr
    assert main(["--db", str(db_path), "import", "--no-progress", str(seeds_dir)]) == 0
    assert "unchanged: 5" in capsys.readouterr().out


def test_import_reports_each_rejection_and_exits_1(
    seeds_dir: Path, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    junk = tmp_path / "junk.txt"
    junk.write_text("just a shopping list\n", encoding="utf-8")
    empty = tmp_path / "empty.md"
    empty.write_text("", encoding="utf-8")
    code = main(
        ["--db", str(db_path), "import", "--no-progress", str(seeds_dir), str(junk), str(empty)]
    )
    out = capsys.readouterr().out
    assert code == 1
    assert "imported:  5" in out
    assert "rejected:  2" in out
    rejection_lines = [line for line in out.splitlines() if line.strip().startswith("rejected ")]
    assert len(rejection_lines) == 2
    assert any("junk.txt" in line and "format" in line for line in rejection_lines)
    assert any("empty.md" in line and "empty" in line for line in rejection_lines)


def test_import_database_error_exits_2(
    seeds_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    code = main(["--db", str(blocker / "sub" / "m.sqlite"), "import", str(seeds_dir)])
    assert code == 2
    assert "medguide import:" in capsys.readouterr().err


def test_list(imported: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(imported), "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == list(SEED_DRUGS)
    assert main(["--db", str(imported), "list", "--limit", "1"]) == 0
    assert capsys.readouterr().out.split()[0] == "lusutrombopag"


def test_show_patient_and_professional(imported: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(imported), "show", "Romiplostim"]) == 0
    patient = capsys.readouterr().out
    assert patient.startswith("# Romiplostim")
    assert "## Usage" in patient and "Source: RxHive" in patient
    args = ["--db", str(imported), "show", "romiplostim", "--audience", "professional"]
    assert main([*args, "--section", "mechanism"]) == 0
    professional = capsys.readouterr().out
    assert "## How it works" in professional
    assert "## Usage" not in professional
    assert "Source: Q&A article" in professional


def test_show_by_alias(imported: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(imported), "show", "NPLATE", "--section", "usage"]) == 0
    assert capsys.readouterr().out.startswith("# Romiplostim")


def test_show_unknown_name_exits_1(imported: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(imported), "show", "unobtainium"]) == 1
    assert "No drug called 'unobtainium'" in capsys.readouterr().err


def test_bench_import_prints_figures(seeds_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bench", "import", str(seeds_dir), "--workers", "1", "--reimport"]) == 0
    out = capsys.readouterr().out
    assert "files:        5 (5 imported" in out
    for label in ("read + repair", "detect + parse", "grade", "aliases", "write", "index"):
        assert label in out
    assert "peak memory" in out
    assert "re-import" in out and "5 unchanged" in out


def test_bench_dispatcher_lists_the_import_topic() -> None:
    from medguide.cli.bench_cmd import topics

    assert "import" in topics()
