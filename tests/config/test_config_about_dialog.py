"""The About / Diagnostics dialog: collects off the GUI thread, shows translated summaries,
writes the support bundle."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest
from config_helpers import ConfigFiles
from pytestqt.qtbot import QtBot

from clienteling import diagnostics
from clienteling.ui.about_dialog import AboutDialog

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def test_dialog_shows_diagnostics_and_writes_a_bundle(
    qtbot: QtBot, config_files: ConfigFiles, tmp_path: Path
) -> None:
    def collect() -> diagnostics.Diagnostics:
        return diagnostics.collect(log_folder=tmp_path / "logs", timeout=0.5)

    dialog = AboutDialog(collect=collect)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.collected, timeout=10_000):
        dialog.open()
    assert dialog.isVisible()
    assert diagnostics.app_version() in dialog.title.text()
    assert "No server is configured yet" in dialog.summary.text()
    assert "No local data yet." in dialog.summary.text()
    assert "Configuration:" in dialog.details.toPlainText()
    assert dialog.bundle_button.isEnabled()

    with qtbot.waitSignal(dialog.bundleWritten) as written:
        path = dialog.write_bundle(tmp_path / "bundle.zip")
    assert path is not None and written.args == [str(path)]
    with zipfile.ZipFile(path) as zf:
        assert "diagnostics.json" in zf.namelist()
    assert "no customer data" in dialog.summary.text()

    with qtbot.waitSignal(dialog.collected, timeout=10_000):
        dialog.refresh_button.click()
    dialog.close()


def test_a_failing_collector_is_reported(qtbot: QtBot) -> None:
    def broken() -> diagnostics.Diagnostics:
        raise RuntimeError("disk on fire")

    dialog = AboutDialog(collect=broken)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: "disk on fire" in dialog.summary.text(), timeout=10_000)
    assert not dialog.bundle_button.isEnabled()
    assert dialog.write_bundle(Path("unused.zip")) is None
