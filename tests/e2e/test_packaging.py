"""Build the one-folder Linux bundle with PyInstaller and run its ``--self-test`` offscreen,
from a copy outside the project, with an empty home directory."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PROJECT_ROOT

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built bundle, copied to a folder outside the project."""
    pytest.importorskip("PyInstaller", reason="PyInstaller is not installed")
    work = tmp_path_factory.mktemp("pyinstaller")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "ERROR",
            "--workpath",
            str(work / "build"),
            "--distpath",
            str(work / "dist"),
            str(PROJECT_ROOT / "packaging" / "medguide.spec"),
        ],
        check=True,
        cwd=PROJECT_ROOT,
        timeout=1500,
    )
    outside = tmp_path_factory.mktemp("installed") / "medguide"
    shutil.copytree(work / "dist" / "medguide", outside, symlinks=True)
    return outside


def _contents(bundle: Path) -> Path:
    """Where PyInstaller put the data files (``_internal/`` since PyInstaller 6)."""
    internal = bundle / "_internal"
    return internal if internal.is_dir() else bundle


def _clean_env(home: Path) -> dict[str, str]:
    keep = {"PATH", "LANG", "LC_ALL", "TZ"}
    env = {k: v for k, v in os.environ.items() if k in keep}
    env.update(
        HOME=str(home),
        QT_QPA_PLATFORM="offscreen",
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
    )
    return env


def test_bundle_self_test_passes_without_python_or_project(bundle: Path, tmp_path: Path) -> None:
    home = tmp_path / "empty-home"
    home.mkdir()
    result = subprocess.run(
        [str(bundle / "medguide"), "--self-test"],
        env=_clean_env(home),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "self-test passed" in result.stdout
    assert (_contents(bundle) / "resources" / "library").is_dir()
    assert (_contents(bundle) / "db" / "versions").is_dir()


def test_bundle_creates_its_database_in_the_user_data_dir(bundle: Path, tmp_path: Path) -> None:
    home = tmp_path / "empty-home"
    home.mkdir()
    env = _clean_env(home)
    result = subprocess.run(
        [str(bundle / "medguide"), "import", str(_contents(bundle) / "resources" / "library")],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert list((home / "data").rglob("medguide.sqlite"))
