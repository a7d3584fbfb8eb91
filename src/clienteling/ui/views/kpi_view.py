"""The store manager's KPI dashboard: figure cards and charts over the tablet's own replica.

Everything is computed locally (``replica.kpis``) on the session's worker thread, so the
dashboard reads the same offline as online; the line under the title says how fresh the data
is (the last sync), which is what a manager needs to trust a figure without a connection.
"""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime, timedelta

from PySide6.QtCore import QCoreApplication, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from clienteling.replica.kpis import AssistantActivity, StoreKpis, store_kpis
from clienteling.replica.store import Replica
from clienteling.sync.engine import SyncState
from clienteling.ui import fmt
from clienteling.ui.models.rows import Column, RowsModel
from clienteling.ui.retranslate import Retranslating
from clienteling.ui.session import Session
from clienteling.ui.widgets.charts import (
    ACCENT,
    GOLD,
    GREEN,
    NAVY,
    RED,
    BarChart,
    FigureCard,
    Series,
    ValueText,
)
from clienteling.ui.widgets.tables import table_view

log = logging.getLogger(__name__)
translate = QCoreApplication.translate
PERIODS = ("30d", "90d", "month", "12m")
WINDOW_DAYS = 7


def period_dates(choice: str, today: date) -> tuple[date, date]:
    """First and last day (inclusive, UTC) of a period choice ending today."""
    if choice == "30d":
        return today - timedelta(days=29), today
    if choice == "90d":
        return today - timedelta(days=89), today
    if choice == "month":
        return today.replace(day=1), today
    if choice == "12m":
        day = min(today.day, 28) if today.month == 2 else today.day
        return today.replace(year=today.year - 1, day=day) + timedelta(days=1), today
    raise ValueError(f"unknown period {choice!r}")


def load_kpis(replica: Replica, store_id: str | None, start: date, end: date) -> StoreKpis:
    return store_kpis(
        replica.read(), store_id=store_id, start=start, end=end, window_days=WINDOW_DAYS
    )


def _number(value: float | None, decimals: int = 1) -> str:
    return "—" if value is None else QLocale().toString(value, "f", decimals)


def _touch_kind(kind: str) -> str:
    return fmt.task_kind(kind[5:]) if kind.startswith("task_") else fmt.event_kind(kind)


def _cents_text(currency: str) -> ValueText:
    return lambda euros: fmt.money(round(euros * 100), currency)


def _nps_colour(score: float | None) -> str:
    if score is None or score < 0:
        return RED
    return GREEN if score >= 30 else GOLD


