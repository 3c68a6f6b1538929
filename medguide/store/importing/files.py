"""Finding the files of an import: what the user named, and what their folders hold.

Nothing here opens a file for reading (so nothing here can block): paths are looked at with
``stat``. A folder is walked recursively, taking the file names of the registered formats,
hidden files and folders left out, each folder once even when symbolic links reach it twice.
What cannot be taken is reported with its reason instead of ending the batch:

- *skipped* (reported, not an error): named pipes, devices and sockets found in a folder;
- *problems* (errors, the exit code is 1): named paths that do not exist, link loops, broken
  links and files that may not be read, folders that cannot be opened.

Whether a taken file is a drug page at all is decided later, by the readers (a folder's README
is skipped then; see ``Importer``).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from medguide.content.formats import SNIFF_BYTES, importable_suffixes, sniff_stream_format
from medguide.content.load import MAX_BYTES
from medguide.core.files import describe_error, kind_of_mode, read_regular, what_is
from medguide.core.model import Rejected

AddFile = Callable[[Path, bool], None]


@dataclass
class FoundFiles:
    """The files to read, which of them came from walking a folder, and what was left out."""

    files: list[Path] = field(default_factory=list)
    walked: set[str] = field(default_factory=set)
    """``str(path)`` of the files found inside a folder (not named by the user)."""
    skipped: list[Rejected] = field(default_factory=list)
    problems: list[Rejected] = field(default_factory=list)


def find_files(paths: list[Path] | tuple[Path, ...]) -> FoundFiles:
    """Files to import: named files as given, named folders walked (see the module docstring)."""
    found = FoundFiles()
    seen_files: set[Path] = set()
    seen_dirs: set[Path] = set()
    suffixes = importable_suffixes()

    def add(path: Path, walked: bool) -> None:
        resolved = path.resolve()
        if resolved not in seen_files:
            seen_files.add(resolved)
            found.files.append(path)
            if walked:
                found.walked.add(str(path))

    for path in paths:
        reason = what_is(path)
        if reason == "a folder":
            _walk(path, seen_dirs, suffixes, found, add)
        elif reason is None:
            add(path, walked=False)
        else:
            found.problems.append(Rejected(str(path), reason))
    return found


def _walk(
    root: Path,
    seen_dirs: set[Path],
    suffixes: frozenset[str],
    found: FoundFiles,
    add: AddFile,
) -> None:
    """Walk one named folder, adding its files and recording what cannot be taken."""

    def unreadable(exc: OSError) -> None:
        where = Path(exc.filename) if exc.filename else root
        reason = f"cannot open the folder: {describe_error(where, exc)}"
        found.problems.append(Rejected(str(where), reason))

    for dirpath, dirnames, filenames in os.walk(root, followlinks=True, onerror=unreadable):
        folder = Path(dirpath)
        resolved = folder.resolve()
        if resolved in seen_dirs:
            dirnames[:] = []
            continue
        seen_dirs.add(resolved)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith(".") or Path(name).suffix.lower() not in suffixes:
                continue
            path = folder / name
            _take(path, found, add)


def _take(path: Path, found: FoundFiles, add: AddFile) -> None:
    """Add a walked file, or say why it is left out (without opening it)."""
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        found.problems.append(Rejected(str(path), describe_error(path, exc)))
        return
    kind = kind_of_mode(mode)
    if kind is None:
        add(path, True)
    elif kind != "a folder":
        found.skipped.append(Rejected(str(path), f"skipped: {kind}"))


def size_problem(path: Path) -> Rejected | None:
    """Why a file is too big to import, judged from its size and its first bytes, before it
    is hashed or read (None: it may be read).

    Text formats are read whole, so they must stay under the text limit; a stream format (an
    openFDA bulk file, a zip of labels) is read record by record and has no limit.
    """
    try:
        size = os.stat(path).st_size
    except OSError as exc:
        return Rejected(str(path), describe_error(path, exc))
    if size <= MAX_BYTES:
        return None
    try:
        head = read_regular(path, SNIFF_BYTES)
    except OSError as exc:
        return Rejected(str(path), f"cannot read the file: {describe_error(path, exc)}")
    if sniff_stream_format(head) is not None:
        return None
    return Rejected(
        str(path), f"file is {size / (1024 * 1024):.1f} MB; the limit is {MAX_BYTES // 2**20} MB"
    )
