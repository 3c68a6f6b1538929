"""Helpers of the robustness tests: generated drug pages, a ``medguide`` child process, and a
read-only mount.

The kill, interrupt and concurrency cases run the real command line in a child process, as a
user or a script would, and look at it from outside (exit code, stderr, its worker processes,
the database file afterwards).
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def rxhive_page(title: str, usage: str = "Eases pain.") -> str:
    """A minimal RxHive drug page (the shape of the seeds, with our own words)."""
    return (
        f"---\nlayout: minimal-medicine\ntitle: {title}\n---\n\n# {title}\n\n"
        f"**Generic Name:** {title}\n\n**Usage:** {usage}\n\n**Side Effects:** A mild rash.\n"
    )


def write_pages(folder: Path, count: int, prefix: str = "Testdrug") -> list[Path]:
    """``count`` small RxHive pages in ``folder``, each a drug of its own."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for number in range(count):
        path = folder / f"{prefix.lower()}-{number:05d}.md"
        path.write_text(rxhive_page(f"{prefix} {number:05d}"), encoding="utf-8")
        written.append(path)
    return written


def medguide_command(*args: str) -> list[str]:
    """The command line that runs ``medguide`` with these arguments in a child process."""
    return [sys.executable, "-m", "medguide", *args]


def child_environment() -> dict[str, str]:
    """The environment of a child ``medguide``: the project importable, Qt offscreen."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(PROJECT_ROOT), env.get("PYTHONPATH", "")])
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return env


def _as_from_a_terminal() -> None:
    """In the child before it starts: Ctrl+C (SIGINT) acts as in a terminal, even when this
    test run ignores it (a shell's background job, a CI runner), since an ignored signal
    stays ignored across ``exec``."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def start_medguide(*args: str, stdin: int | None = subprocess.DEVNULL) -> subprocess.Popen[str]:
    """Start ``medguide`` with these arguments; stdout and stderr are pipes of text."""
    return subprocess.Popen(
        medguide_command(*args),
        stdin=stdin,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=child_environment(),
        cwd=PROJECT_ROOT,
        preexec_fn=_as_from_a_terminal if os.name == "posix" else None,
    )


def run_medguide(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run ``medguide`` with these arguments to its end."""
    return subprocess.run(
        medguide_command(*args),
        capture_output=True,
        text=True,
        env=child_environment(),
        cwd=PROJECT_ROOT,
        timeout=timeout,
        check=False,
    )


def children_of(pid: int) -> list[int]:
    """The child processes of ``pid`` (Linux ``/proc``)."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(p) for p in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def is_running(pid: int) -> bool:
    """Whether ``pid`` is a live process (a zombie counts as ended)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status


def wait_until(condition: Callable[[], bool], timeout: float, step: float = 0.02) -> bool:
    """Poll ``condition`` until it holds or ``timeout`` seconds pass; whether it held."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return condition()


def integrity_and_drugs(path: Path) -> tuple[str, int]:
    """``PRAGMA integrity_check`` of the database file and how many drugs it holds."""
    with sqlite3.connect(path) as conn:
        check = str(conn.execute("PRAGMA integrity_check").fetchone()[0])
        drugs = int(conn.execute("SELECT count(*) FROM drugs").fetchone()[0])
    return check, drugs


def needs_linux_proc() -> None:
    """Skip on systems without Linux ``/proc`` child lists."""
    if not Path(f"/proc/{os.getpid()}/task/{os.getpid()}/children").exists():
        pytest.skip("needs Linux /proc to see worker processes")


def read_only_mount_command(folder: Path, command: Sequence[str]) -> list[str]:
    """``command`` run with ``folder`` mounted read-only (a private mount namespace, as root);
    skips the test where that cannot be done."""
    unshare = shutil.which("unshare")
    if unshare is None or not sys.platform.startswith("linux"):
        pytest.skip("needs unshare(1) on Linux for a read-only mount")
    probe = subprocess.run(
        [
            unshare,
            "-m",
            "sh",
            "-c",
            f"mount --bind '{folder}' '{folder}' && mount -o remount,bind,ro '{folder}' '{folder}'",
        ],
        capture_output=True,
        check=False,
    )
    if probe.returncode != 0:
        pytest.skip("cannot make a read-only mount here (needs root or user namespaces)")
    quoted = " ".join(f"'{part}'" for part in command)
    script = (
        f"mount --bind '{folder}' '{folder}' && mount -o remount,bind,ro '{folder}' '{folder}'"
        f" && exec {quoted}"
    )
    return [unshare, "-m", "sh", "-c", script]
