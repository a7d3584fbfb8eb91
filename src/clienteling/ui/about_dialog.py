"""About / Diagnostics: version, configuration sources, server, keyring, replica; support bundle.

Opened with ``AboutDialog(parent, data_dir=...).open()`` (never ``exec()``: a nested event loop
inside a qasync slot re-enters asyncio). Collecting runs on a plain thread because the server
check may wait for its timeout; the result comes back through a queued Qt signal.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clienteling import config, diagnostics
from clienteling.ui.retranslate import Retranslating

log = logging.getLogger(__name__)
Collector = Callable[[], diagnostics.Diagnostics]


class _Bridge(QObject):
    """Carries a worker thread's result back to the GUI thread."""

    done = Signal(object)


def default_collector(data_dir: Path | None) -> Collector:
    """Diagnostics for this window's replica folder (the demo's lives in a temporary folder)."""

    def collect() -> diagnostics.Diagnostics:
        try:
            loaded = config.load({"data_dir": data_dir})
        except config.ConfigError:
            return diagnostics.collect()  # reports the configuration error itself
        return diagnostics.collect(loaded)

    return collect


class AboutDialog(Retranslating, QDialog):
    collected = Signal(object)
    bundleWritten = Signal(str)

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        data_dir: Path | None = None,
        collect: Collector | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.resize(720, 560)
        self._collect = collect or default_collector(data_dir)
        self.diagnostics: diagnostics.Diagnostics | None = None
        self._bridge = _Bridge(self)
        self._bridge.done.connect(self._show, Qt.ConnectionType.QueuedConnection)
        self._busy = False

        self.title = QLabel()
        self.title.setObjectName("sectionTitle")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details_label = QLabel()
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setObjectName("diagnosticsDetails")
        self.refresh_button = QPushButton()
        self.refresh_button.clicked.connect(self.refresh)
        self.bundle_button = QPushButton()
        self.bundle_button.clicked.connect(self._choose_bundle_path)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.addButton(self.refresh_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.bundle_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        self.file_dialog: QFileDialog | None = None

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addWidget(self.details_label)
        layout.addWidget(self.details, 1)
        layout.addWidget(self.buttons)
        self.retranslate()
        self.refresh()

    # --- language ------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("About Clienteling"))
        self.title.setText(self.tr("Clienteling {0}").format(diagnostics.app_version()))
        self.details_label.setText(self.tr("Technical details (for IT support)"))
        self.refresh_button.setText(self.tr("Check again"))
        self.bundle_button.setText(self.tr("Save support bundle…"))
        if self.diagnostics is not None:
            self.summary.setText(self.summary_text(self.diagnostics))
        elif self._busy:
            self.summary.setText(self.tr("Checking the server, keyring and local data…"))

    # --- collecting ---------------------------------------------------------------------------

    def refresh(self) -> None:
        if self._busy:
            return
        self._busy = True
        self.refresh_button.setEnabled(False)
        self.bundle_button.setEnabled(False)
        self.summary.setText(self.tr("Checking the server, keyring and local data…"))
        threading.Thread(target=self._work, name="diagnostics", daemon=True).start()

    def _work(self) -> None:
        try:
            result: object = self._collect()
        except Exception as exc:
            log.exception("collecting diagnostics failed")
            result = exc
        try:
            self._bridge.done.emit(result)
        except RuntimeError:  # the dialog was closed and deleted while collecting
            log.debug("diagnostics finished after the dialog closed")

    def _show(self, result: object) -> None:
        self._busy = False
        self.refresh_button.setEnabled(True)
        if isinstance(result, diagnostics.Diagnostics):
            self.diagnostics = result
            self.bundle_button.setEnabled(True)
            self.summary.setText(self.summary_text(result))
            self.details.setPlainText(diagnostics.format_report(result))
            self.collected.emit(result)
        else:
            self.summary.setText(
                self.tr("The diagnostics could not be collected: {0}").format(result)
            )

    def summary_text(self, diag: diagnostics.Diagnostics) -> str:
        """One plain sentence per check, in the interface language."""
        server = diag.server
        texts = {
            "ok": self.tr("The server answers ({0} ms).").format(server.latency_ms),
            "not_configured": self.tr("No server is configured yet: enrol this tablet."),
            "insecure": self.tr(
                "The server address uses plain http://, which would send passwords and customer "
                "data unencrypted: the app refuses it. Use its https:// address."
            ),
            "unreachable": self.tr(
                "The server cannot be reached: check the network connection. Your edits are "
                "kept on this tablet and will be sent later."
            ),
            "timeout": self.tr("The server did not answer in time: it may be down or blocked."),
            "tls": self.tr(
                "The server's certificate is not trusted: IT may need to configure a CA bundle."
            ),
            "http_error": self.tr("The configured address does not answer like our server."),
            "not_clienteling": self.tr("The configured address does not answer like our server."),
        }
        lines = [texts[server.status]]
        if diag.config_error:
            lines.append(self.tr("The configuration has an error; see the details."))
        if diag.keyring.ok:
            lines.append(self.tr("Device token store: {0}.").format(diag.keyring.backend))
        else:
            lines.append(self.tr("No secure keyring is available; see the details."))
        replica = diag.replica
        if replica.exists:
            lines.append(
                self.tr("Local data: {0} MB, last sync {1}, {2} edits waiting.").format(
                    f"{replica.size_bytes / 1e6:.1f}",
                    replica.last_sync_at or self.tr("never"),
                    replica.pending_edits or 0,
                )
            )
        else:
            lines.append(self.tr("No local data yet."))
        return "\n".join(lines)

    # --- support bundle ------------------------------------------------------------------------

    def _choose_bundle_path(self) -> None:
        dialog = QFileDialog(self, self.tr("Save support bundle"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(self.tr("Zip files (*.zip)"))
        dialog.setDefaultSuffix("zip")
        dialog.selectFile("clienteling-support.zip")
        dialog.fileSelected.connect(lambda path: self.write_bundle(Path(path)))
        dialog.finished.connect(dialog.deleteLater)
        self.file_dialog = dialog
        dialog.open()

    def write_bundle(self, destination: Path) -> Path | None:
        """Write the zip for the diagnostics on screen; says where (or why not) in the summary."""
        if self.diagnostics is None:
            return None
        try:
            path = diagnostics.write_bundle(self.diagnostics, destination)
        except OSError as exc:
            self.summary.setText(self.tr("The support bundle could not be saved: {0}").format(exc))
            return None
        self.summary.setText(
            self.tr("Support bundle saved to {0}. It contains no customer data.").format(path)
        )
        self.bundleWritten.emit(str(path))
        return path
