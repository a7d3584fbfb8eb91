"""The always-visible sync area: online or not, last sync, edits waiting, and what went wrong."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from clienteling.sync.engine import SyncState
from clienteling.ui import fmt
from clienteling.ui.retranslate import Retranslating


class SyncStatusBar(Retranslating, QFrame):
    syncRequested = Signal()
    rejectionsDismissed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncStatus")
        self._state = SyncState()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 4, 12, 4)
        self.dot = QLabel("●")
        self.dot.setObjectName("syncDot")
        self.online_label = QLabel()
        self.last_label = QLabel()
        self.pending_label = QLabel()
        self.error_label = QLabel()
        self.error_label.setObjectName("syncError")
        self.error_label.setWordWrap(True)
        self.rejected_button = QPushButton()
        self.rejected_button.setObjectName("rejectedButton")
        self.rejected_button.clicked.connect(self.rejectionsDismissed)
        self.sync_button = QPushButton()
        self.sync_button.clicked.connect(self.syncRequested)
        for widget in (self.dot, self.online_label, self.last_label, self.pending_label):
            layout.addWidget(widget)
        layout.addWidget(self.error_label, 1)
        layout.addWidget(self.rejected_button)
        layout.addWidget(self.sync_button)
        self.retranslate()

    def set_state(self, state: SyncState) -> None:
        self._state = state
        self.retranslate()

    @property
    def state(self) -> SyncState:
        return self._state

    def _plain_error(self, state: SyncState) -> str:
        """What the assistant needs to know; the technical detail stays in the tooltip."""
        if not state.last_error:
            return ""
        if state.online is False:
            return self.tr(
                "Cannot reach the server. Your edits are kept on this tablet and will be sent "
                "when the connection is back."
            )
        return self.tr("Sync problem: {0}").format(state.last_error)

    def retranslate(self) -> None:
        state = self._state
        if state.syncing:
            status, colour = self.tr("Syncing…"), "syncing"
        elif state.online is False:
            status, colour = self.tr("Offline — working from this tablet"), "offline"
        elif state.online:
            status, colour = self.tr("Online"), "online"
        else:
            status, colour = self.tr("Not synced yet"), "unknown"
        self.online_label.setText(status)
        self.dot.setProperty("state", colour)
        self.dot.style().unpolish(self.dot)
        self.dot.style().polish(self.dot)
        self.last_label.setText(self.tr("Last sync: {0}").format(fmt.when(state.last_sync_at)))
        self.pending_label.setText(
            self.tr("%n edit(s) waiting to sync", "", state.pending)
            if state.pending
            else self.tr("All edits synced")
        )
        self.error_label.setText(self._plain_error(state))
        self.error_label.setToolTip(state.last_error or "")
        self.rejected_button.setVisible(state.rejected_unseen > 0)
        self.rejected_button.setText(
            self.tr("%n edit(s) refused by the server — OK", "", state.rejected_unseen)
        )
        self.sync_button.setText(self.tr("Sync now"))
        self.sync_button.setEnabled(not state.syncing)
