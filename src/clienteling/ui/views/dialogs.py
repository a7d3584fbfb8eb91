"""Dialogs shown with ``open()`` and answered by signals (never ``exec()`` under qasync)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clienteling.replica import edits
from clienteling.replica.search import CustomerHit, find_duplicates, fold
from clienteling.replica.store import Replica
from clienteling.ui.models.search_model import SearchModel
from clienteling.ui.retranslate import Retranslating
from clienteling.ui.session import Session

translate = QCoreApplication.translate


def duplicate_reason(hit: CustomerHit, phone: str, email: str, name: str) -> str:
    """Why this customer may be the same person, for the warning line."""
    if hit.exact and phone and hit.phone and hit.phone[-6:] in "".join(filter(str.isdigit, phone)):
        return translate("CreateCustomerDialog", "same phone")
    if hit.exact and email and hit.email and hit.email.lower() == email.strip().lower():
        return translate("CreateCustomerDialog", "same e-mail")
    if hit.exact:
        return translate("CreateCustomerDialog", "same phone or e-mail")
    if fold(hit.display_name) == fold(name):
        return translate("CreateCustomerDialog", "same name")
    return translate("CreateCustomerDialog", "similar name")


class CreateCustomerDialog(Retranslating, QDialog):
    """New customer in store, warning live about possible duplicates."""

    created = Signal(str)
    openExisting = Signal(str)

    def __init__(self, session: Session, initial: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("createCustomer")
        self.setMinimumWidth(560)
        self.first = QLineEdit()
        self.last = QLineEdit()
        self.phone = QLineEdit()
        self.email = QLineEdit()
        self.language = QComboBox()
        self.language.addItem("Español", "es")
        self.language.addItem("English", "en")
        words = initial.split()
        if words and not any(ch.isdigit() for ch in initial):
            self.first.setText(words[0])
            self.last.setText(" ".join(words[1:]))
        self.form = QFormLayout()
        self.labels = [QLabel() for _ in range(5)]
        for label, field in zip(
            self.labels,
            (self.first, self.last, self.phone, self.email, self.language),
            strict=True,
        ):
            self.form.addRow(label, field)
        self.warning = QLabel()
        self.warning.setObjectName("duplicateWarning")
        self.warning.setWordWrap(True)
        self.warning.hide()
        self.duplicates = SearchModel(self)
        self.duplicate_list = QListView()
        self.duplicate_list.setModel(self.duplicates)
        self.duplicate_list.setWordWrap(True)
        self.duplicate_list.setMaximumHeight(160)
        self.duplicate_list.hide()
        self.duplicate_list.activated.connect(self._open_existing)
        self.duplicate_list.clicked.connect(self._open_existing)
        self.open_button = QPushButton()
        self.open_button.hide()
        self.open_button.clicked.connect(lambda: self._open_existing(self.duplicates.index(0, 0)))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.warning)
        layout.addWidget(self.duplicate_list)
        layout.addWidget(self.open_button)
        layout.addWidget(self.buttons)
        self._ticket = 0
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(200)
        self._debounce.timeout.connect(self._check)
        for field in (self.first, self.last, self.phone, self.email):
            field.textChanged.connect(self._debounce.start)
        self.retranslate()
        self._update_save()
        if initial:
            self._debounce.start()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("New customer"))
        for label, text in zip(
            self.labels,
            (
                self.tr("First name"),
                self.tr("Last names"),
                self.tr("Mobile phone"),
                self.tr("E-mail"),
                self.tr("Language"),
            ),
            strict=True,
        ):
            label.setText(text)
        self.open_button.setText(self.tr("Open her instead"))

    def _update_save(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(
            bool(self.first.text().strip())
        )

    def _check(self) -> None:
        self._update_save()
        first, last = self.first.text().strip(), self.last.text().strip()
        phone, email = self.phone.text().strip(), self.email.text().strip()
        self._ticket += 1
        ticket = self._ticket

        def query(replica: Replica) -> list[CustomerHit]:
            return find_duplicates(
                replica.read(),
                first_name=first,
                last_name=last,
                email=email or None,
                phone=phone if len(phone) >= 6 else None,
            )

        self.session.read(query, lambda hits: self._show(ticket, hits, phone, email))

    def _show(self, ticket: int, hits: list[CustomerHit], phone: str, email: str) -> None:
        if ticket != self._ticket:
            return
        self.duplicates.set_hits(hits)
        visible = bool(hits)
        self.warning.setVisible(visible)
        self.duplicate_list.setVisible(visible)
        self.open_button.setVisible(visible)
        if hits:
            name = f"{self.first.text()} {self.last.text()}".strip()
            first = hits[0]
            self.warning.setText(
                self.tr("{0}, {1} — open her instead?").format(
                    first.display_name, duplicate_reason(first, phone, email, name)
                )
            )

    def duplicate_count(self) -> int:
        return self.duplicates.rowCount()

    def _open_existing(self, index: QModelIndex) -> None:
        hit = self.duplicates.hit_at(index.row())
        if hit is not None:
            self.openExisting.emit(hit.customer_id)
            self.accept()

    def _save(self) -> None:
        first = self.first.text().strip()
        if not first:
            return
        last = self.last.text().strip()
        phone = self.phone.text().strip() or None
        email = self.email.text().strip() or None
        language = self.language.currentData() or "es"
        result: dict[str, str] = {}

        def change(replica: Replica, staff_id: str) -> None:
            result["id"] = edits.create_customer(
                replica,
                first,
                last,
                email=email,
                phone=phone,
                preferred_language=language,
                staff_id=staff_id,
            )

        def done() -> None:
            self.created.emit(result["id"])
            self.accept()

        self.session.edit(change, done)


class EnrolDialog(QDialog):
    """First run: which server, which store, and a manager who vouches for this tablet."""

    submitted = Signal(str, str, str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.server = QLineEdit("http://127.0.0.1:8000")
        self.store = QLineEdit()
        self.username = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.error = QLabel()
        self.error.setObjectName("syncError")
        self.error.setWordWrap(True)
        self.labels = [QLabel() for _ in range(4)]
        form = QFormLayout()
        for label, field in zip(
            self.labels, (self.server, self.store, self.username, self.password), strict=True
        ):
            form.addRow(label, field)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self._submit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Set up this tablet"))
        self.intro.setText(
            self.tr("A store manager signs in once to register this tablet for the store.")
        )
        for label, text in zip(
            self.labels,
            (
                self.tr("Server address"),
                self.tr("Store code"),
                self.tr("Manager user"),
                self.tr("Password"),
            ),
            strict=True,
        ):
            label.setText(text)

    def show_error(self, message: str) -> None:
        self.error.setText(message)

    def _submit(self) -> None:
        self.submitted.emit(
            self.server.text().strip(),
            self.store.text().strip().upper(),
            self.username.text().strip(),
            self.password.text(),
        )


class ReplicaLockedDialog(QDialog):
    """The customer data cannot be decrypted: say why, and rebuild only if the user says so."""

    rebuild = Signal()

    def __init__(
        self, detail: str, *, can_rebuild: bool = True, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("replicaLocked")
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.consequence = QLabel()
        self.consequence.setWordWrap(True)
        self.consequence.setVisible(can_rebuild)
        self.detail = QLabel(detail)
        self.detail.setObjectName("syncError")
        self.detail.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        self.rebuild_button = QPushButton()
        self.rebuild_button.setVisible(can_rebuild)
        self.buttons.addButton(self.rebuild_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        self.quit_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.rebuild_button.clicked.connect(self._rebuild)
        self.quit_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.consequence)
        layout.addWidget(self.detail)
        layout.addWidget(self.buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Customer data locked"))
        self.intro.setText(
            self.tr(
                "The customer data on this tablet is encrypted and cannot be opened: its key is "
                "missing or does not match. If the tablet's keyring is locked, or someone else "
                "is signed in to the computer, fix that and start the app again."
            )
        )
        self.consequence.setText(
            self.tr(
                "Otherwise the data can be downloaded again from the server. Edits made on this "
                "tablet that were not sent yet cannot be recovered and will be lost. A store "
                "manager then registers the tablet again."
            )
        )
        self.rebuild_button.setText(self.tr("Delete it and download again"))
        self.quit_button.setText(self.tr("Quit"))

    def _rebuild(self) -> None:
        self.accept()
        self.rebuild.emit()


class WipedDialog(Retranslating, QDialog):
    """The server had this tablet wiped: say so in plain words before enrolling it again."""

    def __init__(self, code: str, problem: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tabletWiped")
        self.code = code
        self.message = QLabel()
        self.message.setObjectName("wipeMessage")
        self.message.setWordWrap(True)
        self.next_step = QLabel()
        self.next_step.setWordWrap(True)
        self.problem = QLabel(problem)
        self.problem.setObjectName("syncError")
        self.problem.setWordWrap(True)
        self.problem.setVisible(bool(problem))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.next_step)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("This tablet was erased"))
        if self.code == "device_lost":
            self.message.setText(
                self.tr(
                    "A manager reported this tablet as lost, so the customer data on it has "
                    "been erased. Edits that had not been sent were erased too."
                )
            )
        else:
            self.message.setText(
                self.tr(
                    "A manager retired this tablet. The edits made on it were sent to the "
                    "server first; then the customer data on it was erased."
                )
            )
        self.next_step.setText(
            self.tr("To use it again, a store manager has to set it up (enrol it) again.")
        )
