"""The main window: search always at hand on top, one screen in the middle, sync state below.

On a shared tablet the middle and the top give way to the lock screen: after a few minutes
without input (``lock_after_ms``), on the Lock button, after a sign-out, when the signed-in
assistant was deactivated, and while the tablet has not synced for too long (checked at start,
every minute and after each sync). Only the sync state stays visible; dialogs are closed.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from clienteling.replica.policy import Staleness
from clienteling.sync.engine import SyncState
from clienteling.ui import i18n
from clienteling.ui.idle import InactivityWatcher
from clienteling.ui.retranslate import Retranslating
from clienteling.ui.screen_fit import fit_to_screen
from clienteling.ui.session import Session, StaffMember
from clienteling.ui.signin_service import SignedIn, SignInService
from clienteling.ui.views.customer_view import CustomerView
from clienteling.ui.views.dialogs import CreateCustomerDialog
from clienteling.ui.views.lock_screen import LockScreen
from clienteling.ui.views.my_day_view import MyDayView
from clienteling.ui.views.search_view import SearchView
from clienteling.ui.widgets.sync_status import SyncStatusBar

if TYPE_CHECKING:
    from clienteling.ui.views.manager_view import ManagerView

# The app's setting ``lock_after_minutes`` (config.py) defaults to 5 minutes.
DEFAULT_LOCK_AFTER_MS = 5 * 60_000
STALE_CHECK_MS = 60_000


class MainWindow(Retranslating, QMainWindow):
    languageChanged = Signal(str)
    # True when the lock screen covers the window, False when it is back.
    lockedChanged = Signal(bool)

    def __init__(
        self,
        session: Session,
        parent: QWidget | None = None,
        *,
        signin: SignInService | None = None,
        lock_after_ms: int = DEFAULT_LOCK_AFTER_MS,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self._own_signin = signin is None
        self.signin = signin or SignInService(session.replica, session.engine, self)
        self.locked = False
        self.stale: Staleness | None = None
        # Read once: a window outlives its replica after a wipe, until it is deleted.
        self.store_code = session.store_code
        self.setObjectName("mainWindow")

        self.brand = QLabel()
        self.brand.setObjectName("brand")
        self.search = QLineEdit()
        self.search.setObjectName("searchField")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._typed)
        self.search.returnPressed.connect(self._entered)
        self.search.installEventFilter(self)
        self.my_day_button = QPushButton()
        self.my_day_button.clicked.connect(self.show_my_day)
        # Manager mode exists only for managers: an associate's window has no trace of it.
        self.manager_button: QPushButton | None = None
        if session.is_manager:
            self.manager_button = QPushButton()
            self.manager_button.setObjectName("managerButton")
            self.manager_button.clicked.connect(self.show_manager)
        self.language = QComboBox()
        self.language.setObjectName("languagePicker")
        self.language.addItem("Español", "es")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(self.language.findData(i18n.current_language()), 0))
        self.language.currentIndexChanged.connect(self._language_picked)
        self.staff_label = QLabel()
        self.staff_label.setObjectName("staffLabel")
        self.about_button = QPushButton("i")
        self.about_button.setObjectName("aboutButton")
        self.about_button.setFixedWidth(48)
        self.about_button.clicked.connect(self.show_about)
        self.about_dialog: QDialog | None = None
        self.lock_button = QPushButton()
        self.lock_button.setObjectName("lockButton")
        self.lock_button.clicked.connect(lambda: self.lock())
        self.sign_out_button = QPushButton()
        self.sign_out_button.setObjectName("signOutButton")
        self.sign_out_button.clicked.connect(self.sign_out)
        top = QFrame()
        top.setObjectName("topBar")
        bar = QHBoxLayout(top)
        self.top_bar = bar
        bar.addWidget(self.brand)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.my_day_button)
        if self.manager_button is not None:
            bar.addWidget(self.manager_button)
        bar.addWidget(self.staff_label)
        bar.addWidget(self.lock_button)
        bar.addWidget(self.sign_out_button)
        bar.addWidget(self.language)
        bar.addWidget(self.about_button)

        self.search_view = SearchView(session)
        self.customer_view = CustomerView(session)
        self.my_day_view = MyDayView(session)
        self.stack = QStackedWidget()
        for view in (self.search_view, self.customer_view, self.my_day_view):
            self.stack.addWidget(view)
        self.search_view.customerChosen.connect(self.open_customer)
        self.search_view.createRequested.connect(self.create_customer)
        self.customer_view.backRequested.connect(self.go_back)
        self._return_to: QWidget = self.search_view
        self.my_day_view.customerChosen.connect(self.open_customer)
        # Built on first use: charts and spreadsheet libraries load only when a manager asks.
        self.manager_view: ManagerView | None = None

        self.status = SyncStatusBar()
        self.status.syncRequested.connect(self.session.request_sync)
        self.status.rejectionsDismissed.connect(self.session.dismiss_rejections)
        session.syncStateChanged.connect(self._sync_state)
        self.status.set_state(session.state)

        # What the lock screen covers: everything but the sync state.
        self.content = QWidget()
        content = QVBoxLayout(self.content)
        content.setContentsMargins(0, 0, 0, 0)
        content.setSpacing(0)
        content.addWidget(top)
        content.addWidget(self.stack, 1)
        self.lock_screen = LockScreen(self.signin, self.store_code)
        self.lock_screen.signedIn.connect(self._unlocked)
        self.lock_screen.syncRequested.connect(self.session.request_sync)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.content)
        self.pages.addWidget(self.lock_screen)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.status)
        self.setCentralWidget(central)
        QShortcut(QKeySequence("Ctrl+F"), self, self.focus_search)
        QShortcut(QKeySequence("F5"), self, self.session.request_sync)
        self.create_dialog: CreateCustomerDialog | None = None

        session.staffChanged.connect(self._staff_changed)
        session.staffDropped.connect(self._staff_dropped)
        self.signin.stalenessChanged.connect(self._staleness)
        self.idle = InactivityWatcher(lock_after_ms, self)
        self.idle.idle.connect(self._idle)
        self.idle.start()
        self._stale_timer = QTimer(self)
        self._stale_timer.setInterval(STALE_CHECK_MS)
        self._stale_timer.timeout.connect(self.check_stale)
        self._stale_timer.start()
        self._last_synced = session.state.last_sync_at
        self._tasks: set[asyncio.Task[None]] = set()
        self.retranslate()
        fit_to_screen(self)
        self.search.setFocus()
        self.check_stale()

    # --- language --------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Clienteling — {0}").format(self.store_code))
        self.brand.setText(self.tr("Clienteling"))
        self.search.setPlaceholderText(
            self.tr("Search: name, phone, e-mail or scan the card (Ctrl+F)")
        )
        self.my_day_button.setText(self.tr("My day"))
        if self.manager_button is not None:
            self.manager_button.setText(self.tr("Manager"))
        self.staff_label.setText(
            self.tr("{0} · {1}").format(self.session.staff.display_name, self.store_code)
        )
        self.lock_button.setText(self.tr("Lock"))
        self.lock_button.setToolTip(self.tr("Hide the customer screens until you type your PIN"))
        self.sign_out_button.setText(self.tr("Sign out"))
        self.language.setToolTip(self.tr("Language"))
        self.about_button.setToolTip(self.tr("About and diagnostics"))
        self.about_button.setAccessibleName(self.tr("About and diagnostics"))

    def set_language(self, language: str) -> None:
        index = self.language.findData(language)
        if index >= 0 and index != self.language.currentIndex():
            self.language.setCurrentIndex(index)
        elif index >= 0:
            self._language_picked(index)

    def _language_picked(self, index: int) -> None:
        language = str(self.language.itemData(index))
        i18n.install(language, remember=True)
        self.languageChanged.emit(language)

    # --- navigation ------------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def show_search(self) -> None:
        self.stack.setCurrentWidget(self.search_view)
        self.focus_search()

    def show_my_day(self) -> None:
        self.my_day_view.reload()
        self.stack.setCurrentWidget(self.my_day_view)

    def show_manager(self) -> ManagerView:
        """The manager's desk (raises for an associate: the button does not exist for her)."""
        if not self.session.is_manager:
            raise PermissionError("manager mode is for managers")
        if self.manager_view is None:
            from clienteling.ui.views.manager_view import ManagerView

            self.manager_view = ManagerView(self.session)
            self.stack.addWidget(self.manager_view)
            self.manager_view.customerChosen.connect(self.open_customer)
        self.manager_view.reload()
        self.stack.setCurrentWidget(self.manager_view)
        return self.manager_view

    def go_back(self) -> None:
        """From the 360 back to where it was opened (search, My day or the manager's list)."""
        if self._return_to is self.search_view:
            self.show_search()
        else:
            self.stack.setCurrentWidget(self._return_to)

    def open_customer(self, customer_id: str) -> None:
        current = self.stack.currentWidget()
        if current is not None and current is not self.customer_view:
            self._return_to = current
        self.customer_view.show_customer(customer_id)
        self.stack.setCurrentWidget(self.customer_view)

    def show_about(self) -> QDialog:
        """Version and diagnostics for IT support (opened, never exec'd)."""
        from clienteling.ui.about_dialog import AboutDialog

        dialog = AboutDialog(self, data_dir=self.session.replica.path.parent)
        dialog.finished.connect(dialog.deleteLater)
        self.about_dialog = dialog
        dialog.open()
        return dialog

    def create_customer(self, initial: str = "") -> CreateCustomerDialog:
        dialog = CreateCustomerDialog(self.session, initial, self)
        dialog.created.connect(self.open_customer)
        dialog.openExisting.connect(self.open_customer)
        dialog.finished.connect(dialog.deleteLater)
        self.create_dialog = dialog
        dialog.open()
        return dialog

    def _typed(self, text: str) -> None:
        self.stack.setCurrentWidget(self.search_view)
        self.search_view.set_query(text)

    def _entered(self) -> None:
        self.stack.setCurrentWidget(self.search_view)
        self.search_view.submit(self.search.text())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)  # noqa: S101 - a KeyPress is a QKeyEvent
            if event.key() == Qt.Key.Key_Down:
                self.search_view.focus_results()
                return True
            if event.key() == Qt.Key.Key_Escape:
                self.search.clear()
                self.search_view.set_query("")
                return True
        return super().eventFilter(watched, event)

    def _sync_state(self, state: SyncState) -> None:
        self.status.set_state(state)
        if state.last_sync_at != self._last_synced:
            self._last_synced = state.last_sync_at
            self.check_stale()
        if self.stale is not None and state.last_error and not state.syncing:
            self.lock_screen.show_sync_failed(state.online is False, state.last_error)

    # --- the shared tablet: lock, switch, sign out ----------------------------------------------

    def lock(self, notice: str = "") -> None:
        """Cover the window with the lock screen; her sign-in stays (her PIN unlocks)."""
        for dialog in self.findChildren(QDialog):
            if dialog.isVisible():
                dialog.reject()
        self.locked = True
        current = None if self.session.signed_out else self.session.staff
        self.lock_screen.show_for(current, notice)
        if self.pages.currentWidget() is not self.lock_screen:
            self.pages.setCurrentWidget(self.lock_screen)
            self.lockedChanged.emit(True)

    def _idle(self) -> None:
        if self.locked:
            # Someone left the lock screen half-way (a PIN typed in part): start over.
            if self.stale is None:
                self.lock_screen.show_for(self.lock_screen.current, "")
            return
        self.lock()

    def _unlocked(self, result: SignedIn) -> None:
        """Someone proved who she is on the lock screen: the same assistant, or a switch."""
        if result.staff.id != self.session.staff.id or self.session.signed_out:
            self.session.switch_staff(result.staff, result.auth)
        elif result.auth is not None:
            self.session.staff_auth = result.auth
        self.locked = False
        self.retranslate()
        if self.stale is None:
            self.pages.setCurrentWidget(self.content)
            self.lockedChanged.emit(False)
            self.focus_search()
        self.idle.start()

    def _staff_changed(self, _staff: StaffMember) -> None:
        """Another assistant: nothing of the previous one's screens stays open."""
        self.search.clear()
        self.search_view.set_query("")
        self._return_to = self.search_view
        self.stack.setCurrentWidget(self.search_view)
        if self.manager_view is not None:
            self.stack.removeWidget(self.manager_view)
            self.manager_view.deleteLater()
            self.manager_view = None
        if self.session.is_manager and self.manager_button is None:
            self.manager_button = QPushButton()
            self.manager_button.setObjectName("managerButton")
            self.manager_button.clicked.connect(self.show_manager)
            self.top_bar.insertWidget(
                self.top_bar.indexOf(self.my_day_button) + 1, self.manager_button
            )
        elif not self.session.is_manager and self.manager_button is not None:
            self.top_bar.removeWidget(self.manager_button)
            self.manager_button.deleteLater()
            self.manager_button = None
        self.retranslate()

    def sign_out(self) -> asyncio.Task[None] | None:
        """End her sign-in here at once, then on the server (the task returned), and show the
        lock screen for the next assistant."""
        staff = self.session.staff
        self.signin.forget_auth(staff.id)
        auth = self.session.sign_out_here()
        self.lock(self.tr("{0} signed out.").format(staff.display_name))
        if auth is None:
            return None
        task = asyncio.ensure_future(auth.sign_out(self.session.engine.api))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    def _staff_dropped(self) -> None:
        """A sync said the signed-in assistant's account was deactivated: lock her out."""
        name = self.session.staff.display_name
        self.signin.forget_auth(self.session.staff.id)
        self.lock(self.tr("{0} can no longer sign in on this tablet.").format(name))

    def check_stale(self) -> None:
        """Ask whether the tablet went too long without a sync (answer: ``_staleness``)."""
        self.signin.check_staleness()

    def _staleness(self, staleness: Staleness) -> None:
        if staleness.locked:
            if self.stale is None:
                self.stale = staleness
                self.lock()
            self.stale = staleness
        elif self.stale is not None:
            # Synced again: the lock screen stays until someone signs in (the lock screen
            # itself returns from its stale page to the sign-in).
            self.stale = None

    def close_for_wipe(self) -> None:
        """The tablet was wiped: stop everything and close without touching the replica."""
        self.session.shutdown()
        self.idle.stop()
        self._stale_timer.stop()
        for dialog in self.findChildren(QDialog):
            dialog.reject()
        self.close()
        self.deleteLater()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.session.stop()
        self.idle.stop()
        self._stale_timer.stop()
        if self._own_signin:
            self.signin.shutdown()
        super().closeEvent(event)
