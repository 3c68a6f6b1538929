"""The registry records of the FDA label formats (openFDA JSON, SPL XML and their zips).

Kept apart from ``formats`` so the label readers, which need their own parsers, load only when
the registry is built.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from medguide.content.formats import InputFormat

LABEL_FORMATS: tuple[InputFormat, ...] = ()
