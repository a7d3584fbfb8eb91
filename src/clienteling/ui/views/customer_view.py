"""The customer 360: who she is, everything she did in every channel, and what to do next.

All data is read off the UI thread in one snapshot; every edit goes through the session, shows
at once (marked pending) and is pushed in the background.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from PySide6.QtCore import QCoreApplication, QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from clienteling.protocol.rows import CHANNELS_SALES, INTERACTION_KINDS, TASK_KINDS
from clienteling.replica import edits, outbox, queries
from clienteling.replica.queries import (
    Cart,
    CartLine,
    ConsentState,
    Coupon,
    Customer360,
    CustomerHeader,
    LoyaltyEntry,
    Note,
    Recommendation,
    StockHere,
    Task,
    TimelinePage,
)
from clienteling.replica.store import Replica
from clienteling.ui import fmt
from clienteling.ui.errors import Failure
from clienteling.ui.models.rows import Column, RowsModel
from clienteling.ui.models.timeline_model import TimelineModel
from clienteling.ui.retranslate import Retranslating
from clienteling.ui.session import Session
from clienteling.ui.views.gdpr_panel import GdprPanel
from clienteling.ui.widgets.failure_details import FailureDetails
from clienteling.ui.widgets.tables import selected_row, table_view

translate = QCoreApplication.translate

OUTREACH_CHANNELS = ("email", "sms", "whatsapp")
CONSENT_CHANNELS = ("email", "sms", "whatsapp", "push")
INTERACTION_CHOICES = ("call", "store_visit", "in_store_chat", "survey")
TIMELINE_KINDS: dict[str, tuple[str, ...] | None] = {
    "all": None,
    "orders": ("order",),
    "returns": ("return",),
    "carts": ("cart",),
    "messages": ("interaction",),
    "notes": ("note",),
}
MESSAGE_KINDS = tuple(
    kind for kind in INTERACTION_KINDS if kind.split("_")[0] in ("email", "sms", "push", "whatsapp")
)


REASON_PREFIXES = {"co_purchase": "Often bought with ", "popular_segment": "Popular with "}


def reason_text(rec: Recommendation) -> str:
    """The server writes reasons in English; show them in the UI's language."""
    if rec.reason_kind == "abandoned_cart":
        return translate("CustomerView", "In her abandoned web cart")
    prefix = REASON_PREFIXES.get(rec.reason_kind, "")
    if prefix and rec.reason.startswith(prefix):
        rest = rec.reason[len(prefix) :]
        if rec.reason_kind == "co_purchase":
            return translate("CustomerView", "Often bought with {0}").format(rest)
        segment = rest.removesuffix(" customers")
        if segment == "customers":
            return translate("CustomerView", "Popular with customers")
        return translate("CustomerView", "Popular with {0} customers").format(segment)
    return rec.reason or rec.reason_kind


def stock_text(stock: StockHere | None) -> str:
    if stock is None:
        return "—"
    size = f" ({stock.size})" if stock.size else ""
    return translate("CustomerView", "{0} here{1}").format(stock.quantity_here, size)


def nearest_text(stock: StockHere | None) -> str:
    if stock is None or stock.nearest_store_name is None:
        return translate("CustomerView", "none nearby")
    distance = f", {stock.nearest_distance_km:g} km" if stock.nearest_distance_km else ""
    return f"{stock.nearest_store_name}: {stock.nearest_quantity}{distance}"


@dataclass(frozen=True)
class CartItem:
    """One line of an abandoned cart, flattened for the table."""

    cart: Cart
    line: CartLine

    @property
    def pending(self) -> bool:
        return self.cart.pending


