"""Importing *stream* files: one file, many documents (an openFDA bulk download, a zip of SPL).

A stream file is never held in memory whole: its reader yields one label at a time, labels are
prepared (sections merged and graded) as they come, and written in chunks on the batch's
connection, inside the batch's one transaction. So memory stays bounded by a chunk whatever the
file size, a cancel between chunks rolls everything back, and progress is reported as the file
is read (the share of its bytes read, and the labels so far).

A whole file whose bytes are the same as at its last import is skipped without being parsed:
its hash is kept in ``store_meta`` under ``stream-file:<path>``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, cast

from sqlalchemy import Connection, Table, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from medguide.content.format_record import InputFormat
from medguide.core.files import open_regular, sha256_of
from medguide.core.model import ParsedDocument, Rejected
from medguide.store.importing.prepare import PreparedFile, prepare_document
from medguide.store.importing.write import BatchWriter, WriteOutcome
from medguide.store.schema import StoreMetaRow

CHUNK_DOCUMENTS = 200
"""Labels written per chunk (a label's text is 50–300 KB: a chunk stays well under 100 MB)."""
CHUNK_CHARACTERS = 40_000_000
"""…or fewer, when their text adds up to this many characters."""

ProgressFn = Callable[[str], None]
CancelFn = Callable[[], bool]
META = cast(Table, StoreMetaRow.__table__)


class StreamCancelled(Exception):
    """The import was cancelled while a stream file was read (the transaction rolls back)."""


class _CountingReader:
    """A binary file that counts the bytes read from it (for progress)."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self.count = 0

    def read(self, size: int = -1) -> bytes:
        data = self._stream.read(size)
        self.count += len(data)
        return data

    def readinto(self, buffer: bytearray | memoryview) -> int:
        read = self._stream.readinto(buffer)  # type: ignore[attr-defined]
        self.count += read or 0
        return int(read or 0)

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)


@dataclass
class StreamOutcome:
    """What one stream file did: the writer's outcome, and whether it was skipped unchanged."""

    outcome: WriteOutcome = field(default_factory=WriteOutcome)
    unchanged_file: bool = False
    documents: int = 0


def import_stream(
    conn: Connection,
    writer: BatchWriter,
    path: Path,
    reader: InputFormat,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
) -> StreamOutcome:
    """Read one stream file with ``reader`` and write its documents in chunks."""
    result = StreamOutcome()
    key = f"stream-file:{path.resolve()}"
    try:
        digest = sha256_of(path)
    except OSError as exc:
        result.outcome.rejected.append(Rejected(str(path), f"cannot read the file: {exc}"))
        return result
    stored = conn.execute(select(META.c.value).where(META.c.key == key)).scalar()
    if stored == digest:
        result.unchanged_file = True
        return result
    size = max(1, path.stat().st_size)
    assert reader.read_stream is not None
    with open_regular(path) as raw:
        counting = _CountingReader(raw)
        chunk: list[PreparedFile] = []
        characters = 0
        for item in reader.read_stream(counting, str(path)):  # type: ignore[arg-type]
            if cancel is not None and cancel():
                raise StreamCancelled
            if isinstance(item, Rejected):
                result.outcome.rejected.append(item)
                continue
            prepared = _prepared(item, path)
            chunk.append(prepared)
            characters += sum(len(s.markdown) for d in prepared.sections for s in d)
            result.documents += 1
            if progress is not None:
                share = min(100, round(100 * counting.count / size))
                progress(f"{path.name}: {result.documents:,} labels read ({share}%)")
            if len(chunk) >= CHUNK_DOCUMENTS or characters >= CHUNK_CHARACTERS:
                result.outcome.absorb(writer.write(chunk))
                chunk, characters = [], 0
        if chunk:
            result.outcome.absorb(writer.write(chunk))
    conn.execute(
        sqlite_insert(META)
        .values(key=key, value=digest)
        .on_conflict_do_update(index_elements=[META.c.key], set_={"value": digest})
    )
    return result


def _prepared(document: ParsedDocument, path: Path) -> PreparedFile:
    """One label prepared for writing; its origin names the file and the label's set id."""
    label = document.source.label
    origin = f"{path}#{label.set_id}" if label is not None else str(path)
    return prepare_document(document, origin)


def documents_of(path: Path, reader: InputFormat) -> Iterator[ParsedDocument | Rejected]:
    """Every result of a stream file (for benchmarks and tests; the import uses
    ``import_stream``)."""
    assert reader.read_stream is not None
    with open_regular(path) as raw:
        yield from reader.read_stream(raw, str(path))
