"""Compose a handout: drug pages → HTML parts for QTextDocument, with footer lines per part.

Qt-free: the printing glue in ``medguide.ui.printing`` lays the parts out on pages, paints the
letterhead and footers, and writes the PDF or sends it to a printer. Each part (one medicine)
starts on a new page.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

from medguide.core.model import Audience, SectionKind
from medguide.core.provenance import AI_APPROVED, AI_WARNING, needs_ai_warning, source_line
from medguide.core.views import DrugPage, Letterhead, SourceView
from medguide.handout.options import DEFAULT_SECTIONS, HandoutOptions, PrintSize
from medguide.reading.annotate import Medium, annotate_html
from medguide.reading.audience import choose_faqs, choose_section, lead_kinds
from medguide.reading.citations import strip_citations
from medguide.reading.glossary import Glossary

__all__ = [
    "DEFAULT_SECTIONS",
    "DISCLAIMER",
    "HandoutDocument",
    "HandoutOptions",
    "HandoutPart",
    "PrintSize",
    "compose_handout",
]

DISCLAIMER = (
    "This sheet helps you talk with your care team. It does not replace advice from your "
    "doctor, nurse or pharmacist."
)

Renderer = Callable[[str], str]
_GRADE_IN_NOTE = re.compile(r"grade (\d+)")


@dataclass(frozen=True)
class HandoutPart:
    """One medicine of a handout: its HTML body and the footer lines for its pages."""

    slug: str
    title: str
    body_html: str
    footer_lines: tuple[str, ...]
    ai_generated: bool


@dataclass(frozen=True)
class HandoutDocument:
    """A composed handout, ready for the printing glue."""

    parts: tuple[HandoutPart, ...]
    letterhead_html: str
    stylesheet: str
    point_size: int


def _default_renderer(markdown: str) -> str:
    from medguide.content.render import markdown_to_html

    return markdown_to_html(markdown)


def stylesheet(size: PrintSize) -> str:
    """CSS (the subset QTextDocument understands) scaled to the print size.

    QTextDocument takes font sizes in pt but margins only in px (1/96 inch, scaled to the
    printer), so every margin is converted from points.
    """
    pt = size.points

    def px(points: float) -> int:
        return round(points * 96 / 72)

    return f"""
