"""Attribution: a purchase within the window after an outreach or a store interaction is
credited to the latest such touch before it (last touch), and to that touch's assistant.

The pure functions take plain records so they can be tested on a hand-built history; the
loaders read them for one store and period from the database.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from sync_server.domain.models import Interaction, Order
from sync_server.outreach.models import OutreachMessage

STORE_TOUCH_KINDS = ("call", "in_store_chat", "store_visit")


@dataclass(frozen=True)
class Touch:
    id: str
    customer_id: str
    at: datetime
    source: str  # "message" or "interaction"
    channel: str
    staff_id: str | None


@dataclass(frozen=True)
class Purchase:
    order_id: str
    customer_id: str
    at: datetime
    total_cents: int


@dataclass(frozen=True)
class Attribution:
    order_id: str
    customer_id: str
    touch_id: str
    source: str
    channel: str
    staff_id: str | None
    revenue_cents: int


def attribute(
    touches: Iterable[Touch], purchases: Iterable[Purchase], window: timedelta
) -> list[Attribution]:
    """Each purchase goes to the latest touch in [purchase - window, purchase)."""
    by_customer: dict[str, list[Touch]] = defaultdict(list)
    for touch in touches:
        by_customer[touch.customer_id].append(touch)
    for items in by_customer.values():
        items.sort(key=lambda t: (t.at, t.id))
    result: list[Attribution] = []
    for purchase in sorted(purchases, key=lambda p: (p.at, p.order_id)):
        items = by_customer.get(purchase.customer_id, [])
        i = bisect.bisect_left([t.at for t in items], purchase.at) - 1
        if i < 0 or purchase.at - items[i].at > window:
            continue
        touch = items[i]
        result.append(
            Attribution(
                order_id=purchase.order_id,
                customer_id=purchase.customer_id,
                touch_id=touch.id,
                source=touch.source,
                channel=touch.channel,
                staff_id=touch.staff_id,
                revenue_cents=purchase.total_cents,
            )
        )
    return result


def converted_touches(
    touches: Iterable[Touch], purchases: Iterable[Purchase], window: timedelta
) -> set[str]:
    """Touches followed by a purchase of the same customer within (touch, touch + window]."""
    times: dict[str, list[datetime]] = defaultdict(list)
    for purchase in purchases:
        times[purchase.customer_id].append(purchase.at)
    for values in times.values():
        values.sort()
    converted: set[str] = set()
    for touch in touches:
        values = times.get(touch.customer_id, [])
        i = bisect.bisect_right(values, touch.at)
        if i < len(values) and values[i] - touch.at <= window:
            converted.add(touch.id)
    return converted


def load_touches(session: Session, store_id: str, start: datetime, end: datetime) -> list[Touch]:
    """Messages sent for the store and its staff's store interactions in [start, end)."""
    touches = [
        Touch(
            id=m.id,
            customer_id=m.customer_id,
            at=m.sent_at,
            source="message",
            channel=m.channel,
            staff_id=m.staff_id,
        )
        for m in session.exec(
            select(OutreachMessage).where(
                OutreachMessage.store_id == store_id,
                OutreachMessage.status == "sent",
                col(OutreachMessage.sent_at) >= start,
                col(OutreachMessage.sent_at) < end,
            )
        )
        if m.sent_at is not None
    ]
    touches += [
        Touch(
            id=i.id,
            customer_id=i.customer_id,
            at=i.occurred_at,
            source="interaction",
            channel=i.kind,
            staff_id=i.staff_id,
        )
        for i in session.exec(
            select(Interaction).where(
                Interaction.store_id == store_id,
                col(Interaction.kind).in_(STORE_TOUCH_KINDS),
                col(Interaction.staff_id).is_not(None),
                col(Interaction.occurred_at) >= start,
                col(Interaction.occurred_at) < end,
            )
        )
    ]
    return touches


def load_purchases(
    session: Session, customer_ids: Iterable[str], start: datetime, end: datetime
) -> list[Purchase]:
    """Orders (any channel: an e-mail may convert online) of these customers in [start, end)."""
    ids = sorted(set(customer_ids))
    purchases: list[Purchase] = []
    for i in range(0, len(ids), 500):
        purchases += [
            Purchase(
                order_id=o.id, customer_id=o.customer_id, at=o.ordered_at, total_cents=o.total_cents
            )
            for o in session.exec(
                select(Order).where(
                    col(Order.customer_id).in_(ids[i : i + 500]),
                    Order.status != "cancelled",
                    col(Order.ordered_at) >= start,
                    col(Order.ordered_at) < end,
                )
            )
        ]
    return purchases
