"""A store's outreach KPIs for a period: outreach done, outreach->purchase conversion, revenue
attributed per assistant, abandoned carts and their calls.

The one implementation behind the manager's ``/outreach/kpis``; the rules for crediting a
purchase to a touch live in ``attribution``, this module only counts.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, time, timedelta

from pydantic import BaseModel
from sqlmodel import Session, col, select

from sync_server.domain.models import Cart, Staff, Store, Task
from sync_server.domain.scope import own_customers
from sync_server.outreach import attribution
from sync_server.outreach.models import OutreachMessage


class AssistantKpi(BaseModel):
    """One assistant's touches and what they brought in (the endpoint's rows as they are)."""

    staff_id: str
    display_name: str
    touches: int
    attributed_orders: int
    attributed_revenue_cents: int


class OutreachKpis(BaseModel):
    """Rates are None (not 0) when nothing happened, so "no data" is not read as failure."""

    store_code: str
    from_date: date
    to_date: date
    window_days: int
    messages_sent_by_channel: dict[str, int]
    messages_skipped: int
    messages_failed: int
    touches: int
    converted_touches: int
    conversion_rate: float | None
    attributed_orders: int
    attributed_revenue_cents: int
    by_assistant: list[AssistantKpi]
    carts_abandoned: int
    carts_recovered: int
    cart_recovery_rate: float | None
    cart_calls_created: int
    cart_calls_done: int


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time.min, UTC)


def _by_assistant(
    session: Session,
    touches: list[attribution.Touch],
    credited: list[attribution.Attribution],
) -> list[AssistantKpi]:
    """Each assistant's touches and the orders credited to them, highest revenue first."""
    touched = Counter(t.staff_id for t in touches if t.staff_id)
    orders = Counter(a.staff_id for a in credited if a.staff_id)
    revenue: Counter[str] = Counter()
    for a in credited:
        if a.staff_id:
            revenue[a.staff_id] += a.revenue_cents
    staff_ids = list(dict.fromkeys([*touched, *orders]))
    names = dict(
        session.exec(select(Staff.id, Staff.display_name).where(col(Staff.id).in_(staff_ids))).all()
    )
    rows = [
        AssistantKpi(
            staff_id=sid,
            display_name=names.get(sid, ""),
            touches=touched[sid],
            attributed_orders=orders[sid],
            attributed_revenue_cents=revenue[sid],
        )
        for sid in staff_ids
    ]
    return sorted(rows, key=lambda r: -r.attributed_revenue_cents)


def store_kpis(
    session: Session, store: Store, first_day: date, last_day: date, window: timedelta
) -> OutreachKpis:
    """The store's figures for the days ``first_day``..``last_day`` (both included, UTC).

    A purchase up to ``window`` after the period's last touch still counts for it.
    """
    start, end = _day_start(first_day), _day_start(last_day + timedelta(days=1))
    statuses = session.exec(
        select(OutreachMessage.status).where(
            OutreachMessage.store_id == store.id,
            col(OutreachMessage.status).in_(("skipped", "failed")),
            col(OutreachMessage.created_at) >= start,
            col(OutreachMessage.created_at) < end,
        )
    ).all()
    touches = attribution.load_touches(session, store.id, start, end)
    purchases = attribution.load_purchases(
        session, [t.customer_id for t in touches], start, end + window
    )
    credited = attribution.attribute(touches, purchases, window)
    converted = attribution.converted_touches(touches, purchases, window)
    in_store = own_customers(store.id)
    carts = session.exec(
        select(Cart.status).where(
            col(Cart.customer_id).in_(in_store),
            col(Cart.abandoned_at) >= start,
            col(Cart.abandoned_at) < end,
        )
    ).all()
    recovered = carts.count("recovered")
    calls = session.exec(
        select(Task.status).where(
            Task.kind == "cart_call",
            col(Task.customer_id).in_(in_store),
            col(Task.created_at) >= start,
            col(Task.created_at) < end,
        )
    ).all()
    return OutreachKpis(
        store_code=store.code,
        from_date=first_day,
        to_date=last_day,
        window_days=window.days,
        messages_sent_by_channel=dict(Counter(t.channel for t in touches if t.source == "message")),
        messages_skipped=statuses.count("skipped"),
        messages_failed=statuses.count("failed"),
        touches=len(touches),
        converted_touches=len(converted),
        conversion_rate=len(converted) / len(touches) if touches else None,
        attributed_orders=len(credited),
        attributed_revenue_cents=sum(a.revenue_cents for a in credited),
        by_assistant=_by_assistant(session, touches, credited),
        carts_abandoned=len(carts),
        carts_recovered=recovered,
        cart_recovery_rate=recovered / len(carts) if carts else None,
        cart_calls_created=len(calls),
        cart_calls_done=calls.count("done"),
    )
