"""The "Reading level: Patient | Professional" segmented switch for the toolbar."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QToolButton, QWidget

from medguide.core.model import Audience


class AudienceSwitch(QWidget):
    """Two checkable buttons in an exclusive group; ``audience_changed`` fires on a click."""

    audience_changed = Signal(object)  # Audience

    def __init__(self, audience: Audience, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        label = QLabel("Reading level:", self)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: dict[Audience, QToolButton] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 2, 8, 2)
        layout.setSpacing(0)
        layout.addWidget(label)
        layout.addSpacing(6)
        tips = {
            Audience.PATIENT: "Plain wording for patients and carers (Ctrl+1)",
            Audience.PROFESSIONAL: "Clinical wording with citations (Ctrl+2)",
        }
        for audience_option in Audience:
            button = QToolButton(self)
            button.setText(audience_option.label)
            button.setCheckable(True)
            button.setAutoRaise(False)
            button.setMinimumSize(110, 30)
            button.setToolTip(tips[audience_option])
            button.setAccessibleName(f"Reading level {audience_option.label}")
            self.group.addButton(button)
            self.buttons[audience_option] = button
            layout.addWidget(button)
            button.clicked.connect(lambda _checked=False, a=audience_option: self._clicked(a))
        label.setBuddy(self.buttons[Audience.PATIENT])
        # The pressed half is filled with the palette's highlight colour, so the current
        # reading level is obvious at a glance in light and dark palettes alike.
        self.setStyleSheet(
            "QToolButton { padding: 4px 14px; border: 1px solid palette(mid);"
            " background: palette(button); color: palette(button-text); }"
            "QToolButton:checked { background: palette(highlight);"
            " color: palette(highlighted-text); font-weight: bold; }"
        )
        self.set_audience(audience)

    @property
    def audience(self) -> Audience:
        """The audience whose button is down."""
        for audience, button in self.buttons.items():
            if button.isChecked():
                return audience
        return Audience.PATIENT

    def set_audience(self, audience: Audience) -> None:
        """Press the button of ``audience`` without emitting ``audience_changed``."""
        self.buttons[audience].setChecked(True)

    def _clicked(self, audience: Audience) -> None:
        self.audience_changed.emit(audience)
