"""The store manager's KPIs, computed from the tablet's replica so they also work offline.

Scope. The replica holds the store's bucket: its home customers plus customers who bought here
or were looked up here. Counting every row of that bucket would leak other stores' business
into this one, so one rule decides where a row belongs: a row with a store (an order rung up or
collected here, a survey at this till, a message sent by this store) belongs to that store; a
row without one (a shipped web order, an abandoned web cart, a newsletter) belongs to the
customer's home store. Tasks have no store: they count here if the customer's home is here or an
assistant of this store did them. Per-assistant activity follows the person: what she recorded
or did counts whoever the customer is. Two figures deliberately look wider:

- conversion credits a purchase in any channel or store (an e-mail from here may convert on the
  web shop), the same definition the server's attribution uses;
- the omnichannel comparison is lifetime value from the nightly analytics (``customer_metrics``),
  so it ignores the period; customers the analytics have not reached yet are valued from their
  synced orders minus returns.

Period: ``[start, end]`` whole UTC days. Money stays integer cents in one currency, the one most
of the period's orders use: per-channel figures are grouped by currency, other money totals only
count that currency and ``other_currency_orders`` says how many orders were left out. Pending
(unsynced) edits count, as everywhere on the tablet. A ratio is None when its denominator is
empty, so "no surveys yet" never reads as a score of zero.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any

from clienteling.replica.schema import table

OUTREACH_KINDS = ("email_sent", "sms_sent", "whatsapp_sent", "push_sent", "event_invited")
OUTREACH_TASK_KINDS = ("cart_call", "follow_up")
# Answer scales per survey type; a survey without a type is NPS (the ingest API's 0-10 scale).
SURVEY_SCALES = {"nps": (0, 10), "csat": (1, 5), "ces": (1, 7)}
_TS = "%Y-%m-%dT%H:%M:%f"


def _doc(alias: str, path: str) -> str:
    return f"json_extract(coalesce({alias}.local, {alias}.wire), '$.{path}')"


def _ts(expr: str) -> str:
    """The same sortable text form as the replica's generated time columns."""
    return f"strftime('{_TS}', {expr})"


def _bound(day: date) -> str:
    return f"{day.isoformat()}T00:00:00.000"


def mean_cents(total_cents: int, count: int) -> int | None:
    """Exact mean of integer cents, rounded half-even to a whole cent (as the server does)."""
    if count <= 0:
        return None
    return int((Decimal(total_cents) / Decimal(count)).quantize(Decimal(1), ROUND_HALF_EVEN))


def _ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


# --- results -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Nps:
    responses: int
    promoters: int
    detractors: int

    @property
    def passives(self) -> int:
        return self.responses - self.promoters - self.detractors

    @property
    def score(self) -> float | None:
        """% promoters (9-10) minus % detractors (0-6), in -100..100."""
        if not self.responses:
            return None
        return 100.0 * (self.promoters - self.detractors) / self.responses


@dataclass(frozen=True)
class Csat:
    responses: int
    total: int
    satisfied: int

    @property
    def mean(self) -> float | None:
        """Mean answer on the 1-5 scale."""
        return self.total / self.responses if self.responses else None

    @property
    def satisfied_share(self) -> float | None:
        """Share of answers 4 or 5."""
        return _ratio(self.satisfied, self.responses)


@dataclass(frozen=True)
class Ces:
    responses: int
    total: int

    @property
    def mean(self) -> float | None:
        """Mean answer on the 1 (very easy) .. 7 (very hard) scale: lower is better."""
        return self.total / self.responses if self.responses else None


@dataclass(frozen=True)
class ChannelAov:
    channel: str
    currency: str
    orders: int
    revenue_cents: int

    @property
    def aov_cents(self) -> int | None:
        return mean_cents(self.revenue_cents, self.orders)


