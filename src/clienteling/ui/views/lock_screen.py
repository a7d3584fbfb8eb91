"""The shared tablet's lock and sign-in screen: who is using the tablet, and proof of it.

It fills the whole window (customer screens are not shown behind it) and offers: the assistants
who can sign in here with their PIN (a big button each, then a PIN pad), a password sign-in
(online), and right after a password sign-in the choice of a PIN for this tablet. When the
tablet has not synced for too long it only explains that and offers to sync. The work (argon2,
the server) is done by ``SignInService``; this widget only shows and asks.
"""

from __future__ import annotations

import math
from datetime import datetime

from PySide6.QtCore import QRegularExpression, Qt, QTimer, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from clienteling.replica import pins
from clienteling.replica.policy import Staleness
from clienteling.sync.client import Offline, SyncError, TooManyAttempts
from clienteling.ui import fmt
from clienteling.ui.retranslate import Retranslating
from clienteling.ui.session import StaffMember
from clienteling.ui.signin_service import SignedIn, SignInService

# Touch targets: PIN keys and name buttons well above the 48 px minimum for a finger.
KEY_SIZE = (88, 64)
PERSON_HEIGHT = 72


class PinPad(Retranslating, QWidget):
    """Digits 0–9, erase and OK as big buttons, typing into ``field``."""

    submitted = Signal()

    def __init__(self, field: QLineEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        grid = QGridLayout(self)
        grid.setSpacing(10)
        self.keys: dict[str, QPushButton] = {}
        for n, digit in enumerate("123456789"):
            self.keys[digit] = self._key(digit)
            grid.addWidget(self.keys[digit], n // 3, n % 3)
        self.erase = self._key("⌫")
        self.erase.clicked.disconnect()
        self.erase.clicked.connect(self.field.backspace)
        self.keys["0"] = self._key("0")
        self.ok = self._key("")
        self.ok.setObjectName("pinOk")
        self.ok.clicked.disconnect()
        self.ok.clicked.connect(self.submitted)
        grid.addWidget(self.erase, 3, 0)
        grid.addWidget(self.keys["0"], 3, 1)
        grid.addWidget(self.ok, 3, 2)
        self.retranslate()

    def _key(self, text: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName("pinKey")
        button.setMinimumSize(*KEY_SIZE)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.clicked.connect(lambda: self.field.insert(text))
        return button

    def retranslate(self) -> None:
        self.ok.setText(self.tr("OK"))
        self.erase.setAccessibleName(self.tr("Delete the last digit"))

    def type_pin(self, pin: str) -> None:
        """Press the keys of ``pin`` (what a finger does; tests use it)."""
        for digit in pin:
            self.keys[digit].click()


def _pin_field() -> QLineEdit:
    field = QLineEdit()
    field.setObjectName("pinField")
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setMaxLength(pins.PIN_MAX_DIGITS)
    field.setValidator(QRegularExpressionValidator(QRegularExpression(r"[0-9]{0,8}")))
    field.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return field


def _label(name: str = "", wrap: bool = True) -> QLabel:
    label = QLabel()
    if name:
        label.setObjectName(name)
    label.setWordWrap(wrap)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return label


class LockScreen(Retranslating, QWidget):
    """Covers the tablet until someone proves who she is (or the tablet syncs, when stale)."""

    signedIn = Signal(object)  # SignedIn, once her PIN step (if any) is done
    syncRequested = Signal()

    def __init__(
        self, service: SignInService, store_code: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("lockScreen")
        self.service = service
        self.store_code = store_code
        self.current: StaffMember | None = None
        self.roster: list[pins.CachedStaff] = []
        self.chosen: pins.CachedStaff | None = None
        self.stale: Staleness | None = None
        self._notice: str = ""
        self._route = False
        self._waiting: str | None = None  # "pin" | "password" | "set_pin": answers we expect
        self._pending: SignedIn | None = None
        self._new_pin: str | None = None
        self._wait_until: datetime | None = None
        self._pin_state: tuple[str, int] = ("", 0)  # last PIN message kind and number
        self._password_state: tuple[str, str] = ("", "")
        self._set_state: tuple[str, str] = ("", "")

        self.pages = QStackedWidget()
        self._build_people()
        self._build_pin()
        self._build_password()
        self._build_set_pin()
        self._build_stale()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.addWidget(self.pages)

        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._tick)
        service.rosterChanged.connect(self._on_roster)
        service.stalenessChanged.connect(self.set_staleness)
        service.signedIn.connect(self._on_signed_in)
        service.pinRefused.connect(self._on_pin_refused)
        service.passwordRefused.connect(self._on_password_refused)
        service.pinSaved.connect(self._on_pin_saved)
        service.pinNotAllowed.connect(self._on_pin_not_allowed)
        self.retranslate()

    # --- building -----------------------------------------------------------------------------

    def _page(self) -> tuple[QFrame, QVBoxLayout]:
        page = QFrame()
        page.setObjectName("lockPage")
        layout = QVBoxLayout(page)
        layout.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.setSpacing(14)
        self.pages.addWidget(page)
        return page, layout

    def _build_people(self) -> None:
        self.people_page, layout = self._page()
        self.title = _label("lockTitle")
        self.notice = _label("lockNotice")
        self.people = QWidget()
        self.people_grid = QGridLayout(self.people)
        self.people_grid.setSpacing(12)
        self.person_buttons: dict[str, QPushButton] = {}
        self.nobody = _label()
        self.password_button = QPushButton()
        self.password_button.setMinimumHeight(56)
        self.password_button.clicked.connect(lambda: self.open_password(""))
        for widget in (self.title, self.notice, self.people, self.nobody, self.password_button):
            layout.addWidget(widget)

    def _build_pin(self) -> None:
        self.pin_page, layout = self._page()
        self.pin_title = _label("lockTitle")
        self.pin_field = _pin_field()
        self.pin_field.returnPressed.connect(self.submit_pin)
        self.pin_message = _label("pinMessage")
        self.pin_pad = PinPad(self.pin_field)
        self.pin_pad.submitted.connect(self.submit_pin)
        self.other_button = QPushButton()
        self.other_button.clicked.connect(self.show_people)
        self.use_password_button = QPushButton()
        self.use_password_button.clicked.connect(
            lambda: self.open_password(self.chosen.username if self.chosen else "")
        )
        row = QHBoxLayout()
        row.addWidget(self.other_button)
        row.addWidget(self.use_password_button)
        for widget in (self.pin_title, self.pin_field, self.pin_message, self.pin_pad):
            layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addLayout(row)

    def _build_password(self) -> None:
        self.password_page, layout = self._page()
        self.password_title = _label("lockTitle")
        self.password_notice = _label("lockNotice")
        self.username = QLineEdit()
        self.username.setObjectName("signInField")
        self.password = QLineEdit()
        self.password.setObjectName("signInField")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.returnPressed.connect(self.submit_password)
        self.password_error = _label("syncError")
        self.sign_in_button = QPushButton()
        self.sign_in_button.setObjectName("primary")
        self.sign_in_button.setMinimumHeight(56)
        self.sign_in_button.clicked.connect(self.submit_password)
        self.password_back = QPushButton()
        self.password_back.clicked.connect(self.show_people)
        for widget in (
            self.password_title,
            self.password_notice,
            self.username,
            self.password,
            self.password_error,
            self.sign_in_button,
            self.password_back,
        ):
            layout.addWidget(widget)

    def _build_set_pin(self) -> None:
        self.set_pin_page, layout = self._page()
        self.set_title = _label("lockTitle")
        self.set_help = _label()
        self.new_pin_field = _pin_field()
        self.new_pin_field.returnPressed.connect(self.submit_new_pin)
        self.set_message = _label("pinMessage")
        self.set_pad = PinPad(self.new_pin_field)
        self.set_pad.submitted.connect(self.submit_new_pin)
        self.skip_button = QPushButton()
        self.skip_button.clicked.connect(self._finish_pending)
        for widget in (self.set_title, self.set_help, self.new_pin_field, self.set_message):
            layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.set_pad, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.skip_button)

    def _build_stale(self) -> None:
        self.stale_page, layout = self._page()
        self.stale_title = _label("lockTitle")
        self.stale_text = _label()
        self.stale_status = _label("syncError")
        self.sync_button = QPushButton()
        self.sync_button.setObjectName("primary")
        self.sync_button.setMinimumHeight(56)
        self.sync_button.clicked.connect(self._sync_clicked)
        for widget in (self.stale_title, self.stale_text, self.stale_status, self.sync_button):
            layout.addWidget(widget)

    # --- language -----------------------------------------------------------------------------

    def retranslate(self) -> None:
        if self.current is not None:
            self.title.setText(
                self.tr("Locked. {0} is signed in; someone else can take over.").format(
                    self.current.display_name
                )
            )
        else:
            self.title.setText(
                self.tr("Store {0}: who is using the tablet?").format(self.store_code)
            )
        self.notice.setText(self._notice)
        self.notice.setVisible(bool(self._notice))
        self.nobody.setText(
            self.tr(
                "Nobody can sign in here with a PIN yet. Sign in with your password (the tablet "
                "must be online), then choose a PIN for this tablet."
            )
        )
        self.nobody.setVisible(not self.roster)
        self._retranslate_people()
        self.password_button.setText(self.tr("Sign in with password"))
        name = self.chosen.display_name if self.chosen else ""
        self.pin_title.setText(self.tr("{0}, type your PIN").format(name))
        self.pin_field.setPlaceholderText(self.tr("PIN"))
        self.other_button.setText(self.tr("Someone else"))
        self.use_password_button.setText(self.tr("Use my password"))
        self._show_pin_message()
        self.password_title.setText(
            self.tr("Sign in with your password (the tablet must be online)")
        )
        self.username.setPlaceholderText(self.tr("User"))
        self.password.setPlaceholderText(self.tr("Password"))
        self.sign_in_button.setText(self.tr("Sign in"))
        self.password_back.setText(self.tr("Back"))
        self._show_password_messages()
        self._retranslate_set_pin()
        self._retranslate_stale()

    def _retranslate_people(self) -> None:
        for entry in self.roster:
            button = self.person_buttons.get(entry.staff_id)
            if button is None:
                continue
            if entry.locked:
                button.setText(self.tr("{0} — PIN locked").format(entry.display_name))
            else:
                button.setText(entry.display_name)

    def _retranslate_set_pin(self) -> None:
        pending = self._pending.staff.display_name if self._pending else ""
        if self._new_pin is None:
            self.set_title.setText(self.tr("{0}, choose a PIN for this tablet").format(pending))
        else:
            self.set_title.setText(self.tr("Type the same PIN again"))
        self.set_help.setText(
            self.tr(
                "4 to 8 digits that are not easy to guess (not 1234, 0000 or a year). It stays "
                "on this tablet and is never sent anywhere. With it you sign in here, also "
                "offline, for {0} days after your last sign-in with your password."
            ).format(self._offline_days())
        )
        self.skip_button.setText(self.tr("Not now"))
        kind, detail = self._set_state
        self.set_message.setText(self._set_text(kind, detail))

    def _retranslate_stale(self) -> None:
        self.stale_title.setText(self.tr("Customer data is locked on this tablet"))
        stale = self.stale
        if stale is not None:
            self.stale_text.setText(
                self.tr(
                    "This tablet has not synced with the server since {0} ({1} days; the limit "
                    "is {2}). Connect to the store's network and sync to unlock."
                ).format(fmt.when(stale.last_sync_at), stale.days_without_sync, stale.limit_days)
            )
        self.sync_button.setText(self.tr("Sync now"))

    def _offline_days(self) -> int:
        return self.service.rules.offline_signin_days

    # --- what to show -------------------------------------------------------------------------

    def show_for(self, current: StaffMember | None, notice: str = "") -> None:
        """Lock for ``current`` (she unlocks with her PIN, others switch), or for nobody."""
        self.current = current
        self._notice = notice
        self._waiting = None
        self._pending = None
        self._new_pin = None
        self.chosen = None
        self.pin_field.clear()
        self.password.clear()
        self.new_pin_field.clear()
        self._pin_state = ("", 0)
        self._password_state = ("", "")
        self._route = current is not None
        self.pages.setCurrentWidget(self.stale_page if self.stale else self.people_page)
        self.retranslate()
        self.service.refresh_roster()

    def show_people(self) -> None:
        self._route = False
        self._waiting = None
        self._countdown.stop()
        self.pages.setCurrentWidget(self.stale_page if self.stale else self.people_page)
        self.service.refresh_roster()

    def set_staleness(self, staleness: Staleness) -> None:
        """The stale-sync rule: while locked by it, only syncing is offered."""
        was = self.stale
        self.stale = staleness if staleness.locked else None
        self._retranslate_stale()
        if self.stale is not None:
            self._waiting = None
            self.pages.setCurrentWidget(self.stale_page)
        elif was is not None:
            self.stale_status.clear()
            self.show_for(self.current, self._notice)

    def show_sync_failed(self, offline: bool, detail: str) -> None:
        """The sync asked for from the stale-sync page failed (technical detail as tooltip)."""
        if offline:
            text = self.tr(
                "The server cannot be reached. Connect the tablet to the store's network and "
                "try again."
            )
        else:
            text = self.tr("The sync failed: {0}").format(detail)
        self.stale_status.setText(text)
        self.stale_status.setToolTip(detail)

    def _sync_clicked(self) -> None:
        self.stale_status.setText(self.tr("Syncing…"))
        self.syncRequested.emit()

    def _on_roster(self, roster: list[pins.CachedStaff]) -> None:
        self.roster = roster
        while self.people_grid.count():
            item = self.people_grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.person_buttons = {}
        for n, entry in enumerate(roster):
            button = QPushButton()
            button.setObjectName("personButton")
            button.setMinimumHeight(PERSON_HEIGHT)
            button.clicked.connect(lambda _=False, e=entry: self.open_pin(e))
            self.person_buttons[entry.staff_id] = button
            self.people_grid.addWidget(button, n // 3, n % 3)
        self.retranslate()
        if self._route and self.stale is None:
            self._route = False
            mine = next((e for e in roster if self.current and e.staff_id == self.current.id), None)
            if mine is not None:
                self.open_pin(mine)
            elif self.current is not None:
                self.open_password(self.current.username)

    # --- PIN ----------------------------------------------------------------------------------

    def open_pin(self, entry: pins.CachedStaff) -> None:
        if entry.locked:
            self.open_password(entry.username, "locked")
            return
        self.chosen = entry
        self.pin_field.clear()
        self._pin_state = ("", 0)
        self._wait_until = entry.wait_until
        self.pages.setCurrentWidget(self.pin_page)
        self.retranslate()
        self._tick()
        self.pin_field.setFocus()

    def submit_pin(self) -> None:
        pin = self.pin_field.text()
        if self.chosen is None or self._waiting == "pin" or not self.pin_pad.isEnabled():
            return
        if len(pin) < pins.PIN_MIN_DIGITS:
            self._pin_state = ("short", 0)
            self._show_pin_message()
            return
        self._waiting = "pin"
        self.pin_pad.setEnabled(False)
        self.pin_field.clear()
        self.service.sign_in_pin(self.chosen.staff_id, pin)

    def _on_pin_refused(self, check: pins.PinCheck) -> None:
        if self._waiting != "pin":
            return
        self._waiting = None
        self.pin_pad.setEnabled(True)
        if check.code in ("locked", "expired"):
            self.open_password(self.chosen.username if self.chosen else "", check.code)
        elif check.code == "unknown":
            self._notice = self.tr(
                "That PIN can no longer be used here. Sign in with your password."
            )
            self.show_people()
            self.retranslate()
        else:
            self._pin_state = ("wrong", check.remaining)
            self._wait_until = check.wait_until
            self._tick()

    def _tick(self) -> None:
        """Count down a wait after wrong PINs (the pad stays off until it is over)."""
        left = 0.0
        if self._wait_until is not None:
            left = (self._wait_until - self.service.now()).total_seconds()
        if left > 0:
            self.pin_pad.setEnabled(False)
            self.pin_field.setEnabled(False)
            self._pin_state = ("wait", math.ceil(left))
            if not self._countdown.isActive():
                self._countdown.start()
        else:
            if self._wait_until is not None:
                self._pin_state = ("again", 0)
            self._wait_until = None
            self._countdown.stop()
            self.pin_pad.setEnabled(self._waiting != "pin")
            self.pin_field.setEnabled(True)
        self._show_pin_message()

    def _show_pin_message(self) -> None:
        kind, number = self._pin_state
        text = ""
        if kind == "short":
            text = self.tr("Type your PIN: 4 to 8 digits.")
        elif kind == "wrong":
            text = self.tr("Wrong PIN. %n more wrong tries lock it.", "", number)
        elif kind == "wait":
            text = self.tr("Too many wrong PINs. Try again in %n seconds.", "", number)
        elif kind == "again":
            text = self.tr("You can try your PIN again.")
        self.pin_message.setText(text)

    # --- password -----------------------------------------------------------------------------

    def open_password(self, username: str, why: str = "") -> None:
        self._waiting = None
        self._countdown.stop()
        self.username.setText(username)
        self.password.clear()
        self._password_state = (why, "")
        self._show_password_messages()
        self.pages.setCurrentWidget(self.password_page)
        (self.password if username else self.username).setFocus()

    def submit_password(self) -> None:
        username, password = self.username.text().strip(), self.password.text()
        if self._waiting == "password" or not username or not password:
            return
        self._waiting = "password"
        self.sign_in_button.setEnabled(False)
        self._password_state = (self._password_state[0], "")
        self._show_password_messages()
        self.service.sign_in_password(username, password)

    def _on_password_refused(self, error: SyncError) -> None:
        if self._waiting != "password":
            return
        self._waiting = None
        self.sign_in_button.setEnabled(True)
        self.password.clear()
        if isinstance(error, Offline):
            text = self.tr(
                "The server cannot be reached, so a password cannot be checked. Sign in with "
                "your PIN, or try again when the tablet is online."
            )
        elif isinstance(error, TooManyAttempts):
            text = self.tr(
                "Too many failed sign-ins. Try again in %n seconds.", "", error.retry_after
            )
        else:
            text = self.tr("Sign-in refused: {0}").format(error.message)
        self._password_state = (self._password_state[0], text)
        self._show_password_messages()

    def _show_password_messages(self) -> None:
        why, error = self._password_state
        notice = ""
        if why == "locked":
            notice = self.tr(
                "Your PIN is locked after 5 wrong tries. Sign in with your password to unlock it."
            )
        elif why == "expired":
            notice = self.tr(
                "You last signed in here with your password too long ago to use your PIN. Sign in "
                "with your password again (online)."
            )
        self.password_notice.setText(notice)
        self.password_notice.setVisible(bool(notice))
        self.password_error.setText(error)

    # --- after a password sign-in: her PIN for this tablet -------------------------------------

    def _on_signed_in(self, result: SignedIn) -> None:
        if self._waiting not in ("pin", "password"):
            return
        self._waiting = None
        self.pin_pad.setEnabled(True)
        self.sign_in_button.setEnabled(True)
        if result.by_password:
            self._pending = result
            self._new_pin = None
            self._set_state = ("", "")
            self.new_pin_field.clear()
            self._retranslate_set_pin()
            self.pages.setCurrentWidget(self.set_pin_page)
            self.new_pin_field.setFocus()
        else:
            self.signedIn.emit(result)

    def submit_new_pin(self) -> None:
        if self._pending is None or self._waiting == "set_pin":
            return
        pin = self.new_pin_field.text()
        self.new_pin_field.clear()
        if self._new_pin is None:
            problem = pins.weakness(pin)
            if problem is not None:
                self._set_state = (problem, "")
            else:
                self._new_pin = pin
                self._set_state = ("", "")
        elif pin != self._new_pin:
            self._new_pin = None
            self._set_state = ("differ", "")
        else:
            self._waiting = "set_pin"
            self.set_pad.setEnabled(False)
            self.service.set_pin(self._pending.staff.id, pin)
        self._retranslate_set_pin()

    def _on_pin_saved(self, staff_id: str) -> None:
        if self._waiting != "set_pin" or self._pending is None:
            return
        self._waiting = None
        self.set_pad.setEnabled(True)
        self._finish_pending()

    def _on_pin_not_allowed(self, code: str) -> None:
        if self._waiting != "set_pin":
            return
        self._waiting = None
        self.set_pad.setEnabled(True)
        self._new_pin = None
        self._set_state = (code, "")
        self._retranslate_set_pin()

    def _set_text(self, kind: str, _detail: str) -> str:
        texts = {
            "digits": self.tr("Use digits only."),
            "length": self.tr("A PIN has 4 to 8 digits."),
            "same_digit": self.tr("Not the same digit over and over: choose another PIN."),
            "sequence": self.tr("Not a run of digits like 1234 or 4321: choose another PIN."),
            "pattern": self.tr("Not a repeated pattern like 1212: choose another PIN."),
            "common": self.tr("That PIN is too common (or a year): choose another one."),
            "differ": self.tr("The two PINs were different. Choose your PIN again."),
            "not_signed_in": self.tr("Sign in with your password first to set a PIN."),
            "error": self.tr("The PIN could not be saved. Try again."),
        }
        return texts.get(kind, "")

    def _finish_pending(self) -> None:
        result, self._pending = self._pending, None
        self._new_pin = None
        self._waiting = None
        if result is not None:
            self.signedIn.emit(result)
