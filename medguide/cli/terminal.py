"""What reaches the terminal: no control or bidi characters, and quiet ends.

Names, titles and file names come from imported files and may hold anything: an escape
sequence (U+009B, ESC) that drives the terminal, a right-to-left override (U+202E) that makes a
line read backwards, a newline inside a file name. ``CleanOutput`` wraps ``sys.stdout`` and
``sys.stderr`` and replaces those characters as they are written; tabs and line ends stay.
``ended_quietly`` turns a closed pipe (``medguide list | head``) and Ctrl+C into an exit code
instead of a traceback.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from typing import TextIO

INTERRUPTED_EXIT = 130
"""Exit code after Ctrl+C (128 + SIGINT), as shells report it."""

# what is replaced: C0 and C1 controls but tab, newline and carriage return (progress bars),
# and bidi marks, embeddings, overrides and isolates
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def clean(text: str) -> str:
    """``text`` with control and bidi characters shown as ``?`` (line ends and tabs kept)."""
    return _UNSAFE.sub("?", text)


def one_line(text: str) -> str:
    """``text`` cleaned and on one line (a newline in a file name becomes ``\\n``)."""
    return clean(text.replace("\r", "\\r").replace("\n", "\\n"))


class CleanOutput:
    """A text stream that writes everything through ``clean``."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        """Write the cleaned text."""
        return self._stream.write(clean(text))

    def flush(self) -> None:
        """Flush the wrapped stream."""
        self._stream.flush()

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)


def ended_quietly(run: Callable[[], int]) -> int:
    """Run a command; a closed output pipe ends it with code 0, Ctrl+C with code 130."""
    try:
        return run()
    except BrokenPipeError:
        # the reader went away (``| head``): nothing more to say, and Python must not try to
        # flush the broken pipe again at exit
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        print("\nmedguide: interrupted", file=sys.stderr)
        return INTERRUPTED_EXIT
