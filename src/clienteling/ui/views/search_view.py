"""Results of the search box, as you type; a scanned card or a single exact hit opens at once.

Typing is coalesced rather than delayed: the first keystroke after a pause searches at once (the
budget from key to rendered results is 50 ms, so a fixed 150 ms debounce would blow it), and
keystrokes that arrive while a search runs on the worker collapse into one follow-up search for
the latest text. The UI thread never waits and never queues a backlog of stale queries.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clienteling.replica import queries
from clienteling.replica.search import CustomerHit, exact_matches
from clienteling.replica.store import Replica
from clienteling.ui.models.search_model import SearchModel
from clienteling.ui.retranslate import Retranslating
from clienteling.ui.session import Session

COALESCE_MS = 0
SCAN_MIN_DIGITS = 6


def looks_scanned(text: str) -> bool:
    """A barcode scanner types only digits (a loyalty card) and then Enter."""
    compact = text.strip()
    return compact.isdigit() and len(compact) >= SCAN_MIN_DIGITS


class SearchView(Retranslating, QWidget):
    customerChosen = Signal(str)
    createRequested = Signal(str)
    resultsShown = Signal(int)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.model = SearchModel(self)
        self._text = ""
        self._ticket = 0
        self._in_flight = False
        self._dirty = False
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(COALESCE_MS)
        self._debounce.timeout.connect(self._run_search)

        self.title = QLabel()
        self.title.setObjectName("sectionTitle")
        self.new_button = QPushButton()
        self.new_button.setObjectName("primary")
        self.new_button.clicked.connect(lambda: self.createRequested.emit(self._text))
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.new_button)

        self.list = QListView()
        self.list.setObjectName("results")
        self.list.setModel(self.model)
        self.list.setUniformItemSizes(True)
        self.list.setWordWrap(True)
        self.list.activated.connect(self._activated)
        self.list.clicked.connect(self._activated)
        self.empty = QLabel()
        self.empty.setObjectName("emptyState")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        session.dataChanged.connect(self._prune)
        self.retranslate()

    # --- language --------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.title.setText(self.tr("Customers"))
        self.new_button.setText(self.tr("New customer"))
        self._update_empty()

    def _update_empty(self) -> None:
        if self.model.rowCount():
            self.empty.hide()
            return
        self.empty.show()
        if not self._text.strip():
            self.empty.setText(
                self.tr("Type a name, phone, e-mail or scan a loyalty card to find a customer.")
            )
        else:
            self.empty.setText(
                self.tr("No customer matches “{0}”. Check the spelling or create her.").format(
                    self._text.strip()
                )
            )

    # --- searching -------------------------------------------------------------------------------

    def set_query(self, text: str) -> None:
        """Called on every keystroke: search now, or once the running search has answered."""
        self._text = text
        if self._in_flight:
            self._dirty = True
        else:
            self._debounce.start()

    def submit(self, text: str) -> None:
        """Enter pressed: a scanned card jumps straight to the customer."""
        self._text = text
        self._debounce.stop()
        if looks_scanned(text):
            code = text.strip()
            self.session.read(
                lambda r: exact_matches(r.read(), code), lambda ids: self._scanned(code, ids)
            )
        else:
            self._run_search(open_single=True)

    def _scanned(self, code: str, ids: list[str]) -> None:
        if len(ids) == 1:
            self.customerChosen.emit(ids[0])
        else:
            self._run_search(open_single=True)

    def _run_search(self, open_single: bool = False) -> None:
        text = self._text
        store_id = self.session.store_id

        def query(replica: Replica) -> list[CustomerHit]:
            if not text.strip():
                return []
            return queries.find_customers(replica.read(), text, store_id=store_id, limit=50)

        self._ticket += 1
        ticket = self._ticket
        self._in_flight = True
        self._dirty = False
        self.session.read(
            query,
            lambda hits: self._show(ticket, hits, open_single),
            lambda _exc: self._failed(ticket),
        )

    def _failed(self, ticket: int) -> None:
        if ticket == self._ticket:
            self._in_flight = False

    def _show(self, ticket: int, hits: list[CustomerHit], open_single: bool) -> None:
        if ticket != self._ticket:
            return
        self._in_flight = False
        if self._dirty:
            self._debounce.start()
            return
        self.model.set_hits(hits)
        self._update_empty()
        if hits:
            self.list.setCurrentIndex(self.model.index(0, 0))
        self.resultsShown.emit(len(hits))
        if open_single and (len(hits) == 1 or (hits and hits[0].exact)):
            self.customerChosen.emit(hits[0].customer_id)

    def _prune(self) -> None:
        """After a sync, results naming a customer who left the tablet disappear."""
        shown = self.model.shown_ids()
        if not shown:
            return

        def still_here(replica: Replica) -> set[str]:
            return queries.existing_customers(replica.read(), shown)

        def keep(ids: set[str]) -> None:
            self.model.keep_only(ids)
            self._update_empty()

        self.session.read(still_here, keep)

    def _activated(self, index: QModelIndex) -> None:
        hit = self.model.hit_at(index.row())
        if hit is not None:
            self.customerChosen.emit(hit.customer_id)

    def focus_results(self) -> None:
        self.list.setFocus()
