"""Reading a file from disk into repaired text, and parsing it with the right reader.

Every problem with the input (too big, binary, empty, undecodable, unknown format, a reader
bug) comes back as a ``Rejected`` with a one-line reason; nothing here raises on bad input.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

from medguide.content.formats import detect_text_format
from medguide.content.frontmatter import front_matter_problem
from medguide.content.repair import repair_text
from medguide.core.files import describe_error, read_regular
from medguide.core.model import ParseResult, Rejected

MAX_BYTES = 5 * 1024 * 1024
_MB = 1024 * 1024
_SNIFF = 8192
# Magic numbers of common non-text files someone might drop into an import folder.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.xlsx/.odt document)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"SQLite format 3", "an SQLite database"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
    (b"\x7fELF", "a program"),
)
_CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
UNKNOWN_FORMAT = (
    "not a recognised format: expected an RxHive page, a Q&A article or a MedGuide library page"
)


def read_text(path: Path) -> str | Rejected:
    """Read ``path`` as text (BOM/UTF-8/UTF-16/cp1252 decoding, then repair) or reject it.

    The file is opened without blocking and only when it is a regular file (a named pipe or a
    device is refused), and never more than the size limit is read.
    """
    origin = str(path)
    try:
        data = read_regular(path, MAX_BYTES)
    except OSError as exc:
        return Rejected(origin, f"cannot read the file: {describe_error(path, exc)}")
    if len(data) > MAX_BYTES:
        size = _size_of(path)
        return Rejected(origin, f"file is {size / _MB:.1f} MB; the limit is 5 MB")
    text = decode_bytes(data)
    if isinstance(text, DecodeProblem):
        return Rejected(origin, text.reason, not_a_page=True)
    if not text.strip():
        return Rejected(origin, "file is empty (only whitespace)", not_a_page=True)
    return repair_text(text)


def _size_of(path: Path) -> float:
    try:
        return float(path.stat().st_size)
    except OSError:
        return float(MAX_BYTES + 1)


@dataclass(frozen=True)
class DecodeProblem:
    """Why some bytes are not a text document (a one-line reason)."""

    reason: str


def decode_bytes(data: bytes) -> str | DecodeProblem:
    """Decode file bytes to text, or say why they are not text."""
    if not data:
        return DecodeProblem("file is empty")
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8) :].decode("utf-8")
        except UnicodeDecodeError as exc:
            return DecodeProblem(f"starts with a UTF-8 mark but is not valid UTF-8 ({exc.reason})")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode_utf16(data, "utf-16")
    for magic, what in _MAGIC:
        if data.startswith(magic):
            return DecodeProblem(f"this is {what}, not a text document")
    bomless = _utf16_without_bom(data[:_SNIFF])
    if bomless:
        return _decode_utf16(data, bomless)
    if b"\x00" in data:
        return DecodeProblem("looks like a binary file (contains NUL bytes), not a text document")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = (
            data.decode("cp1252", errors="strict") if _is_cp1252(data) else data.decode("latin-1")
        )
    if _control_ratio(text[:_SNIFF]) > 0.05:
        return DecodeProblem(
            "looks like a binary file (many control characters), not a text document"
        )
    return text


def _decode_utf16(data: bytes, encoding: str) -> str | DecodeProblem:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        return DecodeProblem(f"cannot decode as UTF-16 ({exc.reason} at byte {exc.start})")


def _utf16_without_bom(head: bytes) -> str | None:
    """``"utf-16-le"``/``"utf-16-be"`` when the NUL bytes fall on one side only (ASCII-ish)."""
    if len(head) < 4:
        return None
    even = head[0::2]
    odd = head[1::2]
    even_nul = even.count(0) / len(even)
    odd_nul = odd.count(0) / len(odd)
    if odd_nul > 0.3 and even_nul < 0.02:
        return "utf-16-le"
    if even_nul > 0.3 and odd_nul < 0.02:
        return "utf-16-be"
    return None


def _is_cp1252(data: bytes) -> bool:
    """cp1252 leaves five bytes undefined; without them the file decodes as cp1252."""
    return not any(b in data for b in (b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d"))


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    return len(_CONTROL_CHARS.findall(text)) / len(text)


def parse_text(text: str, origin: str) -> ParseResult:
    """Detect the format of already-read text and parse it (never raises)."""
    try:
        found = detect_text_format(text)
        if found is None or found.parse_text is None:
            broken = front_matter_problem(text)
            if broken is not None:
                return Rejected(origin, broken)
            return Rejected(origin, UNKNOWN_FORMAT, not_a_page=True)
        return found.parse_text(text, origin)
    except Exception as exc:  # a reader bug must not stop a batch import
        return Rejected(origin, f"could not be parsed ({type(exc).__name__}: {exc})")


def parse_file(path: Path) -> ParseResult:
    """Read, detect and parse one file; a problem comes back as ``Rejected``."""
    text = read_text(path)
    if isinstance(text, Rejected):
        return text
    return parse_text(text, str(path))
