"""The manager's consent-respecting export, GDPR export and erasure, and the audit log view,
driven through the real widgets against the real local server."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot
from sqlmodel import col, select

from clienteling.replica import outbox
from clienteling.replica.schema import table
from clienteling.sync.client import Offline
from clienteling.sync.manager_api import NeedsOnlineSignIn
from clienteling.ui import fmt
from clienteling.ui.views.audit_view import AuditView, action_label
from clienteling.ui.views.customer_view import CustomerView
from clienteling.ui.views.export_dialog import (
    ExportDialog,
    error_text,
    purpose_label,
    save_export,
)
from clienteling.ui.views.gdpr_panel import GdprPanel, consent_place
from sync_server.db import read_session
from sync_server.domain.models import AuditLog, Customer, Order
from sync_server.outreach.consent import current_consents
from tests.conftest import LiveServer
from tests.outreach.conftest import DDE, HYPERLINK, formula_customer
from tests.ui.ui_helpers import MANAGER, Device, Runner, dead_url

translate = QCoreApplication.translate


def offline() -> str:
    """What the manager reads when the server cannot be reached (in the UI's language)."""
    return error_text(Offline("no network"))


def signed_in_offline() -> str:
    return error_text(NeedsOnlineSignIn("no staff token"))


@pytest.fixture
def manager(tmp_path: Path, live_server: LiveServer, run: Runner, qtbot: QtBot) -> Iterator[Device]:
    """The app signed in as the store manager on an enrolled, synced tablet."""
    device = Device(tmp_path / "manager", live_server.url, run, "manager")
    device.sign_in(qtbot, MANAGER)
    yield device
    if shiboken6.isValid(device.window):
        device.window.close()
    device.close()


def _home_customer_ids(device: Device, limit: int) -> list[str]:
    rows = device.replica.read().execute(
        f"SELECT id FROM {table('customer')} "
        "WHERE home_store_id = (SELECT value FROM meta WHERE key = 'store_id') "
        "ORDER BY id LIMIT ?",
        (limit,),
    )
    return [str(r[0]) for r in rows]


def _customer_with_orders(device: Device) -> tuple[str, str]:
    row = (
        device.replica.read()
        .execute(
            f"SELECT c.id, c.first_name || ' ' || c.last_name FROM {table('customer')} c "
            "WHERE c.home_store_id = (SELECT value FROM meta WHERE key = 'store_id') "
            f"AND EXISTS (SELECT 1 FROM {table('order')} o WHERE o.customer_id = c.id) "
            f"AND EXISTS (SELECT 1 FROM {table('consent')} k WHERE k.customer_id = c.id) "
            "ORDER BY c.id LIMIT 1"
        )
        .fetchone()
    )
    assert row is not None
    return str(row[0]), str(row[1])


def _consenting(server: LiveServer, ids: list[str], channel: str, purpose: str) -> list[str]:
    with read_session(server.engine) as session:
        state = current_consents(session, ids, channel, purpose)
    return [c for c in ids if state.get(c, False)]


def _audit_actions(server: LiveServer) -> list[str]:
    with read_session(server.engine) as session:
        return list(session.exec(select(AuditLog.action).order_by(col(AuditLog.id))))


def _open(qtbot: QtBot, device: Device, customer_id: str) -> CustomerView:
    view = device.window.customer_view
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        device.window.open_customer(customer_id)
    # Opening her pushes a "viewed" entry for the audit log: let that sync finish.
    device.run(device.session.sync_now())
    return view


def _go_offline(run: Runner, device: Device) -> None:
    device.session.point_at(dead_url())
    run(device.session.sync_now())
    assert device.session.state.online is False


def _export(qtbot: QtBot, dialog: ExportDialog, path: Path, *choice: str) -> Any:
    with qtbot.waitSignal(dialog.exported, timeout=30_000) as signal:
        dialog.export_to(path, *choice)
    return signal.args


def _xlsx_rows(path: Path) -> list[list[Any]]:
    book = openpyxl.load_workbook(path)
    sheet = book.active
    assert sheet is not None
    rows = [[(c.value, c.data_type) for c in r] for r in sheet.iter_rows()]
    book.close()
    return rows


def test_formula_names_are_saved_as_text_in_csv_and_xlsx(
    qtbot: QtBot, manager: Device, live_server: LiveServer, tmp_path: Path
) -> None:
    customer_id = formula_customer(live_server)
    dialog = ExportDialog(manager.session, [customer_id], manager.window)
    dialog.open()
    csv_path, xlsx_path = tmp_path / "formulas.csv", tmp_path / "formulas.xlsx"
    assert _export(qtbot, dialog, csv_path, "email", "marketing", "csv")[1] == 1
    with csv_path.open(encoding="utf-8-sig", newline="") as f:
        (row,) = list(csv.DictReader(f))
    assert (row["first_name"], row["last_name"]) == ("'" + HYPERLINK, "'" + DDE)
    assert _export(qtbot, dialog, xlsx_path, "sms", "marketing", "xlsx")[1] == 1
    header, cells = _xlsx_rows(xlsx_path)
    assert [v for v, _ in header][1:3] == ["first_name", "last_name"]
    assert cells[1] == ("'" + HYPERLINK, "s") and cells[2] == ("'" + DDE, "s")
    assert cells[3] == ("+34699123456", "s")
    dialog.close()


def test_the_tablet_neutralises_formulas_the_server_left_in(tmp_path: Path) -> None:
    """An older (or compromised) server's CSV still reaches the manager's disk inert."""
    content = (
        b"customer_id,first_name,last_name,address\r\n"
        b'c1,"=HYPERLINK(""http://x"",""y"")",@SUM(A1),-12.5\r\n'
    )
    assert save_export(tmp_path / "raw.csv", content, "csv", "Clientes") == 1
    with (tmp_path / "raw.csv").open(encoding="utf-8-sig", newline="") as f:
        (row,) = list(csv.DictReader(f))
    assert row["first_name"] == "'" + HYPERLINK and row["last_name"] == "'@SUM(A1)"
    assert row["address"] == "-12.5"
    assert save_export(tmp_path / "raw.xlsx", content, "xlsx", "Clientes") == 1
    cells = _xlsx_rows(tmp_path / "raw.xlsx")[1]
    assert [v for v, _ in cells] == ["c1", "'" + HYPERLINK, "'@SUM(A1)", "-12.5"]
    assert {t for _, t in cells} == {"s"}


def test_export_a_list_to_csv_and_xlsx_keeps_only_consenting_customers(
    qtbot: QtBot, qtmodeltester: Any, manager: Device, live_server: LiveServer, tmp_path: Path
) -> None:
    listed = _home_customer_ids(manager, 60)
    dialog = ExportDialog(manager.session, listed + listed[:3], manager.window)
    dialog.open()
    assert dialog.export_button.isEnabled() and not dialog.error.isVisible()

    by_email = _consenting(live_server, listed, "email", "marketing")
    assert 0 < len(by_email) < len(listed)
    csv_path = tmp_path / "lista.csv"
    assert _export(qtbot, dialog, csv_path, "email", "marketing", "csv") == [
        csv_path,
        len(by_email),
    ]
    with csv_path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [r["customer_id"] for r in rows] == by_email
    assert any("@" in r["address"] for r in rows)
    assert all("@" in r["address"] or r["address"] == "" for r in rows)
    told = dialog.outcome.text()
    assert f"{len(by_email)}" in told and f"{len(listed)}" in told and str(csv_path) in told

    by_sms = _consenting(live_server, listed, "sms", "marketing")
    assert by_sms != by_email
    xlsx_path = tmp_path / "lista.xlsx"
    assert _export(qtbot, dialog, xlsx_path, "sms", "marketing", "xlsx")[1] == len(by_sms)
    book = openpyxl.load_workbook(xlsx_path)
    sheet = book.active
    assert sheet is not None
    cells = [list(r) for r in sheet.iter_rows(values_only=True)]
    book.close()
    assert cells[0][0] == "customer_id"
    assert [r[0] for r in cells[1:]] == by_sms

    # The file chooser is Qt's own and does not block; picking a file fills the path.
    chooser = dialog.choose_file()
    assert chooser.testOption(QFileDialog.Option.DontUseNativeDialog)
    assert chooser.isVisible() and chooser.defaultSuffix() == "xlsx"
    picked = tmp_path / "elegido.xlsx"
    chooser.selectFile(str(picked))
    chooser.accept()
    assert dialog.path_edit.text() == str(picked)

    # The audit view shows both exports, and a read of a customer's 360 on this tablet.
    read_id = listed[0]
    _open(qtbot, manager, read_id)
    view = AuditView(manager.session)
    qtbot.addWidget(view)
    view.resize(1200, 700)
    view.show()
    qtmodeltester.check(view.model)
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.reload()
    qtmodeltester.check(view.model)
    exports = [e for e in view.entries if e.action == "export_customers"]
    assert len(exports) == 2
    assert view.detail_text(exports[0]) == view.tr(
        "{0} of {1} customers exported · {2} · {3}"
    ).format(len(by_sms), len(listed), fmt.channel("sms"), purpose_label("marketing"))
    assert exports[0].staff_name == manager.session.staff.display_name
    reads = [e for e in view.entries if e.action == "customer.viewed" and e.customer_id == read_id]
    assert reads and reads[0].customer_name and reads[0].staff_name
    assert view.model.rowCount() == len(view.entries)
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.show_customer(read_id)
    assert view.entries and {e.customer_id for e in view.entries} == {read_id}
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.show_customer(None)
    assert len([e for e in view.entries if e.action == "export_customers"]) == 2

    view.action_filter.setCurrentIndex(view.action_filter.findData("export_customers"))
    assert view.model.rowCount() == 2
    assert view.model.data(view.model.index(0, 1)) == action_label("export_customers")
    view.action_filter.setCurrentIndex(view.action_filter.findData("*reads"))
    qtbot.keyClicks(view.customer_filter, reads[0].customer_name.split()[0])
    qtmodeltester.check(view.model)
    assert view.model.rowCount() >= 1
    shown = view.model.rows()
    assert all(e.action in ("read", "customer.viewed") for e in shown)
    row = next(i for i, e in enumerate(shown) if e.customer_id == read_id)
    view.table.scrollTo(view.model.index(row, 0))
    rect = view.table.visualRect(view.model.index(row, 0))
    assert view.table.viewport().rect().contains(rect.center())
    with qtbot.waitSignal(view.customerChosen) as chosen:
        # A real double tap: Qt's item views want the press before the double click.
        qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert chosen.args == [read_id]


def test_json_export_and_consent_history_in_the_360(
    qtbot: QtBot, qtmodeltester: Any, manager: Device, live_server: LiveServer, tmp_path: Path
) -> None:
    customer_id, _ = _customer_with_orders(manager)
    view = _open(qtbot, manager, customer_id)
    panel = view.gdpr_panel
    assert panel is not None
    assert view.tabs.tabText(view.page_index(panel)) == translate("CustomerView", "Data protection")
    consents = (
        manager.replica.read()
        .execute(f"SELECT count(*) FROM {table('consent')} WHERE customer_id = ?", (customer_id,))
        .fetchone()[0]
    )
    qtbot.waitUntil(lambda: panel.history_model.rowCount() == consents)
    qtmodeltester.check(panel.history_model)
    first = panel.history_model.row_at(0)
    assert first is not None and first.store_name
    assert consent_place(first).startswith(first.store_name)

    # A consent recorded on the tablet appears at once, with who recorded it.
    view.show_page(panel)
    box = view.consent_boxes["whatsapp"]
    box.click()
    qtbot.waitUntil(lambda: panel.history_model.rowCount() == consents + 1, timeout=10_000)
    newest = panel.history_model.row_at(0)
    assert newest is not None and newest.channel == "whatsapp"
    assert newest.staff_name == manager.session.staff.display_name
    assert newest.granted == box.isChecked()

    path = tmp_path / "datos.json"
    panel.export_button.click()
    chooser = panel.file_dialog
    assert chooser is not None and chooser.testOption(QFileDialog.Option.DontUseNativeDialog)
    with qtbot.waitSignal(panel.jsonExported, timeout=30_000) as signal:
        chooser.selectFile(str(path))
        chooser.accept()
    assert signal.args == [path]
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["customer_id"] == customer_id
    with read_session(live_server.engine) as session:
        orders = set(session.exec(select(Order.id).where(Order.customer_id == customer_id)))
    assert orders and {o["id"] for o in data["records"]["order"]} == orders
    assert str(path) in panel.outcome.text()
    assert "gdpr_export" in _audit_actions(live_server)


def test_erasure_from_the_360_removes_her_from_the_tablet(
    qtbot: QtBot, manager: Device, live_server: LiveServer
) -> None:
    customer_id, name = _customer_with_orders(manager)
    window = manager.window
    search = window.search_view

    def search_for_her() -> list[str]:
        window.search.clear()
        with qtbot.waitSignal(search.resultsShown, timeout=10_000):
            window.search.setText(name)
        return [
            h.customer_id for r in range(search.model.rowCount()) if (h := search.model.hit_at(r))
        ]

    assert customer_id in search_for_her()
    view = _open(qtbot, manager, customer_id)
    panel = view.gdpr_panel
    assert panel is not None
    panel.erase_button.click()
    dialog = panel.erase_dialog
    assert dialog is not None and dialog.isVisible()
    assert name in dialog.prompt.text()
    assert not dialog.erase_button.isEnabled()
    qtbot.keyClicks(dialog.typed, "someone else")
    assert not dialog.erase_button.isEnabled()
    dialog.typed.setText(name.upper())
    assert dialog.erase_button.isEnabled()
    with qtbot.waitSignal(panel.erased, timeout=30_000) as erased:
        dialog.erase_button.click()
    assert erased.args == [customer_id]
    assert window.stack.currentWidget() is search
    assert name in dialog.message.text() and not dialog.erase_button.isVisible()

    # The panel asked for a sync itself: she leaves the tablet without anyone syncing.
    qtbot.waitUntil(
        lambda: (
            manager.replica.read()
            .execute(f"SELECT 1 FROM {table('customer')} WHERE id = ?", (customer_id,))
            .fetchone()
            is None
        ),
        timeout=30_000,
    )
    assert customer_id not in search_for_her()
    assert outbox.rejected(manager.replica.read(), unseen_only=True) == []
    with read_session(live_server.engine) as session:
        assert session.get(Customer, customer_id) is None
    assert "gdpr_erasure" in _audit_actions(live_server)


def test_an_associate_sees_none_of_it(
    qtbot: QtBot, tablet: Device, live_server: LiveServer, tmp_path: Path
) -> None:
    customer_id, _ = _customer_with_orders(tablet)
    view = _open(qtbot, tablet, customer_id)
    assert view.gdpr_panel is None
    assert view.findChildren(GdprPanel) == []
    titles = [view.tabs.tabText(i) for i in range(view.tabs.count())]
    assert translate("CustomerView", "Data protection") not in titles

    dialog = ExportDialog(tablet.session, [customer_id], tablet.window)
    assert not dialog.export_button.isEnabled() and not dialog.error.isHidden()
    dialog.export_to(tmp_path / "x.csv", "email", "marketing", "csv")
    audit = AuditView(tablet.session)
    qtbot.addWidget(audit)
    audit.reload()
    assert not audit.message.isHidden() and not audit.loading
    assert not (tmp_path / "x.csv").exists()
    assert "export_customers" not in _audit_actions(live_server)


def test_offline_or_signed_in_offline_says_so_and_changes_nothing(
    qtbot: QtBot, manager: Device, live_server: LiveServer, tmp_path: Path, run: Runner
) -> None:
    customer_id, _ = _customer_with_orders(manager)
    view = _open(qtbot, manager, customer_id)
    panel = view.gdpr_panel
    assert panel is not None
    audit = AuditView(manager.session)
    qtbot.addWidget(audit)
    with qtbot.waitSignal(audit.loaded, timeout=10_000):
        audit.reload()
    loaded = list(audit.entries)
    before = _audit_actions(live_server)

    _go_offline(run, manager)
    dialog = ExportDialog(manager.session, [customer_id], manager.window)
    path = tmp_path / "offline.csv"
    with qtbot.waitSignal(dialog.failed, timeout=30_000) as failed:
        dialog.export_to(path, "email", "marketing", "csv")
    assert failed.args[0] == offline() and dialog.error.text() == offline()
    assert not path.exists() and dialog.export_button.isEnabled()

    panel.erase_button.click()
    erase = panel.erase_dialog
    assert erase is not None
    erase.typed.setText(erase.keyword())
    with qtbot.waitSignal(panel.failed, timeout=30_000):
        erase.erase_button.click()
    assert erase.message.text() == offline() and erase.erase_button.isEnabled()
    assert manager.window.stack.currentWidget() is view
    erase.reject()

    with qtbot.waitSignal(panel.failed, timeout=30_000):
        panel.export_to(tmp_path / "offline.json")
    assert not (tmp_path / "offline.json").exists()

    audit.reload()
    qtbot.waitUntil(lambda: not audit.loading, timeout=30_000)
    assert not audit.message.isHidden() and audit.message.text() == offline()
    assert audit.entries == loaded

    # Back online but signed in without the server: the manager is told to sign in again.
    manager.session.point_at(live_server.url)
    manager.session.staff_auth = None
    with qtbot.waitSignal(dialog.failed, timeout=10_000) as failed:
        dialog.export_to(path, "email", "marketing", "csv")
    assert failed.args[0] == signed_in_offline()
    with qtbot.waitSignal(panel.failed, timeout=10_000) as failed:
        panel.export_to(tmp_path / "offline.json")
    assert failed.args[0] == signed_in_offline()
    assert not path.exists()

    with read_session(live_server.engine) as session:
        assert session.get(Customer, customer_id) is not None
    assert _audit_actions(live_server) == before
