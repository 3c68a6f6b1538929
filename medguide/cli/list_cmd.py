"""``medguide list [--limit N]``: the drugs in the database, one per line (slug, name, class)."""

from __future__ import annotations

import argparse
import sys

from medguide.cli.database_arg import DATABASE_ERROR_EXIT, open_collection_for
from medguide.cli.terminal import one_line
from medguide.core.text import trim_name

SLUG_COLUMN = 40
NAME_COLUMN = 48
CLASS_COLUMN = 60
"""Widest columns: a very long title is cut with "…" instead of widening every line."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of the list command."""
    parser.add_argument("--limit", type=int, default=None, help="print at most N drugs")


def run(args: argparse.Namespace) -> int:
    """Print slug, name and class of every drug, by name."""
    collection = open_collection_for(args, "list")
    if collection is None:
        return DATABASE_ERROR_EXIT
    with collection:
        drugs = collection.repository.list_drugs()
    if not drugs:
        print("The database is empty: import files with `medguide import PATH`.", file=sys.stderr)
        return 0
    shown = drugs if args.limit is None else drugs[: max(0, args.limit)]
    slug_width = min(SLUG_COLUMN, max((len(d.slug) for d in shown), default=0))
    name_width = min(NAME_COLUMN, max((len(d.name) for d in shown), default=0))
    for drug in shown:
        name = one_line(trim_name(drug.name, NAME_COLUMN))
        drug_class = one_line(trim_name(drug.drug_class or "", CLASS_COLUMN))
        line = f"{drug.slug:<{slug_width}}  {name:<{name_width}}  {drug_class}"
        print(line.rstrip())
    if len(shown) < len(drugs):
        print(f"({len(shown)} of {len(drugs)} drugs)", file=sys.stderr)
    return 0
