"""Manager mode: the VIP list, segments, bulk assignment reaching an assistant's "My day"."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlmodel import Session, select

from clienteling.replica import customer_lists
from clienteling.replica.customer_lists import Segment, SortKey
from clienteling.ui import fmt
from clienteling.ui.views.manager_view import ManagerView
from sync_server.analytics.batch import run_analytics
from sync_server.domain.models import Customer, CustomerMetrics, Staff, Store, Task
from sync_server.outreach.retention import inactive_customers
from tests.outreach.conftest import make_customer, store_id
from tests.ui.ui_helpers import ASSISTANT, MANAGER, Device, Runner


@pytest.fixture
def analysed_server(live_server: Any) -> Any:
    """The seeded server after its nightly analytics run (values, segments, churn risk)."""
    run_analytics(live_server.engine)
    return live_server


@pytest.fixture
def manager(tmp_path: Path, analysed_server: Any, run: Runner, qtbot: QtBot) -> Iterator[Device]:
    device = Device(tmp_path / "manager", analysed_server.url, run, "manager-tablet")
    device.sign_in(qtbot, MANAGER)
    yield device
    if shiboken6.isValid(device.window):
        device.window.close()
    device.close()


def _store_metrics(server: Any, vip_only: bool) -> list[tuple[str, CustomerMetrics, Customer]]:
    """The Madrid store's customers with their figures, straight from the server's database."""
    with Session(server.engine) as db:
        store = db.exec(select(Store).where(Store.code == "MAD01")).one()
        query = (
            select(Customer, CustomerMetrics)
            .join(CustomerMetrics, CustomerMetrics.id == Customer.id)  # type: ignore[arg-type]
            .where(Customer.home_store_id == store.id, Customer.merged_into_id == None)  # noqa: E711
        )
        if vip_only:
            query = query.where(Customer.vip == True)  # noqa: E712
        return [(c.id, m, c) for c, m in db.exec(query)]


def _wait_loaded(qtbot: QtBot, view: Any) -> None:
    qtbot.waitUntil(lambda: not view.model.busy, timeout=10_000)


def test_manager_sees_the_vip_list_sorted_by_value(
    qtbot: QtBot, manager: Device, analysed_server: Any
) -> None:
    desk = manager.window.show_manager()
    lists = desk.lists
    _wait_loaded(qtbot, lists)
    ModelTester(qtbot).check(lists.model)
    expected = sorted(
        _store_metrics(analysed_server, vip_only=True),
        key=lambda t: (-t[1].net_revenue_cents, t[0]),
    )
    shown = lists.model.loaded_rows()
    assert [r.customer_id for r in shown] == [cid for cid, _, _ in expected]
    assert all(r.vip for r in shown)
    assert lists.size_label.text().startswith(f"{len(expected)} ")
    top = expected[0][1]
    first = lists.model.index(0, lists.model.column_of(SortKey.value)).data()
    assert first == fmt.money(top.net_revenue_cents, top.currency)

    # Sorting by the predicted value is done by the replica's SQL, highest first.
    with qtbot.waitSignal(lists.model.loaded, timeout=10_000):
        lists.table.sortByColumn(
            lists.model.column_of(SortKey.predicted), Qt.SortOrder.DescendingOrder
        )
    predicted = [r.predicted_value_cents for r in lists.model.loaded_rows()]
    known = [p for p in predicted if p is not None]
    assert known == sorted(known, reverse=True) and predicted[: len(known)] == known
    ModelTester(qtbot).check(lists.model)

    # Opening a row shows that customer's 360, and "back" returns to the list.
    with qtbot.waitSignal(manager.window.customer_view.loaded, timeout=10_000):
        lists._open_index(lists.model.index(0, 0))
    assert manager.window.stack.currentWidget() is manager.window.customer_view
    manager.window.go_back()
    assert manager.window.stack.currentWidget() is desk


def test_at_risk_vips_assigned_reach_the_assistants_my_day(
    qtbot: QtBot, manager: Device, analysed_server: Any, tmp_path: Path, run: Runner
) -> None:
    desk = manager.window.show_manager()
    lists = desk.lists
    _wait_loaded(qtbot, lists)
    with qtbot.waitSignal(lists.model.loaded, timeout=10_000):
        lists.choose("at_risk")
    at_risk = {cid for cid, m, _ in _store_metrics(analysed_server, vip_only=True) if m.churn_risk}
    assert at_risk, "the seeded store should have VIPs at risk"
    shown = lists.model.loaded_rows()
    assert {r.customer_id for r in shown} == at_risk
    assert all(r.vip and r.churn_risk for r in shown)
    ModelTester(qtbot).check(lists.model)

    # Select them all and give them to the demo assistant.
    lists.table.selectAll()
    assert set(lists.selected_ids()) == at_risk
    with Session(analysed_server.engine) as db:
        assistant = db.exec(select(Staff).where(Staff.username == ASSISTANT)).one()
    dialog = lists.assign_to(lists.selected_ids())
    assert dialog is not None
    dialog.assistant.setCurrentIndex(dialog.assistant.findData(assistant.id))
    with qtbot.waitSignal(dialog.finished, timeout=20_000):
        dialog.submit()
    assert lists.status.text() != ""

    with Session(analysed_server.engine) as db:
        tasks = db.exec(select(Task).where(Task.assigned_staff_id == assistant.id)).all()
        assigned = {
            c.id
            for c in db.exec(select(Customer).where(Customer.assigned_staff_id == assistant.id))
        }
    assert at_risk <= assigned
    assert at_risk <= {t.customer_id for t in tasks if t.kind == "follow_up"}

    # The assistant's own tablet shows the new tasks on "My day" after its sync.
    assistant_tablet = Device(tmp_path / "assistant", analysed_server.url, run, "assistant")
    try:
        window = assistant_tablet.sign_in(qtbot, ASSISTANT)
        run(assistant_tablet.session.sync_now(), timeout=60_000)
        window.show_my_day()
        day = window.my_day_view
        qtbot.waitUntil(
            lambda: at_risk <= {t.customer_id for t in day.task_model.rows()}, timeout=10_000
        )
        assert window.manager_button is None
        window.close()
    finally:
        assistant_tablet.close()

    # The manager's list shows the new assistant once her own tablet has synced.
    run(manager.session.sync_now(), timeout=60_000)
    lists.model.refresh()
    _wait_loaded(qtbot, lists)
    assert {r.assigned_name for r in lists.model.loaded_rows()} == {assistant.display_name}


def test_segment_size_follows_its_conditions(
    qtbot: QtBot, manager: Device, analysed_server: Any
) -> None:
    lists = manager.window.show_manager().lists
    _wait_loaded(qtbot, lists)
    everyone = _store_metrics(analysed_server, vip_only=False)
    with qtbot.waitSignal(lists.model.loaded, timeout=10_000):
        lists.choose("all")
    all_count = lists.model.total
    assert all_count >= len(everyone)

    # A purchase-behaviour condition: lifetime value of at least 1,000 €.
    with qtbot.waitSignal(lists.model.loaded, timeout=10_000):
        lists.builder.min_value.setValue(1000)
    rich = [cid for cid, m, _ in everyone if m.net_revenue_cents >= 100_000]
    assert 0 < lists.model.total == len(rich) < all_count
    assert lists.size_label.text().startswith(f"{len(rich)} ")

    # A profile condition narrows it further: only VIPs.
    with qtbot.waitSignal(lists.model.loaded, timeout=10_000):
        lists.builder.vip_only.setChecked(True)
    rich_vips = [cid for cid, m, c in everyone if m.net_revenue_cents >= 100_000 and c.vip]
    assert lists.model.total == len(rich_vips) < len(rich)

    # An engagement condition: the count is what the replica's interactions say.
    with qtbot.waitSignal(lists.model.loaded, timeout=10_000):
        lists.builder.set_segment(Segment(engaged_within_days=365))
    conn = manager.replica.read()
    engaged = {
        row[0]
        for row in conn.execute(
            "SELECT DISTINCT customer_id FROM e_interaction WHERE kind IN "
            "('email_opened', 'email_clicked', 'event_attended', 'event_rsvp') "
            "AND occurred_at >= strftime('%Y-%m-%dT%H:%M:%f', 'now', '-365 days')"
        )
    }
    home = {cid for cid, _, _ in everyone}
    in_store = {
        r[0]
        for r in conn.execute(
            "SELECT customer_id FROM e_customer WHERE home_store_id = ?",
            (manager.session.store_id,),
        )
    }
    assert home <= in_store
    assert lists.model.total == len(engaged & in_store)


def test_the_list_pages_in_as_the_manager_scrolls(
    qtbot: QtBot, manager: Device, analysed_server: Any
) -> None:
    lists = manager.window.show_manager().lists
    _wait_loaded(qtbot, lists)
    lists.model.page_size = 10
    with qtbot.waitSignal(lists.model.loaded, timeout=10_000):
        lists.choose("all")
    model = lists.model
    assert model.rowCount() == 10 < model.total
    while model.canFetchMore():
        with qtbot.waitSignal(model.loaded, timeout=10_000):
            model.fetchMore()
    assert model.rowCount() == model.total
    conn = manager.replica.read()
    one_shot = customer_lists.page(
        conn, manager.session.store_id, Segment(), sort=SortKey.value, limit=10_000
    )
    assert [r.customer_id for r in model.loaded_rows()] == [r.customer_id for r in one_shot]
    ModelTester(qtbot).check(model)


def test_an_associate_has_no_manager_mode(qtbot: QtBot, tablet: Device) -> None:
    window = tablet.window
    assert tablet.session.staff.role == "associate"
    assert window.manager_button is None and window.manager_view is None
    assert window.findChildren(ManagerView) == []
    with pytest.raises(PermissionError):
        window.show_manager()


def test_the_audit_tab_tells_what_the_retention_job_would_erase(
    qtbot: QtBot, manager: Device, analysed_server: Any
) -> None:
    old = make_customer(analysed_server, "Antigua", created_days_ago=4000)
    desk = manager.window.show_manager()
    desk.show_tab(desk.audit)
    qtbot.waitUntil(lambda: desk.audit.retention_preview is not None, timeout=10_000)
    inactive = inactive_customers(analysed_server.engine, 1095, store_id=store_id(analysed_server))
    assert old in inactive
    assert desk.audit.retention.isVisibleTo(desk.audit)
    text = desk.audit.retention.text()
    assert f"{len(inactive)} " in text and "1095" in text
    with Session(analysed_server.engine) as db:
        assert db.get(Customer, old) is not None


def test_a_sync_does_not_drop_the_rows_she_selected(
    qtbot: QtBot, manager: Device, analysed_server: Any
) -> None:
    lists = manager.window.show_manager().lists
    _wait_loaded(qtbot, lists)
    lists.table.selectRow(0)
    chosen = lists.selected_ids()
    assert len(chosen) == 1
    refreshes: list[int] = []
    lists.model.totalChanged.connect(refreshes.append)
    manager.session.dataChanged.emit()
    assert lists.selected_ids() == chosen and lists.status.text() != "" and not lists.model.busy
    # Clearing the selection brings the list up to date.
    with qtbot.waitSignal(lists.model.totalChanged, timeout=10_000):
        lists.table.clearSelection()
    assert len(refreshes) == 1 and lists.status.text() == ""
