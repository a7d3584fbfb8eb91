"""The manager's campaign dialogs: a new VIP private sale with a live segment preview, and the
confirmation before invitations go out. Shown with ``open()`` (never ``exec()`` under qasync)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QDateTime, QTime, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from clienteling.protocol.rows import TIERS
from clienteling.sync.client import SyncError
from clienteling.ui import fmt
from clienteling.ui.models.campaign_models import OUTREACH_CHANNELS, CampaignRow
from clienteling.ui.retranslate import Retranslating
from clienteling.ui.session import Session

PREVIEW_DELAY_MS = 350
MAX_NAME = 120
MAX_DESCRIPTION = 1000


def reach_text(preview: dict[str, Any]) -> str:
    """Reach per channel ("E-mail 12 · SMS 3 …"), for the dialogs and the send report."""
    by_channel = preview.get("by_channel") or {}
    return " · ".join(f"{fmt.channel(c)} {int(by_channel.get(c, 0))}" for c in OUTREACH_CHANNELS)


class CampaignDialog(Retranslating, QDialog):
    """New VIP private sale: event, segment conditions, and how many it would reach, live."""

    created = Signal(object)

    def __init__(
        self, session: Session, rfm_segments: list[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("campaignDialog")
        self.setMinimumWidth(720)
        self.name = QLineEdit()
        self.name.setMaxLength(MAX_NAME)
        self.description = QPlainTextEdit()
        # The theme gives every field one touch row; a description needs a few lines.
        self.description.setStyleSheet("QPlainTextEdit { min-height: 96px; }")
        self.event_at = QDateTimeEdit()
        self.event_at.setCalendarPopup(True)
        self.event_at.setMinimumHeight(44)
        tomorrow = QDateTime.currentDateTime().addDays(1)
        tomorrow.setTime(QTime(19, 0))
        self.event_at.setDateTime(tomorrow)
        self.event_at.setMinimumDateTime(QDateTime.currentDateTime())
        self.vip_only = QCheckBox()
        self.vip_only.setChecked(True)
        self.tiers = {name: QCheckBox() for name in TIERS}
        self.segments = {name: QCheckBox() for name in rfm_segments}
        self.min_value = QSpinBox()
        self.min_value.setRange(0, 1_000_000)
        self.min_value.setSingleStep(100)
        self.min_value.setSuffix(" €")
        self.within_days = QSpinBox()
        self.within_days.setRange(0, 3650)
        self.within_days.setSingleStep(30)

        self.labels = [QLabel() for _ in range(3)]
        form = QFormLayout()
        for label, widget in zip(
            self.labels, (self.name, self.description, self.event_at), strict=True
        ):
            form.addRow(label, widget)

        self.segment_box = QGroupBox()
        self.tier_label = QLabel()
        self.rfm_label = QLabel()
        self.value_label = QLabel()
        self.days_label = QLabel()
        tier_row = QHBoxLayout()
        for box in self.tiers.values():
            tier_row.addWidget(box)
        tier_row.addStretch(1)
        rfm_grid = QGridLayout()
        for i, box in enumerate(self.segments.values()):
            rfm_grid.addWidget(box, i // 4, i % 4)
        segment_form = QFormLayout(self.segment_box)
        segment_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        segment_form.addRow(self.vip_only)
        segment_form.addRow(self.tier_label, tier_row)
        segment_form.addRow(self.rfm_label, rfm_grid)
        segment_form.addRow(self.value_label, self.min_value)
        segment_form.addRow(self.days_label, self.within_days)

        self.preview = QLabel()
        self.preview.setObjectName("inlineMessage")
        self.preview.setWordWrap(True)
        self.error = QLabel()
        self.error.setObjectName("syncError")
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.segment_box)
        layout.addWidget(self.preview)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

        # The last preview answered, for the view's confirmation and for tests.
        self.preview_result: dict[str, Any] | None = None
        self.preview_error = ""
        self._ticket = 0
        self._saving = False
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(PREVIEW_DELAY_MS)
        self._debounce.timeout.connect(self._refresh_preview)
        for box in (self.vip_only, *self.tiers.values(), *self.segments.values()):
            box.toggled.connect(self._debounce.start)
        for spin in (self.min_value, self.within_days):
            spin.valueChanged.connect(self._debounce.start)
        self.name.textChanged.connect(self._update_save)
        self.retranslate()
        self._update_save()
        self._refresh_preview()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("New private sale"))
        for label, text in zip(
            self.labels,
            (self.tr("Name"), self.tr("Description"), self.tr("Date and time")),
            strict=True,
        ):
            label.setText(text)
        self.segment_box.setTitle(self.tr("Who is invited"))
        self.vip_only.setText(self.tr("VIP customers only"))
        self.tier_label.setText(self.tr("Tiers (none ticked: any)"))
        self.rfm_label.setText(self.tr("RFM segments (none ticked: any)"))
        self.value_label.setText(self.tr("Minimum lifetime value"))
        self.days_label.setText(self.tr("Bought in the last (days)"))
        self.min_value.setSpecialValueText(self.tr("Any"))
        self.within_days.setSpecialValueText(self.tr("Any time"))
        for name, box in self.tiers.items():
            box.setText(fmt.tier(name))
        for name, box in self.segments.items():
            box.setText(fmt.rfm_segment(name))
        self._show_preview()

    def segment(self) -> dict[str, Any]:
        """The conditions as the server's ``SegmentFilter`` reads them."""
        spec: dict[str, Any] = {
            "vip_only": self.vip_only.isChecked(),
            "tiers": [name for name, box in self.tiers.items() if box.isChecked()],
            "segments": [name for name, box in self.segments.items() if box.isChecked()],
        }
        if self.min_value.value() > 0:
            spec["min_lifetime_value_cents"] = self.min_value.value() * 100
        if self.within_days.value() > 0:
            spec["purchased_within_days"] = self.within_days.value()
        return spec

    def event_at_utc(self) -> datetime:
        """The chosen local date and time as an aware UTC instant."""
        return datetime.fromtimestamp(self.event_at.dateTime().toSecsSinceEpoch(), UTC)

    def _refresh_preview(self) -> None:
        self._ticket += 1
        ticket = self._ticket
        self.preview_error = ""
        self._show_preview(pending=True)
        segment = self.segment()
        self.session.call(
            self.session.manager_api().segment_preview(self.session.store_code, segment),
            lambda result: self._previewed(ticket, result),
            lambda exc: self._preview_failed(ticket, exc),
        )

    def _previewed(self, ticket: int, result: dict[str, Any]) -> None:
        if ticket != self._ticket:
            return
        self.preview_result = result
        self._show_preview()

    def _preview_failed(self, ticket: int, exc: SyncError) -> None:
        if ticket != self._ticket:
            return
        self.preview_result = None
        self.preview_error = exc.message
        self._show_preview()

    def _show_preview(self, pending: bool = False) -> None:
        if self.preview_error:
            self.preview.setText(
                self.tr("Cannot count this segment now: {0}").format(self.preview_error)
            )
        elif self.preview_result is None:
            self.preview.setText(self.tr("Counting customers…"))
        else:
            result = self.preview_result
            text = self.tr(
                "{0} customers in this segment; {1} can be reached (consented channels: {2})."
            ).format(int(result["size"]), int(result["reachable"]), reach_text(result))
            self.preview.setText(text + (" …" if pending else ""))

    def _update_save(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(
            bool(self.name.text().strip()) and not self._saving
        )
        # While the server is creating it, closing would leave the manager unsure it exists.
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setEnabled(not self._saving)

    def reject(self) -> None:
        if not self._saving:
            super().reject()

    def done(self, result: int) -> None:
        self._debounce.stop()
        self._ticket += 1  # answers still on their way are for a closed dialog
        super().done(result)

    def _save(self) -> None:
        name = self.name.text().strip()
        if not name or self._saving:
            return
        description = self.description.toPlainText().strip()
        if len(description) > MAX_DESCRIPTION:
            self._show_error(
                self.tr("The description is too long ({0} characters, at most {1}).").format(
                    len(description), MAX_DESCRIPTION
                )
            )
            return
        body = {
            "store_code": self.session.store_code,
            "name": name,
            "description": description,
            "event_at": self.event_at_utc().isoformat(),
            "segment": self.segment(),
        }
        self._saving = True
        self._update_save()
        self.error.hide()
        self.session.call(
            self.session.manager_api().create_campaign(body), self._created, self._failed
        )

    def _created(self, data: dict[str, Any]) -> None:
        self._saving = False
        self.created.emit(CampaignRow.from_api(data))
        self.accept()

    def _failed(self, exc: SyncError) -> None:
        self._saving = False
        self._update_save()
        self._show_error(self.tr("The campaign was not created: {0}").format(exc.message))

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()


class SendConfirmDialog(Retranslating, QDialog):
    """Says how many customers the invitations will reach before anything is sent."""

    def __init__(
        self, campaign: CampaignRow, preview: dict[str, Any], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("sendConfirm")
        self.setMinimumWidth(520)
        self.campaign = campaign
        self.preview = preview
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(self.buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Send invitations"))
        size = int(self.preview.get("size", 0))
        reachable = int(self.preview.get("reachable", 0))
        self.text.setText(
            self.tr(
                "Send the invitations to “{0}” ({1}) now?\n\n"
                "Up to {2} of the {3} customers in the segment will be invited, each through "
                "her preferred channel among those she consented to ({4}).\n"
                "The {5} customers without a marketing consent get nothing.\n\n"
                "This cannot be undone."
            ).format(
                self.campaign.name,
                fmt.when(self.campaign.event_at),
                reachable,
                size,
                reach_text(self.preview),
                max(size - reachable, 0),
            )
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Send"))
