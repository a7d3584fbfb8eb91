"""The manager's campaigns: VIP private sales (segment, invitations, RSVPs, attendance, event
sales) and abandoned-cart call tasks.

Campaigns live only on the server, so every figure here comes from the manager API with her own
sign-in; the server alone decides who may be contacted (consent per channel and purpose). When
the server cannot be reached the screen says so and changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from clienteling.protocol.rows import RFM_SEGMENTS
from clienteling.replica import customer_lists, queries
from clienteling.replica.store import Replica
from clienteling.sync.client import Offline, SyncError
from clienteling.sync.manager_api import NeedsOnlineSignIn
from clienteling.ui import fmt
from clienteling.ui.models.campaign_models import (
    CampaignRow,
    CampaignTableModel,
    InvitationRow,
    InvitationTableModel,
    MessageRow,
    MessageTableModel,
)
from clienteling.ui.retranslate import Retranslating
from clienteling.ui.session import Session
from clienteling.ui.views.campaign_dialog import CampaignDialog, SendConfirmDialog, reach_text
from clienteling.ui.widgets.tables import selected_row, table_view

CART_DAYS = 7
MESSAGE_LIMIT = 1000
Text = Callable[[], str]


def store_segments(replica: Replica) -> list[str]:
    """The RFM groups of this tablet's store, as its customer list shows them (a worker job:
    the store is read from the replica too)."""
    conn = replica.read()
    return customer_lists.campaign_segments(conn, queries.device_store_id(conn))


class CampaignsView(Retranslating, QWidget):
    """Campaign list, the selected campaign's results, invitations and messages, and actions."""

    customerChosen = Signal(str)
    campaignsLoaded = Signal()
    detailsLoaded = Signal(str)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.dialog: CampaignDialog | None = None
        self.confirm: SendConfirmDialog | None = None
        self.last_send: dict[str, Any] | None = None
        self.last_cart_calls: dict[str, Any] | None = None
        self.last_failure: SyncError | None = None
        self._campaign_id: str | None = None
        self._details_for: str | None = None
        self._list_ticket = 0
        self._detail_ticket = 0
        self._busy: set[str] = set()
        self._notice: Text | None = None
        self._error: Text | None = None
        self._error_source = ""

        self.title = QLabel()
        self.title.setObjectName("sectionTitle")
        self.new_button = QPushButton()
        self.new_button.setObjectName("primary")
        self.new_button.clicked.connect(self.new_campaign)
        self.send_button = QPushButton()
        self.send_button.clicked.connect(self.send_selected)
        self.refresh_button = QPushButton()
        self.refresh_button.clicked.connect(self.reload)
        self.carts_button = QPushButton()
        self.carts_button.clicked.connect(self.create_cart_calls)
        self.notice = QLabel()
        self.notice.setObjectName("inlineMessage")
        self.notice.setWordWrap(True)
        self.notice.hide()
        self.error = QLabel()
        self.error.setObjectName("rejectedBanner")
        self.error.setWordWrap(True)
        self.error.hide()

        self.campaign_model = CampaignTableModel(self)
        self.campaign_table = table_view(self.campaign_model)
        self.campaign_table.selectionModel().selectionChanged.connect(self._campaign_changed)
        self.campaigns_empty = QLabel()
        self.campaigns_empty.setObjectName("emptyState")
        self.campaigns_empty.setWordWrap(True)
        self.campaigns_empty.hide()

        self.results_box = QGroupBox()
        self.results = QLabel()
        self.results.setWordWrap(True)
        self.results.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        QVBoxLayout(self.results_box).addWidget(self.results)

        self.invitation_model = InvitationTableModel(self)
        self.invitation_table = table_view(self.invitation_model)
        self.invitation_table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.invitation_table.doubleClicked.connect(self._open_invitation)
        self.invitation_table.activated.connect(self._open_invitation)
        self.invitations_empty = QLabel()
        self.invitations_empty.setObjectName("emptyState")
        self.invitations_empty.setWordWrap(True)
        self.rsvp_yes_button = QPushButton()
        self.rsvp_yes_button.clicked.connect(lambda: self._respond({"rsvp": "yes"}))
        self.rsvp_no_button = QPushButton()
        self.rsvp_no_button.clicked.connect(lambda: self._respond({"rsvp": "no"}))
        self.attended_button = QPushButton()
        self.attended_button.clicked.connect(self._toggle_attended)
        invitations = QWidget()
        actions = QHBoxLayout()
        for button in (self.rsvp_yes_button, self.rsvp_no_button, self.attended_button):
            actions.addWidget(button)
        actions.addStretch(1)
        box = QVBoxLayout(invitations)
        box.addLayout(actions)
        box.addWidget(self.invitations_empty)
        box.addWidget(self.invitation_table, 1)

        self.message_model = MessageTableModel(self)
        self.message_table = table_view(self.message_model)
        self.message_table.doubleClicked.connect(self._open_message)
        self.message_table.activated.connect(self._open_message)
        self.detail_tabs = QTabWidget()
        self.detail_tabs.addTab(invitations, "")
        self.detail_tabs.addTab(self.message_table, "")

        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        for button in (self.refresh_button, self.carts_button, self.send_button, self.new_button):
            top.addWidget(button)
        details = QHBoxLayout()
        details.addWidget(self.results_box, 1)
        details.addWidget(self.detail_tabs, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.notice)
        layout.addWidget(self.error)
        layout.addWidget(self.campaigns_empty)
        layout.addWidget(self.campaign_table, 2)
        layout.addLayout(details, 3)
        self.retranslate()

    # --- language ------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.title.setText(self.tr("Campaigns"))
        self.new_button.setText(self.tr("New private sale"))
        self.send_button.setText(self.tr("Send invitations"))
        self.refresh_button.setText(self.tr("Refresh"))
        self.carts_button.setText(
            self.tr("Abandoned carts (last {0} days): create call tasks").format(CART_DAYS)
        )
        self.rsvp_yes_button.setText(self.tr("She is coming"))
        self.rsvp_no_button.setText(self.tr("She is not coming"))
        self.results_box.setTitle(self.tr("Results"))
        self.detail_tabs.setTabText(0, self.tr("Invitations ({0})").format(self._invitations()))
        self.detail_tabs.setTabText(1, self.tr("Messages ({0})").format(self._messages()))
        self.campaigns_empty.setText(
            self.tr(
                "No campaigns yet. Start with “New private sale”: choose who is invited and "
                "see how many of them can be reached."
            )
        )
        for model in (self.campaign_model, self.invitation_model, self.message_model):
            model.retranslate()
        self._show_results()
        self._show_messages()
        self._update_buttons()

    def _invitations(self) -> int:
        return self.invitation_model.rowCount()

    def _messages(self) -> int:
        return self.message_model.rowCount()

    # --- messages to the manager ---------------------------------------------------------------

    def _set_notice(self, text: Text | None) -> None:
        self._notice = text
        self._show_messages()

    def _set_error(self, text: Text | None, source: str = "") -> None:
        self._error = text
        self._error_source = source
        self._show_messages()

    def _clear_error_from(self, source: str) -> None:
        """A later success clears the error of the same read, never another action's."""
        if self._error is not None and self._error_source == source:
            self._set_error(None)

    def _clear_messages(self) -> None:
        self._notice = None
        self._error = None
        self._show_messages()

    def _show_messages(self) -> None:
        for label, text in ((self.notice, self._notice), (self.error, self._error)):
            label.setText(text() if text else "")
            label.setVisible(text is not None)

    def notice_text(self) -> str:
        return self.notice.text() if self._notice else ""

    def error_text(self) -> str:
        return self.error.text() if self._error else ""

    def reason(self, exc: SyncError) -> str:
        """Why a call failed, in words a manager can act on."""
        if isinstance(exc, NeedsOnlineSignIn):
            return self.tr(
                "You signed in while the server was unreachable: sign out and sign in again "
                "while online to work with campaigns."
            )
        if isinstance(exc, Offline):
            return self.tr(
                "The server cannot be reached: campaigns need a connection. Nothing was "
                "changed; try again when the tablet is back online."
            )
        return exc.message

    def _failure(self, what: Text, exc: SyncError) -> Text:
        """What did not happen, then why."""
        self.last_failure = exc
        return lambda: f"{what()} {self.reason(exc)}"

    def _fail(self, what: Text, busy: str) -> Callable[[SyncError], None]:
        def failed(exc: SyncError) -> None:
            self._busy.discard(busy)
            self._set_error(self._failure(what, exc), busy)
            self._update_buttons()

        return failed

    # --- the campaign list ---------------------------------------------------------------------

    def reload(self) -> None:
        """Fetch the store's campaigns (the lead calls this when the tab is shown)."""
        if not self.session.is_manager:
            self._set_error(lambda: self.tr("Only store managers can manage campaigns."))
            self._update_buttons()
            return
        self._list_ticket += 1
        ticket = self._list_ticket
        self._busy.add("reload")
        self._update_buttons()
        self.session.call(
            self.session.manager_api().campaigns(self.session.store_code),
            lambda data: self._campaigns_loaded(ticket, data),
            self._list_failed(ticket),
        )

    def _list_failed(self, ticket: int) -> Callable[[SyncError], None]:
        fail = self._fail(lambda: self.tr("The campaigns could not be loaded."), "reload")

        def failed(exc: SyncError) -> None:
            if ticket == self._list_ticket:
                fail(exc)

        return failed

    def _campaigns_loaded(self, ticket: int, data: list[dict[str, Any]]) -> None:
        if ticket != self._list_ticket:
            return
        self._busy.discard("reload")
        self._clear_error_from("reload")
        keep = self._campaign_id
        rows = [CampaignRow.from_api(d) for d in data]
        self.campaign_model.set_rows(rows)
        self.campaigns_empty.setVisible(not rows)
        self._details_for = None
        wanted = self.campaign_model.row_of(keep) if keep else -1
        if wanted < 0 and rows:
            wanted = 0
        if wanted >= 0:
            self.campaign_table.selectRow(wanted)
        self._campaign_changed()
        self.campaignsLoaded.emit()

    def selected_campaign(self) -> CampaignRow | None:
        return self.campaign_model.row_at(selected_row(self.campaign_table))

    def select_campaign(self, campaign_id: str) -> bool:
        row = self.campaign_model.row_of(campaign_id)
        if row >= 0:
            self.campaign_table.selectRow(row)
        return row >= 0

    def _campaign_changed(self) -> None:
        campaign = self.selected_campaign()
        new_id = campaign.id if campaign else None
        if new_id is not None and new_id == self._details_for:
            return
        self._campaign_id = new_id
        self._details_for = new_id
        self._detail_ticket += 1
        self.invitation_model.set_rows([])
        self.message_model.set_rows([])
        self.retranslate()
        if campaign is not None:
            self._load_details(campaign.id)

    def _show_results(self) -> None:
        campaign = self.selected_campaign()
        if campaign is None:
            self.results.setText(self.tr("Choose a campaign to see its results."))
            self.invitations_empty.hide()
            return
        r = campaign.results
        head = f"{campaign.name}\n{fmt.when(campaign.event_at)}"
        if campaign.description:
            head += "\n" + campaign.description
        if campaign.is_draft:
            body = self.tr(
                "Not sent yet. {0} customers are in the segment today; the invitation list is "
                "made when you send the invitations."
            ).format(campaign.segment_size)
        else:
            body = self.tr(
                "Invited: {0}\nNot invited (no consent or no address): {1}\n"
                "Coming: {2} · not coming: {3}\nAttended: {4}\n"
                "Sales at the event: {5} orders, {6}, from {7} customers"
            ).format(
                r.invited,
                r.skipped,
                r.rsvp_yes,
                r.rsvp_no,
                r.attended,
                r.event_orders,
                fmt.money(r.event_revenue_cents),
                r.event_buyers,
            )
        self.results.setText(f"{head}\n\n{body}")
        self.invitations_empty.setVisible(campaign.is_draft)
        self.invitations_empty.setText(
            self.tr("The invitation list is made when the invitations are sent.")
        )

    # --- the selected campaign's invitations and messages --------------------------------------

    def _load_details(self, campaign_id: str) -> None:
        self._detail_ticket += 1
        ticket = self._detail_ticket
        api = self.session.manager_api()
        store_code = self.session.store_code

        async def fetch() -> tuple[list[dict[str, Any]], list[dict[str, Any]], dict[str, Any]]:
            invitations = await api.invitations(campaign_id)
            messages = await api.messages(store_code, campaign_id=campaign_id, limit=MESSAGE_LIMIT)
            campaign = await api.campaign(campaign_id)
            return invitations, messages, campaign

        def what() -> str:
            return self.tr("The campaign's details could not be loaded.")

        def failed(exc: SyncError) -> None:
            if ticket == self._detail_ticket:
                self._set_error(self._failure(what, exc), "details")

        self.session.call(
            fetch(), lambda data: self._details_loaded(ticket, campaign_id, *data), failed
        )

    def _details_loaded(
        self,
        ticket: int,
        campaign_id: str,
        invitations: list[dict[str, Any]],
        messages: list[dict[str, Any]],
        campaign: dict[str, Any],
    ) -> None:
        if ticket != self._detail_ticket or campaign_id != self._campaign_id:
            return
        selected = self._selected_invitation()
        rows = [InvitationRow.from_api(d) for d in invitations]
        names = {r.customer_id: r.display_name for r in rows}
        self.invitation_model.set_rows(rows)
        self.message_model.set_rows([MessageRow.from_api(d, names) for d in messages])
        if selected is not None and (i := self.invitation_model.row_of(selected.customer_id)) >= 0:
            self.invitation_table.selectRow(i)
        self.campaign_model.replace(CampaignRow.from_api(campaign))
        self._clear_error_from("details")
        self.retranslate()
        self.detailsLoaded.emit(campaign_id)

    def _selected_invitation(self) -> InvitationRow | None:
        return self.invitation_model.row_at(selected_row(self.invitation_table))

    def select_invitation(self, customer_id: str) -> bool:
        row = self.invitation_model.row_of(customer_id)
        if row >= 0:
            self.invitation_table.selectRow(row)
        return row >= 0

    def _open_invitation(self, index: QModelIndex) -> None:
        row = self.invitation_model.row_at(index.row())
        if row is not None:
            self.customerChosen.emit(row.customer_id)

    def _open_message(self, index: QModelIndex) -> None:
        row = self.message_model.row_at(index.row())
        if row is not None:
            self.customerChosen.emit(row.customer_id)

    # --- RSVP and attendance -------------------------------------------------------------------

    def _toggle_attended(self) -> None:
        invitation = self._selected_invitation()
        if invitation is not None:
            self._respond({"attended": not invitation.attended})

    def _respond(self, patch: dict[str, Any]) -> None:
        campaign = self.selected_campaign()
        invitation = self._selected_invitation()
        if campaign is None or invitation is None or "respond" in self._busy:
            return
        self._busy.add("respond")
        self._clear_messages()
        self._update_buttons()
        api = self.session.manager_api()

        async def record() -> tuple[dict[str, Any], dict[str, Any]]:
            updated = await api.update_invitation(campaign.id, invitation.customer_id, patch)
            return updated, await api.campaign(campaign.id)

        self.session.call(
            record(),
            lambda data: self._responded(*data),
            self._fail(lambda: self.tr("The answer was not recorded."), "respond"),
        )

    def _responded(self, invitation: dict[str, Any], campaign: dict[str, Any]) -> None:
        self._busy.discard("respond")
        row = InvitationRow.from_api(invitation)
        self.invitation_model.replace(row)
        self.campaign_model.replace(CampaignRow.from_api(campaign))
        name = row.display_name
        self._set_notice(lambda: self.tr("Saved for {0}.").format(name))
        self._show_results()
        self._update_buttons()

    # --- new campaign --------------------------------------------------------------------------

    def new_campaign(self) -> None:
        """Open the private-sale dialog (once; a second tap brings it to the front)."""
        if self.dialog is not None:
            self.dialog.raise_()
            self.dialog.activateWindow()
            return
        self._clear_messages()
        self.session.read(store_segments, self._open_dialog, lambda _: self._open_dialog([]))

    def _open_dialog(self, segments: list[str]) -> None:
        if self.dialog is not None:
            return
        dialog = CampaignDialog(self.session, segments or list(RFM_SEGMENTS), self)
        dialog.created.connect(self._created)
        dialog.finished.connect(self._dialog_closed)
        self.dialog = dialog
        dialog.open()

    def _dialog_closed(self) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = None

    def _created(self, campaign: CampaignRow) -> None:
        self._campaign_id = campaign.id
        name = campaign.name
        self._set_notice(
            lambda: self.tr(
                "“{0}” was saved as a draft. Check it, then send the invitations."
            ).format(name)
        )
        self.reload()

    # --- sending -------------------------------------------------------------------------------

    def send_selected(self) -> None:
        """Count who will be reached, then ask before sending anything."""
        campaign = self.selected_campaign()
        if campaign is None or not campaign.is_draft or "send" in self._busy:
            return
        self._busy.add("send")
        self._clear_messages()
        self._update_buttons()
        self.session.call(
            self.session.manager_api().segment_preview(self.session.store_code, campaign.segment),
            lambda preview: self._confirm_send(campaign, preview),
            self._fail(lambda: self.tr("The invitations were not sent."), "send"),
        )

    def _confirm_send(self, campaign: CampaignRow, preview: dict[str, Any]) -> None:
        confirm = SendConfirmDialog(campaign, preview, self)
        confirm.accepted.connect(lambda: self._send(campaign))
        confirm.rejected.connect(self._send_cancelled)
        confirm.finished.connect(confirm.deleteLater)
        self.confirm = confirm
        confirm.open()

    def _send_cancelled(self) -> None:
        self.confirm = None
        self._busy.discard("send")
        self._update_buttons()

    def _send(self, campaign: CampaignRow) -> None:
        self.confirm = None
        self.session.call(
            self.session.manager_api().send_campaign(campaign.id),
            lambda result: self._sent(campaign, result),
            self._fail(lambda: self.tr("The invitations were not sent."), "send"),
        )

    def _sent(self, campaign: CampaignRow, result: dict[str, Any]) -> None:
        self._busy.discard("send")
        self.last_send = result
        invited = int(result.get("invited", 0))
        skipped = int(result.get("skipped", 0))
        name = campaign.name
        by_channel = {"by_channel": result.get("by_channel") or {}}
        self._set_notice(
            lambda: self.tr(
                "Invitations for “{0}” sent: {1} customers invited ({2}); {3} not invited "
                "because they have no marketing consent or no address for it."
            ).format(name, invited, reach_text(by_channel), skipped)
        )
        self._campaign_id = campaign.id
        self.reload()

    # --- abandoned carts -----------------------------------------------------------------------

    def create_cart_calls(self) -> None:
        """One call task per recently abandoned cart, shared among the store's assistants."""
        if "carts" in self._busy:
            return
        self._busy.add("carts")
        self._clear_messages()
        self._update_buttons()
        self.session.call(
            self.session.manager_api().cart_calls(
                {"store_code": self.session.store_code, "days": CART_DAYS}
            ),
            self._cart_calls_created,
            self._fail(lambda: self.tr("No call tasks were created."), "carts"),
        )

    def _cart_calls_created(self, result: dict[str, Any]) -> None:
        self._busy.discard("carts")
        self.last_cart_calls = result
        created = int(result.get("created", 0))
        existing = int(result.get("existing", 0))
        self._set_notice(
            lambda: self.tr(
                "{0} call tasks created for carts abandoned in the last {1} days ({2} already "
                "had one). They reach the assistants' “My day” with the next sync."
            ).format(created, CART_DAYS, existing)
        )
        self._update_buttons()
        # After this call's task has finished: the session runs one job at a time.
        QTimer.singleShot(0, self.session.request_sync)

    # --- buttons -------------------------------------------------------------------------------

    def busy(self) -> bool:
        return bool(self._busy)

    def _update_buttons(self) -> None:
        manager = self.session.is_manager
        campaign = self.selected_campaign()
        invitation = self._selected_invitation()
        self.new_button.setEnabled(manager)
        self.refresh_button.setEnabled(manager and "reload" not in self._busy)
        self.carts_button.setEnabled(manager and "carts" not in self._busy)
        self.send_button.setEnabled(
            manager and campaign is not None and campaign.is_draft and "send" not in self._busy
        )
        can_respond = invitation is not None and "respond" not in self._busy
        for button in (self.rsvp_yes_button, self.rsvp_no_button, self.attended_button):
            button.setEnabled(can_respond)
        attended = invitation is not None and invitation.attended
        self.attended_button.setText(self.tr("Did not come") if attended else self.tr("She came"))