@dataclass(frozen=True)
class CartKpis:
    abandoned: int  # carts abandoned in the period
    recovered: int  # of those, bought afterwards (status "recovered")
    checked_out: int  # carts bought in the period without being abandoned first

    @property
    def recovery_rate(self) -> float | None:
        return _ratio(self.recovered, self.abandoned)

    @property
    def abandonment_rate(self) -> float | None:
        """Share of the carts that ended in the period which were abandoned."""
        return _ratio(self.abandoned, self.abandoned + self.checked_out)


@dataclass(frozen=True)
class Frequency:
    orders: int
    buyers: int
    previous_buyers: int  # bought in the previous period of equal length
    retained: int  # of those, bought again in this period

    @property
    def orders_per_buyer(self) -> float | None:
        return self.orders / self.buyers if self.buyers else None

    @property
    def retention_rate(self) -> float | None:
        return _ratio(self.retained, self.previous_buyers)


@dataclass(frozen=True)
class GroupValue:
    customers: int
    valued: int  # customers with a value in the KPI currency
    total_value_cents: int

    @property
    def mean_value_cents(self) -> int | None:
        return mean_cents(self.total_value_cents, self.valued)


@dataclass(frozen=True)
class TouchKind:
    kind: str  # an interaction kind, or "task_cart_call" / "task_follow_up"
    touches: int
    converted: int

    @property
    def conversion_rate(self) -> float | None:
        return _ratio(self.converted, self.touches)


@dataclass(frozen=True)
class Outreach:
    by_kind: tuple[TouchKind, ...]
    attributed_orders: int
    attributed_revenue_cents: int

    @property
    def touches(self) -> int:
        return sum(k.touches for k in self.by_kind)

    @property
    def converted(self) -> int:
        return sum(k.converted for k in self.by_kind)

    @property
    def conversion_rate(self) -> float | None:
        return _ratio(self.converted, self.touches)


@dataclass(frozen=True)
class AssistantActivity:
    staff_id: str
    display_name: str
    role: str
    interactions: int
    tasks_done: int
    orders: int
    order_revenue_cents: int
    touches: int
    conversions: int
    attributed_orders: int
    attributed_revenue_cents: int


@dataclass(frozen=True)
class StoreKpis:
    store_id: str | None
    start: date
    end: date
    window_days: int
    currency: str
    other_currency_orders: int
    nps: Nps
    csat: Csat
    ces: Ces
    aov_by_channel: tuple[ChannelAov, ...]
    carts: CartKpis
    frequency: Frequency
    omnichannel: GroupValue
    single_channel: GroupValue
    outreach: Outreach
    assistants: tuple[AssistantActivity, ...]

    @property
    def orders(self) -> int:
        return sum(c.orders for c in self.aov_by_channel)


# --- SQL ---------------------------------------------------------------------------------------


