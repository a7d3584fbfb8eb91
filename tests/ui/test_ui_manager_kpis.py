"""The manager's KPI dashboard draws the synced figures with the network cut.

The expected figures are computed here in plain Python from the server's own database, with
the scope rule the dashboard documents (a row with a store belongs to that store; one without
belongs to the customer's home store), so the test checks what the charts draw against the
source of truth rather than against the tablet's own query.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from decimal import ROUND_HALF_EVEN, Decimal
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot
from sqlmodel import Session as DbSession
from sqlmodel import select

from clienteling.ui import fmt, i18n
from clienteling.ui.views.kpi_view import KpiView, period_dates
from sync_server.domain.models import Customer, Interaction, Order, Staff, Store
from tests.conftest import LiveServer
from tests.ui.ui_helpers import MANAGER, Device, Runner, dead_url


@pytest.fixture
def manager_tablet(tmp_path: Path, live_server: LiveServer, run: Runner) -> Iterator[Device]:
    """A synced tablet with the manager signed in, then cut off from the server."""
    device = Device(tmp_path / "manager", live_server.url, run, "manager")
    device.open_session(MANAGER)
    device.session.point_at(dead_url())
    run(device.session.sync_now())
    yield device
    device.close()


class ServerFigures:
    """The Madrid store's figures for one period, straight from the server's tables."""

    def __init__(self, server: LiveServer, start: date, end: date) -> None:
        lo = datetime.combine(start, datetime.min.time(), UTC)
        hi = datetime.combine(end + timedelta(days=1), datetime.min.time(), UTC)
        with DbSession(server.engine) as db:
            store = db.exec(select(Store).where(Store.code == "MAD01")).one()
            home = {c.id for c in db.exec(select(Customer)) if c.home_store_id == store.id}
            self.staff = {
                s.id: s.display_name for s in db.exec(select(Staff)) if s.store_id == store.id
            }

            def ours(row: Any) -> bool:
                if row.store_id is not None:
                    return bool(row.store_id == store.id)
                return row.customer_id in home

            def within(at: datetime) -> bool:
                moment = at if at.tzinfo else at.replace(tzinfo=UTC)
                return lo <= moment < hi

            self.orders = [
                o
                for o in db.exec(select(Order))
                if o.status != "cancelled" and within(o.ordered_at) and ours(o)
            ]
            interactions = [i for i in db.exec(select(Interaction)) if within(i.occurred_at)]
        self.nps_scores = [
            int(i.score)
            for i in interactions
            if i.kind == "survey"
            and (i.payload or {}).get("type", "nps") == "nps"
            and i.score is not None
            and ours(i)
        ]
        self.recorded_by: dict[str, int] = {}
        for i in interactions:
            if i.staff_id in self.staff:
                self.recorded_by[i.staff_id] = self.recorded_by.get(i.staff_id, 0) + 1

    def aov_by_channel(self) -> dict[str, tuple[int, float]]:
        """Channel label -> (orders, AOV in euros) for the euro orders."""
        totals: dict[str, list[int]] = {}
        for o in self.orders:
            assert o.currency == "EUR"
            totals.setdefault(o.channel, [0, 0])
            totals[o.channel][0] += 1
            totals[o.channel][1] += o.total_cents
        return {
            fmt.channel(channel): (
                n,
                int((Decimal(cents) / n).quantize(Decimal(1), ROUND_HALF_EVEN)) / 100,
            )
            for channel, (n, cents) in totals.items()
        }

    def nps(self) -> float:
        promoters = sum(1 for s in self.nps_scores if s >= 9)
        detractors = sum(1 for s in self.nps_scores if s <= 6)
        return 100 * (promoters - detractors) / len(self.nps_scores)


def drawn_aov(view: KpiView) -> dict[str, tuple[int, float]]:
    drawn = {}
    for label, height in view.aov_chart.values():
        channel, orders = label.rsplit(" · ", 1)
        drawn[channel] = (int(orders), round(height, 2))
    return drawn


def choose_period(view: KpiView, qtbot: QtBot, key: str) -> None:
    before = view.kpis
    view.period.setCurrentIndex(view.period.findData(key))
    qtbot.waitUntil(lambda: view.kpis is not None and view.kpis is not before, timeout=30_000)


def test_kpi_view_draws_synced_figures_offline(
    manager_tablet: Device, live_server: LiveServer, qtbot: QtBot, qtmodeltester: Any
) -> None:
    session = manager_tablet.session
    assert session.state.online is False and session.state.last_sync_at is not None
    view = KpiView(session)
    qtbot.addWidget(view)
    view.show()
    view.reload()
    qtbot.waitUntil(lambda: view.kpis is not None, timeout=30_000)
    # It says where the figures come from: this tablet, as of its last sync.
    assert fmt.when(session.state.last_sync_at) in view.as_of.text()

    today = datetime.now(UTC).date()
    for key, start in (
        ("12m", today.replace(year=today.year - 1) + timedelta(days=1)),
        ("90d", today - timedelta(days=89)),
    ):
        choose_period(view, qtbot, key)
        assert view.current_period() == (start, today)
        server = ServerFigures(live_server, start, today)

        expected_aov = server.aov_by_channel()
        assert len(expected_aov) >= 3
        drawn = drawn_aov(view)
        assert drawn == {k: (n, pytest.approx(v)) for k, (n, v) in expected_aov.items()}

        assert len(server.nps_scores) >= 3
        nps = server.nps()
        assert view.nps_card.gauge is not None
        assert view.nps_card.gauge.value() == pytest.approx(nps)
        assert view.nps_card.value.text() == f"{nps:+.0f}"

        model = view.assistant_model
        qtmodeltester.check(model)
        shown = {
            model.index(r, 0).data(): int(model.index(r, 1).data()) for r in range(model.rowCount())
        }
        # Every assistant of the store is listed, with the interactions she recorded.
        assert set(shown) == set(server.staff.values())
        assert shown == {name: server.recorded_by.get(sid, 0) for sid, name in server.staff.items()}
        assert sum(shown.values()) > 0
        assert [label for label, _ in view.assistant_chart.values()] == list(shown)

    # Switching the language redraws the charts in it, from the figures already computed.
    assert any(label.startswith("Tienda · ") for label in view.aov_chart.labels())
    i18n.install("en")
    qtbot.waitUntil(lambda: any(label.startswith("Store · ") for label in view.aov_chart.labels()))
    assert drawn_aov(view) == {
        {"Tienda": "Store", "Web": "Web", "App": "App", "Marketplace": "Marketplace"}[k]: v
        for k, v in drawn.items()
    }


@pytest.mark.parametrize(
    ("choice", "today", "start"),
    [
        ("30d", date(2026, 3, 10), date(2026, 2, 9)),
        ("90d", date(2026, 3, 10), date(2025, 12, 11)),
        ("month", date(2026, 3, 10), date(2026, 3, 1)),
        ("12m", date(2026, 3, 10), date(2025, 3, 11)),
        ("12m", date(2028, 2, 29), date(2027, 3, 1)),
    ],
)
def test_period_choices_end_today(choice: str, today: date, start: date) -> None:
    assert period_dates(choice, today) == (start, today)


def test_syncs_during_a_computation_ask_for_one_more_run_not_more(
    manager_tablet: Device, qtbot: QtBot
) -> None:
    """Two reader threads serve the whole app: the dashboard never holds both."""
    view = KpiView(manager_tablet.session)
    qtbot.addWidget(view)
    view.show()
    runs: list[int] = []
    view.drawn.connect(lambda: runs.append(1))
    view.reload()
    for _ in range(3):
        manager_tablet.session.dataChanged.emit()
    qtbot.waitUntil(lambda: len(runs) == 2, timeout=30_000)
    # Once every queued read has answered, the dashboard has drawn twice: no third run.
    qtbot.waitUntil(lambda: not manager_tablet.session.worker.busy(), timeout=30_000)
    assert len(runs) == 2
    assert view.status.isHidden()
