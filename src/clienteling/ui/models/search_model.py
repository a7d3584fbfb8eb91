"""Search results as a list: one customer per row, the newest query's answer only."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from clienteling.replica.search import CustomerHit
from clienteling.ui import fmt

HIT_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


def describe(hit: CustomerHit) -> str:
    """The second line of a result: what tells two Ana Garcías apart."""
    parts = [fmt.tier(hit.tier) if hit.tier else ""]
    if hit.vip:
        parts.append("VIP")
    parts += [hit.phone or "", hit.email or "", hit.card_number or ""]
    if not hit.home_store:
        parts.append(QCoreApplication.translate("SearchModel", "other store"))
    if hit.pending:
        parts.append(fmt.pending_mark(True))
    return " · ".join(p for p in parts if p)


class SearchModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._hits: list[CustomerHit] = []

    def set_hits(self, hits: Sequence[CustomerHit]) -> None:
        self.beginResetModel()
        self._hits = list(hits)
        self.endResetModel()

    def keep_only(self, customer_ids: set[str]) -> None:
        """Drop results for customers no longer on the tablet (erased since the search ran)."""
        kept = [h for h in self._hits if h.customer_id in customer_ids]
        if len(kept) != len(self._hits):
            self.set_hits(kept)

    def shown_ids(self) -> list[str]:
        return [h.customer_id for h in self._hits]

    def hit_at(self, row: int) -> CustomerHit | None:
        return self._hits[row] if 0 <= row < len(self._hits) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._hits):
            return None
        hit = self._hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{hit.display_name}\n{describe(hit)}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return describe(hit)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{hit.display_name}, {describe(hit)}"
        if role == HIT_ROLE:
            return hit
        return None
