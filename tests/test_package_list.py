"""The explicit package list of pyproject.toml holds every package of the source tree.

pyproject.toml lists packages by hand because two of them (``medguide.resources`` and
``medguide.migrations``) live outside ``medguide/``; a new sub-package left off the list would be
missing from the wheel while every test in the source tree still passed.
"""

from __future__ import annotations

import tomllib

from setuptools import find_packages

from tests.conftest import PROJECT_ROOT


def test_every_package_is_listed_for_the_wheel() -> None:
    """Every folder with an ``__init__.py`` under ``medguide/`` is in the wheel's list."""
    config = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    found = set(find_packages(where=str(PROJECT_ROOT), include=["medguide", "medguide.*"]))
    assert found <= listed, sorted(found - listed)
    mapped = config["tool"]["setuptools"]["package-dir"]
    assert mapped == {"medguide.resources": "resources", "medguide.migrations": "db"}
    for package, folder in mapped.items():
        assert package in listed
        assert (PROJECT_ROOT / folder / "__init__.py").is_file()
