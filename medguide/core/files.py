"""Opening files that may be anything: a regular file, a named pipe, a device, a link loop.

An import folder can hold things that are not files. Opening a named pipe (FIFO) for reading
blocks until someone writes to it; reading a device never ends. ``open_regular`` opens without
blocking and refuses anything but a regular file, and ``what_is`` says in words what a path is,
so the importer can skip it with a reason instead of hanging or crashing.
"""

from __future__ import annotations

import errno
import hashlib
import io
import os
import stat
from pathlib import Path

_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_BINARY = getattr(os, "O_BINARY", 0)
HASH_CHUNK = 1024 * 1024


class NotARegularFile(OSError):
    """The path is a pipe, device, socket or folder: it is not read."""


def kind_of_mode(mode: int) -> str | None:
    """What a ``stat`` mode is, in words, when it is not a regular file (None when it is)."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO), not a file"
    if stat.S_ISSOCK(mode):
        return "a socket, not a file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device, not a file"
    return "not a regular file"


def what_is(path: Path) -> str | None:
    """Why ``path`` cannot be read as a file, in words, or None when it is a regular file.

    Distinguishes a missing path, a broken symbolic link, a link that points (through others)
    back to itself, a permission problem, a folder, a pipe, a socket and a device.
    """
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        return describe_error(path, exc)
    return kind_of_mode(mode)


def describe_error(path: Path, exc: OSError) -> str:
    """A one-line reason for an ``OSError`` met while looking at ``path``."""
    if exc.errno == errno.ELOOP:
        return "a symbolic link that points to itself (a link loop)"
    if exc.errno == errno.ENOENT:
        return "a broken symbolic link" if os.path.islink(path) else "no such file or folder"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied: MedGuide may not read it"
    if exc.errno == errno.ENAMETOOLONG:
        return "the path is too long"
    return exc.strerror or str(exc)


def open_regular(path: Path) -> io.BufferedReader:
    """Open ``path`` for reading without ever blocking; raise ``NotARegularFile`` for anything
    that is not a regular file (the check is made on the opened file, so a file swapped for a
    pipe after it was looked at is refused too)."""
    descriptor = os.open(path, os.O_RDONLY | _NONBLOCK | _BINARY)
    try:
        kind = kind_of_mode(os.fstat(descriptor).st_mode)
        if kind is not None:
            raise NotARegularFile(errno.EINVAL, f"{path} is {kind}")
        stream = os.fdopen(descriptor, "rb")
        assert isinstance(stream, io.BufferedReader)
        return stream
    except BaseException:
        os.close(descriptor)
        raise


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of a regular file, at most ``limit`` + 1 of them (so a caller can tell that
    the file is over the limit without reading it all)."""
    with open_regular(path) as stream:
        return stream.read(limit + 1)


def sha256_of(path: Path) -> str:
    """sha256 of a regular file's bytes, read in chunks (memory stays small for any size)."""
    with open_regular(path) as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()
