"""The unified timeline, loaded a page at a time as the view scrolls (fetchMore).

A customer can have thousands of entries; the view asks for more only when it shows the end.
The loader runs off the UI thread and answers later; answers for an older filter are dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont

from clienteling.replica.queries import TimelineEvent, TimelinePage
from clienteling.ui import fmt

translate = QCoreApplication.translate

PAGE_SIZE = 50
EVENT_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex
PageLoader = Callable[[int, int, Callable[[TimelinePage], None]], None]


class TimelineModel(QAbstractTableModel):
    COLUMNS = ("when", "kind", "channel", "summary", "amount")

    def __init__(self, parent: QObject | None = None, page_size: int = PAGE_SIZE) -> None:
        super().__init__(parent)
        self.page_size = page_size
        self._events: list[TimelineEvent] = []
        self._loader: PageLoader | None = None
        self._has_more = False
        self._loading = False
        self._generation = 0

    def set_loader(self, loader: PageLoader | None) -> None:
        """Start over with a new customer or filter; the first page is requested at once."""
        self._generation += 1
        self.beginResetModel()
        self._events = []
        self._loader = loader
        self._has_more = loader is not None
        self._loading = False
        self.endResetModel()
        if loader is not None:
            self._request()

    @property
    def loading(self) -> bool:
        return self._loading

    def event_at(self, row: int) -> TimelineEvent | None:
        return self._events[row] if 0 <= row < len(self._events) else None

    def _request(self) -> None:
        if self._loader is None or self._loading or not self._has_more:
            return
        self._loading = True
        generation = self._generation
        self._loader(len(self._events), self.page_size, lambda p: self._arrived(generation, p))

    def _arrived(self, generation: int, page: TimelinePage) -> None:
        if generation != self._generation:
            return
        self._loading = False
        new = list(page.events)
        if new:
            start = len(self._events)
            self.beginInsertRows(QModelIndex(), start, start + len(new) - 1)
            self._events.extend(new)
            self.endInsertRows()
        self._has_more = page.has_more

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and self._has_more and not self._loading

    def fetchMore(self, parent: Index) -> None:
        if not parent.isValid():
            self._request()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._events)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._events):
            return None
        event = self._events[index.row()]
        column = self.COLUMNS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == "when":
                return fmt.when(event.at)
            if column == "kind":
                return fmt.event_kind(event.kind)
            if column == "channel":
                return fmt.channel(event.channel)
            if column == "summary":
                summary = (
                    fmt.event_summary(event.summary)
                    if event.source in ("order", "cart")
                    else event.summary
                )
                mark = fmt.pending_mark(event.pending)
                return f"{summary} ({mark})" if mark else summary
            return fmt.money(event.amount_cents, event.currency) if event.amount_cents else ""
        if role == EVENT_ROLE:
            return event
        if role == Qt.ItemDataRole.TextAlignmentRole and column == "amount":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and event.pending:
            font = QFont()
            font.setItalic(True)
            return font
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = (
            translate("TimelineModel", "When"),
            translate("TimelineModel", "What"),
            translate("TimelineModel", "Channel"),
            translate("TimelineModel", "Details"),
            translate("TimelineModel", "Amount"),
        )
        return titles[section] if 0 <= section < len(titles) else None

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.COLUMNS) - 1)
        if self._events:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._events) - 1, len(self.COLUMNS) - 1)
            )
