"""``medguide bench TOPIC …``: print benchmark figures.

Each topic is a module ``medguide.bench.<topic>_bench`` with ``add_arguments(parser)`` and
``run(args) -> int``; only the chosen topic's module is imported. The global ``--db`` is passed
on as ``args.db`` unless the topic has its own ``--db`` and it was given.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil

import medguide.bench

_SUFFIX = "_bench"


def topics() -> list[str]:
    """The benchmark topics present in ``medguide.bench``."""
    return sorted(
        info.name[: -len(_SUFFIX)]
        for info in pkgutil.iter_modules(medguide.bench.__path__)
        if info.name.endswith(_SUFFIX)
    )


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The topic and everything after it (parsed by the topic's own parser)."""
    parser.add_argument("topic", choices=topics(), help="what to measure")
    parser.add_argument("options", nargs=argparse.REMAINDER, help="options of the topic")


def run(args: argparse.Namespace) -> int:
    """Parse the topic's options and run it."""
    module = importlib.import_module(f"medguide.bench.{args.topic}{_SUFFIX}")
    parser = argparse.ArgumentParser(prog=f"medguide bench {args.topic}")
    module.add_arguments(parser)
    topic_args = parser.parse_args(args.options)
    if getattr(topic_args, "db", None) is None:
        topic_args.db = args.db
    return int(module.run(topic_args))
