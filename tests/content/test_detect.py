"""Format detection on the seeds and on small hand-written documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from medguide.content.detect import detect_format
from medguide.content.load import read_text
from medguide.core.model import SourceFormat

SEED_FORMATS = {
    "000": SourceFormat.RXHIVE,
    "001": SourceFormat.QA_ARTICLE,
    "002": SourceFormat.QA_ARTICLE,
    "003": SourceFormat.RXHIVE,
    "004": SourceFormat.RXHIVE,
}


@pytest.mark.shared
def test_every_seed_is_detected(seeds_dir: Path) -> None:
    seen = {}
    for path in sorted(seeds_dir.glob("*.txt")):
        text = read_text(path)
        assert isinstance(text, str)
        seen[path.name[:3]] = detect_format(text)
    assert seen == SEED_FORMATS


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("---\nlayout: minimal-medicine\ntitle: X\n---\n# X\n", SourceFormat.RXHIVE),
        ("---\nlayout: 'minimal-medicine'\ntitle: X\n---\n", SourceFormat.RXHIVE),
        ("# Sample\n\n**Generic Name:** Sample\n\n**Usage:** For tests.\n", SourceFormat.RXHIVE),
        (
            "---\ntitle: Sample\naudience: patient\nsources:\n  - title: A label\n---\n## Usage\n",
            SourceFormat.LIBRARY,
        ),
        (
            "How does a made-up pill work?\n\nLast updated: March 3, 2026\n\nAnswer title\n",
            SourceFormat.QA_ARTICLE,
        ),
        (
            "Why test detectors?\n\nWhich best describes you? Pick one.\n\nBody\n",
            SourceFormat.QA_ARTICLE,
        ),
        ("Why is the sky blue?\n\nBecause of scattering.\n", None),
        ("---\ntitle: Blog post\nlayout: post\n---\nHello\n", None),
        ("Plain text without any structure.", None),
        ("", None),
    ],
)
def test_detect_table(text: str, expected: SourceFormat | None) -> None:
    assert detect_format(text) is expected
