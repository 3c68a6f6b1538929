"""``medguide show NAME [--audience …] [--section …]``: print one drug's text as markdown.

NAME may be the drug's name, a brand name or other alias, or its slug. Each section is printed
under its heading with the line saying where the text came from; text written for the other
audience is shown with a notice, as on screen.
"""

from __future__ import annotations

import argparse
import sys

from medguide.cli.database_arg import DATABASE_ERROR_EXIT, open_collection_for
from medguide.core import provenance
from medguide.core.model import Audience, SectionKind
from medguide.core.views import DrugPage, SourceView


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of the show command."""
    parser.add_argument("name", nargs="+", help="drug name, brand name or slug")
    parser.add_argument(
        "--audience",
        choices=[a.value for a in Audience],
        default=Audience.PATIENT.value,
        help="whose wording to print (default: patient)",
    )
    parser.add_argument(
        "--section",
        choices=[k.value for k in SectionKind],
        action="append",
        help="print only this section (repeatable; default: all)",
    )


def source_line(source: SourceView | None, clinic_override: bool = False) -> str:
    """``Source: …`` with review status, date and the AI note (``medguide.core.provenance``)."""
    line = "Source: " + provenance.source_line(source, clinic_override)
    note = "" if source is None or clinic_override else provenance.ai_note(source)
    return f"{line} · {note}" if note else line


def render_page(
    page: DrugPage, audience: Audience, kinds: list[SectionKind], related: bool = True
) -> str:
    """The markdown text of the chosen sections of a page (and its related articles)."""
    from medguide.reading.audience import choose_faqs, choose_section

    lines = [f"# {page.name}"]
    facts = []
    if page.drug_class:
        facts.append(f"Class: {page.drug_class}")
    if page.brand_names:
        facts.append(f"Brand names: {', '.join(page.brand_names)}")
    if page.synonyms:
        facts.append(f"Also known as: {', '.join(page.synonyms)}")
    if facts:
        lines += ["", " | ".join(facts)]
    if page.clinic_note:
        lines += ["", f"Clinic note: {page.clinic_note}"]
    for kind in kinds:
        if kind is SectionKind.FAQ:
            faqs = choose_faqs(page, audience)
            if not faqs.entries:
                continue
            lines += ["", f"## {kind.label}"]
            if faqs.note:
                lines += ["", f"_{faqs.note}_"]
            for entry in faqs.entries:
                lines += ["", f"### {entry.question}", "", entry.answer.strip()]
            lines += ["", source_line(page.source(faqs.entries[0].source_id))]
            continue
        shown = choose_section(page, kind, audience)
        if shown.text is None:
            continue
        lines += ["", f"## {kind.label}"]
        if shown.note:
            lines += ["", f"_{shown.note}_"]
        lines += ["", shown.text.markdown.strip(), ""]
        lines.append(source_line(page.source(shown.text.source_id), shown.text.clinic_override))
    if related and page.related_articles:
        lines += ["", "## Related articles", ""]
        lines += [f"- {article.question}" for article in page.related_articles]
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> int:
    """Resolve the name and print the page; exit 1 when no drug has that name."""
    name = " ".join(args.name)
    collection = open_collection_for(args, "show")
    if collection is None:
        return DATABASE_ERROR_EXIT
    with collection:
        repo = collection.repository
        slug = repo.resolve(name)
        page = repo.get_drug(slug) if slug is not None else None
    if page is None:
        print(
            f"No drug called {name!r} in the database. Try `medguide search` for a close match.",
            file=sys.stderr,
        )
        return 1
    kinds = [SectionKind(k) for k in args.section] if args.section else list(SectionKind)
    kinds = [k for k in SectionKind if k in kinds]  # tab order, overview last
    sys.stdout.write(render_page(page, Audience(args.audience), kinds, not args.section))
    return 0