class _Sql:
    """The scope rule as SQL fragments, bound once to one store and period."""

    def __init__(self, store_id: str | None, start: date, end: date, window_days: int) -> None:
        days = (end - start).days + 1
        self.params: dict[str, Any] = {
            "store": store_id,
            "lo": _bound(start),
            "hi": _bound(end + timedelta(days=1)),
            "prev_lo": _bound(start - timedelta(days=days)),
            "whi": _bound(end + timedelta(days=window_days + 1)),
            "ahead": f"+{int(window_days)} days",
            "back": f"-{int(window_days)} days",
        }
        self.home = f"(SELECT customer_id FROM {table('customer')} WHERE home_store_id = :store)"
        self.store_staff = f"(SELECT id FROM {table('staff')} WHERE store_id = :store)"

    def belongs(self, alias: str, store_expr: str) -> str:
        return (
            f"(:store IS NULL OR {store_expr} = :store OR "
            f"({store_expr} IS NULL AND {alias}.customer_id IN {self.home}))"
        )

    def home_customer(self, alias: str) -> str:
        return f"(:store IS NULL OR {alias}.customer_id IN {self.home})"

    def orders(self, *, scoped: bool = True) -> str:
        """Orders that are not cancelled: at, customer, channel, currency, total, staff."""
        where = "coalesce(o.status, '') != 'cancelled'"
        if scoped:
            where += f" AND {self.belongs('o', 'o.store_id')}"
        return (
            f"SELECT o.id AS id, o.customer_id AS customer_id, o.ordered_at AS at, "
            f"o.channel AS channel, coalesce(o.currency, 'EUR') AS currency, "
            f"coalesce(o.total_cents, 0) AS total, o.staff_id AS staff "
            f"FROM {table('order')} o WHERE {where}"
        )

    def touches(self) -> str:
        """Outreach sends and outreach tasks done: id, customer, at, kind, staff."""
        kinds = ", ".join(f"'{k}'" for k in OUTREACH_KINDS)
        task_kinds = ", ".join(f"'{k}'" for k in OUTREACH_TASK_KINDS)
        task_at = _ts(_doc("t", "updated_at"))
        return (
            f"SELECT i.id AS id, i.customer_id AS customer_id, i.occurred_at AS at, "
            f"i.kind AS kind, i.staff_id AS staff "
            f"FROM {table('interaction')} i WHERE i.kind IN ({kinds}) "
            f"AND {self.belongs('i', 'i.store_id')} "
            f"UNION ALL "
            f"SELECT t.id, t.customer_id, {task_at}, 'task_' || {_doc('t', 'kind')}, "
            f"t.assigned_staff_id FROM {table('task')} t "
            f"WHERE t.status = 'done' AND {_doc('t', 'kind')} IN ({task_kinds}) "
            f"AND (:store IS NULL OR t.customer_id IN {self.home} "
            f"OR t.assigned_staff_id IN {self.store_staff})"
        )


def _surveys(conn: sqlite3.Connection, q: _Sql) -> tuple[Nps, Csat, Ces]:
    scales = " OR ".join(
        f"(kind = '{name}' AND score BETWEEN {lo} AND {hi})"
        for name, (lo, hi) in SURVEY_SCALES.items()
    )
    rows = conn.execute(
        f"SELECT kind, count(*), sum(score >= 9), sum(score <= 6), sum(score), sum(score >= 4) "
        f"FROM (SELECT lower(coalesce(i.survey_type, 'nps')) AS kind, "
        f"coalesce(i.score, i.survey_score) AS score "
        f"FROM {table('interaction')} i WHERE i.kind = 'survey' "
        f"AND i.occurred_at >= :lo AND i.occurred_at < :hi "
        f"AND {q.belongs('i', 'i.store_id')}) "
        f"WHERE typeof(score) = 'integer' AND ({scales}) GROUP BY kind",
        q.params,
    ).fetchall()
    by_kind = {r[0]: tuple(int(v or 0) for v in r[1:]) for r in rows}
    n, promoters, detractors, _, _ = by_kind.get("nps", (0, 0, 0, 0, 0))
    c_n, _, _, c_total, c_satisfied = by_kind.get("csat", (0, 0, 0, 0, 0))
    e_n, _, _, e_total, _ = by_kind.get("ces", (0, 0, 0, 0, 0))
    return Nps(n, promoters, detractors), Csat(c_n, c_total, c_satisfied), Ces(e_n, e_total)


@dataclass(frozen=True)
class _Orders:
    aov: tuple[ChannelAov, ...]
    frequency: Frequency
    # staff id -> currency -> (orders, cents): what each assistant rang up in the period
    by_staff: Mapping[str, Mapping[str, tuple[int, int]]]


