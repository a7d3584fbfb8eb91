"""VIP private sales: build the invitation list from a segment, invite through each
customer's preferred consented channel, track RSVPs and attendance, and count event sales."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import func
from sqlmodel import Session, col, select

from clienteling.protocol.types import utcnow
from sync_server.domain.ids import stable_id
from sync_server.domain.models import Customer, Interaction, Order, Store
from sync_server.errors import Conflict, NotFound
from sync_server.outreach.consent import OUTREACH_CHANNELS, address_for, consented_channels
from sync_server.outreach.models import Campaign, CampaignInvitation
from sync_server.outreach.queue import enqueue
from sync_server.outreach.segments import SegmentFilter, segment_customers
from sync_server.outreach.settings import OutreachSettings
from sync_server.outreach.templates import format_date, language_of

log = logging.getLogger("sync_server.outreach")
FALLBACK_ORDER = ("email", "whatsapp", "sms", "push")


def choose_channel(session: Session, customer: Customer) -> tuple[str | None, str]:
    """The preferred channel if consented and reachable, else another one; else why not."""
    consented = consented_channels(session, customer.id)
    if not consented:
        return None, "no marketing consent on any channel"
    order = [customer.preferred_channel] if customer.preferred_channel in OUTREACH_CHANNELS else []
    order += [c for c in FALLBACK_ORDER if c not in order]
    for channel in order:
        if channel in consented and address_for(session, customer.id, channel) is not None:
            return channel, ""
    return None, "no address for any consented channel"


def _local(store: Store, at: datetime) -> datetime:
    try:
        return at.astimezone(ZoneInfo(store.timezone))
    except ZoneInfoNotFoundError:
        return at


@dataclass
class SendSummary:
    invited: int = 0
    skipped: int = 0
    by_channel: dict[str, int] = field(default_factory=dict)


def send_invitations(
    session: Session, settings: OutreachSettings, campaign: Campaign, staff_id: str | None
) -> SendSummary:
    if campaign.status != "draft":
        raise Conflict(
            f"Campaign '{campaign.name}' was already sent on "
            f"{campaign.sent_at:%Y-%m-%d %H:%M} UTC.",
            code="campaign_already_sent",
        )
    store = session.get(Store, campaign.store_id)
    if store is None:
        raise NotFound("This campaign's store no longer exists.")
    summary = SendSummary()
    event_local = _local(store, campaign.event_at)
    for customer in segment_customers(
        session, campaign.store_id, SegmentFilter.model_validate(campaign.segment)
    ):
        invitation = CampaignInvitation(campaign_id=campaign.id, customer_id=customer.id)
        channel, reason = choose_channel(session, customer)
        if channel is not None:
            language = language_of(customer.preferred_language)
            message = enqueue(
                session,
                settings,
                customer,
                channel,
                "vip_invitation",
                {
                    "event_name": campaign.name,
                    "description": campaign.description,
                    "store_name": store.name,
                    "event_date": format_date(event_local.date(), language),
                    "event_time": event_local.strftime("%H:%M"),
                },
                store_id=campaign.store_id,
                staff_id=customer.assigned_staff_id or staff_id,
                campaign_id=campaign.id,
                dedupe_key=f"campaign:{campaign.id}:{customer.id}",
            )
            invitation.message_id = message.id
            if message.status == "skipped":
                channel, reason = None, message.reason
        if channel is None:
            invitation.status = "skipped"
            invitation.reason = reason
            summary.skipped += 1
            log.info("campaign %s: customer %s not invited: %s", campaign.id, customer.id, reason)
        else:
            invitation.channel = channel
            summary.invited += 1
            summary.by_channel[channel] = summary.by_channel.get(channel, 0) + 1
            session.add(
                Interaction(
                    id=stable_id("event_invited", campaign.id, customer.id),
                    customer_id=customer.id,
                    kind="event_invited",
                    channel=channel,
                    store_id=campaign.store_id,
                    staff_id=staff_id,
                    summary=campaign.name[:500],
                    payload={"campaign_id": campaign.id},
                )
            )
        session.add(invitation)
    campaign.status = "sent"
    campaign.sent_at = utcnow()
    session.flush()
    return summary


def record_response(
    session: Session,
    campaign: Campaign,
    customer_id: str,
    *,
    rsvp: str | None,
    attended: bool | None,
    staff_id: str | None,
) -> CampaignInvitation:
    invitation = session.get(CampaignInvitation, (campaign.id, customer_id))
    if invitation is None:
        raise NotFound("This customer is not on the campaign's invitation list.")
    now = utcnow()
    if rsvp is not None and rsvp != invitation.rsvp:
        invitation.rsvp = rsvp
        invitation.rsvp_at = now
    if attended is not None and attended != invitation.attended:
        invitation.attended = attended
        invitation.attended_at = now if attended else None
        interaction_id = stable_id("event_attended", campaign.id, customer_id)
        existing = session.get(Interaction, interaction_id)
        if attended and existing is None:
            session.add(
                Interaction(
                    id=interaction_id,
                    customer_id=customer_id,
                    kind="event_attended",
                    channel="store",
                    occurred_at=now,
                    store_id=campaign.store_id,
                    staff_id=staff_id,
                    summary=campaign.name[:500],
                    payload={"campaign_id": campaign.id},
                )
            )
        elif not attended and existing is not None:
            session.delete(existing)
    session.flush()
    return invitation


@dataclass
class CampaignResults:
    invited: int
    skipped: int
    rsvp_yes: int
    rsvp_no: int
    attended: int
    event_orders: int
    event_revenue_cents: int
    event_buyers: int


def results(session: Session, campaign: Campaign) -> CampaignResults:
    rows = session.exec(
        select(CampaignInvitation).where(CampaignInvitation.campaign_id == campaign.id)
    ).all()
    invited_ids = [r.customer_id for r in rows if r.status == "invited"]
    store = session.get(Store, campaign.store_id)
    orders = 0
    revenue = 0
    buyers: set[str] = set()
    if store is not None and invited_ids:
        local_day = _local(store, campaign.event_at).date()
        zone = _local(store, campaign.event_at).tzinfo
        start = datetime.combine(local_day, time.min, zone)
        end = start + timedelta(days=1)
        for i in range(0, len(invited_ids), 500):
            chunk = invited_ids[i : i + 500]
            for customer_id, count, total in session.exec(
                select(Order.customer_id, func.count(), func.sum(Order.total_cents))
                .where(
                    Order.store_id == campaign.store_id,
                    col(Order.customer_id).in_(chunk),
                    col(Order.ordered_at) >= start,
                    col(Order.ordered_at) < end,
                    Order.status != "cancelled",
                )
                .group_by(col(Order.customer_id))
            ):
                orders += int(count)
                revenue += int(total or 0)
                buyers.add(customer_id)
    return CampaignResults(
        invited=len(invited_ids),
        skipped=sum(1 for r in rows if r.status == "skipped"),
        rsvp_yes=sum(1 for r in rows if r.rsvp == "yes"),
        rsvp_no=sum(1 for r in rows if r.rsvp == "no"),
        attended=sum(1 for r in rows if r.attended),
        event_orders=orders,
        event_revenue_cents=revenue,
        event_buyers=len(buyers),
    )
