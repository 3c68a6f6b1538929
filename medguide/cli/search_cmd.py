"""``medguide search QUERY [--limit N]``: ranked hits with the reason each one matched.

Prints the look-alike warning and the "Showing results for …" suggestion first, then one line
per hit (and its snippet for text hits). Exit code 0 when something was found, 1 when not.
"""

from __future__ import annotations

import argparse

from medguide.cli.database_arg import DATABASE_ERROR_EXIT, open_collection_for


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of the search command."""
    parser.add_argument("query", nargs="+", help="a name, brand, misspelling, words or a question")
    parser.add_argument("--limit", type=int, default=20, help="most hits to print (default 20)")


def run(args: argparse.Namespace) -> int:
    """Search the database and print the response."""
    query = " ".join(args.query)
    collection = open_collection_for(args, "search")
    if collection is None:
        return DATABASE_ERROR_EXIT
    with collection:
        response = collection.search.search(query, limit=max(0, args.limit))
    if response.lasa_warning:
        print(f"WARNING: {response.lasa_warning}")
    if response.suggestion:
        print(f"Showing results for {response.suggestion} (you typed {query!r})")
    if not response.hits:
        print(f"No drugs found for {query!r}.")
        return 1
    width = len(str(len(response.hits)))
    for n, hit in enumerate(response.hits, 1):
        print(f"{n:>{width}}. {hit.name} [{hit.slug}] - {hit.match.value}: {hit.reason}")
        if hit.snippet:
            print(f"{'':>{width}}    {hit.snippet}")
    print(f"({len(response.hits)} hits in {response.elapsed_ms:.1f} ms)")
    return 0
