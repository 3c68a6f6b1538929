"""Import from the window: a cancellable progress dialog and the summary of what happened."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QProgressDialog,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from medguide.core.model import ImportReport


class ImportProgressDialog(QProgressDialog):
    """A window-modal progress dialog with Cancel, shown after a short delay."""

    def __init__(self, parent: QWidget, count_hint: int) -> None:
        super().__init__("Importing…", "Cancel", 0, max(count_hint, 0), parent)
        self.setWindowTitle("Importing")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumDuration(300)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setAccessibleName("Import progress")
        self.setMinimumWidth(420)

    def report(self, done: int, total: int, label: str) -> None:
        """Slot for ``BackgroundTask.progress``."""
        self.setMaximum(max(total, 0))
        self.setValue(min(done, max(total, 0)))
        if label:
            self.setLabelText(f"Importing {Path(label).name} ({done} of {total})")


def summary_html(report: ImportReport) -> str:
    """What was imported, updated, unchanged and rejected (with each reason)."""
    esc = html.escape
    parts: list[str] = []
    if report.cancelled:
        parts.append(
            "<p><b>Import cancelled.</b> Nothing from this batch was saved; the library is "
            "as it was before.</p>"
        )
    counts = (
        f"{len(report.imported)} new, {len(report.updated)} updated, "
        f"{len(report.unchanged)} unchanged, {len(report.rejected)} rejected"
    )
    parts.append(f"<p>{esc(counts)}.</p>")
    for title, names in (
        ("Imported", report.imported),
        ("Updated", report.updated),
    ):
        if names and not report.cancelled:
            items = "".join(f"<li>{esc(n)}</li>" for n in names[:200])
            more = f"<li>… and {len(names) - 200} more</li>" if len(names) > 200 else ""
            parts.append(f"<h3>{title}</h3><ul>{items}{more}</ul>")
    if report.rejected:
        items = "".join(
            f"<li><b>{esc(Path(r.origin).name or r.origin)}</b> — {esc(r.reason)}"
            f"<br><small>{esc(r.origin)}</small></li>"
            for r in report.rejected
        )
        parts.append(f"<h3>Not imported</h3><ul>{items}</ul>")
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
                f"<h3>Import finished — {len(report.rejected)} file"
                f"{'s' if len(report.rejected) != 1 else ''} could not be imported.</h3>"
            )
        else:
            headline.setText("<h3>Import finished.</h3>")
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
