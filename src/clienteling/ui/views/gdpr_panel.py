"""Data protection in the customer 360, for managers only: her data export (GDPR access
request), her erasure, and the full consent history with who recorded what, when and where.

Export and erasure run on the server with the manager's own sign-in and are audit-logged
there; the erasure reaches this tablet (and every other) as deletions at the next sync.
"""

from __future__ import annotations

import asyncio
import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QDir,
    QStandardPaths,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clienteling.replica import queries
from clienteling.replica.queries import ConsentEvent
from clienteling.replica.search import fold
from clienteling.replica.store import Replica
from clienteling.ui import fmt
from clienteling.ui.models.rows import Column, RowsModel
from clienteling.ui.retranslate import Retranslating
from clienteling.ui.session import Session
from clienteling.ui.views.export_dialog import (
    error_text,
    fit_height,
    purpose_label,
    write_atomically,
)
from clienteling.ui.widgets.tables import table_view

translate = QCoreApplication.translate

ERASE_KEYWORD_ES = "borrar"


SOURCE_LABELS = fmt.LabelTable(
    "GdprPanel",
    {
        "store": QT_TRANSLATE_NOOP("GdprPanel", "in store"),
        "web": QT_TRANSLATE_NOOP("GdprPanel", "web shop"),
        "app": QT_TRANSLATE_NOOP("GdprPanel", "app"),
        "unsubscribe_link": QT_TRANSLATE_NOOP("GdprPanel", "unsubscribe link"),
        "seed": QT_TRANSLATE_NOOP("GdprPanel", "initial import"),
    },
)


def source_label(source: str) -> str:
    return SOURCE_LABELS.get(source, source)


def consent_place(event: ConsentEvent) -> str:
    """Where it was recorded: the store, then how (in store, web shop, app…)."""
    parts = [p for p in (event.store_name, source_label(event.source)) if p]
    return " · ".join(parts) or "—"


def save_json(path: Path, data: dict[str, Any]) -> Path:
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)
    write_atomically(path, lambda target: target.write_text(text + "\n", encoding="utf-8"))
    return path


