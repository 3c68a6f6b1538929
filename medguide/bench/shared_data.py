"""Where the benchmarks find the reference data: ``../shared`` beside the project folder.

Benchmarks are developer tools run from a source checkout, so the default is the ``shared``
folder beside the source tree, else beside the current folder.
"""

from __future__ import annotations

from pathlib import Path

_SOURCE_TREE = Path(__file__).resolve().parents[2]


def shared_dir() -> Path:
    """``../shared`` of the source tree when it exists, else of the current folder."""
    beside_source = _SOURCE_TREE.parent / "shared"
    return beside_source if beside_source.is_dir() else Path.cwd().parent / "shared"


def rxhive_corpus() -> Path:
    """The RxHive corpus folder of :func:`shared_dir`."""
    return shared_dir() / "corpora" / "rxhive"
