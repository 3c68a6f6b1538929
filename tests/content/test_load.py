"""Reading files: size limit, binary detection, encodings, and parse_file never raising."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from medguide.content.load import MAX_BYTES, UNKNOWN_FORMAT, parse_file, read_text
from medguide.core.model import ParsedDocument, Rejected

PAGE = (
    "---\nlayout: minimal-medicine\ntitle: Examplomab\n---\n\n# Examplomab\n\n"
    "### Usage\nTreats an imaginary condition in the test suite.\n\n"
    "### Side Effects\nMild boredom. Dose ≥ 5 mg per m².\n"
)


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _reason(result: object) -> str:
    assert isinstance(result, Rejected), result
    return result.reason


def test_too_big_file_is_rejected_with_its_size(tmp_path: Path) -> None:
    path = tmp_path / "huge.md"
    with path.open("wb") as handle:
        handle.truncate(int(52.4 * 1024 * 1024))
    assert _reason(read_text(path)) == "file is 52.4 MB; the limit is 5 MB"


def test_file_at_the_limit_is_read(tmp_path: Path) -> None:
    path = _write(tmp_path, "edge.md", b"a" * MAX_BYTES)
    assert isinstance(read_text(path), str)


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "empty"),
        (b"  \n\t\n  ", "empty"),
        (b"%PDF-1.7\n%binary stuff", "PDF"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"hello\x00world\x00\x01\x02\x03 and more bytes " * 3, "binary"),
        (bytes(range(1, 32)) * 40, "binary"),
    ],
)
def test_bad_inputs_are_rejected_with_a_reason(tmp_path: Path, data: bytes, words: str) -> None:
    reason = _reason(read_text(_write(tmp_path, "bad.md", data)))
    assert words in reason
    assert "\n" not in reason


def test_missing_file_is_rejected(tmp_path: Path) -> None:
    assert "cannot read" in _reason(read_text(tmp_path / "nope.md"))


@pytest.mark.parametrize(
    "encode",
    [
        lambda s: s.encode("utf-8"),
        lambda s: codecs.BOM_UTF8 + s.encode("utf-8"),
        lambda s: codecs.BOM_UTF16_LE + s.encode("utf-16-le"),
        lambda s: codecs.BOM_UTF16_BE + s.encode("utf-16-be"),
        lambda s: s.encode("utf-16-le"),
        lambda s: s.encode("utf-16-be"),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "utf16le-no-bom", "utf16be-no-bom"],
)
def test_unicode_encodings_decode_to_the_same_text(tmp_path: Path, encode) -> None:  # type: ignore[no-untyped-def]
    text = read_text(_write(tmp_path, "page.md", encode(PAGE)))
    assert text == PAGE


def test_latin1_and_cp1252_fall_back(tmp_path: Path) -> None:
    latin = "Caf\u00e9 na\u00efve \u00b5g \u00b1 2".encode("latin-1")
    assert read_text(_write(tmp_path, "latin.md", latin)) == "Café naïve µg ± 2"
    cp1252 = "It\u2019s \u201cquoted\u201d \u2013 10 \u20ac".encode("cp1252")
    assert read_text(_write(tmp_path, "cp.md", cp1252)) == "It’s “quoted” – 10 €"


def test_broken_utf16_is_rejected(tmp_path: Path) -> None:
    data = codecs.BOM_UTF16_LE + "ok".encode("utf-16-le") + b"\x00\xd8"  # lone surrogate
    assert "UTF-16" in _reason(read_text(_write(tmp_path, "u16.md", data)))


def test_crlf_and_mojibake_are_repaired_on_read(tmp_path: Path) -> None:
    data = "line one\r\nclearance â‰¥30\r\n".encode()
    assert read_text(_write(tmp_path, "m.md", data)) == "line one\nclearance ≥30\n"


def test_parse_file_dispatches_to_the_rxhive_reader(tmp_path: Path) -> None:
    result = parse_file(_write(tmp_path, "examplomab.md", PAGE.encode("utf-16")))
    assert isinstance(result, ParsedDocument)
    assert result.drugs[0].slug == "examplomab"


def test_unknown_format_is_rejected(tmp_path: Path) -> None:
    path = _write(tmp_path, "notes.txt", b"Shopping list: bread, milk, eggs.\n")
    assert _reason(parse_file(path)) == UNKNOWN_FORMAT


@pytest.mark.parametrize(
    "text",
    [
        "---\nlayout: minimal-medicine\n---\n",
        "---\nlayout: minimal-medicine\ntitle: Only A Title\n---\n# Only A Title\n",
        "---\ntitle: [unclosed\naudience: patient\nsources: x\n---\n## Usage\ntext\n",
        "Is this a question?\n\nLast updated: sometime\n",
        "---\n---\n",
        "#" * 5000,
        "**" * 5000 + "\n" + "* **Q:" * 3000,
    ],
)
def test_parse_file_never_raises_on_odd_input(tmp_path: Path, text: str) -> None:
    result = parse_file(_write(tmp_path, "odd.md", text.encode()))
    assert isinstance(result, ParsedDocument | Rejected)
    if isinstance(result, Rejected):
        assert result.reason and "\n" not in result.reason


def test_utf8_with_one_bad_byte_still_reads_cleanly(tmp_path: Path) -> None:
    data = "Café dose ≥ 5 mg".encode() + b" \xff"
    text = read_text(_write(tmp_path, "mixed.md", data))
    assert isinstance(text, str)
    assert text.startswith("Café dose ≥ 5 mg")
