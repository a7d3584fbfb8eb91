"""Rows and table models of the manager's campaign screen.

The campaign data lives only on the server (the tablet's replica has no campaigns), so the rows
are parsed from the manager API's JSON into frozen dataclasses the views can keep and compare.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject

from clienteling.protocol.types import parse_time
from clienteling.ui import fmt
from clienteling.ui.models.rows import Column, RowsModel

translate = QCoreApplication.translate

OUTREACH_CHANNELS: tuple[str, ...] = ("email", "sms", "whatsapp", "push")


def _int(data: dict[str, Any], key: str) -> int:
    return int(data.get(key) or 0)


CAMPAIGN_STATUS_LABELS = fmt.LabelTable(
    "CampaignLabels",
    {
        "draft": QT_TRANSLATE_NOOP("CampaignLabels", "Draft"),
        "sent": QT_TRANSLATE_NOOP("CampaignLabels", "Sent"),
    },
)


def campaign_status(status: str) -> str:
    return CAMPAIGN_STATUS_LABELS.get(status, status)


INVITATION_STATUS_LABELS = fmt.LabelTable(
    "CampaignLabels",
    {
        "invited": QT_TRANSLATE_NOOP("CampaignLabels", "Invited"),
        "skipped": QT_TRANSLATE_NOOP("CampaignLabels", "Not invited"),
    },
)


def invitation_status(status: str) -> str:
    return INVITATION_STATUS_LABELS.get(status, status)


RSVP_LABELS = fmt.LabelTable(
    "CampaignLabels",
    {
        "none": QT_TRANSLATE_NOOP("CampaignLabels", "No answer"),
        "yes": QT_TRANSLATE_NOOP("CampaignLabels", "Coming"),
        "no": QT_TRANSLATE_NOOP("CampaignLabels", "Not coming"),
    },
)


def rsvp_label(rsvp: str) -> str:
    return RSVP_LABELS.get(rsvp, rsvp)


MESSAGE_STATUS_LABELS = fmt.LabelTable(
    "MessageTableModel",
    {
        "queued": QT_TRANSLATE_NOOP("MessageTableModel", "Queued"),
        "sent": QT_TRANSLATE_NOOP("MessageTableModel", "Sent"),
        "skipped": QT_TRANSLATE_NOOP("MessageTableModel", "Skipped"),
        "failed": QT_TRANSLATE_NOOP("MessageTableModel", "Failed"),
    },
)


def message_status(status: str) -> str:
    return MESSAGE_STATUS_LABELS.get(status, status)


SKIP_REASON_LABELS = fmt.LabelTable(
    "CampaignLabels",
    {
        "no marketing consent on any channel": QT_TRANSLATE_NOOP(
            "CampaignLabels", "no marketing consent on any channel"
        ),
        "no address for any consented channel": QT_TRANSLATE_NOOP(
            "CampaignLabels", "no address for any consented channel"
        ),
    },
)


def skip_reason(reason: str) -> str:
    """The server's reasons are English sentences; the common ones are translated."""
    return SKIP_REASON_LABELS.get(reason, reason)


def yes_no(value: bool) -> str:
    return translate("CampaignLabels", "Yes") if value else translate("CampaignLabels", "No")


@dataclass(frozen=True)
class CampaignResults:
    invited: int = 0
    skipped: int = 0
    rsvp_yes: int = 0
    rsvp_no: int = 0
    attended: int = 0
    event_orders: int = 0
    event_revenue_cents: int = 0
    event_buyers: int = 0

    @classmethod
    def from_api(cls, data: dict[str, Any]) -> CampaignResults:
        return cls(**{name: _int(data, name) for name in cls.__dataclass_fields__})


@dataclass(frozen=True)
class CampaignRow:
    id: str
    name: str
    description: str
    event_at: datetime | None
    status: str
    segment: dict[str, Any]
    segment_size: int
    results: CampaignResults
    sent_at: datetime | None = None

    @property
    def is_draft(self) -> bool:
        return self.status == "draft"

    @classmethod
    def from_api(cls, data: dict[str, Any]) -> CampaignRow:
        return cls(
            id=str(data["id"]),
            name=str(data.get("name", "")),
            description=str(data.get("description", "")),
            event_at=parse_time(data.get("event_at")),
            status=str(data.get("status", "")),
            segment=dict(data.get("segment") or {}),
            segment_size=_int(data, "segment_size"),
            results=CampaignResults.from_api(data.get("results") or {}),
            sent_at=parse_time(data.get("sent_at")),
        )


