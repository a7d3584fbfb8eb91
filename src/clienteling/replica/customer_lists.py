"""The manager's customer lists: one segment definition, filtered, sorted and paged in SQL.

A store can hold tens of thousands of customers, so nothing here loads a whole list into
Python: the view asks for a count and for pages of rows in the order the manager chose. The
segment conditions are the three kinds the source articles name (profile, engagement with
campaigns, purchase behaviour); the preset segments (VIPs at risk, birthdays, fresh abandoned
carts, RFM groups) are just filled-in conditions.

The store's RFM groups (for the list's presets and the campaign dialog) and the staff reads of
the manager screens (who can be given customers, staff names for ids) are defined here once.
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from typing import Any

from clienteling.protocol.rows import RFM_SEGMENTS
from clienteling.protocol.types import parse_time
from clienteling.replica.schema import table

ENGAGEMENT_KINDS = ("email_opened", "email_clicked", "event_attended", "event_rsvp")
CONSENT_CHANNELS = ("email", "sms", "whatsapp", "push", "phone")
# The segment names the server accepts in a campaign's conditions (outreach/segments.py).
CAMPAIGN_SEGMENT_NAME = re.compile(r"^[A-Za-z0-9 _'-]{1,32}$")


class SortKey(StrEnum):
    name = "name"
    tier = "tier"
    value = "value"
    predicted = "predicted"
    orders = "orders"
    last_purchase = "last_purchase"
    churn = "churn"
    segment = "segment"
    assigned = "assigned"


@dataclass(frozen=True)
class Segment:
    """Conditions on a store's customers; ``None``/empty means "any"."""

    # Profile
    vip_only: bool = False
    tiers: tuple[str, ...] = ()
    min_age: int | None = None
    max_age: int | None = None
    language: str | None = None
    birthday_month: int | None = None
    consented_channel: str | None = None
    # "" selects customers with no assigned assistant.
    assigned_staff_id: str | None = None
    # Engagement with campaigns
    engaged_within_days: int | None = None
    not_engaged_for_days: int | None = None
    attended_event: bool = False
    # Purchase behaviour
    segments: tuple[str, ...] = ()
    churn_risk_only: bool = False
    min_value_cents: int | None = None
    min_predicted_cents: int | None = None
    min_orders: int | None = None
    purchased_within_days: int | None = None
    not_purchased_for_days: int | None = None
    omnichannel_only: bool = False
    cart_abandoned_within_days: int | None = None

    def with_(self, **changes: Any) -> Segment:
        return replace(self, **changes)


@dataclass(frozen=True)
class ListedCustomer:
    customer_id: str
    first_name: str
    last_name: str
    vip: bool
    tier: str | None
    currency: str
    net_revenue_cents: int
    predicted_value_cents: int | None
    orders: int
    last_purchase_at: datetime | None
    segment: str
    churn_risk: bool
    p_alive: float | None
    assigned_staff_id: str | None
    assigned_name: str
    pending: bool

    @property
    def display_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


@dataclass(frozen=True)
class StaffChoice:
    id: str
    display_name: str
    role: str


@dataclass
class _Sql:
    where: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)

    def add(self, clause: str, *params: Any) -> None:
        self.where.append(clause)
        self.params.extend(params)


