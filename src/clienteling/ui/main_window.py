"""The main window: search always at hand on top, one screen in the middle, sync state below."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
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

from clienteling.sync.engine import SyncState
from clienteling.ui import i18n
from clienteling.ui.session import Session
from clienteling.ui.views.customer_view import CustomerView
from clienteling.ui.views.dialogs import CreateCustomerDialog
from clienteling.ui.views.my_day_view import MyDayView
from clienteling.ui.views.search_view import SearchView
from clienteling.ui.widgets.sync_status import SyncStatusBar

if TYPE_CHECKING:
    from clienteling.ui.views.manager_view import ManagerView


class MainWindow(QMainWindow):
    languageChanged = Signal(str)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("mainWindow")
        self.resize(1280, 800)

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
        top = QFrame()
        top.setObjectName("topBar")
        bar = QHBoxLayout(top)
        bar.addWidget(self.brand)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.my_day_button)
        if self.manager_button is not None:
            bar.addWidget(self.manager_button)
        bar.addWidget(self.staff_label)
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

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(top)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.status)
        self.setCentralWidget(central)
        QShortcut(QKeySequence("Ctrl+F"), self, self.focus_search)
        QShortcut(QKeySequence("F5"), self, self.session.request_sync)
        self.create_dialog: CreateCustomerDialog | None = None
        self.retranslate()
        self.search.setFocus()

    # --- language --------------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Clienteling — {0}").format(self.session.store_code))
        self.brand.setText(self.tr("Clienteling"))
        self.search.setPlaceholderText(
            self.tr("Search: name, phone, e-mail or scan the card (Ctrl+F)")
        )
        self.my_day_button.setText(self.tr("My day"))
        if self.manager_button is not None:
            self.manager_button.setText(self.tr("Manager"))
        self.staff_label.setText(
            self.tr("{0} · {1}").format(self.session.staff.display_name, self.session.store_code)
        )
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

    def closeEvent(self, event: QCloseEvent) -> None:
        self.session.stop()
        super().closeEvent(event)