def _orders(conn: sqlite3.Connection, q: _Sql) -> _Orders:
    """Channel, frequency, retention and till figures from one pass over the orders."""
    rows = conn.execute(
        f"WITH ord AS MATERIALIZED (SELECT * FROM ({q.orders()}) "
        "WHERE at >= :prev_lo AND at < :hi) "
        "SELECT 'channel', channel, currency, count(*), sum(total) FROM ord WHERE at >= :lo "
        "GROUP BY channel, currency UNION ALL "
        "SELECT 'staff', staff, currency, count(*), sum(total) FROM ord "
        "WHERE at >= :lo AND staff IS NOT NULL GROUP BY staff, currency UNION ALL "
        "SELECT 'buyers', '', '', count(DISTINCT customer_id), 0 FROM ord WHERE at >= :lo "
        "UNION ALL SELECT 'previous', '', '', count(DISTINCT customer_id), 0 FROM ord "
        "WHERE at < :lo UNION ALL SELECT 'retained', '', '', count(DISTINCT customer_id), 0 "
        "FROM ord WHERE at < :lo AND customer_id IN (SELECT customer_id FROM ord WHERE at >= :lo)",
        q.params,
    ).fetchall()
    aov: list[ChannelAov] = []
    counts: dict[str, int] = {}
    by_staff: dict[str, dict[str, tuple[int, int]]] = {}
    for part, key, currency, n, total in rows:
        if part == "channel":
            aov.append(ChannelAov(str(key), str(currency), int(n), int(total)))
        elif part == "staff":
            by_staff.setdefault(str(key), {})[str(currency)] = (int(n), int(total))
        else:
            counts[part] = int(n)
    aov.sort(key=lambda c: (-c.orders, c.channel, c.currency))
    frequency = Frequency(
        orders=sum(c.orders for c in aov),
        buyers=counts.get("buyers", 0),
        previous_buyers=counts.get("previous", 0),
        retained=counts.get("retained", 0),
    )
    return _Orders(tuple(aov), frequency, by_staff)


def _carts(conn: sqlite3.Connection, q: _Sql) -> CartKpis:
    scope = q.home_customer("c")
    abandoned, recovered = conn.execute(
        f"SELECT count(*), coalesce(sum(c.status = 'recovered'), 0) FROM {table('cart')} c "
        f"WHERE c.abandoned_at >= :lo AND c.abandoned_at < :hi AND {scope}",
        q.params,
    ).fetchone()
    (checked_out,) = conn.execute(
        f"SELECT count(*) FROM {table('cart')} c WHERE c.status = 'converted' "
        f"AND c.abandoned_at IS NULL AND c.updated_at >= :lo AND c.updated_at < :hi AND {scope}",
        q.params,
    ).fetchone()
    return CartKpis(int(abandoned), int(recovered), int(checked_out))


def _channel_groups(
    conn: sqlite3.Connection, q: _Sql, currency: str
) -> tuple[GroupValue, GroupValue]:
    live_channels = (
        f"(SELECT count(DISTINCT o.channel) FROM {table('order')} o "
        f"WHERE o.customer_id = c.customer_id AND coalesce(o.status, '') "
        "!= 'cancelled')"
    )
    live_value = (
        f"(SELECT coalesce(sum(o.total_cents), 0) FROM {table('order')} o "
        f"WHERE o.customer_id = c.customer_id AND coalesce(o.status, '') "
        f"!= 'cancelled' AND coalesce(o.currency, 'EUR') = :currency) - "
        f"(SELECT coalesce(sum({_doc('r', 'amount_cents')}), 0) FROM {table('return')} r "
        f"WHERE r.customer_id = c.customer_id "
        f"AND coalesce({_doc('r', 'currency')}, 'EUR') = :currency)"
    )
    rows = conn.execute(
        f"SELECT n >= 2, count(*), count(value), coalesce(sum(value), 0) FROM ("
        f"SELECT CASE WHEN m.id IS NULL THEN {live_channels} "
        f"ELSE coalesce(json_array_length(coalesce(m.local, m.wire), '$.channels'), 0) END AS n, "
        f"CASE WHEN m.id IS NULL THEN {live_value} "
        f"WHEN coalesce({_doc('m', 'currency')}, 'EUR') = :currency "
        f"THEN m.net_revenue_cents END AS value "
        f"FROM {table('customer')} c "
        f"LEFT JOIN {table('customer_metrics')} m ON m.customer_id = c.customer_id "
        f"WHERE (:store IS NULL OR c.home_store_id = :store)) WHERE n >= 1 GROUP BY n >= 2",
        {**q.params, "currency": currency},
    ).fetchall()
    groups = {bool(r[0]): GroupValue(int(r[1]), int(r[2]), int(r[3])) for r in rows}
    empty = GroupValue(0, 0, 0)
    return groups.get(True, empty), groups.get(False, empty)


