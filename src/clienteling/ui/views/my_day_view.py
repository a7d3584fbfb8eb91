"""My day: the assistant's tasks, today's birthdays, the store's VIPs and fresh abandoned carts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Signal
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from clienteling.replica import queries
from clienteling.replica.queries import Cart, CustomerRow, Task
from clienteling.replica.store import Replica
from clienteling.ui import fmt
from clienteling.ui.models.rows import Column, RowsModel
from clienteling.ui.retranslate import Retranslating
from clienteling.ui.session import Session
from clienteling.ui.widgets.tables import table_view

translate = QCoreApplication.translate


@dataclass(frozen=True)
class MyDay:
    tasks: list[Task]
    birthdays: list[CustomerRow]
    vips: list[CustomerRow]
    carts: list[Cart]


def load_my_day(replica: Replica, staff_id: str, store_id: str | None) -> MyDay:
    conn = replica.read()
    today = datetime.now(UTC).date()
    birthdays = [
        c
        for c in queries.birthdays_this_month(conn, store_id=store_id, today=today)
        if c.birth_date is not None and c.birth_date.day == today.day
    ]
    vips = [c for c in queries.top_customers(conn, store_id=store_id, limit=200) if c.vip][:25]
    return MyDay(
        tasks=queries.my_day(conn, staff_id),
        birthdays=birthdays,
        vips=vips,
        carts=queries.abandoned_carts(conn, days=7, store_id=store_id, limit=50),
    )


class MyDayView(Retranslating, QWidget):
    customerChosen = Signal(str)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.title = QLabel()
        self.title.setObjectName("sectionTitle")
        self.task_model: RowsModel[Task] = RowsModel(
            [
                Column(lambda: translate("MyDayView", "Due"), lambda t: fmt.day(t.due_at)),
                Column(lambda: translate("MyDayView", "Customer"), lambda t: t.customer_name),
                Column(
                    lambda: translate("MyDayView", "Task"),
                    lambda t: t.title or fmt.task_kind(t.kind),
                ),
                Column(
                    lambda: translate("MyDayView", "Overdue"),
                    lambda t: translate("MyDayView", "Overdue") if t.overdue else "",
                ),
            ],
            self,
        )
        customer_columns: list[Column[CustomerRow]] = [
            Column(lambda: translate("MyDayView", "Customer"), lambda c: c.display_name),
            Column(lambda: translate("MyDayView", "Tier"), lambda c: fmt.tier(c.tier)),
            Column(
                lambda: translate("MyDayView", "Value"),
                lambda c: fmt.money(c.net_revenue_cents),
                align_right=True,
            ),
            Column(
                lambda: translate("MyDayView", "Last purchase"),
                lambda c: fmt.day(c.last_purchase_at),
            ),
        ]
        self.birthday_model: RowsModel[CustomerRow] = RowsModel(customer_columns, self)
        self.vip_model: RowsModel[CustomerRow] = RowsModel(customer_columns, self)
        self.cart_model: RowsModel[Cart] = RowsModel(
            [
                Column(
                    lambda: translate("MyDayView", "Abandoned"), lambda c: fmt.when(c.abandoned_at)
                ),
                Column(lambda: translate("MyDayView", "Customer"), lambda c: c.customer_name),
                Column(lambda: translate("MyDayView", "Channel"), lambda c: fmt.channel(c.channel)),
                Column(
                    lambda: translate("MyDayView", "Total"),
                    lambda c: fmt.money(c.total_cents, c.currency),
                    align_right=True,
                ),
            ],
            self,
        )
        self.boxes: list[tuple[QGroupBox, RowsModel[Any]]] = []
        grid = QGridLayout()
        models: tuple[RowsModel[Any], ...] = (
            self.task_model,
            self.birthday_model,
            self.vip_model,
            self.cart_model,
        )
        for i, model in enumerate(models):
            box = QGroupBox()
            view = table_view(model)
            view.activated.connect(lambda index, m=model: self._open(m, index))
            view.doubleClicked.connect(lambda index, m=model: self._open(m, index))
            QVBoxLayout(box).addWidget(view)
            grid.addWidget(box, i // 2, i % 2)
            self.boxes.append((box, model))
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(grid, 1)
        session.dataChanged.connect(self.reload)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("My day"))
        titles = (
            self.tr("My tasks: due today and overdue ({0})"),
            self.tr("Birthdays today ({0})"),
            self.tr("VIP customers of the store ({0})"),
            self.tr("Carts abandoned in the last 7 days ({0})"),
        )
        for (box, model), title in zip(self.boxes, titles, strict=True):
            box.setTitle(title.format(model.rowCount()))
            model.retranslate()

    def reload(self) -> None:
        staff_id = self.session.staff.id
        store_id = self.session.store_id
        self.session.read(lambda r: load_my_day(r, staff_id, store_id), self._show)

    def _show(self, day: MyDay) -> None:
        self.task_model.set_rows(day.tasks)
        self.birthday_model.set_rows(day.birthdays)
        self.vip_model.set_rows(day.vips)
        self.cart_model.set_rows(day.carts)
        self.retranslate()

    def _open(self, model: RowsModel[Any], index: QModelIndex) -> None:
        row = model.row_at(index.row())
        customer_id = getattr(row, "customer_id", None)
        if customer_id:
            self.customerChosen.emit(str(customer_id))
