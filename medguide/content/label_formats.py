"""The registry records of the FDA label formats: openFDA drug-label JSON and SPL XML.

Both are *stream* formats (see ``medguide.content.formats``): a file may hold one label or
thousands (an openFDA bulk download, a DailyMed release zip), so the readers get the open file
and yield one result per label. A zip is told apart by its members: JSON members are openFDA
files, XML members SPL documents (a DailyMed zip holds one XML and its images).

Precedence: an FDA label is the professional text of record (it beats MedGuide's own
professional page), while MedGuide's plain-language library beats a Medication Guide for
patients; both beat RxHive pages and Q&A articles.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from typing import BinaryIO

from medguide.content import openfda, spl
from medguide.content.format_record import InputFormat
from medguide.core.model import Audience, ParseResult, Rejected, SourceFormat

_ZIP_MAGIC = b"PK\x03\x04"
LABEL_PRECEDENCE = {Audience.PATIENT: 1, Audience.PROFESSIONAL: 0}


def _is_zip(head: bytes) -> bool:
    return head.startswith(_ZIP_MAGIC)


def _zip_members(stream: BinaryIO) -> list[str] | None:
    """Lower-case member names of a zip (None when it cannot be opened as one)."""
    try:
        with zipfile.ZipFile(stream) as archive:
            return [name.lower() for name in archive.namelist()]
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    finally:
        stream.seek(0)


def _json_zip(stream: BinaryIO) -> bool:
    members = _zip_members(stream)
    return members is not None and any(
        name.endswith((".json", ".jsonl", ".ndjson", ".json.gz", ".jsonl.gz")) for name in members
    )


def read_openfda(stream: BinaryIO, origin: str) -> Iterator[ParseResult]:
    """Every label of an openFDA file: JSON, JSON lines, gzip, or a zip of them."""
    head = stream.read(4)
    stream.seek(0)
    if _is_zip(head):
        yield from openfda.iter_openfda_zip(stream, origin)
    else:
        yield from openfda.iter_openfda(stream, origin)


def read_spl(stream: BinaryIO, origin: str) -> Iterator[ParseResult]:
    """Every label of an SPL file: one XML document, or a DailyMed zip (zips nested once)."""
    head = stream.read(4)
    stream.seek(0)
    if _is_zip(head):
        yield from spl.iter_spl_zip(stream, origin)
        return
    data = stream.read(spl.MAX_XML_BYTES + 1)
    if len(data) > spl.MAX_XML_BYTES:
        limit = spl.MAX_XML_BYTES // (1024 * 1024)
        yield Rejected(origin, f"the XML document is larger than {limit} MB")
        return
    yield spl.parse_spl(data, origin)


def sniff_openfda(head: bytes) -> bool:
    """openFDA JSON (plain or gzip); a zip counts when it holds JSON (checked on reading)."""
    return openfda.looks_like_openfda(head)


def sniff_spl(head: bytes) -> bool:
    """An SPL document, or a zip (a DailyMed SPL zip or a zip of openFDA files)."""
    return spl.looks_like_spl(head) or _is_zip(head)


def _build() -> tuple[InputFormat, ...]:
    return (
        InputFormat(
            format=SourceFormat.OPENFDA,
            name="FDA label, openFDA JSON",
            suffixes=(".json", ".jsonl", ".ndjson", ".gz"),
            precedence=LABEL_PRECEDENCE,
            example="an openFDA drug-label download file (also zipped)",
            sniff=sniff_openfda,
            read_stream=read_openfda,
        ),
        InputFormat(
            format=SourceFormat.SPL,
            name="FDA label, SPL XML (DailyMed)",
            suffixes=(".xml", ".zip"),
            precedence=LABEL_PRECEDENCE,
            example="a DailyMed SPL .xml or .zip",
            sniff=sniff_spl,
            read_stream=_read_zip_or_spl,
        ),
    )


def _read_zip_or_spl(stream: BinaryIO, origin: str) -> Iterator[ParseResult]:
    """A zip of openFDA JSON goes to the openFDA reader; any other zip or XML to SPL's."""
    head = stream.read(4)
    stream.seek(0)
    if _is_zip(head) and _json_zip(stream):
        yield from openfda.iter_openfda_zip(stream, origin)
    else:
        yield from read_spl(stream, origin)


LABEL_FORMATS: tuple[InputFormat, ...] = _build()