_FROM = (
    f"FROM {table('customer')} c "
    f"LEFT JOIN {table('customer_metrics')} m ON m.customer_id = c.customer_id "
    f"LEFT JOIN {table('loyalty_account')} la ON la.customer_id = c.customer_id "
    f"LEFT JOIN {table('staff')} s ON s.id = c.assigned_staff_id "
)
_TIER_RANK = (
    "CASE la.tier WHEN 'platinum' THEN 4 WHEN 'gold' THEN 3 WHEN 'silver' THEN 2 "
    "WHEN 'bronze' THEN 1 ELSE 0 END"
)
_SORT_SQL: dict[SortKey, str] = {
    SortKey.name: "c.last_name COLLATE NOCASE {dir}, c.first_name COLLATE NOCASE {dir}",
    SortKey.tier: f"{_TIER_RANK} {{dir}}, coalesce(m.net_revenue_cents, 0) {{dir}}",
    SortKey.value: "coalesce(m.net_revenue_cents, 0) {dir}",
    SortKey.predicted: "m.predicted_cents IS NULL, m.predicted_cents {dir}",
    SortKey.orders: "coalesce(m.orders, 0) {dir}",
    SortKey.last_purchase: "m.last_purchase_at IS NULL, m.last_purchase_at {dir}",
    SortKey.churn: "coalesce(m.churn_risk, 0) {dir}, m.p_alive IS NULL, m.p_alive {rev}",
    SortKey.segment: "coalesce(m.segment, '') = '', m.segment {dir}",
    SortKey.assigned: ("s.id IS NULL, json_extract(s.wire, '$.display_name') COLLATE NOCASE {dir}"),
}


