"""Give customers a personal assistant: the server records it and puts a follow-up task on the
assistant's "My day"; this tablet then syncs to show the new assignments."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from clienteling.replica.customer_lists import StaffChoice
from clienteling.sync.client import SyncError
from clienteling.ui.session import Session

BATCH = 1000  # the server takes at most this many customers per call


class AssignDialog(QDialog):
    """Non-modal (``open()``): a nested event loop would stall the qasync loop."""

    assigned = Signal(int, int)  # customers newly assigned, tasks created

    def __init__(
        self,
        session: Session,
        customer_ids: list[str],
        staff: list[StaffChoice],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.customer_ids = list(dict.fromkeys(customer_ids))
        self.setObjectName("assignDialog")
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.assistant = QComboBox()
        self.assistant.setMinimumHeight(44)
        for s in staff:
            self.assistant.addItem(s.display_name, s.id)
        self.task_title = QLineEdit()
        self.task_title.setMinimumHeight(44)
        self.due_in = QSpinBox()
        self.due_in.setRange(0, 60)
        # Due today: the task then shows on her "My day" right after the next sync.
        self.due_in.setValue(0)
        self.due_in.setMinimumHeight(44)
        self.message = QLabel()
        self.message.setObjectName("formError")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.form = QFormLayout()
        self.labels = [QLabel() for _ in range(3)]
        for label, widget in zip(
            self.labels, (self.assistant, self.task_title, self.due_in), strict=True
        ):
            label.setBuddy(widget)
            self.form.addRow(label, widget)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self._done = 0
        self._tasks = 0
        self.retranslate()
        self.task_title.setText(self.tr("Introduce yourself as her personal assistant"))

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Assign to an assistant"))
        self.intro.setText(
            self.tr(
                "{0} customers will get this assistant, and she will find a follow-up task for "
                "each on her \u201cMy day\u201d."
            ).format(len(self.customer_ids))
        )
        for label, text in zip(
            self.labels,
            (self.tr("Assistant"), self.tr("Task"), self.tr("Due in (days)")),
            strict=True,
        ):
            label.setText(text)

    def submit(self) -> None:
        staff_id = self.assistant.currentData()
        if not staff_id:
            self.message.setText(self.tr("This store has no assistant to assign to."))
            return
        if not self.customer_ids:
            self.message.setText(self.tr("Select at least one customer."))
            return
        self.buttons.setEnabled(False)
        self.message.setText(self.tr("Assigning…"))
        self._send(0, str(staff_id))

    def _send(self, start: int, staff_id: str) -> None:
        batch = self.customer_ids[start : start + BATCH]
        if not batch:
            self.assigned.emit(self._done, self._tasks)
            self.session.request_sync()
            self.accept()
            return
        api = self.session.manager_api()
        self.session.call(
            api.assign(
                self.session.store_code,
                batch,
                staff_id,
                task_title=self.task_title.text().strip() or None,
                due_in_days=self.due_in.value(),
            ),
            lambda result: self._sent(result, start + len(batch), staff_id),
            self._failed,
        )

    def _sent(self, result: dict[str, Any], next_start: int, staff_id: str) -> None:
        self._done += int(result.get("assigned", 0))
        self._tasks += int(result.get("tasks_created", 0))
        self._send(next_start, staff_id)

    def _failed(self, exc: SyncError) -> None:
        self.buttons.setEnabled(True)
        done = (
            self.tr(" {0} were assigned before the error.").format(self._done) if self._done else ""
        )
        self.message.setText(self.tr("Not assigned: {0}").format(exc.message) + done)
