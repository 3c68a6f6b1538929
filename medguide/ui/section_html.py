"""HTML for the drug view's tabs, built from a ``DrugPage`` (Qt-free, so it is easy to test).

Markdown is rendered only here, when a tab is shown, and the result is cached per
(slug, tab, audience) by ``TabHtmlBuilder``. Patient mode hides citation marks and reference
lists; professional mode shows them.
"""

from __future__ import annotations

import html
from collections import OrderedDict
from collections.abc import Callable
from urllib.parse import quote

from medguide.core import provenance
from medguide.core.model import Audience, SectionKind, SourceFormat
from medguide.core.views import DrugPage, SectionText, SourceView
from medguide.reading.audience import choose_faqs, choose_section, lead_kinds
from medguide.reading.badges import grade_band, grade_label
from medguide.reading.citations import strip_citations

Renderer = Callable[[str], str]

SOURCES_TAB = "sources"
SEARCH_SCHEME = "medguide-search"
"""Links with this scheme run their text as a search (Related Questions of Q&A articles)."""
ARTICLES_TAB = "articles"
TabKey = SectionKind | str
ARTICLES_PATIENT_NOTICE = (
    "These articles are written for health professionals; ask your pharmacist or doctor "
    "to explain anything unclear."
)

Annotator = Callable[[str, Audience], str]


def default_renderer(markdown: str) -> str:
    """``medguide.content.render.markdown_to_html``, imported on first use."""
    from medguide.content.render import markdown_to_html

    return markdown_to_html(markdown)


class TabHtmlBuilder:
    """Builds (and caches) the HTML of every tab of a drug page for an audience."""

    def __init__(
        self,
        render: Renderer = default_renderer,
        annotate: Annotator | None = None,
        cache_size: int = 256,
    ) -> None:
        self._render = render
        self._annotate = annotate
        self._cache: OrderedDict[tuple[str, str, str], str] = OrderedDict()
        self._cache_size = cache_size

    def clear(self) -> None:
        """Forget every cached page (after an import)."""
        self._cache.clear()

    def forget(self, slug: str) -> None:
        """Forget one drug's cached tabs (after a clinic edit of its text)."""
        for key in [k for k in self._cache if k[0] == slug]:
            del self._cache[key]

    def warm_up(self) -> None:
        """Import the renderer's modules and load the glossary once, off the UI thread at
        start-up, so the first tab opened does not pay for them."""
        html_text = self._render("Warm-up *text*.")
        if self._annotate is not None:
            self._annotate(html_text, Audience.PATIENT)

    def cached(self, slug: str, tab: TabKey, audience: Audience) -> bool:
        """True when this tab is already rendered (for tests and the benchmark)."""
        return (slug, str(tab), audience.value) in self._cache

    def tab_html(self, page: DrugPage, tab: TabKey, audience: Audience) -> str:
        """The HTML of one tab, rendered on first use and cached."""
        key = (page.slug, str(tab), audience.value)
        if key in self._cache:
            self._cache.move_to_end(key)
            return self._cache[key]
        built = self._build(page, tab, audience)
        self._cache[key] = built
        if len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)
        return built

    def lead_html(self, page: DrugPage, audience: Audience) -> str:
        """The block above the tabs: key points for patients, the boxed warning for
        professionals ("" when the drug has neither); cached like the tabs."""
        key = (page.slug, "lead", audience.value)
        if key not in self._cache:
            self._cache[key] = self._lead(page, audience)
        return self._cache[key]

    def _lead(self, page: DrugPage, audience: Audience) -> str:
        parts = []
        for kind in lead_kinds(page, audience):
            shown = choose_section(page, kind, audience)
            if shown.text is None:
                continue
            source = page.source(shown.text.source_id)
            title = html.escape(kind.heading_for(audience))
            parts.append(f'<p class="lead-title"><b>{title}</b></p>')
            parts.append(_notice_html(shown.note))
            parts.append(self._markdown(shown.text.markdown, audience, source))
        return "".join(parts)

    def _build(self, page: DrugPage, tab: TabKey, audience: Audience) -> str:
        if tab == SOURCES_TAB:
            return self._sources(page, audience)
        if tab == ARTICLES_TAB:
            return self._articles(page, audience)
        kind = SectionKind(tab)
        if kind is SectionKind.FAQ:
            return self._faq(page, audience)
        shown = choose_section(page, kind, audience)
        if shown.text is None:
            return _empty(kind)
        body = self._markdown(shown.text.markdown, audience, page.source(shown.text.source_id))
        badges = _badges_html(shown.text, audience)
        return badges + _notice_html(shown.note) + body

    def _markdown(
        self,
        markdown: str,
        audience: Audience,
        source: SourceView | None,
        annotate: bool = True,
    ) -> str:
        if audience is Audience.PATIENT:
            trailing = source is not None and (
                source.format is SourceFormat.QA_ARTICLE or bool(source.references)
            )
            markdown = strip_citations(markdown, trailing_numbers=trailing)
        rendered = self._render(markdown)
        return self._annotated(rendered, audience) if annotate else rendered

    def _annotated(self, rendered: str, audience: Audience) -> str:
        return self._annotate(rendered, audience) if self._annotate else rendered

    def _faq(self, page: DrugPage, audience: Audience) -> str:
        shown = choose_faqs(page, audience)
        if not shown.entries:
            section = choose_section(page, SectionKind.FAQ, audience)
            if section.text is None:
                return _empty(SectionKind.FAQ)
            body = self._markdown(
                section.text.markdown, audience, page.source(section.text.source_id)
            )
            return _notice_html(section.note) + body
        parts = []
        for entry in shown.entries:
            source = page.source(entry.source_id)
            parts.append(f"<h3>{html.escape(entry.question)}</h3>")
            parts.append(self._markdown(entry.answer, audience, source, annotate=False))
        # one annotation pass: a term is explained at its first use in the whole FAQ tab
        body = self._annotated("\n".join(parts), audience)
        return _notice_html(shown.note) + body

    def _articles(self, page: DrugPage, audience: Audience) -> str:
        parts: list[str] = []
        if audience is Audience.PATIENT and page.related_articles:
            parts.append(_notice_html(ARTICLES_PATIENT_NOTICE))
        for article in page.related_articles:
            source = page.source(article.source_id)
            title = article.title or article.question
            if not _starts_with_heading(article.body_markdown, title):
                parts.append(f"<h2>{html.escape(title)}</h2>")
            if article.question and article.question != article.title:
                parts.append(f"<p><i>{html.escape(article.question)}</i></p>")
            parts.append(self._markdown(article.body_markdown, audience, source))
            if article.related_questions:
                items = "".join(
                    f'<li><a href="{SEARCH_SCHEME}:{quote(q)}">{html.escape(q)}</a></li>'
                    for q in article.related_questions
                )
                parts.append(f"<p><b>Related questions</b></p><ul>{items}</ul>")
        return "\n".join(parts)

    def _sources(self, page: DrugPage, audience: Audience) -> str:
        shown_ids = {s.source_id for s in page.sections} | {f.source_id for f in page.faqs}
        shown_ids |= {a.source_id for a in page.related_articles}
        shown = [s for s in page.sources if s.id in shown_ids]
        others = [s for s in page.sources if s.id not in shown_ids]
        parts = [_source_html(source, audience) for source in shown]
        if others:
            labels = all(s.label is not None for s in others)
            what = "labels of this medicine" if labels else "sources for this medicine"
            parts.append(
                f"<h2>Other {what} ({len(others)})</h2><p><i>Imported and kept, but not shown: "
                "for each section the text of the source above is used (for FDA labels, the "
                "brand or reference product's label first, then the newest).</i></p>"
            )
            parts += [_source_html(source, audience, brief=True) for source in others]
        if page.clinic_note:
            parts.append(f"<h3>Clinic note</h3><p>{html.escape(page.clinic_note)}</p>")
        return "\n".join(parts)


