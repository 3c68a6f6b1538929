"""Tab HTML: audience fallback notice, citations hidden for patients, FAQs, sources, cache."""

from __future__ import annotations

from dataclasses import replace

from medguide.core.model import Audience, SectionKind
from medguide.core.views import ArticleView
from medguide.ui.section_html import ARTICLES_TAB, SOURCES_TAB, TabHtmlBuilder
from tests.ui.fakes import render, romiplostim

P, PRO = Audience.PATIENT, Audience.PROFESSIONAL


def test_own_text_has_no_notice() -> None:
    html = TabHtmlBuilder(render).tab_html(romiplostim(), SectionKind.USAGE, P)
    assert "<strong>platelets</strong>" in html
    assert "notice" not in html


def test_fallback_shows_other_audience_with_notice_and_no_citations() -> None:
    builder = TabHtmlBuilder(render)
    patient = builder.tab_html(romiplostim(), SectionKind.MECHANISM, P)
    assert 'class="notice"' in patient
    assert "TPO receptor agonist" in patient
    assert "References" not in patient
    assert "agonist 1" not in patient  # trailing citation number removed
    professional = builder.tab_html(romiplostim(), SectionKind.MECHANISM, PRO)
    assert "notice" not in professional
    assert "References" in professional


def test_bracket_citations_only_for_professionals() -> None:
    builder = TabHtmlBuilder(render)
    assert "[1]" in builder.tab_html(romiplostim(), SectionKind.USAGE, PRO)
    assert "[1]" not in builder.tab_html(romiplostim(), SectionKind.USAGE, P)


def test_faq_questions_are_headings() -> None:
    builder = TabHtmlBuilder(render)
    patient = builder.tab_html(romiplostim(), SectionKind.FAQ, P)
    assert "<h3>What if I miss a dose?</h3>" in patient
    assert "monitored" not in patient
    assert "<h3>How is response monitored?</h3>" in builder.tab_html(
        romiplostim(), SectionKind.FAQ, PRO
    )


def test_sources_tab_shows_ai_warning_and_references_for_professionals() -> None:
    builder = TabHtmlBuilder(render)
    patient = builder.tab_html(romiplostim(), SOURCES_TAB, P)
    professional = builder.tab_html(romiplostim(), SOURCES_TAB, PRO)
    assert "AI-generated" in patient
    assert "2026-11-01" in patient
    assert "Smith J" not in patient
    assert "Smith J" in professional


def test_render_is_cached_per_slug_tab_and_audience() -> None:
    calls: list[str] = []

    def counting(markdown: str) -> str:
        calls.append(markdown)
        return render(markdown)

    builder = TabHtmlBuilder(counting)
    page = romiplostim()
    builder.tab_html(page, SectionKind.USAGE, P)
    builder.tab_html(page, SectionKind.USAGE, P)
    assert len(calls) == 1
    assert builder.cached(page.slug, SectionKind.USAGE, P)
    assert not builder.cached(page.slug, SectionKind.USAGE, PRO)
    builder.clear()
    assert not builder.cached(page.slug, SectionKind.USAGE, P)


def test_annotator_is_applied_after_rendering() -> None:
    builder = TabHtmlBuilder(render, annotate=lambda html, aud: f"{html}<!--{aud.value}-->")
    assert builder.tab_html(romiplostim(), SectionKind.USAGE, P).endswith("<!--patient-->")


def test_related_articles_keep_one_title_and_warn_patients() -> None:
    article = ArticleView(
        id=1,
        question="How does it work in ITP?",
        title="Mechanism",
        body_markdown="# Mechanism\n\nBinds the receptor [2].\n\nReferences\n\n2. A paper",
        source_id=2,
        related_questions=("Is it safe in pregnancy?",),
    )
    page = replace(romiplostim(), related_articles=(article,))
    builder = TabHtmlBuilder(render)
    professional = builder.tab_html(page, ARTICLES_TAB, PRO)
    assert professional.count("Mechanism</h") == 1
    assert "[2]" in professional and "A paper" in professional
    assert "Is it safe in pregnancy?" in professional
    patient = builder.tab_html(page, ARTICLES_TAB, P)
    assert "written for health professionals" in patient
    assert "[2]" not in patient and "A paper" not in patient
