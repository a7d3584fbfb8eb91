"""The manager's customer lists: preset segments on the left, the builder on top, the list below.

Everything here reads the tablet's replica, so it works offline; assigning and exporting go to
the server with the manager's own sign-in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clienteling.replica import customer_lists
from clienteling.replica.customer_lists import Segment, StaffChoice
from clienteling.replica.store import Replica
from clienteling.ui import fmt
from clienteling.ui.models.customer_list_model import CustomerListModel
from clienteling.ui.retranslate import Retranslating
from clienteling.ui.session import Session
from clienteling.ui.views.assign_dialog import AssignDialog
from clienteling.ui.views.export_dialog import ExportDialog
from clienteling.ui.views.segment_builder import SegmentBuilder

PRESET_ROLE = Qt.ItemDataRole.UserRole + 1
# The fixed presets, in the order ``presets_available`` lists them (RFM groups follow).
PRESETS = ("all", "vip", "at_risk", "birthdays", "carts", "vip_unassigned")
MAX_BULK = 50_000


@dataclass(frozen=True)
class Choices:
    staff: list[StaffChoice]
    segments: list[tuple[str, int]]


def load_choices(replica: Replica, store_id: str | None) -> Choices:
    conn = replica.read()
    return Choices(
        staff=customer_lists.store_staff(conn, store_id),
        segments=customer_lists.rfm_segments(conn, store_id),
    )


class CustomerListView(Retranslating, QWidget):
    customerChosen = Signal(str)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.model = CustomerListModel(session, self)
        self.model.totalChanged.connect(self._total)
        self.model.totalChanged.connect(self._first_page)
        self.choices = Choices([], [])

        self.presets = QListWidget()
        self.presets.setObjectName("segmentPresets")
        self.presets.currentItemChanged.connect(self._preset_chosen)
        self.builder = SegmentBuilder()
        self.builder.changed.connect(self._segment_changed)
        self.builder_area = QScrollArea()
        self.builder_area.setWidget(self.builder)
        self.builder_area.setWidgetResizable(True)
        self.builder_area.setMinimumHeight(260)
        # Folded away until wanted, so the list keeps the screen; the size shows either way.
        self.builder_area.hide()
        self.conditions_button = QPushButton()
        self.conditions_button.setCheckable(True)
        self.conditions_button.toggled.connect(self.builder_area.setVisible)

        self.size_label = QLabel()
        self.size_label.setObjectName("sectionTitle")
        self.table = QTableView()
        self.table.setObjectName("customerList")
        self.table.setModel(self.model)
        # The indicator first: enabling sorting sorts at once by whatever it shows.
        self.table.horizontalHeader().setSortIndicator(
            self.model.column_of(self.model.sort_key), Qt.SortOrder.DescendingOrder
        )
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(44)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setDefaultSectionSize(140)
        header.resizeSection(0, 260)
        header.setStretchLastSection(True)
        self.table.setAlternatingRowColors(True)
        self.table.activated.connect(self._open_index)
        self.table.doubleClicked.connect(self._open_index)

        self.open_button = QPushButton()
        self.open_button.clicked.connect(self.open_current)
        self.assign_button = QPushButton()
        self.assign_button.setObjectName("primaryButton")
        self.assign_button.clicked.connect(self.assign)
        self.export_button = QPushButton()
        self.export_button.clicked.connect(self.export)
        self.status = QLabel()
        self.status.setWordWrap(True)
        actions = QHBoxLayout()
        actions.addWidget(self.size_label, 1)
        actions.addWidget(self.conditions_button)
        actions.addWidget(self.open_button)
        actions.addWidget(self.assign_button)
        actions.addWidget(self.export_button)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(actions)
        right_layout.addWidget(self.builder_area)
        right_layout.addWidget(self.status)
        right_layout.addWidget(self.table, 1)
        splitter = QSplitter()
        splitter.addWidget(self.presets)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([260, 1000])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.dialog: QDialog | None = None
        self._fill_presets()
        # A manager opens on her VIP list, most valuable first.
        self.presets.blockSignals(True)
        self.presets.setCurrentRow(1)
        self.presets.blockSignals(False)
        self.builder.set_segment(Segment(vip_only=True), emit=False)
        self.retranslate()
        self._stale = False
        self._columns_sized = False
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        session.dataChanged.connect(self._synced)

    # --- presets ------------------------------------------------------------------------------

    def presets_available(self) -> list[tuple[str, Segment]]:
        month = datetime.now().month  # the store's (local) month, as the builder uses
        presets = [
            (self.tr("All customers of the store"), Segment()),
            (self.tr("VIP customers"), Segment(vip_only=True)),
            (self.tr("VIPs at risk of leaving"), customer_lists.at_risk_vips()),
            (self.tr("Birthdays this month"), customer_lists.birthdays_in(month)),
            (self.tr("Carts abandoned in the last 7 days"), customer_lists.abandoned_carts(7)),
            (self.tr("VIPs without an assistant"), Segment(vip_only=True, assigned_staff_id="")),
        ]
        for name, size in self.choices.segments:
            presets.append(
                (
                    self.tr("RFM: {0} ({1})").format(fmt.rfm_segment(name), size),
                    Segment(segments=(name,)),
                )
            )
        return presets

    def _fill_presets(self) -> None:
        row = max(self.presets.currentRow(), 0)
        self.presets.blockSignals(True)
        self.presets.clear()
        for text, seg in self.presets_available():
            item = QListWidgetItem(text)
            item.setData(PRESET_ROLE, seg)
            self.presets.addItem(item)
        self.presets.setCurrentRow(min(row, self.presets.count() - 1))
        self.presets.blockSignals(False)

    def choose_preset(self, index: int) -> None:
        self.presets.setCurrentRow(index)

    def choose(self, preset: str) -> None:
        """Pick one of ``PRESETS`` by name."""
        self.choose_preset(PRESETS.index(preset))

    def _preset_chosen(self, item: QListWidgetItem | None, _previous: object = None) -> None:
        if item is not None:
            self.builder.set_segment(item.data(PRESET_ROLE))

    def _segment_changed(self, seg: Segment) -> None:
        self.status.clear()
        self._stale = False
        self.model.set_segment(seg)

    # --- loading ------------------------------------------------------------------------------

    def reload(self) -> None:
        """Refresh the choices (assistants, RFM groups) and the list from the replica."""
        store_id = self.session.store_id
        self.model.set_segment(self.builder.segment())
        self.session.read(lambda r: load_choices(r, store_id), self._choices_loaded)

    def _choices_loaded(self, choices: Choices) -> None:
        self.choices = choices
        self.builder.set_choices(choices.staff, [name for name, _ in choices.segments])
        self._fill_presets()
        segment = self.builder.segment()
        if segment != self.model.segment:
            self.model.set_segment(segment)

    def _synced(self) -> None:
        """New data from a sync: refresh, unless that would drop the rows she has selected."""
        if not self.isVisible():
            return
        if self.table.selectionModel().hasSelection():
            self._stale = True
            self.status.setText(
                self.tr(
                    "New data arrived with the last sync; the list refreshes when you clear "
                    "the selection."
                )
            )
            return
        self.model.refresh()

    def _selection_changed(self) -> None:
        if self._stale and not self.table.selectionModel().hasSelection():
            self._stale = False
            self.status.clear()
            self.model.refresh()

    def _total(self, total: int) -> None:
        self.size_label.setText(self.tr("{0} customers in this list").format(total))

    def _first_page(self, total: int) -> None:
        # Measured once, on the first list with rows: measuring every refresh would cost time on
        # the UI thread and make the columns jump as she sorts.
        if total and not self._columns_sized:
            self._columns_sized = True
            self.table.resizeColumnsToContents()

    # --- actions ------------------------------------------------------------------------------

    def selected_ids(self) -> list[str]:
        ids = []
        for index in self.table.selectionModel().selectedRows():
            row = self.model.row_at(index.row())
            if row is not None:
                ids.append(row.customer_id)
        return ids

    def open_current(self) -> None:
        ids = self.selected_ids()
        if ids:
            self.customerChosen.emit(ids[0])

    def _open_index(self, index: QModelIndex) -> None:
        row = self.model.row_at(index.row())
        if row is not None:
            self.customerChosen.emit(row.customer_id)

    def _target_ids(self, then: Callable[[list[str]], None]) -> None:
        """The selected customers, or the whole list when nothing is selected."""
        selected = self.selected_ids()
        if selected:
            then(selected)
            return
        store_id, seg = self.session.store_id, self.model.segment
        self.session.read(
            lambda r: customer_lists.customer_ids(r.read(), store_id, seg, limit=MAX_BULK), then
        )

    def assign(self) -> None:
        self._target_ids(self.open_assign_dialog)

    def open_assign_dialog(self, customer_ids: list[str]) -> None:
        self.assign_to(customer_ids)

    def assign_to(self, customer_ids: list[str]) -> AssignDialog | None:
        if not customer_ids:
            self.status.setText(self.tr("This list is empty: nobody to assign."))
            return None
        dialog = AssignDialog(self.session, customer_ids, self.choices.staff, self)
        dialog.assigned.connect(self._assigned)
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _assigned(self, assigned: int, tasks: int) -> None:
        self.status.setText(
            self.tr(
                "{0} customers assigned, {1} follow-up tasks created. They reach the "
                "assistant's tablet with its next sync."
            ).format(assigned, tasks)
        )

    def export(self) -> None:
        self._target_ids(self.open_export_dialog)

    def open_export_dialog(self, customer_ids: list[str]) -> None:
        self.export_list(customer_ids)

    def export_list(self, customer_ids: list[str]) -> ExportDialog | None:
        if not customer_ids:
            self.status.setText(self.tr("This list is empty: nothing to export."))
            return None
        dialog = ExportDialog(self.session, customer_ids, self)
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()
        return dialog

    # --- language -----------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.conditions_button.setText(self.tr("Conditions…"))
        self.conditions_button.setToolTip(
            self.tr("Refine the list by profile, engagement with campaigns and purchases")
        )
        self.open_button.setText(self.tr("Open"))
        self.assign_button.setText(self.tr("Assign to an assistant…"))
        self.assign_button.setToolTip(
            self.tr("The selected customers, or the whole list when none is selected")
        )
        self.export_button.setText(self.tr("Export…"))
        self.export_button.setToolTip(
            self.tr("Only customers who consented to the chosen channel and purpose")
        )
        self._total(self.model.total)
        self.model.retranslate()
        if self.choices.segments or self.presets.count():
            self._fill_presets()
