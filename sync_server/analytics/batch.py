"""The nightly analytics run: historic value, CLV, RFM and recommendations for every customer.

Reads every sale and return line once, runs the vectorised models, and writes
``customer_metrics`` and ``recommendation`` rows, which sync to the tablets of each customer's
stores. Only rows whose content changed are written, so a nightly run does not make every
tablet download every customer again.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import numpy as np
from sqlalchemy import Connection, Engine, bindparam, text

from clienteling.protocol.types import utcnow
from sync_server.analytics import recommender
from sync_server.analytics.historic import historic_value
from sync_server.analytics.scoring import analyze_customers
from sync_server.bulk import upsert_rows
from sync_server.db import write_gate
from sync_server.domain.models import CustomerMetrics, Recommendation
from sync_server.sync.changelog import Change, bulk_change, bulk_delete, record_bulk

Progress = Callable[[str, float], None]
TOP_N = 10
CHUNK = 10_000  # customers written per step: bounds memory on large bases


@dataclass
class BatchReport:
    customers: int = 0
    lines: int = 0
    metrics_written: int = 0
    recommendations_written: int = 0
    recommendations_removed: int = 0
    notes: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)


def _epoch(value: Any) -> int:
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return int(value.timestamp())


def _load_lines(engine: Engine) -> dict[str, list[Any]]:
    """Sale lines (positive quantity) and return lines (negative), of live customers."""
    cols: dict[str, list[Any]] = {
        k: [] for k in ("customer", "order", "at", "amount", "qty", "product", "channel", "cur")
    }
    sales = text(
        "SELECT o.customer_id, o.id, o.ordered_at, l.quantity * l.unit_price_cents, l.quantity, "
        "coalesce(l.product_id, l.sku), o.channel, o.currency, o.total_cents FROM order_line l "
        "JOIN \"order\" o ON o.id = l.order_id WHERE o.status != 'cancelled'"
    )
    returns = text(
        "SELECT r.customer_id, coalesce(r.order_id, r.id), r.returned_at, -r.amount_cents, "
        "-r.quantity, coalesce(r.product_id, r.sku), r.channel, r.currency FROM return_record r"
    )
    totals: dict[str, int] = {}
    with engine.connect() as conn:
        for row in conn.execute(sales):
            totals[row[1]] = int(row[-1])
            for key, value in zip(cols, row[:-1], strict=True):
                cols[key].append(value)
        _net_of_order_amounts(cols["order"], cols["amount"], totals)
        for row in conn.execute(returns):
            for key, value in zip(cols, row, strict=True):
                cols[key].append(value)
    cols["at"] = [_epoch(v) for v in cols["at"]]
    return cols


def _net_of_order_amounts(orders: list[Any], amounts: list[Any], totals: dict[str, int]) -> None:
    """Spread each order's discount (and contained tax) over its lines, in place.

    Revenue is the order's ``total_cents`` (net of discounts, excluding tax and shipping), so
    its lines must add up to it: each gets its share, the rounding cents going to the largest.
    """
    by_order: dict[str, list[int]] = {}
    for i, order in enumerate(orders):
        by_order.setdefault(order, []).append(i)
    for order, rows in by_order.items():
        gross = sum(amounts[i] for i in rows)
        net = totals[order]
        if gross == net or gross <= 0:
            continue
        for i in rows:
            amounts[i] = amounts[i] * net // gross
        largest = max(rows, key=lambda i: amounts[i])
        amounts[largest] += net - sum(amounts[i] for i in rows)


def _same(old: dict[str, Any] | None, new: dict[str, Any], ignore: tuple[str, ...]) -> bool:
    if old is None:
        return False
    for key, value in new.items():
        if key in ignore:
            continue
        before = old.get(key)
        if isinstance(value, float) and before is not None:
            if abs(float(before) - value) > 1e-9:
                return False
        elif isinstance(value, datetime) and before is not None:
            if _epoch(before) != _epoch(value):
                return False
        elif isinstance(value, list):
            if (before if isinstance(before, list) else _json_list(before)) != value:
                return False
        elif before != value:
            return False
    return True


def _json_list(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


def run_analytics(
    engine: Engine, as_of: datetime | None = None, progress: Progress | None = None
) -> BatchReport:
    report = BatchReport()
    tick = time.perf_counter()
    now = as_of or utcnow()
    as_of_s = int(now.timestamp())

    def step(name: str, fraction: float) -> None:
        nonlocal tick
        report.timings[name] = round(time.perf_counter() - tick, 2)
        tick = time.perf_counter()
        if progress:
            progress(name, fraction)

    cols = _load_lines(engine)
    report.lines = len(cols["customer"])
    step("load", 0.2)
    if not report.lines:
        report.notes.append("no sales yet: nothing to compute")
        return report
    customer_ids, customer_code = np.unique(
        np.asarray(cols["customer"], dtype=object), return_inverse=True
    )
    product_ids, product_code = np.unique(
        np.asarray(cols["product"], dtype=object), return_inverse=True
    )
    at = np.asarray(cols["at"], dtype=np.int64)
    amount = np.asarray(cols["amount"], dtype=np.int64)
    qty = np.asarray(cols["qty"], dtype=np.int64)
    report.customers = len(customer_ids)

    hist = historic_value(customer_code, cols["order"], at, amount, qty, as_of_s,
                          channel=cols["channel"], currency=cols["cur"])  # fmt: skip
    step("historic", 0.35)
    scores = analyze_customers(customer_code, at, amount, qty, as_of_s)
    report.notes.extend(scores.notes)
    step("clv_rfm", 0.55)

    by_customer = {int(c): i for i, c in enumerate(scores.customer)}
    metrics: list[dict[str, Any]] = []
    seen_hist: set[int] = set()
    for h in range(len(hist.customer)):
        code = int(hist.customer[h])
        if code in seen_hist:
            continue  # one metrics row per customer: the first (main) currency
        seen_hist.add(code)
        s = by_customer.get(code)
        cid = str(customer_ids[code])
        metrics.append(
            {
                "id": cid,
                "customer_id": cid,
                "currency": hist.currency[h] or "EUR",
                "net_revenue_cents": int(hist.net_revenue_cents[h]),
                "orders": int(hist.orders[h]),
                "aov_cents": int(hist.aov_cents[h]),
                "first_purchase_at": datetime.fromtimestamp(int(hist.first_purchase[h]), UTC)
                if hist.first_purchase[h] >= 0 else None,
                "last_purchase_at": datetime.fromtimestamp(int(hist.last_purchase[h]), UTC)
                if hist.last_purchase[h] >= 0 else None,
                "channels": sorted(hist.channels[h]),
                "return_rate": round(float(hist.return_rate[h]), 4),
                "p_alive": round(float(scores.p_alive[s]), 3) if s is not None else None,
                "expected_purchases_90d": round(float(scores.expected_purchases_90d[s]), 2)
                if s is not None else None,
                "predicted_value_12m_cents": int(scores.predicted_value_12m_cents[s])
                if s is not None else None,
                "rfm_score": f"{scores.r_score[s]}{scores.f_score[s]}{scores.m_score[s]}"
                if s is not None else "",
                "segment": scores.segment[s] if s is not None else "",
                "churn_risk": bool(scores.churn_risk[s]) if s is not None else False,
                "computed_at": now,
            }
        )  # fmt: skip

    names = _product_names(engine)
    x = recommender.purchase_matrix(customer_code, product_code, qty,
                                    [str(p) for p in product_ids], len(customer_ids))  # fmt: skip
    model = recommender.fit_ease(x, 200.0, min_buyers=2)
    recs = recommender.recommend_arrays(model, x, n=TOP_N)
    step("recommender", 0.75)
    segment_of = {
        str(customer_ids[int(c)]): scores.segment[i] for i, c in enumerate(scores.customer)
    }
    carts = _abandoned_cart_products(engine)

    def recommendations_of(u: int) -> list[dict[str, Any]]:
        cid = str(customer_ids[u])
        out: list[dict[str, Any]] = []
        in_cart = carts.get(cid, [])[:3]
        for pid in in_cart:
            out.append({"id": f"{cid}:{len(out) + 1}", "customer_id": cid, "rank": len(out) + 1,
                        "product_id": pid, "reason_kind": "abandoned_cart",
                        "reason": "In her abandoned web cart", "score": 1.0})  # fmt: skip
        for item, source, score in zip(recs.items[u], recs.source[u], recs.score[u], strict=True):
            if item < 0 or len(out) >= TOP_N or str(product_ids[item]) in in_cart:
                continue
            if source >= 0:
                kind = "co_purchase"
                reason = f"Often bought with {names.get(str(product_ids[source]), '')}"
            else:
                seg = segment_of.get(cid, "")
                kind = "popular_segment"
                reason = f"Popular with {seg} customers" if seg else "Popular with customers"
            out.append({"id": f"{cid}:{len(out) + 1}", "customer_id": cid, "rank": len(out) + 1,
                        "product_id": str(product_ids[item]), "reason_kind": kind,
                        "reason": reason, "score": round(float(score), 4)})  # fmt: skip
        return out

    # One transaction per chunk: a chunk's bucket versions are taken just before its commit,
    # so tablets' pushes wait at most for one chunk's tail, never for the whole run.
    alive = text("SELECT id FROM customer WHERE id IN :ids").bindparams(
        bindparam("ids", expanding=True)
    )
    for start in range(0, len(customer_ids), CHUNK):
        with engine.begin() as conn:
            write_gate(conn)
            wanted = [str(c) for c in customer_ids[start : start + CHUNK]]
            live = {r[0] for r in conn.execute(alive, {"ids": wanted})} if wanted else set()
            chunk = [c for c in wanted if c in live]
            in_chunk = set(chunk)
            written, _ = _sync_rows(
                conn, CustomerMetrics, [m for m in metrics if m["id"] in in_chunk], chunk,
                ignore=("computed_at",),
            )  # fmt: skip
            report.metrics_written += written
            rows = [
                r
                for u in range(start, min(start + CHUNK, len(customer_ids)))
                if str(customer_ids[u]) in in_chunk
                for r in recommendations_of(u)
            ]
            written, removed = _sync_rows(conn, Recommendation, rows, chunk, ignore=())
            report.recommendations_written += written
            report.recommendations_removed += removed
    step("write", 1.0)
    return report


def _abandoned_cart_products(engine: Engine) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT l.customer_id, l.product_id FROM cart_line l "
                "JOIN cart c ON c.id = l.cart_id WHERE c.status = 'abandoned' "
                "AND l.product_id IS NOT NULL ORDER BY c.updated_at DESC"
            )
        )
        for customer_id, product_id in rows:
            products = out.setdefault(customer_id, [])
            if product_id not in products:
                products.append(product_id)
    return out


def _product_names(engine: Engine) -> dict[str, str]:
    with engine.connect() as conn:
        return {r[0]: r[1] for r in conn.execute(text("SELECT id, name FROM product"))}


def _sync_rows(
    conn: Connection,
    model: Any,
    rows: list[dict[str, Any]],
    customers: list[str],
    ignore: tuple[str, ...],
) -> tuple[int, int]:
    """Make ``model``'s rows of these customers equal ``rows``, writing only the differences."""
    table = model.__table__
    old: dict[str, dict[str, Any]] = {}
    for start in range(0, len(customers), 900):
        query = text(f"SELECT * FROM {table.name} WHERE customer_id IN :ids").bindparams(  # noqa: S608 - the ORM model's table name
            bindparam("ids", expanding=True)
        )
        for r in conn.execute(query, {"ids": customers[start : start + 900]}).mappings():
            old[r["id"]] = dict(r)
    new = [r for r in rows if not _same(old.get(r["id"]), r, ignore)]
    keep = {r["id"] for r in rows}
    gone = [rid for rid in old if rid not in keep]
    upsert_rows(conn, table, new)
    delete = text(f"DELETE FROM {table.name} WHERE id IN :ids").bindparams(  # noqa: S608 - the ORM model's table name
        bindparam("ids", expanding=True)
    )
    for start in range(0, len(gone), 900):
        conn.execute(delete, {"ids": gone[start : start + 900]})
    changes: list[Change] = [bulk_change(model.__entity__, r) for r in new]
    changes += [bulk_delete(model.__entity__, rid, old[rid]["customer_id"]) for rid in gone]
    record_bulk(conn, changes)
    return len(new), len(gone)