@dataclass(frozen=True)
class _Attribution:
    outreach: Outreach
    # staff id -> (touches, conversions, attributed orders, attributed revenue cents)
    by_staff: Mapping[str, tuple[int, int, int, int]]


def _attribution(conn: sqlite3.Connection, q: _Sql, currency: str) -> _Attribution:
    """Touches converted within the window, and each purchase credited to its last touch.

    One time-ordered stream per customer of touches and purchases; window functions carry the
    next purchase to each touch and the latest touch to each purchase. At equal times the
    purchase sorts first: a touch must come strictly before the purchase it converts. Touches
    before the period are left out: they can never be credited, nor hide a later touch.
    """
    # The latest touch travels to later purchases as "at|id|staff": text order is time order
    # (ties broken by id, as the server does), and nothing has to be joined back.
    rows = conn.execute(
        f"WITH touch AS MATERIALIZED (SELECT * FROM ({q.touches()}) "
        "WHERE at >= :lo AND at < :whi), "
        f"buy AS MATERIALIZED (SELECT * FROM ({q.orders(scoped=False)}) "
        "WHERE at > :lo AND at < :whi AND customer_id IN (SELECT customer_id FROM touch)), "
        "stream AS (SELECT customer_id, at, 1 AS rank, id, kind, staff, NULL AS total, "
        "NULL AS currency FROM touch UNION ALL "
        "SELECT customer_id, at, 0, id, NULL, NULL, total, currency FROM buy), "
        "marked AS MATERIALIZED (SELECT *, "
        "min(CASE WHEN rank = 0 THEN at END) OVER (PARTITION BY customer_id ORDER BY at, rank, id "
        "ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING) AS next_buy, "
        "max(CASE WHEN rank = 1 THEN at || '|' || id || '|' || coalesce(staff, '') END) "
        "OVER (PARTITION BY customer_id ORDER BY at, rank, id "
        "ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS last_touch FROM stream), "
        "credited AS (SELECT total, currency, at, "
        "substr(last_touch, 1, instr(last_touch, '|') - 1) AS touch_at, "
        "substr(last_touch, instr(last_touch, '|') + 1) AS rest "
        "FROM marked WHERE rank = 0 AND last_touch IS NOT NULL) "
        "SELECT 'touch', kind, coalesce(staff, ''), count(*), "
        f"sum(next_buy IS NOT NULL AND next_buy <= strftime('{_TS}', at, :ahead)), 0 "
        "FROM marked WHERE rank = 1 AND at >= :lo AND at < :hi GROUP BY kind, staff "
        "UNION ALL "
        "SELECT 'buy', '', substr(rest, instr(rest, '|') + 1), count(*), 0, "
        "coalesce(sum(CASE WHEN currency = :currency THEN total END), 0) FROM credited "
        f"WHERE touch_at >= strftime('{_TS}', at, :back) AND touch_at >= :lo AND touch_at < :hi "
        "GROUP BY 3",
        {**q.params, "currency": currency},
    ).fetchall()
    kinds: dict[str, list[int]] = {}
    staff: dict[str, list[int]] = {}
    orders = revenue = 0
    for part, kind, who, n, conv, cents in rows:
        if part == "touch":
            k = kinds.setdefault(str(kind), [0, 0])
            k[0] += int(n)
            k[1] += int(conv or 0)
        else:
            orders += int(n)
            revenue += int(cents)
        if who:
            s = staff.setdefault(str(who), [0, 0, 0, 0])
            if part == "touch":
                s[0] += int(n)
                s[1] += int(conv or 0)
            else:
                s[2] += int(n)
                s[3] += int(cents)
    by_kind = tuple(
        TouchKind(kind, v[0], v[1]) for kind, v in sorted(kinds.items(), key=lambda kv: kv[0])
    )
    return _Attribution(
        Outreach(by_kind, orders, revenue),
        {k: (v[0], v[1], v[2], v[3]) for k, v in staff.items()},
    )


