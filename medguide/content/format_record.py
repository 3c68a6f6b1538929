"""One input format's record for the registry in ``medguide.content.formats``.

Kept in a module of its own so that format modules (``label_formats``) can build their
records without importing the registry that lists them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import BinaryIO

from medguide.core.model import Audience, ParseResult, SourceFormat

TextReader = Callable[[str, str], ParseResult]
"""``parse(text, origin)`` of a text format."""
TextDetector = Callable[[str], int]
"""How sure a text format is that a text is its own: 0 (not mine) up to 3 (certain)."""
StreamReader = Callable[[BinaryIO, str], Iterator[ParseResult]]
"""``read(stream, origin)`` of a stream format: one result per record of the file."""
ByteSniffer = Callable[[bytes], bool]
"""Whether the first bytes of a file (up to ``SNIFF_BYTES``) are of a stream format."""

SNIFF_BYTES = 64 * 1024


@dataclass(frozen=True)
class InputFormat:
    """One input format: what it is called, which files it reads, how, and how it ranks."""

    format: SourceFormat
    name: str
    suffixes: tuple[str, ...]
    precedence: Mapping[Audience, int]
    example: str = ""
    detect_text: TextDetector | None = None
    parse_text: TextReader | None = None
    sniff: ByteSniffer | None = None
    read_stream: StreamReader | None = None
    max_bytes: int | None = field(default=None)
    """Largest file taken; None: the text limit for text formats, no limit for streams."""

    @property
    def is_stream(self) -> bool:
        """Whether files of this format are read as a stream of records."""
        return self.read_stream is not None
