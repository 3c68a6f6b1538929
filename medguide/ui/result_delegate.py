"""Two-line list rows: the drug name, and under it why it matched (elided, muted colour)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from medguide.ui.drug_list_model import DETAIL_ROLE

_PAD = 4


class TwoLineDelegate(QStyledItemDelegate):
    """Paints the name in the view font and the detail line a little smaller below it."""

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        """Height of two text lines plus padding (every row alike, so long lists lay out fast)."""
        name_h = QFontMetrics(option.font).height()
        detail_h = QFontMetrics(_detail_font(option.font)).height()
        return QSize(200, name_h + detail_h + 2 * _PAD)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        """Draw the selection background, the name and the detail line."""
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        name = opt.text
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)

        rect: QRect = opt.rect.adjusted(_PAD + 2, _PAD, -_PAD, -_PAD)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        palette: QPalette = opt.palette
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.save()
        font: QFont = opt.font
        metrics = QFontMetrics(font)
        painter.setFont(font)
        painter.setPen(palette.color(text_role))
        detail = str(index.data(DETAIL_ROLE) or "")
        top = rect.top() if detail else rect.center().y() - metrics.height() // 2
        line = QRect(rect.left(), top, rect.width(), metrics.height())
        painter.drawText(
            line,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            metrics.elidedText(name, Qt.TextElideMode.ElideRight, rect.width()),
        )
        if detail:
            small = _detail_font(font)
            small_metrics = QFontMetrics(small)
            painter.setFont(small)
            muted = (
                palette.color(text_role)
                if selected
                else palette.color(QPalette.ColorRole.PlaceholderText)
            )
            painter.setPen(muted)
            below = QRect(rect.left(), line.bottom() + 1, rect.width(), small_metrics.height())
            painter.drawText(
                below,
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                small_metrics.elidedText(detail, Qt.TextElideMode.ElideRight, rect.width()),
            )
        painter.restore()


def _detail_font(base: QFont) -> QFont:
    small = QFont(base)
    if base.pointSizeF() > 0:
        small.setPointSizeF(max(6.0, base.pointSizeF() * 0.85))
    return small
