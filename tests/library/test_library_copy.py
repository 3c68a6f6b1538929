"""No sentence of a library page is copied from the texts its writer could have copied from.

For each drug those are: every openFDA label in ``../shared`` that names one of the drug's
names (generic, brand, ingredient) or is cited by set id, the RxHive pages filed under one of
its names, and the five seeds. A sentence of 60 or more characters that stands word for word
(letters and digits only) in one of them fails the test. Skips without ``../shared``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from tests.library.pages import AUDIENCES, DRUGS, all_labels, read_page

COPY_LENGTH = 60  # characters: a sentence this long must not stand word for word in a source


def _bare(text: str) -> str:
    """Lower-case letters and digits only, single-spaced (``×`` read as ``x``)."""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower().replace("×", "x")).split())


def _sentences(markdown: str) -> Iterator[str]:
    """Sentences and lines of ``markdown``, split as written and again with markdown marks out."""
    for text in (markdown, re.sub(r"[*_`#>-]", " ", markdown)):
        yield from re.split(r"(?<=[.!?])\s+|\n", text)


def _label_names(label: dict[str, Any]) -> set[str]:
    """Generic, brand and substance names of a label, lower case."""
    openfda = label.get("openfda", {})
    names: set[str] = set()
    for key in ("generic_name", "brand_name", "substance_name"):
        for value in openfda.get(key, []):
            names.add(value.lower())
            names.update(part.strip() for part in re.split(r",| and ", value.lower()))
    return {n for n in names if n}


def _label_text(label: dict[str, Any]) -> str:
    """Every text field of a label as one string."""
    return " ".join(
        " ".join(v)
        for v in label.values()
        if isinstance(v, list) and all(isinstance(i, str) for i in v)
    )


@cache
def _sources_for(slug: str, shared_dir: Path) -> str:
    """The bare text of everything this drug's pages could have been copied from."""
    pages = [read_page(slug, audience) for audience in AUDIENCES]
    names = set().union(*(page.names() for page in pages))
    cited = " ".join(str(s.get("identifier", "")) for p in pages for s in p.meta["sources"])
    texts = [
        _label_text(label)
        for label in all_labels(shared_dir)
        if _label_names(label) & names or label.get("set_id", "-") in cited
    ]
    rxhive = shared_dir / "corpora" / "rxhive"
    for name in names:
        stem = re.sub(r"[^a-z0-9]+", "-", name).strip("-")
        if stem:
            texts += [p.read_text(encoding="utf-8") for p in rxhive.glob(f"{stem[0]}/{stem}.md")]
    texts += [p.read_text(encoding="utf-8") for p in sorted((shared_dir / "seeds").iterdir())]
    return "|".join(_bare(text) for text in texts)


@pytest.mark.shared
@pytest.mark.parametrize("slug", DRUGS)
def test_no_long_sentence_copied(slug: str, shared_dir: Path) -> None:
    """No sentence of 60+ characters on either page stands word for word in a source."""
    corpus = _sources_for(slug, shared_dir)
    copied = []
    for audience in AUDIENCES:
        page = read_page(slug, audience)
        for sentence in _sentences(page.preamble + page.all_text()):
            plain = _bare(sentence)
            if len(" ".join(sentence.split())) >= COPY_LENGTH and plain and plain in corpus:
                copied.append(f"{audience}: {plain[:80]}")
    assert not copied