class KpiView(Retranslating, QWidget):
    """Store KPIs for a chosen period; ``reload()`` recomputes them from the replica."""

    drawn = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.kpis: StoreKpis | None = None
        self._ticket = 0
        self._loading = False
        self._rerun = False
        self._error = ""

        self.title = QLabel()
        self.title.setObjectName("sectionTitle")
        self.period = QComboBox()
        for key in PERIODS:
            self.period.addItem("", key)
        self.period.currentIndexChanged.connect(self.reload)
        self.period_label = QLabel()
        self.as_of = QLabel()
        self.as_of.setWordWrap(True)
        self.status = QLabel()
        self.status.setObjectName("emptyState")
        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addStretch(1)
        head.addWidget(self.period_label)
        head.addWidget(self.period)

        self.nps_card = FigureCard(scale=(-100, 100))
        self.csat_card = FigureCard(scale=(1, 5))
        self.ces_card = FigureCard(scale=(1, 7))
        self.conversion_card = FigureCard(scale=(0, 100))
        self.recovery_card = FigureCard(scale=(0, 100))
        self.frequency_card = FigureCard()
        self.retention_card = FigureCard(scale=(0, 100))
        self.omni_card = FigureCard()
        cards = QGridLayout()
        for i, card in enumerate(
            (
                self.nps_card,
                self.csat_card,
                self.ces_card,
                self.conversion_card,
                self.recovery_card,
                self.frequency_card,
                self.retention_card,
                self.omni_card,
            )
        ):
            cards.addWidget(card, i // 4, i % 4)

        self.aov_chart = BarChart()
        self.outreach_chart = BarChart(horizontal=True)
        self.cart_chart = BarChart()
        self.omni_chart = BarChart()
        self.assistant_chart = BarChart(horizontal=True)
        self.aov_note = QLabel()
        self.aov_note.setWordWrap(True)
        self.omni_note = QLabel()
        self.omni_note.setWordWrap(True)
        self.assistant_model: RowsModel[AssistantActivity] = RowsModel(
            [
                Column(lambda: translate("KpiView", "Assistant"), lambda a: a.display_name),
                Column(
                    lambda: translate("KpiView", "Interactions"),
                    lambda a: str(a.interactions),
                    align_right=True,
                ),
                Column(
                    lambda: translate("KpiView", "Tasks done"),
                    lambda a: str(a.tasks_done),
                    align_right=True,
                ),
                Column(
                    lambda: translate("KpiView", "Orders rung up"),
                    lambda a: str(a.orders),
                    align_right=True,
                ),
                Column(
                    lambda: translate("KpiView", "Sales rung up"),
                    lambda a: fmt.money(a.order_revenue_cents, self._currency()),
                    align_right=True,
                ),
                Column(
                    lambda: translate("KpiView", "Contacts"),
                    lambda a: str(a.touches),
                    align_right=True,
                ),
                Column(
                    lambda: translate("KpiView", "Converted"),
                    lambda a: str(a.conversions),
                    align_right=True,
                ),
                Column(
                    lambda: translate("KpiView", "Attributed sales"),
                    lambda a: fmt.money(a.attributed_revenue_cents, self._currency()),
                    align_right=True,
                ),
            ],
            self,
        )
        self.assistant_table = table_view(self.assistant_model)
        self.assistant_table.setMinimumHeight(220)

        self.boxes: dict[str, QGroupBox] = {}
        charts = QGridLayout()
        for i, (key, chart, note) in enumerate(
            (
                ("aov", self.aov_chart, self.aov_note),
                ("outreach", self.outreach_chart, None),
                ("carts", self.cart_chart, None),
                ("omni", self.omni_chart, self.omni_note),
            )
        ):
            box = QGroupBox()
            inner = QVBoxLayout(box)
            inner.addWidget(chart, 1)
            if note is not None:
                inner.addWidget(note)
            charts.addWidget(box, i // 2, i % 2)
            self.boxes[key] = box
        people = QGroupBox()
        inner = QVBoxLayout(people)
        inner.addWidget(self.assistant_chart)
        inner.addWidget(self.assistant_table)
        self.boxes["assistants"] = people

        page = QWidget()
        body = QVBoxLayout(page)
        body.addLayout(cards)
        body.addLayout(charts)
        body.addWidget(people)
        body.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(page)

        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.as_of)
        layout.addWidget(self.status)
        layout.addWidget(scroll, 1)
        session.syncStateChanged.connect(self._sync_state)
        session.dataChanged.connect(self._data_changed)
        self.retranslate()

    # --- loading -----------------------------------------------------------------------------

    def current_period(self, today: date | None = None) -> tuple[date, date]:
        choice = str(self.period.currentData() or PERIODS[0])
        return period_dates(choice, today or datetime.now(UTC).date())

    def reload(self) -> None:
        """Recompute on the worker thread; an answer to an older request is dropped."""
        start, end = self.current_period()
        store_id = self.session.store_id
        self._loading = True
        self._error = ""
        self._ticket += 1
        ticket = self._ticket
        self.session.read(
            lambda r: load_kpis(r, store_id, start, end),
            lambda kpis: self._show(ticket, kpis),
            lambda exc: self._failed(ticket, exc),
        )
        self._show_status()

    def _data_changed(self) -> None:
        """After a sync: recompute, but never two at once (the app has two reader threads and
        search must keep one), so a sync during a computation asks for one more run after it."""
        if not self.isVisible():
            return
        if self._loading:
            self._rerun = True
            return
        self.reload()

    def _rerun_if_asked(self) -> None:
        if self._rerun:
            self._rerun = False
            self._data_changed()

    def _sync_state(self, _state: SyncState) -> None:
        self._show_as_of()

    def _failed(self, ticket: int, exc: Exception) -> None:
        if ticket != self._ticket:
            return
        # Nothing the manager did can cause this: a bug, logged with its trace.
        log.error("store KPIs could not be computed", exc_info=exc)
        self._loading = False
        self._error = type(exc).__name__
        self._show_status()
        self._rerun_if_asked()

    def _show(self, ticket: int, kpis: StoreKpis) -> None:
        if ticket != self._ticket:
            return
        self._loading = False
        self.kpis = kpis
        self.retranslate()
        self.drawn.emit()
        self._rerun_if_asked()

    # --- drawing -----------------------------------------------------------------------------

    def _currency(self) -> str:
        return self.kpis.currency if self.kpis else "EUR"

    def _percent(self, share: float | None) -> str:
        return "—" if share is None else self.tr("{0}%").format(_number(100 * share, 0))

    def retranslate(self) -> None:
        self.title.setText(self.tr("Store KPIs"))
        self.period_label.setText(self.tr("Period:"))
        names = {
            "30d": self.tr("Last 30 days"),
            "90d": self.tr("Last 90 days"),
            "month": self.tr("This month"),
            "12m": self.tr("Last 12 months"),
        }
        for i in range(self.period.count()):
            self.period.setItemText(i, names[str(self.period.itemData(i))])
        titles = {
            "aov": self.tr("Average order value by channel ({0})").format(self._currency()),
            "outreach": self.tr(
                "Contacts and purchases within {0} days, by kind of contact"
            ).format(WINDOW_DAYS),
            "carts": self.tr("Abandoned carts"),
            "omni": self.tr("Lifetime value: omnichannel against single-channel customers"),
            "assistants": self.tr("Activity per assistant"),
        }
        for key, box in self.boxes.items():
            box.setTitle(titles[key])
        for chart in (self.aov_chart, self.outreach_chart, self.cart_chart, self.omni_chart):
            chart.set_empty_text(self.tr("No data in this period"))
        self.assistant_chart.set_empty_text(self.tr("No assistants of this store on this tablet"))
        self.nps_card.title.setText(self.tr("NPS (would recommend us, −100 to 100)"))
        self.csat_card.title.setText(self.tr("CSAT (satisfaction, 1 to 5)"))
        self.ces_card.title.setText(self.tr("CES (effort, 1 to 7: lower is easier)"))
        self.conversion_card.title.setText(self.tr("Outreach → purchase"))
        self.recovery_card.title.setText(self.tr("Abandoned carts recovered"))
        self.frequency_card.title.setText(self.tr("Orders per customer"))
        self.retention_card.title.setText(self.tr("Customers retained"))
        self.omni_card.title.setText(self.tr("Omnichannel customers"))
        self.assistant_model.retranslate()
        self._show_as_of()
        self._show_status()
        self._draw()

    def _show_as_of(self) -> None:
        state = self.session.state
        start, end = (self.kpis.start, self.kpis.end) if self.kpis else self.current_period()
        period = self.tr("{0} to {1}").format(fmt.day(start), fmt.day(end))
        if state.last_sync_at is None:
            source = self.tr("Computed on this tablet; it has not synced with the server yet.")
        elif state.online is False:
            source = self.tr(
                "Offline: computed on this tablet from its data as of the last sync ({0})."
            ).format(fmt.when(state.last_sync_at))
        else:
            source = self.tr(
                "Computed on this tablet from its data as of the last sync ({0})."
            ).format(fmt.when(state.last_sync_at))
        self.as_of.setText(f"{period} · {source}")

    def _show_status(self) -> None:
        if self._error:
            text = self.tr(
                "The figures could not be computed ({0}); the details are in the app's log."
            ).format(self._error)
        elif self._loading and self.kpis is None:
            text = self.tr("Computing the figures…")
        else:
            text = ""
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def _draw(self) -> None:
        k = self.kpis
        if k is None:
            return
        self._draw_cards(k)
        self._draw_charts(k)
        self.assistant_model.set_rows(k.assistants)

    def _draw_cards(self, k: StoreKpis) -> None:
        nps = k.nps.score
        self.nps_card.set_figure(
            "—" if nps is None else f"{nps:+.0f}",
            self.tr("Answers: {0} · promoters {1} · detractors {2}").format(
                k.nps.responses, k.nps.promoters, k.nps.detractors
            ),
            nps,
            _nps_colour(nps),
        )
        self.csat_card.set_figure(
            _number(k.csat.mean),
            self.tr("Satisfied (4–5): {0} · answers: {1}").format(
                self._percent(k.csat.satisfied_share), k.csat.responses
            ),
            k.csat.mean,
        )
        self.ces_card.set_figure(
            _number(k.ces.mean),
            self.tr("Answers: {0}").format(k.ces.responses),
            k.ces.mean,
            NAVY,
        )
        out = k.outreach
        rate = out.conversion_rate
        self.conversion_card.set_figure(
            self._percent(rate),
            self.tr("{0} of {1} contacts bought within {2} days · attributed sales {3}").format(
                out.converted,
                out.touches,
                k.window_days,
                fmt.money(out.attributed_revenue_cents, k.currency),
            ),
            None if rate is None else 100 * rate,
        )
        carts = k.carts
        self.recovery_card.set_figure(
            self._percent(carts.recovery_rate),
            self.tr("{0} of {1} abandoned carts bought later · abandonment {2}").format(
                carts.recovered, carts.abandoned, self._percent(carts.abandonment_rate)
            ),
            None if carts.recovery_rate is None else 100 * carts.recovery_rate,
            GREEN,
        )
        f = k.frequency
        self.frequency_card.set_figure(
            _number(f.orders_per_buyer, 2),
            self.tr("{0} orders by {1} customers").format(f.orders, f.buyers),
        )
        self.retention_card.set_figure(
            self._percent(f.retention_rate),
            self.tr("{0} of {1} customers of the previous {2} days bought again").format(
                f.retained, f.previous_buyers, (k.end - k.start).days + 1
            ),
            None if f.retention_rate is None else 100 * f.retention_rate,
            NAVY,
        )
        customers = k.omnichannel.customers + k.single_channel.customers
        share = k.omnichannel.customers / customers if customers else None
        self.omni_card.set_figure(
            self._percent(share),
            self.tr("{0} of {1} customers buy in two or more channels").format(
                k.omnichannel.customers, customers
            ),
        )

    def _draw_charts(self, k: StoreKpis) -> None:
        money = _cents_text(k.currency)
        mine = [c for c in k.aov_by_channel if c.currency == k.currency]
        self.aov_chart.set_bars(
            [self.tr("{0} · {1}").format(fmt.channel(c.channel), c.orders) for c in mine],
            [
                Series(
                    self.tr("Average order value"),
                    tuple((c.aov_cents or 0) / 100 for c in mine),
                    ACCENT,
                    money,
                )
            ],
        )
        self.aov_note.setText(
            self.tr("Bars: channel · orders. {0} orders in other currencies are left out.").format(
                k.other_currency_orders
            )
            if k.other_currency_orders
            else self.tr("Bars: channel · orders.")
        )
        kinds = k.outreach.by_kind
        self.outreach_chart.set_bars(
            [_touch_kind(t.kind) for t in kinds],
            [
                Series(self.tr("Contacts"), tuple(float(t.touches) for t in kinds), NAVY),
                Series(
                    self.tr("Bought within {0} days").format(k.window_days),
                    tuple(float(t.converted) for t in kinds),
                    GREEN,
                ),
            ],
        )
        carts = k.carts
        has_carts = bool(carts.abandoned or carts.checked_out)
        self.cart_chart.set_bars(
            [self.tr("Abandoned"), self.tr("Recovered"), self.tr("Bought without abandoning")]
            if has_carts
            else [],
            [
                Series(
                    self.tr("Carts"),
                    (float(carts.abandoned), float(carts.recovered), float(carts.checked_out)),
                    GOLD,
                )
            ],
        )
        groups = [
            (self.tr("Omnichannel · {0}"), k.omnichannel),
            (self.tr("Single channel · {0}"), k.single_channel),
        ]
        shown = [(label.format(g.customers), g) for label, g in groups if g.valued]
        self.omni_chart.set_bars(
            [label for label, _ in shown],
            [
                Series(
                    self.tr("Average net sales per customer"),
                    tuple((g.mean_value_cents or 0) / 100 for _, g in shown),
                    ACCENT,
                    money,
                )
            ],
        )
        self.omni_note.setText(
            self.tr(
                "Bars: customers of this store · how many. Net sales after returns over their "
                "whole history (nightly analytics), not only this period."
            )
        )
        people = k.assistants
        self.assistant_chart.set_bars(
            [a.display_name for a in people],
            [
                Series(self.tr("Contacts"), tuple(float(a.touches) for a in people), NAVY),
                Series(self.tr("Converted"), tuple(float(a.conversions) for a in people), GREEN),
                Series(self.tr("Orders rung up"), tuple(float(a.orders) for a in people), ACCENT),
            ],
        )
