"""The input formats MedGuide reads: one record each, in one registry (``FORMATS``).

Adding a format is one new reader module and one ``InputFormat`` entry below. Everything that
needs to know the formats reads this table: detection and parsing (``medguide.content.load``),
the importer's folder walk (which file names to take), the file dialogs' filters and the
``medguide import --help`` text.

A format is read one of two ways:

- *text* formats (``parse_text``): the file is read whole (at most ``MAX_TEXT_BYTES``), decoded
  and repaired, then the detectors of all text formats score it and the best one parses it;
- *stream* formats (``read_stream``): the first bytes are sniffed (``sniff``), and the reader
  gets the open binary file and yields one document per record (an openFDA bulk file holds
  thousands of labels), so a big file never sits in memory whole.

``precedence`` says which source wins when two give the same drug, section and audience
(lower wins): MedGuide's library beats an FDA label for patient text, an FDA label beats the
library for professional text, and both beat RxHive pages and Q&A articles.
"""

from __future__ import annotations

from medguide.content import detect, library, qa_article, rxhive
from medguide.content.format_record import SNIFF_BYTES, InputFormat
from medguide.content.label_formats import LABEL_FORMATS
from medguide.core.model import Audience, SourceFormat

__all__ = ["FORMATS", "SNIFF_BYTES", "InputFormat"]

_TEXT_FORMATS: tuple[InputFormat, ...] = (
    InputFormat(
        format=SourceFormat.LIBRARY,
        name="MedGuide library page",
        suffixes=(".md", ".markdown"),
        precedence={Audience.PATIENT: 0, Audience.PROFESSIONAL: 1},
        example="resources/library/warfarin/patient.md",
        detect_text=detect.library_score,
        parse_text=library.parse,
    ),
    InputFormat(
        format=SourceFormat.RXHIVE,
        name="RxHive drug page",
        suffixes=(".md", ".markdown", ".txt"),
        precedence={Audience.PATIENT: 2, Audience.PROFESSIONAL: 3},
        example="an RxHive page (markdown, layout: minimal-medicine)",
        detect_text=detect.rxhive_score,
        parse_text=rxhive.parse,
    ),
    InputFormat(
        format=SourceFormat.QA_ARTICLE,
        name="Professional Q&A article",
        suffixes=(".txt", ".md"),
        precedence={Audience.PATIENT: 3, Audience.PROFESSIONAL: 2},
        example="the text of a Dr.Oracle-style answer page",
        detect_text=detect.qa_article_score,
        parse_text=qa_article.parse,
    ),
)

FORMATS: tuple[InputFormat, ...] = _TEXT_FORMATS + LABEL_FORMATS
"""Every input format, in the order the help text lists them."""

BY_FORMAT: dict[SourceFormat, InputFormat] = {f.format: f for f in FORMATS}


def text_formats() -> tuple[InputFormat, ...]:
    """The formats read as repaired text."""
    return tuple(f for f in FORMATS if f.parse_text is not None)


def stream_formats() -> tuple[InputFormat, ...]:
    """The formats read as a stream of records."""
    return tuple(f for f in FORMATS if f.is_stream)


def importable_suffixes() -> frozenset[str]:
    """Every file-name ending a folder import takes (lower case, with the dot)."""
    return frozenset(s for f in FORMATS for s in f.suffixes)


def detect_text_format(text: str) -> InputFormat | None:
    """The text format whose detector is surest about ``text`` (None: no format claims it)."""
    best: InputFormat | None = None
    best_score = 0
    for candidate in text_formats():
        assert candidate.detect_text is not None
        score = candidate.detect_text(text)
        if score > best_score:
            best, best_score = candidate, score
    return best


def sniff_stream_format(head: bytes) -> InputFormat | None:
    """The stream format whose sniffer recognises the first bytes of a file, if any."""
    for candidate in stream_formats():
        if candidate.sniff is not None and candidate.sniff(head):
            return candidate
    return None


def precedence(source_format: SourceFormat, audience: Audience) -> int:
    """Rank of a format's text for one audience (lower wins); unknown formats rank last."""
    record = BY_FORMAT.get(source_format)
    return record.precedence[audience] if record is not None else len(FORMATS) + 1


def file_dialog_filter() -> str:
    """The filter string of the import file dialogs: every suffix, then all files."""
    patterns = " ".join(f"*{s}" for s in sorted(importable_suffixes()))
    return f"Drug pages and labels ({patterns});;All files (*)"


def help_text() -> str:
    """One line per format for ``medguide import --help``."""
    lines = [
        f"  {f.name}: {', '.join(f.suffixes)}" + (f" (e.g. {f.example})" if f.example else "")
        for f in FORMATS
    ]
    return "Formats read (detected from the content, not the file name):\n" + "\n".join(lines)