class EraseDialog(Retranslating, QDialog):
    """Asks the manager to type her name (or the keyword) before an erasure that is final."""

    confirmed = Signal()

    def __init__(self, customer_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.customer_name = customer_name
        self.setObjectName("eraseDialog")
        self.setMinimumWidth(560)
        self.done_ = False
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.prompt = QLabel()
        self.prompt.setWordWrap(True)
        self.typed = QLineEdit()
        self.typed.textChanged.connect(self._update)
        self.typed.returnPressed.connect(self._confirm)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.hide()
        self.cancel_button = QPushButton()
        self.cancel_button.clicked.connect(self.reject)
        self.erase_button = QPushButton()
        self.erase_button.setObjectName("primary")
        self.erase_button.clicked.connect(self._confirm)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.erase_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addWidget(self.prompt)
        layout.addWidget(self.typed)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.retranslate()
        self._update()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        fit_height(self)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Erase customer"))
        self.explanation.setText(
            self.tr(
                "Erasing {0} deletes everything held about her — profile, purchases, returns, "
                "loyalty points and coupons, consents, notes and tasks — on the server and, at "
                "their next sync, on every tablet. It cannot be undone. If she also asked for a "
                "copy of her data, export it first."
            ).format(self.customer_name)
        )
        self.prompt.setText(
            self.tr("To confirm, type her name ({0}) or the word “{1}”:").format(
                self.customer_name, self.keyword()
            )
        )
        self.erase_button.setText(self.tr("Erase for good"))
        self.cancel_button.setText(self.tr("Close") if self.done_ else self.tr("Cancel"))

    def keyword(self) -> str:
        return self.tr("ERASE")

    def matches(self, text: str) -> bool:
        typed = " ".join(fold(text).split())
        accepted = {
            " ".join(fold(self.customer_name).split()),
            fold(self.keyword()),
            ERASE_KEYWORD_ES,
        }
        return bool(typed) and typed in accepted

    def _update(self) -> None:
        self.erase_button.setEnabled(not self.done_ and self.matches(self.typed.text()))

    def _confirm(self) -> None:
        if self.erase_button.isEnabled():
            self.erase_button.setEnabled(False)
            self.typed.setEnabled(False)
            self.show_message(self.tr("Erasing…"), error=False)
            self.confirmed.emit()

    def show_message(self, text: str, *, error: bool) -> None:
        self.message.setObjectName("rejectedBanner" if error else "inlineMessage")
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        self.message.setText(text)
        self.message.show()
        fit_height(self)

    def failed(self, text: str) -> None:
        self.typed.setEnabled(True)
        self.show_message(text, error=True)
        self._update()

    def succeeded(self, text: str) -> None:
        self.done_ = True
        self.erase_button.hide()
        self.show_message(text, error=False)
        self.retranslate()


class GdprPanel(Retranslating, QGroupBox):
    """The manager's data protection box for the customer shown in the 360."""

    jsonExported = Signal(object)
    erased = Signal(str)
    failed = Signal(str)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("gdprPanel")
        self.customer_id: str | None = None
        self.customer_name = ""
        self.busy = False
        self.file_dialog: QFileDialog | None = None
        self.erase_dialog: EraseDialog | None = None
        self._ticket = 0
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.export_button = QPushButton()
        self.export_button.clicked.connect(self.choose_export_file)
        self.erase_button = QPushButton()
        self.erase_button.clicked.connect(self.start_erase)
        self.outcome = QLabel()
        self.outcome.setObjectName("inlineMessage")
        self.outcome.setWordWrap(True)
        self.outcome.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.outcome.hide()
        self.error = QLabel()
        self.error.setObjectName("rejectedBanner")
        self.error.setWordWrap(True)
        self.error.hide()
        self.history_title = QLabel()
        self.history_title.setObjectName("sectionTitle")
        self.history_model: RowsModel[ConsentEvent] = RowsModel(
            [
                Column(lambda: translate("GdprPanel", "When"), lambda e: fmt.when(e.recorded_at)),
                Column(lambda: translate("GdprPanel", "Channel"), lambda e: fmt.channel(e.channel)),
                Column(
                    lambda: translate("GdprPanel", "Purpose"), lambda e: purpose_label(e.purpose)
                ),
                Column(
                    lambda: translate("GdprPanel", "Decision"),
                    lambda e: (
                        translate("GdprPanel", "granted")
                        if e.granted
                        else translate("GdprPanel", "withdrawn")
                    ),
                ),
                Column(lambda: translate("GdprPanel", "Who"), lambda e: e.staff_name or "—"),
                Column(lambda: translate("GdprPanel", "Where"), consent_place),
                Column(
                    lambda: translate("GdprPanel", "Sync"), lambda e: fmt.pending_mark(e.pending)
                ),
            ],
            self,
        )
        self.history_view = table_view(self.history_model)
        header = self.history_view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.history_empty = QLabel()
        self.history_empty.setObjectName("emptyState")
        buttons = QHBoxLayout()
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.erase_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(buttons)
        layout.addWidget(self.outcome)
        layout.addWidget(self.error)
        layout.addWidget(self.history_title)
        layout.addWidget(self.history_empty)
        layout.addWidget(self.history_view, 1)
        self.retranslate()
        self._update_actions()

    # --- language ------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setTitle(self.tr("Data protection (GDPR)"))
        self.intro.setText(
            self.tr(
                "Only managers see this. Her data export and her erasure are done on the "
                "server and recorded in the audit log."
            )
        )
        self.export_button.setText(self.tr("Export data (JSON)…"))
        self.erase_button.setText(self.tr("Erase customer…"))
        self.history_title.setText(self.tr("Consent history"))
        self.history_empty.setText(self.tr("No consent was ever recorded for her."))
        self.history_model.retranslate()

    # --- customer ------------------------------------------------------------------------------

    def set_customer(self, customer_id: str | None, display_name: str = "") -> None:
        if customer_id != self.customer_id:
            self.outcome.hide()
            self.error.hide()
            self.history_model.set_rows([])
        self.customer_id = customer_id
        self.customer_name = display_name
        self._update_actions()
        self.reload()

    def reload(self) -> None:
        customer_id = self.customer_id
        if customer_id is None:
            return
        self._ticket += 1
        ticket = self._ticket

        def query(replica: Replica) -> list[ConsentEvent]:
            return queries.consent_history(replica.read(), customer_id)

        self.session.read(query, lambda events: self._history(ticket, events))

    def _history(self, ticket: int, events: list[ConsentEvent]) -> None:
        if ticket != self._ticket:
            return
        self.history_model.set_rows(events)
        self.history_empty.setVisible(not events)

    def _update_actions(self) -> None:
        ready = self.session.is_manager and self.customer_id is not None and not self.busy
        self.export_button.setEnabled(ready)
        self.erase_button.setEnabled(ready)

    def _show_outcome(self, text: str) -> None:
        self.error.hide()
        self.outcome.setText(text)
        self.outcome.show()

    def _show_error(self, text: str) -> None:
        self.outcome.hide()
        self.error.setText(text)
        self.error.show()
        self.failed.emit(text)

    # --- data export ---------------------------------------------------------------------------

    def _default_json_path(self) -> Path:
        folder = (
            QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
            or QDir.homePath()
        )
        slug = re.sub(r"[^a-z0-9]+", "-", fold(self.customer_name)).strip("-") or "cliente"
        return Path(folder) / f"datos-{slug}-{date.today().isoformat()}.json"

    def choose_export_file(self) -> QFileDialog:
        """A Qt (not native) save dialog, opened without blocking the event loop."""
        default = self._default_json_path()
        dialog = QFileDialog(self, self.tr("Save her data as"), str(default.parent))
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("json")
        dialog.setNameFilter(self.tr("JSON files (*.json)"))
        dialog.selectFile(default.name)
        dialog.fileSelected.connect(lambda chosen: self.export_to(Path(chosen)))
        dialog.finished.connect(dialog.deleteLater)
        self.file_dialog = dialog
        dialog.open()
        return dialog

    def export_to(self, path: Path) -> None:
        """Save everything the server holds about her to ``path`` (a GDPR access request)."""
        customer_id = self.customer_id
        if customer_id is None or self.busy:
            return
        self._set_busy(True)
        self._show_outcome(self.tr("Asking the server for her data…"))
        task = self.session.call(
            self.session.manager_api().export_customer(customer_id),
            lambda data: self._export_received(path, data),
            lambda exc: self._failed(error_text(exc)),
        )
        if task is None:
            self._failed(self.tr("The session has ended: sign in again."))

    def _export_received(self, path: Path, data: dict[str, Any]) -> None:
        self.session.worker.submit(
            lambda: save_json(path, data),
            lambda saved: self._exported(Path(saved), data),
            lambda exc: self._failed(
                self.tr("The file could not be written: {0}").format(
                    exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
                )
            ),
        )

    def _exported(self, path: Path, data: dict[str, Any]) -> None:
        self._set_busy(False)
        records = sum(len(rows) for rows in data.get("records", {}).values())
        self._show_outcome(
            self.tr("Her data ({0} records) was saved to {1}. Give her this file.").format(
                records, path
            )
        )
        self.jsonExported.emit(path)

    # --- erasure -------------------------------------------------------------------------------

    def start_erase(self) -> EraseDialog | None:
        if self.customer_id is None or self.busy:
            return None
        dialog = EraseDialog(self.customer_name, self)
        dialog.confirmed.connect(lambda: self._erase(dialog))
        dialog.finished.connect(dialog.deleteLater)
        self.erase_dialog = dialog
        dialog.open()
        return dialog

    def _erase(self, dialog: EraseDialog) -> None:
        customer_id = self.customer_id
        if customer_id is None or self.busy:
            return
        name = self.customer_name
        self._set_busy(True)

        def failed(text: str) -> None:
            self._failed(text)
            if shiboken6.isValid(dialog):
                dialog.failed(text)

        api = self.session.manager_api()
        # Her edits still queued here go first, or the server would refuse them afterwards.
        # (Started outside the call: the session's sync_now() waits for running calls too.)
        online = api.signed_in_online and self.session.state.online
        pushing = self.session.request_sync() if online else None

        async def erase() -> dict[str, Any]:
            if pushing is not None:
                await asyncio.wait([pushing])
            return await api.erase_customer(customer_id)

        task = self.session.call(
            erase(),
            lambda result: self._erased(dialog, customer_id, name, result),
            lambda exc: failed(error_text(exc)),
        )
        if task is None:
            failed(self.tr("The session has ended: sign in again."))

    def _erased(
        self, dialog: EraseDialog, customer_id: str, name: str, result: dict[str, Any]
    ) -> None:
        self._set_busy(False)
        text = self.tr(
            "{0} was erased on the server ({1} records). This tablet removes her at its next "
            "sync, which starts now."
        ).format(name, result.get("rows_removed", 0))
        if shiboken6.isValid(dialog):
            dialog.succeeded(text)
        self._show_outcome(text)
        # Once this call has finished: the session skips a sync while a call is running.
        QTimer.singleShot(0, self.session.request_sync)
        self.erased.emit(customer_id)

    def _failed(self, text: str) -> None:
        self._set_busy(False)
        self._show_error(text)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self._update_actions()