def _assistants(
    conn: sqlite3.Connection, q: _Sql, currency: str, orders: _Orders, credit: _Attribution
) -> tuple[AssistantActivity, ...]:
    staff = conn.execute(
        f"SELECT s.id, {_doc('s', 'display_name')}, {_doc('s', 'role')}, "
        f"coalesce({_doc('s', 'active')}, 1) FROM {table('staff')} s "
        "WHERE (:store IS NULL OR s.store_id = :store) "
        f"ORDER BY {_doc('s', 'display_name')}, s.id",
        q.params,
    ).fetchall()
    recorded = dict(
        conn.execute(
            f"SELECT i.staff_id AS who, count(*) FROM {table('interaction')} i "
            "WHERE i.occurred_at >= :lo AND i.occurred_at < :hi AND who IS NOT NULL "
            "GROUP BY who",
            q.params,
        ).fetchall()
    )
    task_at = _ts(_doc("t", "updated_at"))
    done = dict(
        conn.execute(
            f"SELECT t.assigned_staff_id, count(*) FROM {table('task')} t "
            f"WHERE t.status = 'done' AND {task_at} >= :lo AND {task_at} < :hi "
            "AND t.assigned_staff_id IS NOT NULL GROUP BY t.assigned_staff_id",
            q.params,
        ).fetchall()
    )
    result = []
    for sid, name, role, active in staff:
        rung = orders.by_staff.get(sid, {})
        touches, conversions, credited, credited_cents = credit.by_staff.get(sid, (0, 0, 0, 0))
        activity = AssistantActivity(
            staff_id=str(sid),
            display_name=str(name or ""),
            role=str(role or ""),
            interactions=int(recorded.get(sid, 0)),
            tasks_done=int(done.get(sid, 0)),
            orders=sum(n for n, _ in rung.values()),
            order_revenue_cents=rung.get(currency, (0, 0))[1],
            touches=touches,
            conversions=conversions,
            attributed_orders=credited,
            attributed_revenue_cents=credited_cents,
        )
        busy = activity.interactions or activity.tasks_done or activity.orders or touches
        if active or busy or credited:
            result.append(activity)  # someone who left shows only if she did something
    return tuple(result)


def store_kpis(
    conn: sqlite3.Connection,
    *,
    store_id: str | None,
    start: date,
    end: date,
    window_days: int = 14,
) -> StoreKpis:
    """Every KPI of the dashboard for one store (all of the replica if None) and period."""
    if end < start:
        raise ValueError("the period ends before it starts")
    if window_days < 1:
        raise ValueError("the conversion window must be at least one day")
    q = _Sql(store_id, start, end, window_days)
    began = not conn.in_transaction
    if began:
        conn.execute("BEGIN")
    try:
        orders = _orders(conn, q)
        per_currency: dict[str, int] = {}
        for row in orders.aov:
            per_currency[row.currency] = per_currency.get(row.currency, 0) + row.orders
        currency = min(per_currency, key=lambda c: (-per_currency[c], c), default="EUR")
        nps, csat, ces = _surveys(conn, q)
        omni, single = _channel_groups(conn, q, currency)
        credit = _attribution(conn, q, currency)
        return StoreKpis(
            store_id=store_id,
            start=start,
            end=end,
            window_days=window_days,
            currency=currency,
            other_currency_orders=sum(n for c, n in per_currency.items() if c != currency),
            nps=nps,
            csat=csat,
            ces=ces,
            aov_by_channel=orders.aov,
            carts=_carts(conn, q),
            frequency=orders.frequency,
            omnichannel=omni,
            single_channel=single,
            outreach=credit.outreach,
            assistants=_assistants(conn, q, currency, orders, credit),
        )
    finally:
        if began:
            conn.execute("COMMIT")
