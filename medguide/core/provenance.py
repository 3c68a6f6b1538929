"""How the origin of a text is worded, on screen, on paper and on the command line.

One set of rules, so the header badge, the Sources tab, the handout footer and ``medguide show``
never disagree: the source's name and title, its review status and date, and the AI warning,
which is shown whenever the source says its text is AI-generated and no clinician has approved
it. Text written by the clinic itself (a clinic override) says so instead.
"""

from __future__ import annotations

from medguide.core.model import ReviewStatus
from medguide.core.views import SourceView

AI_WARNING = "AI-generated — not reviewed by a clinician"
AI_APPROVED = "AI-generated, approved by a clinician"
CLINIC_SOURCE = "Written by this clinic (clinic version)"


def needs_ai_warning(source: SourceView) -> bool:
    """True when the text is AI-generated and no clinician has approved it."""
    return source.ai_generated and source.review_status is not ReviewStatus.APPROVED


def ai_note(source: SourceView) -> str:
    """The AI line for this source: the warning, the approved note, or "" for human text."""
    if not source.ai_generated:
        return ""
    return AI_WARNING if needs_ai_warning(source) else AI_APPROVED


def label_facts(source: SourceView) -> list[str]:
    """An FDA label's identity: product, manufacturer, set id, version, effective date."""
    label = source.label
    if label is None:
        return []
    facts = [label.product or source.title]
    if label.manufacturer:
        facts.append(label.manufacturer)
    facts.append(f"set id {label.set_id}")
    if label.version is not None:
        facts.append(f"version {label.version}")
    if label.effective:
        facts.append(f"effective {label.effective.isoformat()}")
    return facts


def source_facts(source: SourceView) -> list[str]:
    """Short facts: format, review status, last-updated date (for badges); for an FDA label,
    the label's identity instead (it is official labeling, not a reviewed draft)."""
    if source.label is not None:
        return [source.format.label, *label_facts(source)]
    facts = [source.format.label, f"review status: {source.review_status.label.lower()}"]
    if source.last_updated:
        facts.append(f"updated {source.last_updated.isoformat()}")
    return facts


def source_badge(source: SourceView) -> str:
    """The compact form for a badge: ``MedGuide library · Unreviewed · updated 2026-11-22``,
    or ``FDA label · effective 2022-12-01``."""
    if source.label is not None:
        effective = source.label.effective
        return source.format.label + (f" · effective {effective.isoformat()}" if effective else "")
    facts = [source.format.label, source.review_status.label]
    if source.last_updated:
        facts.append(f"updated {source.last_updated.isoformat()}")
    return " · ".join(facts)


def source_line(source: SourceView | None, clinic_override: bool = False) -> str:
    """One line naming where a text came from, e.g. ``MedGuide library · Romiplostim ·
    review status: unreviewed · updated 2026-11-22``."""
    if clinic_override:
        return CLINIC_SOURCE
    if source is None:
        return "unknown"
    facts = source_facts(source)
    if source.label is None and source.title and source.title != source.format.label:
        facts.insert(1, source.title)
    return " · ".join(facts)
