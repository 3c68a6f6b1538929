"""Import from the window: a cancellable progress dialog and the summary of what happened."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QProgressDialog,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from medguide.core.model import ImportReport, Rejected

PROGRESS_WIDTH = 460
"""The progress dialog keeps this width: a long file name is shortened in the middle."""


class ImportProgressDialog(QProgressDialog):
    """A window-modal progress dialog with Cancel, shown after a short delay, of a fixed width
    (long file names are elided in the middle, so Cancel never leaves the screen)."""

    def __init__(self, parent: QWidget, count_hint: int) -> None:
        super().__init__("Importing…", "Cancel", 0, max(count_hint, 0), parent)
        self.setWindowTitle("Importing")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumDuration(300)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setAccessibleName("Import progress")
        self.setFixedWidth(PROGRESS_WIDTH)
        self._label = QLabel(self)
        self._label.setWordWrap(False)
        self.setLabel(self._label)

    def report(self, done: int, total: int, label: str) -> None:
        """Slot for ``BackgroundTask.progress``: the count, and the file (or what is awaited)."""
        self.setMaximum(max(total, 0))
        self.setValue(min(done, max(total, 0)))
        if not label:
            return
        text = label if total <= 0 else f"Importing {Path(label).name} ({done} of {total})"
        if total > 0 and not Path(label).name:
            text = label
        metrics = QFontMetrics(self._label.font())
        room = PROGRESS_WIDTH - 40
        self._label.setText(metrics.elidedText(text, Qt.TextElideMode.ElideMiddle, room))
        self._label.setToolTip(label)


LISTED = 20
"""How many names of each group the summary lists before "… and N more"."""


def _names_list(items: list[str]) -> str:
    """A short list of names: the first ``LISTED``, then how many more."""
    esc = html.escape
    lines = "".join(
        f"<li>{esc(Path(n).name or n)}<br><small>{esc(n)}</small></li>" for n in items[:LISTED]
    )
    more = f"<li>… and {len(items) - LISTED} more</li>" if len(items) > LISTED else ""
    return f"<ul>{lines}{more}</ul>"


def _reasons_list(items: list[Rejected]) -> str:
    """Each file with its reason: the first ``LISTED``, then how many more."""
    esc = html.escape
    lines = "".join(
        f"<li><b>{esc(Path(r.origin).name or r.origin)}</b> — {esc(r.reason)}"
        f"<br><small>{esc(r.origin)}</small></li>"
        for r in items[:LISTED]
    )
    more = f"<li>… and {len(items) - LISTED} more</li>" if len(items) > LISTED else ""
    return f"<ul>{lines}{more}</ul>"


def landed_line(report: ImportReport) -> str:
    """What landed, in one line ("214 files imported: 200 new, 14 updated; 3 unchanged")."""
    landed = len(report.imported) + len(report.updated)
    line = f"{landed} file{'s' if landed != 1 else ''} imported"
    if landed:
        line += f": {len(report.imported)} new, {len(report.updated)} updated"
    if report.unchanged:
        line += f"; {len(report.unchanged)} unchanged"
    return line


def summary_html(report: ImportReport) -> str:
    """What landed first, then the problems (each with its reason), then what was skipped,
    then the names of the files that landed (each group a short list)."""
    esc = html.escape
    parts: list[str] = []
    if report.cancelled:
        parts.append(
            "<p><b>Import cancelled.</b> Nothing from this batch was saved; the library is "
            "as it was before.</p>"
        )
    else:
        parts.append(f"<p><b>{esc(landed_line(report))}.</b></p>")
    if report.rejected:
        count = len(report.rejected)
        parts.append(
            f"<h3>Could not be imported ({count})</h3>"
            "<p>These look like drug pages but could not be read:</p>"
            + _reasons_list(report.rejected)
        )
    if report.skipped:
        parts.append(
            f"<h3>Skipped ({len(report.skipped)})</h3>"
            "<p>Not drug pages (notes, licences, pipes…), left out on purpose:</p>"
            + _reasons_list(report.skipped)
        )
    if not report.cancelled:
        for title, names in (("New", report.imported), ("Updated", report.updated)):
            if names:
                parts.append(f"<h3>{title} ({len(names)})</h3>" + _names_list(names))
    return "\n".join(parts)


class ImportSummaryDialog(QDialog):
    """Lists every imported file and every rejected file with its reason."""

    def __init__(self, report: ImportReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import finished" if not report.cancelled else "Import cancelled")
        self.setAccessibleName("Import summary")
        headline = QLabel(self)
        headline.setWordWrap(True)
        if report.cancelled:
            headline.setText("<h3>The import was cancelled.</h3>")
        elif report.rejected:
            headline.setText(
                f"<h3>{html.escape(landed_line(report))} — {len(report.rejected)} file"
                f"{'s' if len(report.rejected) != 1 else ''} could not be imported.</h3>"
            )
        else:
            headline.setText(f"<h3>{html.escape(landed_line(report))}.</h3>")
        self.details = QTextBrowser(self)
        self.details.setOpenLinks(False)
        self.details.setAccessibleName("Import details")
        self.details.setHtml(summary_html(report))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.accept)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(headline)
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)
        self.resize(560, 420)
