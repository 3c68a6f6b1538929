"""Build the wheel with ``python -m build``, install it into a fresh virtual environment and run
the app from outside the source tree: the self-test and the commands on a fresh home.

This is what ``pip install .`` gives a clinic IT person; it fails when ``resources/`` or ``db/``
are missing from the wheel or found by a path into the source tree. The fresh environment
installs the dependencies from the package index (pip's cache makes a second run quick).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PROJECT_ROOT

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The ``bin`` folder of a fresh venv holding only the built wheel and its dependencies."""
    pytest.importorskip("build", reason="the 'build' package is not installed")
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(PROJECT_ROOT)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    (wheel,) = dist.glob("medguide-*.whl")
    venv = tmp_path_factory.mktemp("venv") / "env"
    base_python = getattr(sys, "_base_executable", sys.executable)
    subprocess.run([base_python, "-m", "venv", str(venv)], check=True, timeout=300)
    subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", str(wheel)],
        check=True,
        capture_output=True,
        timeout=1200,
    )
    return venv / "bin"


def _run(bin_dir: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the installed ``medguide`` with an empty home, from a folder outside the project."""
    keep = {"PATH", "LANG", "LC_ALL", "TZ"}
    env = {k: v for k, v in os.environ.items() if k in keep}
    env.update(
        HOME=str(home),
        QT_QPA_PLATFORM="offscreen",
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
    )
    return subprocess.run(
        [str(bin_dir / "medguide"), *args],
        env=env,
        cwd=home,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_the_wheel_holds_its_data_and_runs_outside_the_tree(
    installed: Path, tmp_path: Path
) -> None:
    """Self-test, list, search and a handout work from the installed wheel on a fresh home."""
    home = tmp_path / "wheel-home"  # tmp_path/home is the isolated home of every test
    home.mkdir()
    result = _run(installed, home, "--self-test")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "self-test passed" in result.stdout
    listed = _run(installed, home, "list")
    assert listed.returncode == 0, listed.stderr
    assert "Warfarin" in listed.stdout and "Romiplostim" in listed.stdout
    found = _run(installed, home, "search", "coumadin")
    assert found.returncode == 0 and "Warfarin" in found.stdout, found.stdout + found.stderr
    pdf = home / "warfarin.pdf"
    printed = _run(installed, home, "handout", "warfarin", "--pdf", str(pdf))
    assert printed.returncode == 0, printed.stderr
    assert pdf.read_bytes().startswith(b"%PDF")
    site = next((installed.parent / "lib").glob("python3*/site-packages"))
    assert (site / "medguide" / "resources" / "library" / "warfarin" / "patient.md").is_file()
    assert (site / "medguide" / "migrations" / "versions").is_dir()
