"""The manager's customer list as a lazily paged table model.

The list can hold a whole store's customers: the model knows the total from a ``count`` query
and fetches pages of rows (in the order sorted by SQL) on a worker thread as the view scrolls.
A new segment or sort bumps a generation number so late pages of an old query are dropped.
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
    Signal,
)
from PySide6.QtGui import QColor, QFont

from clienteling.replica import customer_lists
from clienteling.replica.customer_lists import ListedCustomer, Segment, SortKey
from clienteling.ui import fmt
from clienteling.ui.models.rows import ROW_ROLE
from clienteling.ui.session import Session

Index = QModelIndex | QPersistentModelIndex
PAGE = 200
translate = QCoreApplication.translate


def _churn(c: ListedCustomer) -> str:
    if c.churn_risk:
        return translate("CustomerListModel", "At risk")
    if c.p_alive is not None:
        return translate("CustomerListModel", "{0} % active").format(round(c.p_alive * 100))
    return ""


# (sort key, header, cell text, right-aligned)
COLUMNS: list[tuple[SortKey, Callable[[], str], Callable[[ListedCustomer], str], bool]] = [
    (
        SortKey.name,
        lambda: translate("CustomerListModel", "Customer"),
        lambda c: c.display_name + (" ★" if c.vip else ""),
        False,
    ),
    (
        SortKey.tier,
        lambda: translate("CustomerListModel", "Tier"),
        lambda c: fmt.tier(c.tier),
        False,
    ),
    (
        SortKey.value,
        lambda: translate("CustomerListModel", "Lifetime value"),
        lambda c: fmt.money(c.net_revenue_cents, c.currency),
        True,
    ),
    (
        SortKey.predicted,
        lambda: translate("CustomerListModel", "Predicted 12 months"),
        lambda c: (
            fmt.money(c.predicted_value_cents, c.currency)
            if c.predicted_value_cents is not None
            else ""
        ),
        True,
    ),
    (
        SortKey.orders,
        lambda: translate("CustomerListModel", "Orders"),
        lambda c: str(c.orders),
        True,
    ),
    (
        SortKey.last_purchase,
        lambda: translate("CustomerListModel", "Last purchase"),
        lambda c: fmt.day(c.last_purchase_at),
        False,
    ),
    (SortKey.churn, lambda: translate("CustomerListModel", "Churn risk"), _churn, False),
    (
        SortKey.segment,
        lambda: translate("CustomerListModel", "Segment"),
        lambda c: fmt.rfm_segment(c.segment),
        False,
    ),
    (
        SortKey.assigned,
        lambda: translate("CustomerListModel", "Assistant"),
        lambda c: c.assigned_name,
        False,
    ),
]


class CustomerListModel(QAbstractTableModel):
    """Rows of one segment of the store, sorted and paged by the replica's SQL."""

    totalChanged = Signal(int)
    loaded = Signal()

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.segment = Segment()
        self.sort_key = SortKey.value
        self.descending = True
        self.total = 0
        self._rows: list[ListedCustomer] = []
        self._generation = 0
        self._loading = False
        self.page_size = PAGE
        self._counted: Segment | None = None  # the segment ``total`` was counted for

    # --- queries --------------------------------------------------------------------------------

    def set_segment(self, segment: Segment) -> None:
        self.segment = segment
        self.refresh()

    def refresh(self, *, recount: bool = True) -> None:
        """Run the query again from the first page (new segment, sort or synced data).

        A new sort order of the same segment keeps the known total (``recount=False``)."""
        self._generation += 1
        generation = self._generation
        store_id = self.session.store_id
        segment, key, desc, size = self.segment, self.sort_key, self.descending, self.page_size
        known = None if recount or self._counted != segment else self.total

        def query(replica: Any) -> tuple[int, list[ListedCustomer]]:
            conn = replica.read()
            total = customer_lists.count(conn, store_id, segment) if known is None else known
            rows = customer_lists.page(
                conn, store_id, segment, sort=key, descending=desc, limit=size
            )
            return total, rows

        self._loading = True
        self.session.read(query, lambda result: self._first_page(generation, *result))

    def _first_page(self, generation: int, total: int, rows: list[ListedCustomer]) -> None:
        if generation != self._generation:
            return
        self.beginResetModel()
        self.total = total
        self._counted = self.segment
        self._rows = rows
        self._loading = False
        self.endResetModel()
        self.totalChanged.emit(total)
        self.loaded.emit()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:
        return not parent.isValid() and not self._loading and len(self._rows) < self.total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:
        if not self.canFetchMore(parent):
            return
        generation = self._generation
        store_id = self.session.store_id
        segment, key, desc = self.segment, self.sort_key, self.descending
        offset = len(self._rows)
        self._loading = True
        self.session.read(
            lambda replica: customer_lists.page(
                replica.read(),
                store_id,
                segment,
                sort=key,
                descending=desc,
                offset=offset,
                limit=self.page_size,
            ),
            lambda rows: self._more(generation, offset, rows),
        )

    def _more(self, generation: int, offset: int, rows: list[ListedCustomer]) -> None:
        if generation != self._generation or offset != len(self._rows):
            return
        self._loading = False
        if rows:
            self.beginInsertRows(QModelIndex(), offset, offset + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()
        else:
            self.total = len(self._rows)
        self.loaded.emit()

    @property
    def busy(self) -> bool:
        return self._loading

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        self.sort_key = COLUMNS[column][0]
        self.descending = order == Qt.SortOrder.DescendingOrder
        self.refresh(recount=False)

    def column_of(self, key: SortKey) -> int:
        return next(i for i, c in enumerate(COLUMNS) if c[0] == key)

    # --- rows -----------------------------------------------------------------------------------

    def row_at(self, row: int) -> ListedCustomer | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def loaded_rows(self) -> list[ListedCustomer]:
        return list(self._rows)

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, 0))

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item = self._rows[index.row()]
        _key, _title, text, right = COLUMNS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return text(item)
        if role == ROW_ROLE:
            return item
        if role == Qt.ItemDataRole.TextAlignmentRole and right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and item.churn_risk:
            return QColor("#a3261b")
        if role == Qt.ItemDataRole.FontRole and item.pending:
            font = QFont()
            font.setItalic(True)
            return font
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(COLUMNS)
        ):
            return COLUMNS[section][1]()
        return None
