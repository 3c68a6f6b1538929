"""``medguide bench parse [--corpus DIR]``: how fast and how well the readers take a corpus.

Prints the time to read+repair, detect and parse every file (no rendering), the rejections,
and for structured RxHive pages how many carry each of the six section kinds.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

from medguide.bench.shared_data import rxhive_corpus
from medguide.content import detect
from medguide.content.load import parse_text, read_text
from medguide.core.model import ParsedDocument, Rejected, SectionKind

DEFAULT_CORPUS = rxhive_corpus()


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of the ``parse`` benchmark."""
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of pages")
    parser.add_argument(
        "--aliases",
        action="store_true",
        help="also time the drug-name dictionary: first load, then one lookup per drug",
    )


def run(args: argparse.Namespace) -> int:
    """Parse every ``*.md``/``*.txt`` page under the corpus folder and print the figures."""
    corpus: Path = args.corpus
    paths = sorted(p for p in corpus.rglob("*") if p.suffix in (".md", ".txt") and p.is_file())
    paths = [p for p in paths if p.name != "SOURCE.txt"]
    if not paths:
        print(f"no pages under {corpus}", file=sys.stderr)
        return 1
    read_s = detect_s = parse_s = 0.0
    results: list[ParsedDocument | Rejected] = []
    cpu_start = time.process_time()
    for path in paths:
        t0 = time.perf_counter()
        text = read_text(path)
        t1 = time.perf_counter()
        read_s += t1 - t0
        if isinstance(text, Rejected):
            results.append(text)
            continue
        detect.detect_format(text)
        t2 = time.perf_counter()
        detect_s += t2 - t1
        results.append(parse_text(text, str(path)))  # detects again: counted in parse time
        parse_s += time.perf_counter() - t2
    cpu_s = time.process_time() - cpu_start
    _report(len(paths), read_s, detect_s, parse_s, results)
    print(f"cpu time         {cpu_s:6.2f} s  (wall figures above include other processes' load)")
    if args.aliases:
        names = [d.name for r in results if isinstance(r, ParsedDocument) for d in r.drugs]
        _time_aliases(names)
    return 0


def _time_aliases(names: list[str]) -> None:
    from medguide.content.drug_names import dictionary_aliases, dictionary_aliases_many

    start = time.perf_counter()
    dictionary_aliases("aspirin")
    loaded = time.perf_counter()
    found = dictionary_aliases_many(names)
    done = time.perf_counter()
    with_aliases = sum(1 for aliases in found.values() if aliases)
    print(f"alias dictionary {loaded - start:6.2f} s  first load")
    print(f"alias lookups    {done - loaded:6.2f} s  for {len(names)} names ({with_aliases} found)")


def _report(
    count: int,
    read_s: float,
    detect_s: float,
    parse_s: float,
    results: list[ParsedDocument | Rejected],
) -> None:
    total = read_s + detect_s + parse_s
    print(f"files            {count}")
    print(f"read+repair      {read_s:6.2f} s")
    print(f"detect           {detect_s:6.2f} s")
    print(f"detect+parse     {parse_s:6.2f} s")
    print(f"total            {total:6.2f} s  ({1000 * total / count:.2f} ms/file)")
    rejected = [r for r in results if isinstance(r, Rejected)]
    print(f"rejected         {len(rejected)}")
    for item in rejected[:10]:
        print(f"  {item}")
    drugs = [d for r in results if isinstance(r, ParsedDocument) for d in r.drugs]
    structured = [d for d in drugs if not d.unstructured]
    print(f"drug pages       {len(drugs)} ({len(drugs) - len(structured)} unstructured)")
    if not structured:
        return
    per_kind: Counter[SectionKind] = Counter()
    all_six = 0
    for drug in structured:
        kinds = {s.kind for s in drug.sections}
        if drug.faqs:
            kinds.add(SectionKind.FAQ)
        per_kind.update(kinds)
        all_six += all(kind in kinds for kind in SectionKind.tab_order())
    share = 100 * all_six / len(structured)
    print(f"all six kinds    {all_six}/{len(structured)} structured pages ({share:.1f}%)")
    for kind in (*SectionKind.tab_order(), SectionKind.OVERVIEW):
        print(f"  {kind.label:<14} {100 * per_kind[kind] / len(structured):5.1f}%")
    pairs = sum(len(d.faqs) for d in drugs)
    print(f"FAQ pairs        {pairs} ({pairs / len(drugs):.1f} per page)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="parse_bench", description=__doc__)
    add_arguments(parser)
    sys.exit(run(parser.parse_args()))
