"""Test set-up shared by every test: offscreen Qt, isolated database and settings, ../shared."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from medguide.core.offline import network_refused

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SHARED = PROJECT_ROOT.parent / "shared"


@pytest.fixture(autouse=True)
def isolated_user_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point the database, QSettings and the user data dir at ``tmp_path`` for every test."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("MEDGUIDE_DB", str(tmp_path / "medguide.sqlite"))
    yield tmp_path


@pytest.fixture
def shared_dir() -> Path:
    """``../shared`` beside the project; the test is skipped when it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside the project (reference data absent)")
    return SHARED


@pytest.fixture
def seeds_dir(shared_dir: Path) -> Path:
    """The five seed documents."""
    return shared_dir / "seeds"


@pytest.fixture
def rxhive_dir(shared_dir: Path) -> Path:
    """The 5,817-page RxHive corpus."""
    return shared_dir / "corpora" / "rxhive"


@pytest.fixture(autouse=True)
def no_network() -> Iterator[None]:
    """Fail any test whose code opens an internet connection or looks up a host name.

    The rule of DESIGN.md §5, "the app opens no network connection, ever", is so checked by
    every test that runs the app (the same guard the self-test uses).
    """
    with network_refused():
        yield
