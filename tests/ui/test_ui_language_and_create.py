"""Switching language at runtime, and creating a customer with live duplicate warnings."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from clienteling.replica import queries
from clienteling.replica.schema import table
from clienteling.ui import i18n
from clienteling.ui.paths import resources_dir
from tests.ui.ui_helpers import Device


def test_switch_to_english_and_back(qtbot: QtBot, tablet: Device) -> None:
    window = tablet.window
    assert window is not None
    assert window.my_day_button.text() == "Mi día"
    assert window.customer_view.tabs.tabText(0) == "Historial"
    window.set_language("en")
    assert i18n.current_language() == "en"
    qtbot.waitUntil(lambda: window.my_day_button.text() == "My day")
    assert window.customer_view.tabs.tabText(0) == "Timeline"
    assert window.search_view.new_button.text() == "New customer"
    assert window.status.sync_button.text() == "Sync now"
    assert window.customer_view.timeline_model.headerData(0, Qt.Orientation.Horizontal) == "When"
    window.set_language("es")
    qtbot.waitUntil(lambda: window.my_day_button.text() == "Mi día")
    assert window.status.sync_button.text() == "Sincronizar ahora"
    assert window.customer_view.timeline_model.headerData(0, Qt.Orientation.Horizontal) == "Cuándo"


def test_create_customer_warns_about_duplicates(qtbot: QtBot, tablet: Device) -> None:
    window = tablet.window
    assert window is not None
    customer_id, phone = (
        tablet.replica.read()
        .execute(
            f"SELECT customer_id, value FROM {table('identity')} WHERE kind = 'phone' "
            "ORDER BY customer_id LIMIT 1"
        )
        .fetchone()
    )
    dialog = window.create_customer("")
    qtbot.keyClicks(dialog.first, "Ana")
    qtbot.keyClicks(dialog.last, "Prueba")
    qtbot.keyClicks(dialog.phone, phone)
    qtbot.waitUntil(lambda: dialog.duplicate_count() > 0, timeout=10_000)
    assert not dialog.warning.isHidden()
    assert "—" in dialog.warning.text() or "?" in dialog.warning.text()
    with qtbot.waitSignal(window.customer_view.loaded, timeout=10_000) as blocker:
        qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [customer_id]


def test_create_new_customer_is_searchable_and_pending(qtbot: QtBot, tablet: Device) -> None:
    window = tablet.window
    assert window is not None
    dialog = window.create_customer("Zoraida Quintanar")
    qtbot.keyClicks(dialog.phone, "+34 699 111 222")
    qtbot.waitUntil(lambda: dialog.buttons.button(QDialogButtonBox.StandardButton.Save).isEnabled())
    with qtbot.waitSignal(window.customer_view.loaded, timeout=10_000) as blocker:
        qtbot.mouseClick(
            dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
        )
    header = queries.customer_header(tablet.replica.read(), blocker.args[0])
    assert header is not None and header.pending and header.last_name == "Quintanar"
    assert window.customer_view.header.name.text() == "Zoraida Quintanar"


def test_translations_are_complete_and_compiled(tmp_path: Path) -> None:
    folder = resources_dir() / "i18n"
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    for lang in i18n.LANGUAGES:
        source = folder / f"clienteling_{lang}.ts"
        root = ElementTree.parse(source).getroot()  # noqa: S314 - our own .ts file
        # Every string belongs to the class that shows it: an empty context never translates.
        assert all(context.findtext("name") for context in root.findall("context"))
        messages = root.findall("./context/message")
        assert messages
        for message in messages:
            translation = message.find("translation")
            assert translation is not None and translation.get("type") != "unfinished"
            assert translation.text or translation.findall("numerusform")
        if lrelease.exists():
            fresh = tmp_path / f"{lang}.qm"
            subprocess.run([str(lrelease), "-silent", str(source), "-qm", str(fresh)], check=True)
            assert fresh.read_bytes() == (folder / f"clienteling_{lang}.qm").read_bytes()
