"""Server-only outreach tables: the message outbox, campaigns and their invitations.

Rows owned by a customer reference her with ``ON DELETE CASCADE`` so a GDPR erasure (which
deletes the customer row) also removes what was sent to her, without the erasure code having
to know about outreach.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy import JSON, Column, ForeignKey, String
from sqlmodel import Field, SQLModel

from clienteling.protocol.types import UTCDateTime, utcnow

MESSAGE_STATUSES = ("queued", "sent", "skipped", "failed")
RSVP_VALUES = ("none", "yes", "no")


def _customer_fk() -> Any:
    return Field(
        sa_column=Column(
            String(36), ForeignKey("customer.id", ondelete="CASCADE"), nullable=False, index=True
        )
    )


class OutreachMessage(SQLModel, table=True):
    """One message to one customer on one channel: the outbox and the log of what was sent."""

    __tablename__: ClassVar[Any] = "outreach_message"
    id: str = Field(primary_key=True, max_length=36)
    customer_id: str = _customer_fk()
    channel: str = Field(max_length=16, index=True)
    purpose: str = Field(default="marketing", max_length=16)
    template: str = Field(max_length=32)
    language: str = Field(default="es", max_length=5)
    subject: str = Field(default="", max_length=200)
    body: str = Field(default="", max_length=8000)
    status: str = Field(default="queued", max_length=12, index=True)
    reason: str = Field(default="", max_length=300)
    recipient: str = Field(default="", max_length=254)
    attempts: int = 0
    next_attempt_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime, index=True)
    store_id: str | None = Field(default=None, index=True, max_length=36)
    staff_id: str | None = Field(default=None, max_length=36)
    campaign_id: str | None = Field(default=None, index=True, max_length=36)
    coupon_id: str | None = Field(default=None, max_length=36)
    provider_ref: str = Field(default="", max_length=200)
    dedupe_key: str | None = Field(default=None, unique=True, max_length=120)


class Campaign(SQLModel, table=True):
    """A store's campaign (for now: a VIP private sale) with the segment it invites."""

    id: str = Field(primary_key=True, max_length=36)
    store_id: str = Field(foreign_key="store.id", index=True, max_length=36)
    kind: str = Field(default="vip_private_sale", max_length=24)
    name: str = Field(max_length=120)
    description: str = Field(default="", max_length=1000)
    event_at: datetime = Field(sa_type=UTCDateTime)
    segment: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    status: str = Field(default="draft", max_length=12)
    created_by_staff_id: str | None = Field(default=None, max_length=36)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class CampaignInvitation(SQLModel, table=True):
    """One invitee of a campaign: the channel chosen for her, her RSVP and attendance."""

    __tablename__: ClassVar[Any] = "campaign_invitation"
    campaign_id: str = Field(foreign_key="campaign.id", primary_key=True, max_length=36)
    customer_id: str = Field(
        sa_column=Column(
            String(36), ForeignKey("customer.id", ondelete="CASCADE"), primary_key=True
        )
    )
    channel: str | None = Field(default=None, max_length=16)
    status: str = Field(default="invited", max_length=12)
    reason: str = Field(default="", max_length=300)
    message_id: str | None = Field(default=None, max_length=36)
    rsvp: str = Field(default="none", max_length=8)
    rsvp_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    attended: bool = False
    attended_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class OutreachKey(SQLModel, table=True):
    """The secret that signs unsubscribe links, shared by every server process via the DB."""

    __tablename__: ClassVar[Any] = "outreach_key"
    id: int = Field(primary_key=True)
    secret: str = Field(max_length=128)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