def _iso(moment: datetime) -> str:
    """The generated ``ts`` columns' format, so string comparison is time comparison."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.000")


def _conditions(store_id: str | None, seg: Segment, now: datetime) -> _Sql:
    sql = _Sql()
    sql.add("c.home_store_id IS ?", store_id)
    if seg.vip_only:
        sql.add("c.vip = 1")
    if seg.tiers:
        sql.add(f"la.tier IN ({', '.join('?' * len(seg.tiers))})", *seg.tiers)
    today = now.date()
    if seg.min_age is not None:
        # Born on or before this day ``min_age`` years ago.
        sql.add("c.birth_date <= ?", _years_before(today, seg.min_age).isoformat())
    if seg.max_age is not None:
        sql.add("c.birth_date > ?", _years_before(today, seg.max_age + 1).isoformat())
    if seg.language:
        sql.add("json_extract(coalesce(c.local, c.wire), '$.preferred_language') = ?", seg.language)
    if seg.birthday_month is not None:
        sql.add("substr(c.birth_date, 6, 2) = ?", f"{seg.birthday_month:02d}")
    if seg.consented_channel:
        sql.add(
            f"(SELECT json_extract(coalesce(x.local, x.wire), '$.granted') "
            f"FROM {table('consent')} x WHERE x.customer_id = c.customer_id "
            "AND x.channel = ? AND x.purpose = 'marketing' "
            "ORDER BY x.recorded_at DESC, x.id DESC LIMIT 1) = 1",
            seg.consented_channel,
        )
    if seg.assigned_staff_id == "":
        sql.add("c.assigned_staff_id IS NULL")
    elif seg.assigned_staff_id is not None:
        sql.add("c.assigned_staff_id = ?", seg.assigned_staff_id)
    kinds = ", ".join("?" * len(ENGAGEMENT_KINDS))
    engaged = (
        f"EXISTS (SELECT 1 FROM {table('interaction')} i WHERE i.customer_id = c.customer_id "
        f"AND i.kind IN ({kinds}) AND i.occurred_at >= ?)"
    )
    if seg.engaged_within_days is not None:
        since = now - timedelta(days=seg.engaged_within_days)
        sql.add(engaged, *ENGAGEMENT_KINDS, _iso(since))
    if seg.not_engaged_for_days is not None:
        since = now - timedelta(days=seg.not_engaged_for_days)
        sql.add(f"NOT {engaged}", *ENGAGEMENT_KINDS, _iso(since))
    if seg.attended_event:
        sql.add(
            f"EXISTS (SELECT 1 FROM {table('interaction')} i WHERE i.customer_id = c.customer_id "
            "AND i.kind = 'event_attended')"
        )
    if seg.segments:
        sql.add(f"m.segment IN ({', '.join('?' * len(seg.segments))})", *seg.segments)
    if seg.churn_risk_only:
        sql.add("m.churn_risk = 1")
    if seg.min_value_cents is not None:
        sql.add("coalesce(m.net_revenue_cents, 0) >= ?", seg.min_value_cents)
    if seg.min_predicted_cents is not None:
        sql.add("m.predicted_cents >= ?", seg.min_predicted_cents)
    if seg.min_orders is not None:
        sql.add("coalesce(m.orders, 0) >= ?", seg.min_orders)
    if seg.purchased_within_days is not None:
        sql.add("m.last_purchase_at >= ?", _iso(now - timedelta(days=seg.purchased_within_days)))
    if seg.not_purchased_for_days is not None:
        sql.add(
            "(m.last_purchase_at IS NULL OR m.last_purchase_at < ?)",
            _iso(now - timedelta(days=seg.not_purchased_for_days)),
        )
    if seg.omnichannel_only:
        sql.add("m.channel_count >= 2")
    if seg.cart_abandoned_within_days is not None:
        sql.add(
            f"EXISTS (SELECT 1 FROM {table('cart')} k WHERE k.customer_id = c.customer_id "
            "AND k.abandoned_at >= ? AND k.status NOT IN ('converted', 'recovered'))",
            _iso(now - timedelta(days=seg.cart_abandoned_within_days)),
        )
    return sql


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def count(
    conn: sqlite3.Connection,
    store_id: str | None,
    seg: Segment,
    *,
    now: datetime | None = None,
) -> int:
    sql = _conditions(store_id, seg, now or datetime.now(UTC))
    where = " AND ".join(sql.where)
    # Only the joins the conditions need: counting a whole store is then one index walk.
    joins = f"FROM {table('customer')} c "
    if re.search(r"\bm\.", where):
        joins += f"LEFT JOIN {table('customer_metrics')} m ON m.customer_id = c.customer_id "
    if re.search(r"\bla\.", where):
        joins += f"LEFT JOIN {table('loyalty_account')} la ON la.customer_id = c.customer_id "
    row = conn.execute(f"SELECT count(*) {joins} WHERE {where}", sql.params)
    return int(row.fetchone()[0])


def page(
    conn: sqlite3.Connection,
    store_id: str | None,
    seg: Segment,
    *,
    sort: SortKey = SortKey.value,
    descending: bool = True,
    offset: int = 0,
    limit: int = 200,
    now: datetime | None = None,
) -> list[ListedCustomer]:
    """One page of the list, in the manager's order (ties broken by id, so pages never overlap)."""
    sql = _conditions(store_id, seg, now or datetime.now(UTC))
    order = _SORT_SQL[sort].format(
        dir="DESC" if descending else "ASC", rev="ASC" if descending else "DESC"
    )
    rows = conn.execute(
        "SELECT c.customer_id, coalesce(c.local, c.wire), c.local IS NOT NULL, la.tier, "
        "coalesce(m.local, m.wire), json_extract(s.wire, '$.display_name') "
        f"{_FROM} WHERE {' AND '.join(sql.where)} ORDER BY {order}, c.customer_id "
        "LIMIT ? OFFSET ?",
        [*sql.params, int(limit), int(offset)],
    )
    return [_listed(*row) for row in rows]


def _listed(
    customer_id: str,
    doc_text: str,
    pending: int,
    tier: str | None,
    metrics_text: str | None,
    assigned_name: str | None,
) -> ListedCustomer:
    doc = json.loads(doc_text)
    met = json.loads(metrics_text) if metrics_text else {}
    last = met.get("last_purchase_at")
    predicted = met.get("predicted_value_12m_cents")
    p_alive = met.get("p_alive")
    return ListedCustomer(
        customer_id=customer_id,
        first_name=doc.get("first_name", ""),
        last_name=doc.get("last_name", ""),
        vip=bool(doc.get("vip")),
        tier=tier,
        currency=str(met.get("currency") or "EUR"),
        net_revenue_cents=int(met.get("net_revenue_cents") or 0),
        predicted_value_cents=int(predicted) if predicted is not None else None,
        orders=int(met.get("orders") or 0),
        last_purchase_at=parse_time(last),
        segment=str(met.get("segment") or ""),
        churn_risk=bool(met.get("churn_risk")),
        p_alive=float(p_alive) if p_alive is not None else None,
        assigned_staff_id=doc.get("assigned_staff_id"),
        assigned_name=assigned_name or "",
        pending=bool(pending),
    )