class HeaderPanel(QFrame):
    """Name, tier with progress, value, segment, contact and consents at a glance."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("customerHeader")
        self.avatar = QLabel()
        self.avatar.setObjectName("avatar")
        self.avatar.setFixedSize(72, 72)
        self.avatar.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.name = QLabel()
        self.name.setObjectName("customerName")
        self.badges = QLabel()
        self.badges.setObjectName("badges")
        self.tier_bar = QProgressBar()
        self.tier_bar.setObjectName("tierProgress")
        self.tier_bar.setTextVisible(True)
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        self.facts.setTextFormat(Qt.TextFormat.PlainText)
        self.contact = QLabel()
        self.contact.setWordWrap(True)
        self.contact.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        grid = QGridLayout(self)
        grid.addWidget(self.avatar, 0, 0, 3, 1)
        grid.addWidget(self.name, 0, 1)
        grid.addWidget(self.badges, 0, 2, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.tier_bar, 1, 1, 1, 2)
        grid.addWidget(self.facts, 2, 1, 1, 2)
        grid.addWidget(self.contact, 3, 0, 1, 3)
        grid.setColumnStretch(1, 1)

    def show_header(self, h: CustomerHeader) -> None:
        self.avatar.setText(fmt.initials(h.first_name, h.last_name))
        self.name.setText(h.display_name)
        badges = [fmt.tier(h.tier)] if h.tier else []
        if h.vip:
            badges.append("VIP")
        if h.pending:
            badges.append(fmt.pending_mark(True))
        self.badges.setText("  ·  ".join(badges))
        if h.next_tier and h.points_to_next_tier is not None:
            total = h.lifetime_points + h.points_to_next_tier
            self.tier_bar.setRange(0, max(total, 1))
            self.tier_bar.setValue(h.lifetime_points)
            self.tier_bar.setFormat(
                translate("CustomerView", "{0} points to {1}").format(
                    h.points_to_next_tier, fmt.tier(h.next_tier)
                )
            )
        else:
            self.tier_bar.setRange(0, 1)
            self.tier_bar.setValue(1)
            self.tier_bar.setFormat(translate("CustomerView", "Top tier"))
        computed = h.orders > 0 or h.last_purchase_at is not None
        value = (
            fmt.money(h.net_revenue_cents, h.currency)
            if computed
            else translate("CustomerView", "not computed yet")
        )
        predicted = (
            fmt.money(h.predicted_value_12m_cents, h.currency)
            if h.predicted_value_12m_cents is not None
            else translate("CustomerView", "not computed yet")
        )
        consents = "  ".join(
            f"{fmt.channel(c)} {'✓' if h.may_contact(c) else '✗'}" for c in CONSENT_CHANNELS
        )
        sizes = ", ".join(f"{fmt.size_group(k)}: {v}" for k, v in sorted(h.sizes.items())) or "—"
        lines = [
            translate(
                "CustomerView", "Points: {0} · Lifetime value: {1} · Predicted 12 months: {2}"
            ).format(h.points_balance, value, predicted),
            translate("CustomerView", "Orders: {0} · Channels: {1} · Segment: {2}").format(
                h.orders if computed else "—",
                ", ".join(fmt.channel(c) for c in h.channels) or "—",
                fmt.rfm_segment(h.segment) or translate("CustomerView", "not computed yet"),
            ),
            translate("CustomerView", "Prefers: {0} · Consents: {1}").format(
                fmt.channel(h.preferred_channel), consents
            ),
            translate("CustomerView", "Sizes: {0} · {1}").format(
                sizes, h.preferences or translate("CustomerView", "no preferences noted")
            ),
        ]
        self.facts.setText("\n".join(lines))
        contact = list(h.phones) + list(h.emails)
        if h.card_number:
            contact.append(translate("CustomerView", "Card {0}").format(h.card_number))
        if h.home_store_name:
            contact.append(translate("CustomerView", "Home store: {0}").format(h.home_store_name))
        self.contact.setText("  ·  ".join(contact))


class CustomerView(Retranslating, QWidget):
    """The 360 screen for one customer at a time."""

    backRequested = Signal()
    loaded = Signal(str)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.customer_id: str | None = None
        self.data: Customer360 | None = None
        # Her edits the server refused, not yet dismissed; read with her data, off the UI thread.
        self.rejections: list[outbox.RejectedEdit] = []
        self._ticket = 0

        self.back_button = QPushButton()
        self.back_button.clicked.connect(self.backRequested)
        self.header = HeaderPanel()
        self.rejected_banner = QLabel()
        self.rejected_banner.setObjectName("rejectedBanner")
        self.rejected_banner.setWordWrap(True)
        # Her own text of an edit that lost stays here, selectable, so she can copy it.
        self.rejected_banner.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.rejected_banner.hide()
        self.message = QLabel()
        self.message.setObjectName("inlineMessage")
        self.message.setWordWrap(True)
        self.message.hide()
        self.failure_details = FailureDetails()
        self.tabs = QTabWidget()
        self.tabs.setObjectName("customerTabs")
        self._scrollers: dict[QWidget, QScrollArea] = {}

        self._build_timeline()
        self._build_carts()
        self._build_recommendations()
        self._build_loyalty()
        self._build_notes_tasks()
        self._build_consents()
        self.gdpr_panel: GdprPanel | None = None
        if session.is_manager:
            self.gdpr_panel = GdprPanel(session)
            self.gdpr_panel.erased.connect(self.backRequested)
            self._add_page(self.gdpr_panel)

        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.header)
        layout.addWidget(self.rejected_banner)
        layout.addWidget(self.message)
        layout.addWidget(self.failure_details)
        layout.addWidget(self.tabs, 1)
        session.dataChanged.connect(self.reload)
        session.editFailed.connect(self._show_failure)
        self.retranslate()

    # --- building ---------------------------------------------------------------------------------

    def _add_page(self, page: QWidget) -> None:
        """Each tab scrolls on its own, so the 360 fits a 1024×768 tablet in landscape (the
        loyalty and notes pages are taller than what is left under the header there)."""
        scroller = QScrollArea()
        scroller.setWidgetResizable(True)
        scroller.setFrameShape(QFrame.Shape.NoFrame)
        scroller.setWidget(page)
        self._scrollers[page] = scroller
        self.tabs.addTab(scroller, "")

    def page_index(self, page: QWidget) -> int:
        """The tab index of a page (tabs hold the page's scroll area, not the page)."""
        return self.tabs.indexOf(self._scrollers.get(page, page))

    def show_page(self, page: QWidget) -> None:
        self.tabs.setCurrentIndex(self.page_index(page))

    def _build_timeline(self) -> None:
        self.timeline_model = TimelineModel(self)
        self.channel_filter = QComboBox()
        self.kind_filter = QComboBox()
        self.channel_filter.currentIndexChanged.connect(self._reload_timeline)
        self.kind_filter.currentIndexChanged.connect(self._reload_timeline)
        self.timeline_view = table_view(self.timeline_model)
        header = self.timeline_view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        page = QWidget()
        filters = QHBoxLayout()
        self.channel_label = QLabel()
        self.kind_label = QLabel()
        for w in (self.channel_label, self.channel_filter, self.kind_label, self.kind_filter):
            filters.addWidget(w)
        filters.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addLayout(filters)
        layout.addWidget(self.timeline_view, 1)
        self.timeline_page = page
        self._add_page(page)

    def _build_carts(self) -> None:
        self.cart_model: RowsModel[CartItem] = RowsModel(
            [
                Column(
                    lambda: translate("CustomerView", "Abandoned"),
                    lambda i: fmt.when(i.cart.abandoned_at),
                ),
                Column(
                    lambda: translate("CustomerView", "Channel"),
                    lambda i: fmt.channel(i.cart.channel),
                ),
                Column(lambda: translate("CustomerView", "Item"), lambda i: i.line.name),
                Column(lambda: translate("CustomerView", "Size"), lambda i: i.line.size),
                Column(
                    lambda: translate("CustomerView", "Price"),
                    lambda i: fmt.money(i.line.unit_price_cents, i.cart.currency),
                    align_right=True,
                ),
                Column(
                    lambda: translate("CustomerView", "Stock here"),
                    lambda i: stock_text(i.line.stock),
                ),
                Column(
                    lambda: translate("CustomerView", "Nearest store"),
                    lambda i: nearest_text(i.line.stock),
                ),
            ],
            self,
        )
        self.cart_view = table_view(self.cart_model)
        self.cart_empty = QLabel()
        self.cart_empty.setObjectName("emptyState")
        self.cart_task_button = QPushButton()
        self.cart_task_button.clicked.connect(self._cart_task)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self.cart_empty)
        layout.addWidget(self.cart_view, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.cart_task_button)
        layout.addLayout(row)
        self._add_page(page)

    def _build_recommendations(self) -> None:
        self.reco_model: RowsModel[Recommendation] = RowsModel(
            [
                Column(lambda: translate("CustomerView", "Product"), lambda r: r.name),
                Column(lambda: translate("CustomerView", "Why"), reason_text),
                Column(
                    lambda: translate("CustomerView", "Price"),
                    lambda r: fmt.money(r.price_cents, r.currency),
                    align_right=True,
                ),
                Column(
                    lambda: translate("CustomerView", "Stock here"), lambda r: stock_text(r.stock)
                ),
                Column(
                    lambda: translate("CustomerView", "Nearest store"),
                    lambda r: nearest_text(r.stock),
                ),
            ],
            self,
        )
        self.reco_view = table_view(self.reco_model)
        self.reco_empty = QLabel()
        self.reco_empty.setObjectName("emptyState")
        self.reco_empty.setWordWrap(True)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self.reco_empty)
        layout.addWidget(self.reco_view, 1)
        self._add_page(page)

    def _build_loyalty(self) -> None:
        self.coupon_model: RowsModel[Coupon] = RowsModel(
            [
                Column(lambda: translate("CustomerView", "Code"), lambda c: c.code),
                Column(
                    lambda: translate("CustomerView", "Kind"), lambda c: fmt.coupon_kind(c.kind)
                ),
                Column(lambda: translate("CustomerView", "Offer"), lambda c: c.description),
                Column(
                    lambda: translate("CustomerView", "Valid until"),
                    lambda c: fmt.day(c.valid_until),
                ),
                Column(lambda: translate("CustomerView", "State"), self._coupon_state),
            ],
            self,
        )
        self.ledger_model: RowsModel[LoyaltyEntry] = RowsModel(
            [
                Column(
                    lambda: translate("CustomerView", "When"), lambda e: fmt.when(e.occurred_at)
                ),
                Column(
                    lambda: translate("CustomerView", "Points"),
                    lambda e: f"{e.points:+d}",
                    align_right=True,
                ),
                Column(lambda: translate("CustomerView", "Reason"), lambda e: e.reason),
                Column(
                    lambda: translate("CustomerView", "Sync"), lambda e: fmt.pending_mark(e.pending)
                ),
            ],
            self,
        )
        self.coupon_view = table_view(self.coupon_model)
        self.coupon_view.selectionModel().selectionChanged.connect(self._update_actions)
        self.ledger_view = table_view(self.ledger_model)
        self.redeem_button = QPushButton()
        self.redeem_button.setObjectName("primary")
        self.redeem_button.clicked.connect(self._redeem_coupon)
        self.points_spin = QSpinBox()
        self.points_spin.setRange(0, 100_000)
        self.points_spin.setSingleStep(50)
        self.points_button = QPushButton()
        self.points_button.clicked.connect(self._redeem_points)
        self.coupons_box = QGroupBox()
        box = QVBoxLayout(self.coupons_box)
        box.addWidget(self.coupon_view)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.redeem_button)
        box.addLayout(row)
        self.ledger_box = QGroupBox()
        lbox = QVBoxLayout(self.ledger_box)
        lbox.addWidget(self.ledger_view)
        prow = QHBoxLayout()
        prow.addStretch(1)
        prow.addWidget(self.points_spin)
        prow.addWidget(self.points_button)
        lbox.addLayout(prow)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self.coupons_box, 1)
        layout.addWidget(self.ledger_box, 1)
        self._add_page(page)

    def _build_notes_tasks(self) -> None:
        self.note_model: RowsModel[Note] = RowsModel(
            [
                Column(lambda: translate("CustomerView", "When"), lambda n: fmt.when(n.updated_at)),
                Column(lambda: translate("CustomerView", "Note"), lambda n: n.body),
                Column(
                    lambda: translate("CustomerView", "Sync"), lambda n: fmt.pending_mark(n.pending)
                ),
            ],
            self,
        )
        self.task_model: RowsModel[Task] = RowsModel(
            [
                Column(lambda: translate("CustomerView", "Due"), lambda t: fmt.day(t.due_at)),
                Column(lambda: translate("CustomerView", "Kind"), lambda t: fmt.task_kind(t.kind)),
                Column(lambda: translate("CustomerView", "Task"), lambda t: t.title),
                Column(
                    lambda: translate("CustomerView", "State"), lambda t: fmt.task_status(t.status)
                ),
                Column(lambda: translate("CustomerView", "Outcome"), lambda t: t.outcome),
                Column(
                    lambda: translate("CustomerView", "Sync"), lambda t: fmt.pending_mark(t.pending)
                ),
            ],
            self,
        )
        self.note_view = table_view(self.note_model)
        self.task_view = table_view(self.task_model)
        self.task_view.selectionModel().selectionChanged.connect(self._update_actions)
        self.note_edit = QLineEdit()
        self.note_button = QPushButton()
        self.note_button.clicked.connect(self._add_note)
        self.note_edit.returnPressed.connect(self._add_note)
        self.task_kind = QComboBox()
        self.task_title = QLineEdit()
        self.task_due = QDateEdit(QDate.currentDate())
        self.task_due.setCalendarPopup(True)
        self.task_button = QPushButton()
        self.task_button.clicked.connect(self._add_task)
        self.outcome_edit = QLineEdit()
        self.done_button = QPushButton()
        self.done_button.clicked.connect(self._task_done)
        self.interaction_kind = QComboBox()
        self.interaction_summary = QLineEdit()
        self.interaction_button = QPushButton()
        self.interaction_button.clicked.connect(self._log_interaction)

        self.notes_box = QGroupBox()
        nbox = QVBoxLayout(self.notes_box)
        nbox.addWidget(self.note_view, 1)
        nrow = QHBoxLayout()
        nrow.addWidget(self.note_edit, 1)
        nrow.addWidget(self.note_button)
        nbox.addLayout(nrow)
        irow = QHBoxLayout()
        irow.addWidget(self.interaction_kind)
        irow.addWidget(self.interaction_summary, 1)
        irow.addWidget(self.interaction_button)
        nbox.addLayout(irow)
        self.tasks_box = QGroupBox()
        tbox = QVBoxLayout(self.tasks_box)
        tbox.addWidget(self.task_view, 1)
        trow = QHBoxLayout()
        trow.addWidget(self.task_kind)
        trow.addWidget(self.task_title, 1)
        trow.addWidget(self.task_due)
        trow.addWidget(self.task_button)
        tbox.addLayout(trow)
        drow = QHBoxLayout()
        drow.addWidget(self.outcome_edit, 1)
        drow.addWidget(self.done_button)
        tbox.addLayout(drow)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self.notes_box, 1)
        layout.addWidget(self.tasks_box, 1)
        self.notes_page = page
        self._add_page(page)

    def _build_consents(self) -> None:
        self.consent_boxes: dict[str, QCheckBox] = {}
        self.consent_info: dict[str, QLabel] = {}
        self.outreach_buttons: dict[str, QPushButton] = {}
        self.consent_group = QGroupBox()
        form = QGridLayout(self.consent_group)
        for row, channel in enumerate(CONSENT_CHANNELS):
            box = QCheckBox()
            box.clicked.connect(lambda checked, c=channel: self._set_consent(c, checked))
            info = QLabel()
            self.consent_boxes[channel] = box
            self.consent_info[channel] = info
            form.addWidget(box, row, 0)
            form.addWidget(info, row, 1)
            if channel in OUTREACH_CHANNELS:
                button = QPushButton()
                button.clicked.connect(lambda _=False, c=channel: self._send_message(c))
                self.outreach_buttons[channel] = button
                form.addWidget(button, row, 2)
        form.setColumnStretch(1, 1)
        self.profile_group = QGroupBox()
        pform = QFormLayout(self.profile_group)
        self.preferred_combo = QComboBox()
        self.preferences_edit = QPlainTextEdit()
        self.preferences_edit.setFixedHeight(90)
        self.phone_edit = QLineEdit()
        self.email_edit = QLineEdit()
        self.save_profile_button = QPushButton()
        self.save_profile_button.clicked.connect(self._save_profile)
        self.preferred_label = QLabel()
        self.preferences_label = QLabel()
        self.phone_label = QLabel()
        self.email_label = QLabel()
        pform.addRow(self.preferred_label, self.preferred_combo)
        pform.addRow(self.phone_label, self.phone_edit)
        pform.addRow(self.email_label, self.email_edit)
        pform.addRow(self.preferences_label, self.preferences_edit)
        pform.addRow("", self.save_profile_button)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self.consent_group)
        layout.addWidget(self.profile_group)
        layout.addStretch(1)
        self.consents_page = page
        self._add_page(page)

    # --- language ---------------------------------------------------------------------------------

    def _fill_combo(self, combo: QComboBox, items: list[tuple[str, str]]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        for key, label in items:
            combo.addItem(label, key)
        found = combo.findData(current)
        combo.setCurrentIndex(max(found, 0))
        combo.blockSignals(False)

    def retranslate(self) -> None:
        self.back_button.setText(self.tr("← Back to search"))
        titles = (
            self.tr("Timeline"),
            self.tr("Carts"),
            self.tr("Recommendations"),
            self.tr("Loyalty & coupons"),
            self.tr("Notes & tasks"),
            self.tr("Consents & contact"),
        )
        for i, title in enumerate(titles):
            self.tabs.setTabText(i, title.replace("&", "&&"))
        if self.gdpr_panel is not None:
            self.tabs.setTabText(self.page_index(self.gdpr_panel), self.tr("Data protection"))
        self.channel_label.setText(self.tr("Channel"))
        self.kind_label.setText(self.tr("Show"))
        self._fill_combo(
            self.channel_filter,
            [("", self.tr("All channels"))] + [(c, fmt.channel(c)) for c in CHANNELS_SALES],
        )
        kind_labels = {
            "all": self.tr("Everything"),
            "orders": self.tr("Orders"),
            "returns": self.tr("Returns"),
            "carts": self.tr("Carts"),
            "messages": self.tr("Messages, surveys, visits"),
            "notes": self.tr("Notes"),
        }
        self._fill_combo(self.kind_filter, list(kind_labels.items()))
        self.cart_task_button.setText(self.tr("Create a call task for this cart"))
        self.redeem_button.setText(self.tr("Redeem selected coupon"))
        self.points_button.setText(self.tr("Redeem points"))
        self.coupons_box.setTitle(self.tr("Coupons"))
        self.ledger_box.setTitle(self.tr("Points ledger"))
        self.notes_box.setTitle(self.tr("Notes and interactions"))
        self.tasks_box.setTitle(self.tr("Follow-up tasks"))
        self.note_edit.setPlaceholderText(self.tr("Write a note for your colleagues…"))
        self.note_button.setText(self.tr("Add note"))
        self._fill_combo(self.task_kind, [(k, fmt.task_kind(k)) for k in TASK_KINDS])
        self.task_title.setPlaceholderText(self.tr("What to do"))
        self.task_button.setText(self.tr("Create task"))
        self.outcome_edit.setPlaceholderText(self.tr("Outcome of the selected task"))
        self.done_button.setText(self.tr("Mark done"))
        self._fill_combo(
            self.interaction_kind, [(k, fmt.event_kind(k)) for k in INTERACTION_CHOICES]
        )
        self.interaction_summary.setPlaceholderText(self.tr("What happened"))
        self.interaction_button.setText(self.tr("Log interaction"))
        self.consent_group.setTitle(self.tr("Marketing consent (GDPR)"))
        self.profile_group.setTitle(self.tr("Contact and preferences"))
        for channel, box in self.consent_boxes.items():
            box.setText(self.tr("{0}: may contact").format(fmt.channel(channel)))
        for channel, button in self.outreach_buttons.items():
            button.setText(self.tr("Send via {0}").format(fmt.channel(channel)))
        self._fill_combo(
            self.preferred_combo,
            [("", self.tr("No preference"))]
            + [(c, fmt.channel(c)) for c in OUTREACH_CHANNELS]
            + [("phone", fmt.channel("phone"))],
        )
        self.preferred_label.setText(self.tr("Preferred channel"))
        self.preferences_label.setText(self.tr("Preferences"))
        self.phone_label.setText(self.tr("Add phone"))
        self.email_label.setText(self.tr("Add e-mail"))
        self.save_profile_button.setText(self.tr("Save contact details"))
        for model in (
            self.cart_model,
            self.reco_model,
            self.coupon_model,
            self.ledger_model,
            self.note_model,
            self.task_model,
        ):
            model.retranslate()
        self.timeline_model.retranslate()
        if self.data is not None:
            self._populate(self.data)

    # --- loading ----------------------------------------------------------------------------------

    def show_customer(self, customer_id: str) -> None:
        if customer_id != self.customer_id:
            self.data = None
            self.rejections = []
            self.tabs.setCurrentIndex(0)
            self.message.hide()
            self.failure_details.clear()
            if self.gdpr_panel is not None:
                self.gdpr_panel.set_customer(None)
        self.customer_id = customer_id
        self.reload()
        self._reload_timeline()
        staff = self.session.staff.id
        self.session.edit(
            lambda r, _s: edits.mark_viewed(r, customer_id, staff_id=staff), lambda: None
        )

    def reload(self) -> None:
        """Re-read everything but the timeline (which pages on its own)."""
        customer_id = self.customer_id
        if customer_id is None:
            return
        self._ticket += 1
        ticket = self._ticket

        def query(replica: Replica) -> tuple[Customer360 | None, list[outbox.RejectedEdit]]:
            with replica.snapshot() as conn:
                data = queries.customer_360(conn, customer_id, timeline_limit=1)
                return data, outbox.rejected(conn, unseen_only=True, customer_id=customer_id)

        self.session.read(query, lambda found: self._loaded(ticket, *found))
        if self.timeline_model.rowCount() and not self.timeline_model.loading:
            self._reload_timeline()

    def _loaded(
        self, ticket: int, data: Customer360 | None, rejections: list[outbox.RejectedEdit]
    ) -> None:
        if ticket != self._ticket:
            return
        if data is None:
            if self.data is not None:
                # She left the tablet (erased, or never created on the server) while shown:
                # nothing of her stays on screen.
                self.data = None
                self.customer_id = None
                self.backRequested.emit()
            return
        self.data = data
        self.rejections = rejections
        self._populate(data)
        if self.gdpr_panel is not None:
            self.gdpr_panel.set_customer(data.header.customer_id, data.header.display_name)
        self.loaded.emit(data.header.customer_id)

    def _reload_timeline(self) -> None:
        customer_id = self.customer_id
        if customer_id is None:
            self.timeline_model.set_loader(None)
            return
        channel = self.channel_filter.currentData() or None
        kind = self.kind_filter.currentData() or "all"
        sources = TIMELINE_KINDS.get(kind)
        session = self.session

        def loader(offset: int, limit: int, done: Callable[[TimelinePage], None]) -> None:
            session.read(
                lambda r: queries.timeline(
                    r.read(),
                    customer_id,
                    sources=sources,
                    channels=(channel,) if channel else None,
                    offset=offset,
                    limit=limit,
                ),
                done,
            )

        self.timeline_model.set_loader(loader)

    def _populate(self, data: Customer360) -> None:
        h = data.header
        self.header.show_header(h)
        items = [CartItem(c, ln) for c in data.carts if c.abandoned_at for ln in c.lines]
        self.cart_model.set_rows(items)
        self.cart_empty.setText(self.tr("No abandoned carts."))
        self.cart_empty.setVisible(not items)
        self.reco_model.set_rows(data.recommendations)
        self.reco_empty.setText(
            self.tr(
                "No recommendations for her yet: they appear after the server's next analytics run."
            )
        )
        self.reco_empty.setVisible(not data.recommendations)
        self.coupon_model.set_rows(data.coupons)
        self.ledger_model.set_rows(data.loyalty)
        self.points_spin.setMaximum(max(h.points_balance, 0))
        self.note_model.set_rows(data.notes)
        self.task_model.set_rows(data.tasks)
        for channel, box in self.consent_boxes.items():
            state = self._consent(h, channel)
            box.setChecked(h.may_contact(channel))
            self.consent_info[channel].setText(self._consent_text(state))
        for channel, button in self.outreach_buttons.items():
            allowed = h.may_contact(channel)
            button.setEnabled(allowed)
            button.setToolTip(
                "" if allowed else self.tr("She has not consented to messages by this channel.")
            )
        index = self.preferred_combo.findData(h.preferred_channel or "")
        self.preferred_combo.setCurrentIndex(max(index, 0))
        self.preferences_edit.setPlainText(h.preferences)
        self._show_rejections()
        self._update_actions()

    @staticmethod
    def _consent(h: CustomerHeader, channel: str) -> ConsentState | None:
        return next(
            (c for c in h.consents if c.channel == channel and c.purpose == "marketing"), None
        )

    def _consent_text(self, state: ConsentState | None) -> str:
        if state is None:
            return self.tr("never asked")
        verb = self.tr("granted") if state.granted else self.tr("withdrawn")
        text = self.tr("{0} on {1} ({2})").format(verb, fmt.when(state.recorded_at), state.source)
        if state.pending:
            text += " · " + fmt.pending_mark(True)
        return text

    def _coupon_state(self, coupon: Coupon) -> str:
        if coupon.pending and coupon.redeemed_at:
            return self.tr("Redeemed here — pending sync")
        if coupon.redeemed_at:
            return self.tr("Used on {0}").format(fmt.day(coupon.redeemed_at))
        if coupon.available:
            return self.tr("Available")
        return self.tr("Expired")

    def _show_rejections(self) -> None:
        if self.customer_id is None:
            return
        found = self.rejections
        if not found:
            self.rejected_banner.hide()
            return
        lines = []
        charged = False
        for r in found:
            if r.code == outbox.SUPERSEDED:
                lines.extend(self._superseded_lines(r))
                continue
            charged = charged or r.kind in ("coupon.redeem", "points.redeem")
            if r.kind == "coupon.redeem":
                what = self.tr("The coupon redemption was refused by the server")
            elif r.kind == "points.redeem":
                what = self.tr("The points redemption was refused by the server")
            else:
                what = self.tr("An edit was refused by the server")
            reason = (
                self.tr("it had already been used on another device or channel")
                if r.code == "coupon_already_redeemed"
                else (r.reason or r.code or "")
            )
            lines.append(f"{what}: {reason}.")
        if charged:
            lines.append(self.tr("Nothing was charged twice; tell the customer before checkout."))
        self.rejected_banner.setText("\n".join(lines))
        self.rejected_banner.show()

    def _superseded_lines(self, edit: outbox.RejectedEdit) -> list[str]:
        """A field she changed that a later edit kept: who, when, what won, and her text."""
        lines = []
        for lost in edit.lost:
            who = lost.by_name or self.tr("a colleague")
            lines.append(
                self.tr(
                    "{who} changed “{field}” after you ({when}); their version was kept: "
                    "“{theirs}”. Yours was: “{mine}” — copy it from here if it still matters."
                ).format(
                    who=who,
                    field=fmt.field_label(lost.field),
                    when=fmt.when(lost.at),
                    theirs=fmt.plain_value(lost.value),
                    mine=fmt.plain_value(edit.mine(lost.field)),
                )
            )
        return lines

    def _update_actions(self) -> None:
        coupon = self.coupon_model.row_at(selected_row(self.coupon_view))
        self.redeem_button.setEnabled(coupon is not None and coupon.available)
        task = self.task_model.row_at(selected_row(self.task_view))
        self.done_button.setEnabled(task is not None and task.status == "open")
        self.cart_task_button.setEnabled(self.cart_model.rowCount() > 0)
        balance = self.data.header.points_balance if self.data else 0
        self.points_button.setEnabled(balance > 0)

    def _show_failure(self, failure: Failure) -> None:
        if self.isVisible() or self.customer_id:
            self.message.setText(failure.text)
            self.message.show()
            self.failure_details.show_details(failure.details)

    # --- actions ----------------------------------------------------------------------------------

    def _edit(
        self,
        change: Callable[[Replica, str], object],
        confirmation: str,
        then: Callable[[], None] | None = None,
    ) -> None:
        """``then`` runs only once the edit is made (e.g. emptying the field she typed in, so a
        refused note keeps her text)."""

        def done() -> None:
            self.message.setText(confirmation)
            self.message.show()
            self.failure_details.clear()
            if then is not None:
                then()

        self.session.edit(change, done)

    def select_coupon(self, code: str) -> bool:
        for row, coupon in enumerate(self.coupon_model.rows()):
            if coupon.code == code:
                self.coupon_view.selectRow(row)
                return True
        return False

    def _redeem_coupon(self) -> None:
        coupon = self.coupon_model.row_at(selected_row(self.coupon_view))
        cid = self.customer_id
        if coupon is None or cid is None:
            return
        self._edit(
            lambda r, s: edits.redeem_coupon(r, cid, coupon.id, staff_id=s),
            self.tr("Coupon {0} redeemed. It is confirmed at the next sync.").format(coupon.code),
        )

    def _redeem_points(self) -> None:
        cid = self.customer_id
        points = self.points_spin.value()
        if cid is None or points <= 0:
            return
        reason = self.tr("Redeemed in store")
        self._edit(
            lambda r, s: edits.redeem_points(r, cid, points, reason=reason, staff_id=s),
            self.tr("{0} points redeemed.").format(points),
        )

    def _add_note(self) -> None:
        cid = self.customer_id
        body = self.note_edit.text().strip()
        if cid is None or not body:
            return
        self._edit(
            lambda r, s: edits.add_note(r, cid, body, staff_id=s),
            self.tr("Note added."),
            then=self.note_edit.clear,
        )

    def _add_task(self) -> None:
        cid = self.customer_id
        if cid is None:
            return
        kind = self.task_kind.currentData() or "follow_up"
        title = self.task_title.text().strip() or fmt.task_kind(kind)
        qd = self.task_due.date()
        due = datetime.combine(datetime(qd.year(), qd.month(), qd.day()).date(), time(12), UTC)
        staff = self.session.staff.id
        self._edit(
            lambda r, s: edits.upsert_task(
                r, cid, kind=kind, title=title, due_at=due, assigned_staff_id=staff, staff_id=s
            ),
            self.tr("Task created."),
            then=self.task_title.clear,
        )

    def _cart_task(self) -> None:
        cid = self.customer_id
        item = self.cart_model.row_at(max(selected_row(self.cart_view), 0))
        if cid is None or item is None:
            return
        names = ", ".join(f"{ln.name} ({ln.size})" for ln in item.cart.lines)
        title = self.tr("Call about her cart: {0}").format(names)
        due = datetime.now(UTC) + timedelta(days=1)
        staff = self.session.staff.id
        self._edit(
            lambda r, s: edits.upsert_task(
                r,
                cid,
                kind="cart_call",
                title=title,
                due_at=due,
                assigned_staff_id=staff,
                staff_id=s,
            ),
            self.tr("Task created."),
        )

    def _task_done(self) -> None:
        cid = self.customer_id
        task = self.task_model.row_at(selected_row(self.task_view))
        if cid is None or task is None:
            return
        outcome = self.outcome_edit.text().strip()
        self.outcome_edit.clear()
        self._edit(
            lambda r, s: edits.upsert_task(
                r, cid, task_id=task.id, status="done", outcome=outcome, staff_id=s
            ),
            self.tr("Task marked done."),
        )

    def _log_interaction(self) -> None:
        cid = self.customer_id
        if cid is None:
            return
        kind = self.interaction_kind.currentData() or "call"
        summary = self.interaction_summary.text().strip()
        self.interaction_summary.clear()
        self._edit(
            lambda r, s: edits.log_interaction(r, cid, kind, summary=summary, staff_id=s),
            self.tr("Interaction logged."),
        )

    def _set_consent(self, channel: str, granted: bool) -> None:
        cid = self.customer_id
        if cid is None:
            return
        self._edit(
            lambda r, s: edits.record_consent(r, cid, channel, granted, staff_id=s),
            self.tr("Consent recorded."),
        )

    def _send_message(self, channel: str) -> None:
        cid = self.customer_id
        if cid is None or self.data is None or not self.data.header.may_contact(channel):
            return
        self._edit(
            lambda r, s: edits.log_interaction(
                r,
                cid,
                f"{channel}_sent",
                channel=channel,
                summary=self.tr("Personal message from the store"),
                staff_id=s,
            ),
            self.tr("Message queued for sending."),
        )

    def _save_profile(self) -> None:
        cid = self.customer_id
        if cid is None:
            return
        fields: dict[str, object] = {
            "preferred_channel": self.preferred_combo.currentData() or None,
            "preferences": self.preferences_edit.toPlainText().strip(),
        }
        phone = self.phone_edit.text().strip()
        email = self.email_edit.text().strip()
        self.phone_edit.clear()
        self.email_edit.clear()
        self._edit(
            lambda r, s: self._profile_change(r, s, cid, fields, phone, email),
            self.tr("Contact details saved."),
        )

    @staticmethod
    def _profile_change(
        replica: Replica,
        staff_id: str,
        customer_id: str,
        fields: dict[str, object],
        phone: str,
        email: str,
    ) -> None:
        from clienteling.protocol.mutations import PROFILE_FIELDS

        extra = {"phone": phone, "email": email}
        for key, value in extra.items():
            if value and key in PROFILE_FIELDS:
                fields[key] = value
        edits.update_profile(
            replica,
            customer_id,
            {k: v for k, v in fields.items() if k in PROFILE_FIELDS},
            staff_id=staff_id,
        )
