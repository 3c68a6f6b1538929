"""``medguide list [--limit N]``: the drugs in the database, one per line (slug, name, class)."""

from __future__ import annotations

import argparse
import sys

from medguide.cli.database_arg import DATABASE_ERROR_EXIT, open_collection_for


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
    slug_width = max(len(d.slug) for d in shown) if shown else 0
    name_width = max(len(d.name) for d in shown) if shown else 0
    for drug in shown:
        line = f"{drug.slug:<{slug_width}}  {drug.name:<{name_width}}  {drug.drug_class or ''}"
        print(line.rstrip())
    if len(shown) < len(drugs):
        print(f"({len(shown)} of {len(drugs)} drugs)", file=sys.stderr)
    return 0
