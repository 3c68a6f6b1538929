"""``medguide handout NAME… --pdf OUT.pdf``: write a patient handout PDF without the window."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path

from medguide.cli.database_arg import DATABASE_ERROR_EXIT, open_collection_for
from medguide.core.model import Audience, SectionKind
from medguide.handout.options import DEFAULT_SECTIONS, HandoutOptions, PrintSize


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of the handout command."""
    parser.add_argument("names", nargs="+", metavar="NAME", help="medicines, by name or brand")
    parser.add_argument("--pdf", required=True, type=Path, metavar="OUT.pdf", help="output file")
    parser.add_argument(
        "--audience", choices=[a.value for a in Audience], default=Audience.PATIENT.value
    )
    parser.add_argument(
        "--sections",
        default=",".join(k.value for k in DEFAULT_SECTIONS),
        help="comma-separated: " + ",".join(k.value for k in SectionKind) + " (or 'all')",
    )
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--large-print", action="store_true", help="14 pt body text")
    size.add_argument("--print-size", choices=[s.value for s in PrintSize], default=None)
    parser.add_argument("--patient", default="", help="patient name (printed, never stored)")
    parser.add_argument("--note", default="", help="a note for the patient")
    parser.add_argument("--date", default=None, help="date to print (YYYY-MM-DD; default today)")
    parser.add_argument("--no-date", action="store_true", help="print no date")


def parse_sections(text: str) -> tuple[SectionKind, ...]:
    """``"usage,dosage"`` → the section kinds; ``"all"`` → every kind. Raises ValueError."""
    choosable = (*SectionKind.tab_order(), SectionKind.OVERVIEW)
    if text.strip().lower() == "all":
        return choosable
    kinds = []
    for part in text.split(","):
        if not part.strip():
            continue
        try:
            kinds.append(SectionKind.from_word(part))
        except ValueError:
            known = ", ".join(k.value for k in choosable)
            raise ValueError(f"unknown section {part.strip()!r}; choose from {known}") from None
    if not kinds:
        raise ValueError("no sections chosen")
    return tuple(kinds)


def options_from(args: argparse.Namespace) -> HandoutOptions:
    """Handout options from the command line. Raises ValueError on a bad value."""
    size = PrintSize(args.print_size) if args.print_size else PrintSize.NORMAL
    if args.large_print:
        size = PrintSize.LARGE
    printed_date = (
        None if args.no_date else (date.fromisoformat(args.date) if args.date else date.today())
    )
    return HandoutOptions(
        sections=parse_sections(args.sections),
        audience=Audience(args.audience),
        print_size=size,
        patient_name=args.patient,
        date=printed_date,
        note=args.note,
    )


def run(args: argparse.Namespace) -> int:
    """Write the PDF; exit 1 when a name is unknown, 2 on a bad option."""
    try:
        options = options_from(args)
    except ValueError as exc:
        print(f"medguide handout: {exc}", file=sys.stderr)
        return 2
    collection = open_collection_for(args, "handout")
    if collection is None:
        return DATABASE_ERROR_EXIT
    try:
        repo = collection.repository
        pages = []
        for name in args.names:
            slug = repo.resolve(name)
            page = repo.get_drug(slug) if slug else None
            if page is None:
                print(
                    f"medguide handout: no medicine called {name!r} in the database "
                    "(try `medguide search`)",
                    file=sys.stderr,
                )
                return 1
            pages.append(page)
        letterhead = repo.letterhead()
    finally:
        collection.close()

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    from medguide.reading.glossary import Glossary
    from medguide.ui.printing import export_pdf

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    count = export_pdf(pages, options, letterhead, args.pdf, glossary=Glossary.load())
    print(
        f"wrote {args.pdf} ({count} page{'s' if count != 1 else ''}, "
        f"{len(pages)} medicine{'s' if len(pages) != 1 else ''})"
    )
    del app
    return 0