@dataclass(frozen=True)
class InvitationRow:
    customer_id: str
    first_name: str
    last_name: str
    channel: str | None
    status: str
    reason: str
    rsvp: str
    attended: bool

    @property
    def display_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip() or self.customer_id

    @classmethod
    def from_api(cls, data: dict[str, Any]) -> InvitationRow:
        return cls(
            customer_id=str(data["customer_id"]),
            first_name=str(data.get("first_name") or ""),
            last_name=str(data.get("last_name") or ""),
            channel=data.get("channel"),
            status=str(data.get("status", "")),
            reason=str(data.get("reason") or ""),
            rsvp=str(data.get("rsvp") or "none"),
            attended=bool(data.get("attended")),
        )


@dataclass(frozen=True)
class MessageRow:
    id: str
    customer_id: str
    customer_name: str
    channel: str
    status: str
    reason: str
    created_at: datetime | None
    sent_at: datetime | None

    @classmethod
    def from_api(cls, data: dict[str, Any], names: dict[str, str]) -> MessageRow:
        customer_id = str(data["customer_id"])
        return cls(
            id=str(data["id"]),
            customer_id=customer_id,
            customer_name=names.get(customer_id, customer_id),
            channel=str(data.get("channel", "")),
            status=str(data.get("status", "")),
            reason=str(data.get("reason") or ""),
            created_at=parse_time(data.get("created_at")),
            sent_at=parse_time(data.get("sent_at")),
        )


class CampaignTableModel(RowsModel[CampaignRow]):
    """The store's campaigns with their headline results."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            [
                Column(lambda: translate("CampaignTableModel", "Campaign"), lambda c: c.name),
                Column(
                    lambda: translate("CampaignTableModel", "Event"), lambda c: fmt.when(c.event_at)
                ),
                Column(
                    lambda: translate("CampaignTableModel", "Status"),
                    lambda c: campaign_status(c.status),
                ),
                Column(
                    lambda: translate("CampaignTableModel", "Segment"),
                    lambda c: str(c.segment_size),
                    align_right=True,
                ),
                Column(
                    lambda: translate("CampaignTableModel", "Invited"),
                    lambda c: str(c.results.invited),
                    align_right=True,
                ),
                Column(
                    lambda: translate("CampaignTableModel", "RSVP yes"),
                    lambda c: str(c.results.rsvp_yes),
                    align_right=True,
                ),
                Column(
                    lambda: translate("CampaignTableModel", "RSVP no"),
                    lambda c: str(c.results.rsvp_no),
                    align_right=True,
                ),
                Column(
                    lambda: translate("CampaignTableModel", "Attended"),
                    lambda c: str(c.results.attended),
                    align_right=True,
                ),
                Column(
                    lambda: translate("CampaignTableModel", "Event orders"),
                    lambda c: str(c.results.event_orders),
                    align_right=True,
                ),
                Column(
                    lambda: translate("CampaignTableModel", "Event sales"),
                    lambda c: fmt.money(c.results.event_revenue_cents),
                    align_right=True,
                ),
            ],
            parent,
            key=lambda c: c.id,
        )


class InvitationTableModel(RowsModel[InvitationRow]):
    """A campaign's invitation list: who was invited how, who answered and who came."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            [
                Column(
                    lambda: translate("InvitationTableModel", "Customer"), lambda i: i.display_name
                ),
                Column(
                    lambda: translate("InvitationTableModel", "Channel"),
                    lambda i: fmt.channel(i.channel) if i.channel else "—",
                ),
                Column(
                    lambda: translate("InvitationTableModel", "Status"),
                    lambda i: invitation_status(i.status),
                ),
                Column(
                    lambda: translate("InvitationTableModel", "RSVP"), lambda i: rsvp_label(i.rsvp)
                ),
                Column(
                    lambda: translate("InvitationTableModel", "Attended"),
                    lambda i: yes_no(i.attended),
                ),
                Column(
                    lambda: translate("InvitationTableModel", "Why not"),
                    lambda i: skip_reason(i.reason),
                ),
            ],
            parent,
            key=lambda i: i.customer_id,
        )


class MessageTableModel(RowsModel[MessageRow]):
    """The campaign's messages as the server logged them, skips and failures with reasons."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            [
                Column(
                    lambda: translate("MessageTableModel", "Customer"), lambda m: m.customer_name
                ),
                Column(
                    lambda: translate("MessageTableModel", "Channel"),
                    lambda m: fmt.channel(m.channel),
                ),
                Column(
                    lambda: translate("MessageTableModel", "Status"),
                    lambda m: message_status(m.status),
                ),
                Column(
                    lambda: translate("MessageTableModel", "Created"),
                    lambda m: fmt.when(m.created_at),
                ),
                Column(
                    lambda: translate("MessageTableModel", "Sent at"), lambda m: fmt.when(m.sent_at)
                ),
                Column(
                    lambda: translate("MessageTableModel", "Reason"),
                    lambda m: skip_reason(m.reason),
                ),
            ],
            parent,
        )
