"""The dev-time Drugs@FDA → brands.tsv derivation (tools/derive_brands.py)."""

from __future__ import annotations

import importlib.util
from types import ModuleType

from tests.conftest import PROJECT_ROOT


def _tool() -> ModuleType:
    path = PROJECT_ROOT / "tools" / "derive_brands.py"
    spec = importlib.util.spec_from_file_location("derive_brands", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_derive_brands_keeps_trade_names_of_nda_products_only() -> None:
    products = [
        {"ApplNo": "1", "DrugName": "LIPITOR", "ActiveIngredient": "ATORVASTATIN CALCIUM"},
        {"ApplNo": "1", "DrugName": "LIPITOR", "ActiveIngredient": "ATORVASTATIN CALCIUM"},
        {"ApplNo": "2", "DrugName": "ATORVASTATIN", "ActiveIngredient": "ATORVASTATIN"},
        {"ApplNo": "3", "DrugName": "EPOGEN/PROCRIT", "ActiveIngredient": "EPOETIN ALFA"},
        {"ApplNo": "2", "DrugName": "TOPROL-XL", "ActiveIngredient": "METOPROLOL SUCCINATE"},
        {"ApplNo": "3", "DrugName": "DEXTROSE 5% IN PLASTIC CONTAINER", "ActiveIngredient": "X"},
        {"ApplNo": "9", "DrugName": "GENERICO", "ActiveIngredient": "ANYTHING"},
        {
            "ApplNo": "1",
            "DrugName": "ABACAVIR AND LAMIVUDINE",
            "ActiveIngredient": "ABACAVIR; LAMIVUDINE",
        },
    ]
    lines = _tool().derive_brands(products, {"1", "2", "3"})
    assert lines == [
        "Epogen\tepoetin alfa",
        "Lipitor\tatorvastatin calcium",
        "Procrit\tepoetin alfa",
        "Toprol-XL\tmetoprolol succinate",
    ]