body {{ font-size: {pt}pt; }}
h1 {{ font-size: {round(pt * 1.8)}pt; margin-top: 0px; margin-bottom: {px(pt * 0.3)}px; }}
h2 {{ font-size: {round(pt * 1.35)}pt; margin-top: {px(pt * 0.9)}px;
      margin-bottom: {px(pt * 0.3)}px; color: #1f4e6b; }}
h3, h4 {{ font-size: {round(pt * 1.1)}pt; margin-top: {px(pt * 0.6)}px;
          margin-bottom: {px(pt * 0.2)}px; }}
p {{ margin-top: 0px; margin-bottom: {px(pt * 0.5)}px; }}
ul, ol {{ margin-top: 0px; margin-bottom: {px(pt * 0.5)}px; }}
li {{ margin-bottom: {px(pt * 0.15)}px; }}
.meta {{ color: #444444; }}
.brand {{ color: #444444; font-size: {pt}pt; }}
.note {{ background-color: #fff4d6; }}
.notice {{ color: #5a4a00; font-style: italic; }}
.question {{ font-weight: bold; margin-bottom: {px(pt * 0.15)}px; }}
.clinic {{ background-color: #e8f1f7; }}
h2.lead {{ color: #8a1c1c; }}
"""


def letterhead_html(letterhead: Letterhead) -> str:
    """The clinic letterhead block (empty string when no letterhead is set)."""
    if letterhead.is_empty:
        return ""
    lines = []
    if letterhead.logo_path:
        lines.append(f'<img src="{escape(letterhead.logo_path, quote=True)}" height="48" />')
    if letterhead.clinic_name:
        lines.append(f"<b>{escape(letterhead.clinic_name)}</b>")
    details = " · ".join(escape(x) for x in (letterhead.address, letterhead.phone) if x)
    if details:
        lines.append(details)
    return "<br />".join(lines)


def _section_html(
    page: DrugPage,
    kind: SectionKind,
    options: HandoutOptions,
    render: Renderer,
    glossary: Glossary | None,
    used_sources: dict[int | None, SourceView | None],
    notes: list[str],
) -> str:
    audience = options.audience
    if kind is SectionKind.FAQ:
        faqs = choose_faqs(page, audience)
        if not faqs.entries:
            return ""
        items = []
        for entry in faqs.entries:
            answer = entry.answer
            if audience is Audience.PATIENT:
                answer = strip_citations(answer)
            answer_html = render(answer)
            question = escape(entry.question)
            items.append(f'<li><p class="question">{question}</p>{answer_html}</li>')
            source = page.source(entry.source_id)
            if source:
                used_sources[source.id] = source
        # one annotation pass: a term is explained at its first use in the whole FAQ
        body = _annotate("<ul>" + "".join(items) + "</ul>", glossary, audience)
        clinic = False
        notes.append(faqs.note)
    else:
        shown = choose_section(page, kind, audience)
        if shown.text is None:
            return ""
        markdown = shown.text.markdown
        if audience is Audience.PATIENT:
            markdown = strip_citations(markdown)
        body = _annotate(render(markdown), glossary, audience)
        if shown.text.clinic_override:
            used_sources[None] = None  # the clinic's own wording
        elif source := page.source(shown.text.source_id):
            used_sources[source.id] = source
        notes.append(shown.note)
        clinic = shown.text.clinic_override
    extra = ""
    if clinic:
        extra += '<p class="notice">Clinic version: this section was written by your clinic.</p>'
    css = ' class="lead"' if kind.is_lead else ""
    return f"<h2{css}>{escape(kind.heading_for(audience))}</h2>{extra}{body}"


def once(notes: Sequence[str]) -> list[str]:
    """The notes of a medicine's sections, each said once: a note that only differs from an
    earlier one in its grade ("It reads at grade 13 …", "… grade 15 …") is the same note, and
    the grades it covers are given as a range."""
    grouped: dict[str, list[int]] = {}
    for note in notes:
        if not note:
            continue
        found = _GRADE_IN_NOTE.search(note)
        key = _GRADE_IN_NOTE.sub("grade {}", note) if found else note
        grouped.setdefault(key, [])
        if found:
            grouped[key].append(int(found.group(1)))
    said = []
    for key, grades in grouped.items():
        if not grades:
            said.append(key)
            continue
        low, high = min(grades), max(grades)
        span = f"grade {low}" if low == high else f"grades {low}–{high}"
        said.append(key.replace("grade {}", span))
    return said


def _annotate(html: str, glossary: Glossary | None, audience: Audience) -> str:
    if glossary is None:
        return html
    return annotate_html(html, glossary, audience, Medium.PAPER)


def compose_part(
    page: DrugPage,
    options: HandoutOptions,
    render: Renderer = _default_renderer,
    glossary: Glossary | None = None,
) -> HandoutPart:
    """The handout part of one medicine."""
    used_sources: dict[int | None, SourceView | None] = {}
    head = [f"<h1>{escape(page.name)}</h1>"]
    if page.brand_names:
        brands = ", ".join(escape(b) for b in page.brand_names[:8])
        head.append(f'<p class="brand">Also known as: {brands}</p>')
    who = []
    if options.patient_name.strip():
        who.append(f"For: <b>{escape(options.patient_name.strip())}</b>")
    if options.date:
        who.append(f"Date: {options.date.strftime('%d %B %Y').lstrip('0')}")
    if who:
        head.append(f'<p class="meta">{" &nbsp;·&nbsp; ".join(who)}</p>')
    if page.clinic_note.strip():
        head.append(
            f'<p class="clinic"><b>From your clinic:</b> {escape(page.clinic_note.strip())}</p>'
        )
    if options.note.strip():
        note = "<br />".join(escape(line) for line in options.note.strip().splitlines())
        head.append(f'<p class="clinic"><b>Note for you:</b> {note}</p>')

    notes: list[str] = []

    def section(kind: SectionKind) -> str:
        return _section_html(page, kind, options, render, glossary, used_sources, notes)

    lead = [section(kind) for kind in lead_kinds(page, options.audience)]
    kinds = options.ordered_sections()
    sections = [section(kind) for kind in kinds]
    if not any(sections) and SectionKind.OVERVIEW not in kinds:
        # An unstructured page has only an overview: print it rather than an empty sheet.
        sections = [section(SectionKind.OVERVIEW)]
    if not any(sections) and not any(lead):
        sections = ['<p class="notice">None of the chosen sections has text for this medicine.</p>']
    head += [f'<p class="note"><b>Please note:</b> {escape(n)}</p>' for n in once(notes)]
    sections = lead + sections

    used = list(used_sources.values()) or list(page.sources[:1])
    footer = []
    if used:
        lines = (source_line(s, clinic_override=s is None) for s in used)
        footer.append("Source: " + "; ".join(dict.fromkeys(lines)))
    ai = any(s is not None and needs_ai_warning(s) for s in used)
    if ai:
        footer.append(AI_WARNING)
    elif any(s is not None and s.ai_generated for s in used):
        footer.append(AI_APPROVED)
    footer.append(DISCLAIMER)
    return HandoutPart(
        slug=page.slug,
        title=page.name,
        body_html="".join(head) + "".join(sections),
        footer_lines=tuple(footer),
        ai_generated=ai,
    )


def compose_handout(
    pages: Sequence[DrugPage],
    options: HandoutOptions,
    letterhead: Letterhead,
    render: Renderer = _default_renderer,
    glossary: Glossary | None = None,
) -> HandoutDocument:
    """Compose the handout of one or several medicines (each part starts on a new page)."""
    return HandoutDocument(
        parts=tuple(compose_part(p, options, render, glossary) for p in pages),
        letterhead_html=letterhead_html(letterhead),
        stylesheet=stylesheet(options.print_size),
        point_size=options.print_size.points,
    )
