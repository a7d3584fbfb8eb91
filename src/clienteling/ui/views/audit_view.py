"""The manager's view of the store's audit log: who read, exported, erased or changed what.

Entries come from the server (the tablet holds no audit log); names of staff and customers are
looked up in the replica, so an erased customer shows only as an erased or unknown record.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QModelIndex, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clienteling.protocol.types import parse_time
from clienteling.replica import customer_lists, queries
from clienteling.replica.search import fold
from clienteling.replica.store import Replica
from clienteling.ui import fmt
from clienteling.ui.models.rows import Column, RowsModel
from clienteling.ui.retranslate import Retranslating
from clienteling.ui.session import Session
from clienteling.ui.views.export_dialog import error_text, purpose_label
from clienteling.ui.widgets.tables import table_view

translate = QCoreApplication.translate

AUDIT_LIMIT = 1000
READ_ACTIONS = ("read", "customer.viewed")
ALL = ""
READS = "*reads"
EXPORT_DETAIL = re.compile(r"channel=(\w+) purpose=(\w+) rows=(\d+) of (\d+)")


ACTION_LABELS = fmt.LabelTable(
    "AuditView",
    {
        "read": QT_TRANSLATE_NOOP("AuditView", "Opened her record (online look-up)"),
        "customer.viewed": QT_TRANSLATE_NOOP("AuditView", "Opened her record on a tablet"),
        "search": QT_TRANSLATE_NOOP("AuditView", "Searched customers on the server"),
        "lookup": QT_TRANSLATE_NOOP("AuditView", "Looked up a customer of another store"),
        "lookup_miss": QT_TRANSLATE_NOOP(
            "AuditView", "Looked up a card, e-mail or phone: not found"
        ),
        "lookup_refused": QT_TRANSLATE_NOOP("AuditView", "Look-up refused: hourly limit reached"),
        "export_customers": QT_TRANSLATE_NOOP("AuditView", "Exported a customer list"),
        "gdpr_export": QT_TRANSLATE_NOOP("AuditView", "Exported her data (GDPR)"),
        "gdpr_erasure": QT_TRANSLATE_NOOP("AuditView", "Erased a customer (GDPR)"),
        "retention_erasure": QT_TRANSLATE_NOOP("AuditView", "Erased for inactivity (retention)"),
        "assign": QT_TRANSLATE_NOOP("AuditView", "Assigned to an assistant"),
        "sign_in": QT_TRANSLATE_NOOP("AuditView", "Signed in"),
        "device_enrolled": QT_TRANSLATE_NOOP("AuditView", "Enrolled a tablet"),
        "device_revoked": QT_TRANSLATE_NOOP("AuditView", "Revoked a tablet"),
        "staff_created": QT_TRANSLATE_NOOP("AuditView", "Created a staff account"),
        "staff_deactivated": QT_TRANSLATE_NOOP("AuditView", "Deactivated a staff account"),
        "campaign_create": QT_TRANSLATE_NOOP("AuditView", "Created a campaign"),
        "campaign_send": QT_TRANSLATE_NOOP("AuditView", "Sent a campaign"),
        "coupon_redeem": QT_TRANSLATE_NOOP("AuditView", "Coupon redeemed online"),
        "merge": QT_TRANSLATE_NOOP("AuditView", "Merged two records"),
        "split": QT_TRANSLATE_NOOP("AuditView", "Split a merged record"),
        "unsubscribe": QT_TRANSLATE_NOOP("AuditView", "Unsubscribed by link"),
        "customer.create": QT_TRANSLATE_NOOP("AuditView", "Created a customer"),
        "customer.update": QT_TRANSLATE_NOOP("AuditView", "Changed contact details"),
        "note.upsert": QT_TRANSLATE_NOOP("AuditView", "Wrote a note"),
        "task.upsert": QT_TRANSLATE_NOOP("AuditView", "Created or updated a task"),
        "consent.record": QT_TRANSLATE_NOOP("AuditView", "Recorded a consent"),
        "interaction.log": QT_TRANSLATE_NOOP("AuditView", "Logged an interaction"),
        "coupon.redeem": QT_TRANSLATE_NOOP("AuditView", "Redeemed a coupon in store"),
        "points.redeem": QT_TRANSLATE_NOOP("AuditView", "Redeemed points in store"),
    },
)


def action_label(action: str) -> str:
    return ACTION_LABELS.get(action, action)


@dataclass(frozen=True)
class AuditEntry:
    at: datetime | None
    action: str
    staff_id: str | None
    staff_name: str
    device_id: str | None
    customer_id: str | None
    customer_name: str | None
    detail: str

    @property
    def who(self) -> str:
        if self.staff_name and self.device_id:
            return translate("AuditView", "{0} (tablet)").format(self.staff_name)
        if self.staff_name:
            return self.staff_name
        return translate("AuditView", "a tablet") if self.device_id else "—"

    @property
    def customer(self) -> str:
        if self.customer_id is None:
            return ""
        if self.customer_name is None:
            return translate("AuditView", "not on this tablet ({0})").format(self.customer_id[:8])
        return self.customer_name


@dataclass(frozen=True)
class Names:
    staff: dict[str, str]
    customers: dict[str, str]


def load_names(replica: Replica, customer_ids: list[str]) -> Names:
    """Staff names and the names of the customers the replica holds, from one snapshot (a
    worker job)."""
    with replica.snapshot() as conn:
        return Names(
            staff=customer_lists.staff_names(conn),
            customers=queries.customer_names(conn, customer_ids),
        )


def build_entries(raw: list[dict[str, Any]], names: Names) -> list[AuditEntry]:
    return [
        AuditEntry(
            at=parse_time(r.get("at")),
            action=str(r.get("action", "")),
            staff_id=r.get("staff_id"),
            staff_name=names.staff.get(r.get("staff_id") or "", ""),
            device_id=r.get("device_id"),
            customer_id=r.get("customer_id"),
            customer_name=names.customers.get(r.get("customer_id") or ""),
            detail=str(r.get("detail") or ""),
        )
        for r in raw
    ]


class AuditView(Retranslating, QWidget):
    """Latest entries of the store's audit log, filterable by customer and action."""

    customerChosen = Signal(str)
    loaded = Signal(int)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.entries: list[AuditEntry] = []
        self.staff_names: dict[str, str] = {}
        self.customer_id: str | None = None
        self.loading = False
        self._ticket = 0
        self.title = QLabel()
        self.title.setObjectName("sectionTitle")
        self.customer_filter = QLineEdit()
        self.customer_filter.setClearButtonEnabled(True)
        self.customer_filter.textChanged.connect(self._apply_filter)
        self.action_filter = QComboBox()
        self.action_filter.currentIndexChanged.connect(self._apply_filter)
        self.reload_button = QPushButton()
        self.reload_button.clicked.connect(self.reload)
        self.message = QLabel()
        self.message.setObjectName("rejectedBanner")
        self.message.setWordWrap(True)
        self.message.hide()
        self.status = QLabel()
        self.status.setObjectName("emptyState")
        self.status.setWordWrap(True)
        # Retention (GDPR storage limitation): what the scheduled job would erase, never erased
        # from here; shown so the manager knows before it happens.
        self.retention = QLabel()
        self.retention.setObjectName("inlineMessage")
        self.retention.setWordWrap(True)
        self.retention.hide()
        self.retention_preview: dict[str, Any] | None = None
        self.model: RowsModel[AuditEntry] = RowsModel(
            [
                Column(lambda: translate("AuditView", "When"), lambda e: fmt.when(e.at)),
                Column(lambda: translate("AuditView", "Action"), lambda e: action_label(e.action)),
                Column(lambda: translate("AuditView", "Who"), lambda e: e.who),
                Column(lambda: translate("AuditView", "Customer"), lambda e: e.customer),
                Column(lambda: translate("AuditView", "Detail"), self.detail_text),
            ],
            self,
        )
        self.table = table_view(self.model)
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(self._open)
        filters = QHBoxLayout()
        filters.addWidget(self.customer_filter, 2)
        filters.addWidget(self.action_filter, 1)
        filters.addWidget(self.reload_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(filters)
        layout.addWidget(self.message)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.retention)
        self.retranslate()

    # --- language ------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.title.setText(self.tr("Audit log: who saw or changed customer data"))
        self.customer_filter.setPlaceholderText(self.tr("Filter by customer (name or id)"))
        self.reload_button.setText(self.tr("Refresh"))
        self._fill_actions()
        self.model.retranslate()
        self._show_status()
        self._show_retention()

    def _fill_actions(self) -> None:
        current = self.action_filter.currentData()
        present = sorted({e.action for e in self.entries}, key=action_label)
        self.action_filter.blockSignals(True)
        self.action_filter.clear()
        self.action_filter.addItem(self.tr("All actions"), ALL)
        self.action_filter.addItem(self.tr("Every read of a customer's record"), READS)
        for action in present:
            self.action_filter.addItem(action_label(action), action)
        self.action_filter.setCurrentIndex(max(self.action_filter.findData(current), 0))
        self.action_filter.blockSignals(False)

    def detail_text(self, entry: AuditEntry) -> str:
        if entry.action == "export_customers":
            found = EXPORT_DETAIL.fullmatch(entry.detail)
            if found:
                channel, purpose, rows, total = found.groups()
                return self.tr("{0} of {1} customers exported · {2} · {3}").format(
                    rows, total, fmt.channel(channel), purpose_label(purpose)
                )
        if entry.action == "assign" and entry.detail in self.staff_names:
            return self.tr("to {0}").format(self.staff_names[entry.detail])
        if entry.action == "search":
            found = re.fullmatch(r"(\d+) hits", entry.detail)
            if found:
                return self.tr("{0} results").format(found.group(1))
        return entry.detail

    # --- loading -------------------------------------------------------------------------------

    def show_customer(self, customer_id: str | None) -> None:
        """Ask the server for one customer's entries only (None: the whole store)."""
        self.customer_id = customer_id
        self.reload()

    def reload(self) -> None:
        if not self.session.is_manager:
            self._show_message(self.tr("Only a store manager can see the audit log."))
            return
        self._ticket += 1
        ticket = self._ticket
        self.loading = True
        self._show_status()
        api = self.session.manager_api()
        call = api.audit_log(customer_id=self.customer_id, limit=AUDIT_LIMIT)
        task = self.session.call(
            call,
            lambda raw: self._received(ticket, raw),
            lambda exc: self._failed(ticket, error_text(exc)),
        )
        if task is None:
            self.loading = False
            return
        self.session.call(
            api.retention_preview(self.session.store_code),
            self._retention_received,
            lambda _exc: self.retention.hide(),
        )

    def _retention_received(self, preview: dict[str, Any]) -> None:
        self.retention_preview = preview
        self._show_retention()

    def _show_retention(self) -> None:
        preview = self.retention_preview
        if preview is None:
            return
        self.retention.setText(
            self.tr(
                "Retention: {0} customers of this store have had no activity for {1} days "
                "(since {2}); the scheduled retention job erases them."
            ).format(
                preview["customers"],
                preview["inactive_days"],
                fmt.day(datetime.fromisoformat(str(preview["cutoff"]))),
            )
        )
        self.retention.show()

    def _received(self, ticket: int, raw: list[dict[str, Any]]) -> None:
        if ticket != self._ticket:
            return
        ids = sorted({str(r["customer_id"]) for r in raw if r.get("customer_id")})

        def query(replica: Replica) -> tuple[list[AuditEntry], dict[str, str]]:
            names = load_names(replica, ids)
            return build_entries(raw, names), names.staff

        self.session.read(
            query,
            lambda found: self._show(ticket, *found),
            lambda exc: self._failed(
                ticket, self.tr("This tablet could not read its own data: {0}").format(exc)
            ),
        )

    def _failed(self, ticket: int, text: str) -> None:
        if ticket != self._ticket:
            return
        self.loading = False
        self._show_message(text)
        self._show_status()

    def _show(self, ticket: int, entries: list[AuditEntry], staff_names: dict[str, str]) -> None:
        if ticket != self._ticket:
            return
        self.loading = False
        self.entries = entries
        self.staff_names = staff_names
        self.message.hide()
        self._fill_actions()
        self._apply_filter()
        self.loaded.emit(len(entries))

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    def _apply_filter(self) -> None:
        needle = fold(self.customer_filter.text().strip())
        action = self.action_filter.currentData() or ALL
        shown = [
            e
            for e in self.entries
            if (
                action == ALL
                or (action == READS and e.action in READ_ACTIONS)
                or e.action == action
            )
            and (
                not needle
                or needle in fold(e.customer_name or "")
                or fold(e.customer_id or "").startswith(needle)
            )
        ]
        self.model.set_rows(shown)
        self._show_status()

    def _show_status(self) -> None:
        if self.loading:
            self.status.setText(self.tr("Loading the audit log from the server…"))
        elif not self.entries:
            self.status.setText(self.tr("No entries loaded yet."))
        else:
            self.status.setText(
                self.tr("{0} of the latest {1} entries shown.").format(
                    self.model.rowCount(), len(self.entries)
                )
            )

    def _open(self, index: QModelIndex) -> None:
        entry = self.model.row_at(index.row())
        if entry is None or entry.customer_id is None:
            return
        if entry.customer_name is None:
            self._show_message(
                self.tr(
                    "This customer is not on this tablet: she was erased or is not one of "
                    "the store's customers."
                )
            )
            return
        self.customerChosen.emit(entry.customer_id)