def customer_ids(
    conn: sqlite3.Connection,
    store_id: str | None,
    seg: Segment,
    *,
    limit: int = 50_000,
    now: datetime | None = None,
) -> list[str]:
    """Every id of the segment (for bulk assignment or export), in value order."""
    sql = _conditions(store_id, seg, now or datetime.now(UTC))
    rows = conn.execute(
        f"SELECT c.customer_id {_FROM} WHERE {' AND '.join(sql.where)} "
        "ORDER BY coalesce(m.net_revenue_cents, 0) DESC, c.customer_id LIMIT ?",
        [*sql.params, int(limit)],
    )
    return [r[0] for r in rows]


def rfm_segments(conn: sqlite3.Connection, store_id: str | None) -> list[tuple[str, int]]:
    """The RFM groups present among the store's customers, largest first.

    The one definition of "the store's RFM groups": the customer list's presets and the
    campaign dialog (``campaign_segments``) both come from it, so the manager sees one truth.
    """
    rows = conn.execute(
        f"SELECT m.segment, count(*) {_FROM} WHERE c.home_store_id IS ? "
        "AND coalesce(m.segment, '') != '' GROUP BY m.segment ORDER BY count(*) DESC, m.segment",
        (store_id,),
    )
    return [(str(name), int(n)) for name, n in rows]


def campaign_segments(conn: sqlite3.Connection, store_id: str | None) -> list[str]:
    """The store's RFM groups a campaign can target, in the analytics' order (unknown names,
    if the server ever adds some, last); the fixed list when the analytics have not reached
    this tablet yet, so the manager can still choose."""
    found = {name for name, _ in rfm_segments(conn, store_id) if CAMPAIGN_SEGMENT_NAME.match(name)}
    if not found:
        return list(RFM_SEGMENTS)
    return [s for s in RFM_SEGMENTS if s in found] + sorted(found - set(RFM_SEGMENTS))


def _staff_docs(
    conn: sqlite3.Connection, where: str = "", params: tuple[Any, ...] = ()
) -> list[dict[str, Any]]:
    """The replica's staff rows (those ``where`` selects), by username."""
    return [
        json.loads(text)
        for (text,) in conn.execute(
            f"SELECT coalesce(local, wire) FROM {table('staff')} {where} ORDER BY username",
            params,
        )
    ]


def _staff_name(doc: dict[str, Any]) -> str:
    return str(doc.get("display_name") or doc.get("username") or "")


def store_staff(
    conn: sqlite3.Connection, store_id: str | None, *, roles: tuple[str, ...] = ("associate",)
) -> list[StaffChoice]:
    """Active staff of the store with one of ``roles`` (who can be given customers)."""
    return [
        StaffChoice(id=str(doc["id"]), display_name=_staff_name(doc), role=str(doc.get("role")))
        for doc in _staff_docs(conn, "WHERE store_id IS ?", (store_id,))
        if doc.get("active", True) and doc.get("role") in roles
    ]


def staff_names(conn: sqlite3.Connection) -> dict[str, str]:
    """Every staff member the replica holds, by id, with the name the screens show for her
    (audit entries and consent events may name staff of another store, or who has left)."""
    return {str(doc["id"]): _staff_name(doc) for doc in _staff_docs(conn)}


def at_risk_vips() -> Segment:
    return Segment(vip_only=True, churn_risk_only=True)


def birthdays_in(month: int) -> Segment:
    return Segment(birthday_month=month)


def abandoned_carts(days: int = 7) -> Segment:
    return Segment(cart_abandoned_within_days=days)
