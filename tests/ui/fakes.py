"""Hand-made drug pages and in-memory stand-ins for the repository, search and importer."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path

import markdown as md

from medguide.core.changes import ANY_CONTENT, Changes
from medguide.core.model import (
    Audience,
    ImportReport,
    Reference,
    Rejected,
    ReviewStatus,
    SectionKind,
    SourceFormat,
)
from medguide.core.views import (
    DrugPage,
    DrugSummary,
    FaqEntry,
    Letterhead,
    MatchKind,
    RecentEntry,
    SearchHit,
    SearchResponse,
    SectionText,
    SourceView,
)
from medguide.ui.ports import CancelCallback, ChangeListener, ProgressCallback

LONG_PARAGRAPH = "\n\n".join(f"Paragraph {i} about taking this medicine." for i in range(80))


def render(markdown_text: str) -> str:
    """Plain Python-Markdown, standing in for ``content.render.markdown_to_html``."""
    return md.markdown(markdown_text)


def _source(source_id: int, ai: bool = False, refs: bool = False) -> SourceView:
    return SourceView(
        id=source_id,
        format=SourceFormat.LIBRARY if not refs else SourceFormat.QA_ARTICLE,
        origin=f"test/{source_id}.md",
        title=f"Test source {source_id}",
        last_updated=date(2026, 11, 1),
        review_status=ReviewStatus.UNREVIEWED,
        ai_generated=ai,
        references=(Reference("Smith J. A trial. 2020.", 1),) if refs else (),
    )


def romiplostim() -> DrugPage:
    """Both audiences for most tabs; no patient mechanism text; no precautions at all."""
    p, pro = Audience.PATIENT, Audience.PROFESSIONAL
    return DrugPage(
        slug="romiplostim",
        name="Romiplostim",
        drug_class="Thrombopoietin receptor agonist",
        brand_names=("Nplate",),
        synonyms=("AMG 531",),
        sections=(
            SectionText(SectionKind.USAGE, p, "Raises **platelets** in ITP.", 6.0, 1),
            SectionText(
                SectionKind.USAGE, pro, "Indicated for ITP [1].\n\n" + LONG_PARAGRAPH, 14.0, 2
            ),
            SectionText(SectionKind.SIDE_EFFECTS, p, "Headache and joint pain.", 5.0, 1),
            SectionText(
                SectionKind.MECHANISM, pro, "TPO receptor agonist 1\n\nReferences\n\n1. X", 15.0, 2
            ),
            SectionText(SectionKind.DOSAGE, p, "Weekly injection.", 5.0, 1),
        ),
        faqs=(
            FaqEntry("What if I miss a dose?", "Call your clinic.", p, 1),
            FaqEntry("How is response monitored?", "Weekly platelet counts.", pro, 2),
        ),
        sources=(_source(1, ai=True), _source(2, refs=True)),
    )


def warfarin() -> DrugPage:
    """Patient text only, reviewed source."""
    p = Audience.PATIENT
    return DrugPage(
        slug="warfarin",
        name="Warfarin",
        drug_class="Anticoagulant",
        brand_names=("Coumadin", "Jantoven"),
        synonyms=(),
        sections=tuple(
            SectionText(kind, p, f"{kind.label} text for warfarin.\n\n{LONG_PARAGRAPH}", 7.0, 3)
            for kind in SectionKind.tab_order()
            if kind is not SectionKind.FAQ
        ),
        faqs=(FaqEntry("Can I drink alcohol?", "Ask first.", p, 3),),
        sources=(
            SourceView(
                3,
                SourceFormat.LIBRARY,
                "w.md",
                "Warfarin",
                date(2026, 10, 2),
                ReviewStatus.APPROVED,
                False,
            ),
        ),
    )


class FakeRepository:
    """In-memory repository with the methods the window uses."""

    def __init__(self, pages: Sequence[DrugPage] = ()) -> None:
        self.pages = {p.slug: p for p in pages}
        self.favs: list[str] = []
        self.views: list[str] = []
        self.notes: dict[str, str] = {}
        self.head = Letterhead()

    def is_empty(self) -> bool:
        return not self.pages

    def resolve(self, name: str) -> str | None:
        key = name.strip().lower()
        for page in self.pages.values():
            if key in {page.slug, page.name.lower(), *(b.lower() for b in page.brand_names)}:
                return page.slug
        return None

    def list_drugs(self) -> list[DrugSummary]:
        return [
            DrugSummary(p.slug, p.name, p.drug_class)
            for p in sorted(self.pages.values(), key=lambda p: p.name)
        ]

    def get_drug(self, slug: str) -> DrugPage | None:
        return self.pages.get(slug)

    def favourites(self) -> list[DrugSummary]:
        return [DrugSummary(s, self.pages[s].name, self.pages[s].drug_class) for s in self.favs]

    def is_favourite(self, slug: str) -> bool:
        return slug in self.favs

    def set_favourite(self, slug: str, on: bool) -> None:
        if on and slug not in self.favs:
            self.favs.append(slug)
        if not on and slug in self.favs:
            self.favs.remove(slug)

    def record_view(self, slug: str) -> None:
        self.views.insert(0, slug)

    def letterhead(self) -> Letterhead:
        return self.head

    def clinic_note(self, slug: str) -> str:
        return self.notes.get(slug, "")

    def recent(self, limit: int = 20) -> list[RecentEntry]:
        seen: list[str] = []
        for s in self.views:
            if s not in seen:
                seen.append(s)
        return [RecentEntry(s, self.pages[s].name, datetime(2026, 11, 22, 9, 30)) for s in seen][
            :limit
        ]


class FakeSearch:
    """Substring search over names and brands; 'romiplastin' gets a suggestion."""

    def __init__(self, repo: FakeRepository, delay_s: float = 0.0) -> None:
        self.repo = repo
        self.delay_s = delay_s
        self.queries: list[str] = []
        self.reloads = 0
        self._lock = threading.Lock()

    def search(self, query: str, limit: int = 50) -> SearchResponse:
        with self._lock:
            self.queries.append(query)
        if self.delay_s:
            time.sleep(self.delay_s)
        q = query.strip().lower()
        suggestion = None
        if q == "romiplastin":
            q, suggestion = "romiplostim", "romiplostim"
        hits = []
        for page in self.repo.pages.values():
            names = [page.name, *page.brand_names]
            for name in names:
                if q and q in name.lower():
                    reason = "name" if name == page.name else f"brand name {name}"
                    kind = MatchKind.FUZZY if suggestion else MatchKind.PREFIX
                    hits.append(SearchHit(page.slug, page.name, kind, reason, 1.0))
                    break
        lasa = "Look-alike names: check you mean warfarin" if q == "warfarin" else None
        return SearchResponse(query.strip(), tuple(hits[:limit]), suggestion, lasa, 1.0)

    def reload(self) -> None:
        self.reloads += 1


class FakeImporter:
    """Records calls; adds ``warfarin`` unless cancelled; one file is always rejected."""

    def __init__(self, repo: FakeRepository, steps: int = 5, step_s: float = 0.0) -> None:
        self.repo = repo
        self.steps = steps
        self.step_s = step_s
        self.calls: list[list[Path]] = []

    def __call__(
        self,
        paths: Sequence[Path],
        progress: ProgressCallback | None,
        cancel: CancelCallback | None,
    ) -> ImportReport:
        self.calls.append(list(paths))
        for i in range(self.steps):
            if cancel is not None and cancel():
                return ImportReport(cancelled=True)
            if progress is not None:
                progress(i + 1, self.steps, f"/lib/file{i}.md")
            time.sleep(self.step_s)
        if cancel is not None and cancel():
            return ImportReport(cancelled=True)
        self.repo.pages["warfarin"] = warfarin()
        return ImportReport(
            imported=["/lib/warfarin/patient.md"],
            rejected=[Rejected("/lib/broken.md", "missing required key: title")],
        )


class FakeStore:
    """The ``Store`` protocol over the fakes: writes go to the fake repository and announce
    their changes, imports call the fake importer."""

    def __init__(
        self, repo: FakeRepository, search: FakeSearch, importer: FakeImporter, library: Path
    ) -> None:
        self.repository = repo
        self.search = search
        self.importer = importer
        self.library = library
        self.path = Path("/fake/medguide.sqlite")
        self.read_only = False
        self.library_loaded = False
        self.listeners: list[ChangeListener] = []
        self.overrides: dict[tuple[str, SectionKind, Audience], str] = {}

    def import_paths(
        self,
        paths: Sequence[Path],
        progress: ProgressCallback | None = None,
        cancel: CancelCallback | None = None,
    ) -> ImportReport:
        report = self.importer(paths, progress, cancel)
        if not report.cancelled and (report.imported or report.updated):
            self.search.reload()
            self.announce(ANY_CONTENT)
        return report

    def library_needs_loading(self) -> bool:
        return self.library.is_dir() and not self.library_loaded

    def load_library(
        self, progress: ProgressCallback | None = None, cancel: CancelCallback | None = None
    ) -> ImportReport:
        report = self.import_paths([self.library], progress, cancel)
        self.library_loaded = not report.cancelled
        return report

    def subscribe(self, listener: ChangeListener) -> Callable[[], None]:
        self.listeners.append(listener)
        return lambda: self.listeners.remove(listener) if listener in self.listeners else None

    def announce(self, changes: Changes) -> Changes:
        for listener in list(self.listeners):
            listener(changes)
        return changes

    def set_favourite(self, slug: str, on: bool) -> Changes:
        self.repository.set_favourite(slug, on)
        return self.announce(Changes(favourites=True, drugs=frozenset({slug})))

    def record_view(self, slug: str) -> Changes:
        self.repository.record_view(slug)
        return self.announce(Changes(history=True))

    def save_letterhead(self, letterhead: Letterhead) -> Changes:
        self.repository.head = letterhead
        return self.announce(Changes(letterhead=True))

    def save_clinic_note(self, slug: str, text: str) -> Changes:
        self.repository.notes[slug] = text
        return self.announce(Changes(clinic_notes=True, drugs=frozenset({slug})))

    def save_override(
        self, slug: str, kind: SectionKind, audience: Audience, markdown: str
    ) -> Changes:
        self.overrides[(slug, kind, audience)] = markdown
        return self.announce(Changes(content=True, drugs=frozenset({slug})))

    def revert_override(self, slug: str, kind: SectionKind, audience: Audience) -> Changes:
        self.overrides.pop((slug, kind, audience), None)
        return self.announce(Changes(content=True, drugs=frozenset({slug})))


def make_store(
    pages: Sequence[DrugPage] = (), library: Path | None = None, delay_s: float = 0.0
) -> tuple[FakeStore, FakeRepository, FakeSearch, FakeImporter]:
    """A store over fakes (the library folder defaults to one that does not exist)."""
    repo = FakeRepository(pages)
    search = FakeSearch(repo, delay_s)
    importer = FakeImporter(repo)
    store = FakeStore(repo, search, importer, library or Path("/nonexistent-library"))
    return store, repo, search, importer
