"""Text rules shared by the layers: folding, slugs, brand capitals, markdown → plain text."""

from __future__ import annotations

import pytest

from medguide.core.text import brand_case, fold, markdown_to_plain, slugify


def test_fold_and_slugify() -> None:
    assert fold("  Paracétamol  TABLETS ") == "paracetamol tablets"
    assert slugify("Insulin Glargine (Lantus)") == "insulin-glargine-lantus"


def test_markdown_to_plain_keeps_one_line_per_item() -> None:
    markdown = "## Usage\n\nTake **one** [tablet](#x).\n\n- First  item\n* Second\n1. Third\n"
    assert markdown_to_plain(markdown) == "Usage\nTake one tablet.\nFirst item\nSecond\nThird"


@pytest.mark.parametrize(
    ("raw", "readable"),
    [
        ("LIPITOR", "Lipitor"),
        ("TOPROL-XL", "Toprol-XL"),
        ("ADDERALL XR", "Adderall XR"),
        ("tylenol", "Tylenol"),
        ("ACTIN-N", "Actin-N"),
    ],
)
def test_brand_case(raw: str, readable: str) -> None:
    assert brand_case(raw) == readable
