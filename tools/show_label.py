"""Show what ``../shared`` knows about a drug's US label (dev-only, for library writers).

Lists the openFDA label records whose generic or brand name contains NAME (set id,
application number, product, effective date, which sections it has), prints the chosen
sections of one record, and lists the Drugs@FDA applications of brands whose ingredient
contains NAME, so a page can cite a real application number. Usage::

    .venv/bin/python tools/show_label.py metoprolol                 # records + applications
    .venv/bin/python tools/show_label.py metoprolol --set-id 196a8198 \
        --fields boxed_warning,dosage_and_administration
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import sys
import textwrap
from pathlib import Path
from typing import Any

SHARED = Path(__file__).resolve().parents[2] / "shared"
LABELS = SHARED / "corpora" / "openfda" / "labels.jsonl.gz"
DRUGS_AT_FDA = SHARED / "reference" / "drug-names"
KEY_FIELDS = (
    "boxed_warning",
    "indications_and_usage",
    "dosage_and_administration",
    "contraindications",
    "warnings_and_cautions",
    "warnings",
    "adverse_reactions",
    "drug_interactions",
    "use_in_specific_populations",
    "overdosage",
    "mechanism_of_action",
    "spl_medguide",
)


def matching_labels(name: str) -> list[dict[str, Any]]:
    """Label records whose openFDA generic or brand names contain ``name``."""
    found = []
    with gzip.open(LABELS, "rt", encoding="utf-8") as stream:
        for line in stream:
            record = json.loads(line)["result"]
            openfda = record.get("openfda", {})
            names = " ".join(openfda.get("generic_name", []) + openfda.get("brand_name", []))
            if name.lower() in names.lower():
                found.append(record)
    return found


def applications(name: str) -> list[tuple[str, str, str, str]]:
    """(application, brand, ingredient, form) rows of Drugs@FDA whose ingredient has ``name``."""
    kinds = {}
    with open(DRUGS_AT_FDA / "Applications.txt", encoding="latin-1") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            kinds[row["ApplNo"]] = row["ApplType"]
    rows = set()
    with open(DRUGS_AT_FDA / "Products.txt", encoding="latin-1") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            if name.lower() in row["ActiveIngredient"].lower():
                number = f"{kinds.get(row['ApplNo'], '?')} {row['ApplNo']}"
                rows.add((number, row["DrugName"], row["ActiveIngredient"], row["Form"]))
    return sorted(rows, key=lambda r: (r[0].startswith("ANDA"), r[1], r[0]))


def main() -> int:
    """List records and applications, or print the chosen fields of one record."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("name")
    parser.add_argument("--set-id", help="print this record (a prefix of its set id is enough)")
    parser.add_argument("--fields", default=",".join(KEY_FIELDS), help="comma-separated fields")
    parser.add_argument("--width", type=int, default=100)
    args = parser.parse_args()
    records = matching_labels(args.name)
    if args.set_id:
        chosen = [r for r in records if r["set_id"].startswith(args.set_id)]
        if not chosen:
            print(f"no record of {args.name} with set id {args.set_id}", file=sys.stderr)
            return 1
        record = chosen[0]
        for field in args.fields.split(","):
            for text in record.get(field, []):
                print(f"=== {field}")
                print(textwrap.fill(text, args.width))
        return 0
    for record in records:
        openfda = record.get("openfda", {})
        print(
            record["set_id"],
            "/".join(openfda.get("application_number", ["?"])),
            "/".join(openfda.get("brand_name", ["?"])),
            "|",
            "/".join(openfda.get("generic_name", ["?"])),
            "|",
            "/".join(openfda.get("manufacturer_name", ["?"])),
            "| effective",
            record.get("effective_time", "?"),
            "| version",
            record.get("version", "?"),
        )
        print("   sections:", ", ".join(f for f in KEY_FIELDS if f in record))
    if not records:
        print(f"no openFDA label in ../shared names {args.name}")
    print("Drugs@FDA applications:")
    for number, brand, ingredient, form in applications(args.name)[:60]:
        print(f"   {number:<12} {brand:<28} {ingredient:<40} {form}")
    return 0


if __name__ == "__main__":
    import signal

    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # `| head` ends the listing quietly
    raise SystemExit(main())