def _source_html(source: SourceView, audience: Audience, brief: bool = False) -> str:
    esc = html.escape
    lines = [f"<h3>{esc(source.title)}</h3>"]
    facts = " · ".join(provenance.source_facts(source))
    lines.append(f"<p>{esc(facts)}<br><small>{esc(_short_origin(source))}</small></p>")
    if brief:
        return "\n".join(lines)
    if provenance.needs_ai_warning(source):
        lines.append(f'<p style="color:#c62828;"><b>{esc(provenance.AI_WARNING)}</b></p>')
    elif source.ai_generated:
        lines.append(f"<p><b>{esc(provenance.AI_APPROVED)}</b></p>")
    for text in (source.provenance_note, source.disclaimer):
        if text:
            lines.append(f"<p><i>{esc(text)}</i></p>")
    if source.citations:
        items = []
        for c in source.citations:
            bits = [f"<b>{esc(c.title)}</b>"]
            bits += [esc(b) for b in (c.publisher, c.identifier) if b]
            if c.sections:
                bits.append("sections: " + esc(", ".join(c.sections)))
            if c.url and audience is Audience.PROFESSIONAL:
                bits.append(esc(c.url))
            items.append("<li>" + " — ".join(bits) + "</li>")
        lines.append("<p>Based on:</p><ul>" + "".join(items) + "</ul>")
    if source.references and audience is Audience.PROFESSIONAL:
        refs = []
        for ref in source.references:
            number = f"{ref.number}. " if ref.number is not None else ""
            url = f" {esc(ref.url)}" if ref.url else ""
            refs.append(f"<li>{esc(number + ref.text)}{url}</li>")
        lines.append("<p><b>References</b></p><ul>" + "".join(refs) + "</ul>")
    return "\n".join(lines)


def _starts_with_heading(markdown: str, title: str) -> bool:
    """True when the body already opens with ``title`` as a heading (do not repeat it)."""
    first = next((line for line in markdown.splitlines() if line.strip()), "")
    return first.lstrip().startswith("#") and first.strip("# \t").casefold() == title.casefold()


def _short_origin(source: SourceView) -> str:
    """The last two parts of the file path ("warfarin/patient.md"), enough to tell files apart."""
    parts = source.origin.replace("\\", "/").rstrip("/").split("/")
    return "file: " + "/".join(parts[-2:])


def _badges_html(text: SectionText, audience: Audience) -> str:
    """Small badges over a section: its reading grade (patient mode) and "Clinic version"."""
    badges = []
    if text.clinic_override:
        badges.append(
            '<span style="background:#cfe2ff; color:#000000;">&nbsp;Clinic version&nbsp;</span>'
        )
    if audience is Audience.PATIENT:
        band = grade_band(text.grade)
        badges.append(
            f'<span style="background:{band.colour}; color:#000000;">'
            f"&nbsp;{html.escape(grade_label(text.grade))}&nbsp;</span>"
        )
    return f'<p class="badges">{" &nbsp; ".join(badges)}</p>' if badges else ""


def _notice_html(note: str) -> str:
    return f'<p class="notice"><i>{html.escape(note)}</i></p>' if note else ""


def _empty(kind: SectionKind) -> str:
    return f"<p><i>No {html.escape(kind.label.lower())} text for this drug.</i></p>"
