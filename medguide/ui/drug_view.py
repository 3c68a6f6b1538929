"""Right pane: the drug header over one tab per section kind, rendered when shown."""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QObject, QTimer, QUrl, Signal
from PySide6.QtGui import QHelpEvent, QResizeEvent
from PySide6.QtWidgets import (
    QTabWidget,
    QTextBrowser,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from medguide.core.model import Audience, SectionKind
from medguide.core.views import DrugPage
from medguide.ui.drug_header import DrugHeader
from medguide.ui.lead_panel import LeadPanel
from medguide.ui.section_html import (
    ARTICLES_TAB,
    SEARCH_SCHEME,
    SOURCES_TAB,
    TabHtmlBuilder,
    TabKey,
)

TAB_KEYS: tuple[TabKey, ...] = (
    SectionKind.OVERVIEW,
    *SectionKind.tab_order(),
    ARTICLES_TAB,
    SOURCES_TAB,
)
_OPTIONAL: frozenset[TabKey] = frozenset({SectionKind.OVERVIEW, ARTICLES_TAB, SOURCES_TAB})


def tab_label(key: TabKey, audience: Audience = Audience.PROFESSIONAL) -> str:
    """The visible title of a tab for a reader of ``audience`` (plain words for patients:
    "What it is for", "How to take it"…)."""
    if key == ARTICLES_TAB:
        return "Related articles"
    if key == SOURCES_TAB:
        return "Sources"
    return SectionKind(key).heading_for(audience)


def tab_from_name(name: str) -> TabKey:
    """A tab key from a command-line word: ``usage``, ``side-effects``, ``faq``, ``sources``…"""
    word = name.strip().lower().replace("-", "_").replace(" ", "_")
    other_tabs: dict[str, TabKey] = {
        "related": ARTICLES_TAB,
        "related_articles": ARTICLES_TAB,
        "articles": ARTICLES_TAB,
        "sources": SOURCES_TAB,
    }
    return other_tabs.get(word) or SectionKind.from_word(word)


class DrugView(QWidget):
    """Shows one ``DrugPage`` for one audience; keeps tab and scroll when the audience changes."""

    tab_changed = Signal(object)  # TabKey
    link_ignored = Signal(str)  # an outside link: the app stays offline and opens nothing
    edit_requested = Signal(object, object)  # SectionKind, Audience: clinic rewording
    search_requested = Signal(str)  # a Related Question clicked: run it as a search

    def __init__(self, builder: TabHtmlBuilder, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._builder = builder
        self._page: DrugPage | None = None
        self._audience = Audience.PATIENT
        self._rendered: dict[TabKey, tuple[str, Audience] | None] = {}
        self.header = DrugHeader(self)
        self.lead = LeadPanel(self)
        self.lead.link_clicked.connect(self._anchor_clicked)
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName("Sections")
        self.tabs.setDocumentMode(True)
        self.tabs.setUsesScrollButtons(True)
        self.browsers: dict[TabKey, QTextBrowser] = {}
        for key in TAB_KEYS:
            browser = QTextBrowser(self.tabs)
            browser.setOpenLinks(False)
            browser.setOpenExternalLinks(False)
            browser.setAccessibleName(tab_label(key))
            browser.document().setDocumentMargin(12)
            browser.viewport().installEventFilter(self)
            browser.anchorClicked.connect(self._anchor_clicked)
            self.browsers[key] = browser
            self.tabs.addTab(browser, tab_label(key))
            self._rendered[key] = None
        self.edit_button = QToolButton(self.tabs)
        self.edit_button.setText("Edit…")
        self.edit_button.setAccessibleName("Edit this section's wording for the clinic")
        self.edit_button.setToolTip(
            "Write the clinic's own wording for this section (Ctrl+E); kept across imports"
        )
        self.edit_button.setAutoRaise(True)
        self.edit_button.clicked.connect(self.request_edit)
        self.tabs.setCornerWidget(self.edit_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.lead)
        layout.addWidget(self.tabs, 1)
        self.tabs.currentChanged.connect(self._on_tab)
        self._label_tabs()
        self._show_nothing()

    # ------------------------------------------------------------------ public

    @property
    def page(self) -> DrugPage | None:
        """The page shown, if any."""
        return self._page

    @property
    def audience(self) -> Audience:
        """The reading level shown."""
        return self._audience

    def current_tab(self) -> TabKey:
        """The key of the selected tab."""
        return TAB_KEYS[max(0, self.tabs.currentIndex())]

    def show_page(
        self, page: DrugPage, audience: Audience, favourite: bool, tab: TabKey | None = None
    ) -> None:
        """Open ``page``; keep the current tab when it has content, else the first that has."""
        wanted = tab if tab is not None else self.current_tab()
        self._page = page
        self._audience = audience
        self._rendered = dict.fromkeys(TAB_KEYS)
        self.header.show_page(page, favourite, audience)
        self._show_lead()
        self._label_tabs()
        for i, key in enumerate(TAB_KEYS):
            has = _has_content(page, key)
            if key in _OPTIONAL:
                self.tabs.setTabVisible(i, has)
            self.tabs.setTabEnabled(i, has)
            self.tabs.setTabToolTip(i, "" if has else f"No {tab_label(key).lower()} text")
        target = wanted if _has_content(page, wanted) else self._first_with_content(page)
        self.tabs.blockSignals(True)
        self.tabs.setCurrentIndex(TAB_KEYS.index(target))
        self.tabs.blockSignals(False)
        self._render(target)
        self.browsers[target].verticalScrollBar().setValue(0)
        self.edit_button.setEnabled(self.editable_kind() is not None)

    def select_tab(self, key: TabKey) -> bool:
        """Switch to tab ``key``; False when that tab has no content for this drug."""
        i = TAB_KEYS.index(key)
        if not self.tabs.isTabEnabled(i) or not self.tabs.isTabVisible(i):
            return False
        self.tabs.setCurrentIndex(i)
        return True

    def set_audience(self, audience: Audience) -> None:
        """Re-render for ``audience``, keeping the tab and the scroll position (as a fraction)."""
        if audience is self._audience:
            return
        fraction = self.scroll_fraction()
        self._audience = audience
        self._label_tabs()
        if self._page is None:
            return
        self.header.show_page(self._page, self.header.star.isChecked(), audience)
        self._show_lead()
        key = self.current_tab()
        self._render(key)
        self.set_scroll_fraction(fraction)
        QTimer.singleShot(0, lambda: self.set_scroll_fraction(fraction, key))

    def scroll_fraction(self) -> float:
        """How far down the current tab is scrolled, 0.0–1.0."""
        bar = self.browsers[self.current_tab()].verticalScrollBar()
        return bar.value() / bar.maximum() if bar.maximum() > 0 else 0.0

    def set_scroll_fraction(self, fraction: float, key: TabKey | None = None) -> None:
        """Scroll the current tab (or ``key``'s) to ``fraction`` of its length."""
        browser = self.browsers[key if key is not None else self.current_tab()]
        # lay the text out at the full width of the pane before reading the scroll range
        # (QTextDocument.adjustSize would narrow it to its "ideal" width and keep it there)
        browser.document().setTextWidth(browser.viewport().width())
        bar = browser.verticalScrollBar()
        bar.setValue(round(fraction * bar.maximum()))

    def editable_kind(self) -> SectionKind | None:
        """The section kind of the current tab when its wording can be edited, else None."""
        key = self.current_tab()
        if self._page is None or key in (ARTICLES_TAB, SOURCES_TAB, SectionKind.FAQ):
            return None
        return SectionKind(key)

    def request_edit(self) -> None:
        """Ask (via ``edit_requested``) to edit the current section for the current audience."""
        kind = self.editable_kind()
        if kind is not None:
            self.edit_requested.emit(kind, self._audience)

    def forget(self, slug: str) -> None:
        """Drop one drug's rendered tabs, so its next showing is built afresh."""
        self._builder.forget(slug)
        self._rendered = dict.fromkeys(TAB_KEYS)

    def clear_cache(self) -> None:
        """Forget rendered HTML (after an import) and show nothing until the next page."""
        self._builder.clear()
        self._rendered = dict.fromkeys(TAB_KEYS)

    def tab_html(self, key: TabKey) -> str:
        """Plain text of a tab as shown (for tests and accessibility checks)."""
        return self.browsers[key].toPlainText()

    # ------------------------------------------------------------------ internals

    def changeEvent(self, event: QEvent) -> None:
        """Re-size the header name when the zoom changes the font."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and self._page is not None:
            self.header.show_page(self._page, self.header.star.isChecked(), self._audience)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Show glossary explanations (``title`` of a term) as tooltips over the text."""
        if event.type() != QEvent.Type.ToolTip or not isinstance(event, QHelpEvent):
            return False
        for browser in self.browsers.values():
            if watched is browser.viewport():
                tip = browser.cursorForPosition(event.pos()).charFormat().toolTip()
                if tip:
                    QToolTip.showText(event.globalPos(), tip, browser)
                else:
                    QToolTip.hideText()
                    event.ignore()
                return True
        return False

    def show_error(self, slug: str, message: str) -> None:
        """The drug asked for cannot be shown: say so (never keep the previous drug)."""
        self._page = None
        self._rendered = dict.fromkeys(TAB_KEYS)
        self.header.show_page(None, False)
        self.header.name.setText("Cannot show this medicine")
        self.lead.set_html("")
        self._show_nothing()
        self.browsers[SectionKind.USAGE].setHtml(
            f"<p><b>{html.escape(slug)}</b> could not be shown.</p><p>{html.escape(message)}</p>"
        )

    def _show_lead(self) -> None:
        """Key points (patient) or boxed warning (professional) above the tabs."""
        html_text = self._builder.lead_html(self._page, self._audience) if self._page else ""
        self.lead.set_html(html_text)

    def _label_tabs(self) -> None:
        """Tab titles in the reader's words."""
        for i, key in enumerate(TAB_KEYS):
            self.tabs.setTabText(i, tab_label(key, self._audience))

    def resizeEvent(self, event: QResizeEvent) -> None:
        """The lead block may take a share of the new height."""
        super().resizeEvent(event)
        self.lead.fit()

    def _anchor_clicked(self, url: QUrl) -> None:
        browser = self.browsers[self.current_tab()]
        if not url.scheme() and url.hasFragment():
            browser.scrollToAnchor(url.fragment())
        elif url.scheme() == SEARCH_SCHEME:
            self.search_requested.emit(url.path())  # QUrl.path() is already decoded
        else:
            self.link_ignored.emit(url.toString())

    def _on_tab(self, index: int) -> None:
        self.edit_button.setEnabled(self.editable_kind() is not None)
        if index < 0 or self._page is None:
            return
        key = TAB_KEYS[index]
        self._render(key)
        self.tab_changed.emit(key)

    def _render(self, key: TabKey) -> None:
        page = self._page
        if page is None or self._rendered.get(key) == (page.slug, self._audience):
            return
        try:
            html_text = self._builder.tab_html(page, key, self._audience)
        except Exception as exc:  # a reader's bug must show as a message, not an empty tab
            html_text = (
                "<p><b>This section could not be shown.</b></p>"
                f"<p>{html.escape(type(exc).__name__)}: {html.escape(str(exc)[:300])}</p>"
            )
        self.browsers[key].setHtml(html_text)
        self._rendered[key] = (page.slug, self._audience)

    def _first_with_content(self, page: DrugPage) -> TabKey:
        return next((k for k in TAB_KEYS if _has_content(page, k)), SectionKind.USAGE)

    def _show_nothing(self) -> None:
        self.edit_button.setEnabled(False)
        for i, key in enumerate(TAB_KEYS):
            self.tabs.setTabVisible(i, key not in _OPTIONAL)
            self.tabs.setTabEnabled(i, key is SectionKind.USAGE)
        self.tabs.setCurrentIndex(TAB_KEYS.index(SectionKind.USAGE))
        self.browsers[SectionKind.USAGE].setHtml(
            "<p>Find a medicine with the search field on the left: type part of its name, a "
            "brand name or a word from the text, then press <b>Enter</b>.</p>"
        )


def _has_content(page: DrugPage, key: TabKey) -> bool:
    if key == ARTICLES_TAB:
        return bool(page.related_articles)
    if key == SOURCES_TAB:
        return bool(page.sources or page.clinic_note)
    kind = SectionKind(key)
    if kind is SectionKind.FAQ:
        return bool(page.faqs) or any(s.kind is kind and s.markdown.strip() for s in page.sections)
    return any(s.kind is kind and s.markdown.strip() for s in page.sections)
