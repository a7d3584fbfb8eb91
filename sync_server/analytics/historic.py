"""Historic value per customer and currency, across every channel, in exact integer cents.

A return counts against the customer wherever it happens: a dress bought in the store and
returned through the web shop lowers her net revenue once, and both channels appear in her
`channels` (sales channels) and `return_channels`. Currencies are never mixed: one row per
(customer, currency).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal

import numpy as np
import numpy.typing as npt

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
SECONDS_PER_DAY = 86_400
MIN_TENURE_DAYS = 30


@dataclass(frozen=True)
class HistoricValue:
    """Row-aligned arrays; `first_purchase`/`last_purchase` are epoch seconds, -1 without a
    sale (a customer whose only lines are returns of older sales)."""

    customer: IntArray
    currency: list[str]
    gross_sales_cents: IntArray
    returns_cents: IntArray
    net_revenue_cents: IntArray
    orders: IntArray
    aov_cents: IntArray
    first_purchase: IntArray
    last_purchase: IntArray
    tenure_days: IntArray
    orders_per_year: FloatArray
    return_rate: FloatArray
    channels: list[frozenset[str]]
    return_channels: list[frozenset[str]]


def _codes(values: Sequence[str] | None, n: int, default: str) -> tuple[IntArray, list[str]]:
    if values is None:
        return np.zeros(n, dtype=np.int64), [default]
    names, inverse = np.unique(np.asarray(values, dtype=str), return_inverse=True)
    return inverse.astype(np.int64), [str(v) for v in names]


def historic_value(
    customer: npt.ArrayLike,
    order_id: Sequence[str],
    timestamp: npt.ArrayLike,
    amount_cents: npt.ArrayLike,
    quantity: npt.ArrayLike,
    as_of: int,
    channel: Sequence[str] | None = None,
    currency: Sequence[str] | None = None,
) -> HistoricValue:
    """Net revenue (sales minus returns), orders, AOV, first/last purchase, tenure, frequency,
    channels and return rate for lines dated before `as_of` (epoch seconds).

    Orders are distinct `order_id`s with a sale line. AOV = net revenue / orders, rounded
    half-even to the cent (0 without orders). Orders per year use a tenure of at least 30 days
    so a first-week customer does not show 50 orders a year. Return rate = returned / gross
    sales value (0 without sales).
    """
    cust = np.asarray(customer, dtype=np.int64)
    ts = np.asarray(timestamp, dtype=np.int64)
    amt = np.asarray(amount_cents, dtype=np.int64)
    qty = np.asarray(quantity, dtype=np.int64)
    n_lines = cust.size
    if not (ts.size == amt.size == qty.size == len(order_id) == n_lines):
        raise ValueError("all line arrays must have equal length")
    chan_code, chan_names = _codes(channel, n_lines, "unknown")
    cur_code, cur_names = _codes(currency, n_lines, "")
    order_code, _ = _codes(order_id, n_lines, "")

    keep = ts < as_of
    cust, ts, amt, qty = cust[keep], ts[keep], amt[keep], qty[keep]
    chan_code, cur_code, order_code = chan_code[keep], cur_code[keep], order_code[keep]
    n_cur = len(cur_names)
    key = cust * n_cur + cur_code
    keys, row = np.unique(key, return_inverse=True)
    rows = keys.size
    sale = qty > 0

    gross = np.zeros(rows, dtype=np.int64)
    returns = np.zeros(rows, dtype=np.int64)
    np.add.at(gross, row[sale], amt[sale])
    np.add.at(returns, row[~sale], amt[~sale])
    net = gross + returns

    n_orders = int(order_code.max()) + 1 if order_code.size else 1
    pairs = np.unique(row[sale] * n_orders + order_code[sale])
    orders = np.bincount(pairs // n_orders, minlength=rows).astype(np.int64)

    first = np.full(rows, np.iinfo(np.int64).max, dtype=np.int64)
    last = np.full(rows, -1, dtype=np.int64)
    np.minimum.at(first, row[sale], ts[sale])
    np.maximum.at(last, row[sale], ts[sale])
    has_sale = last >= 0
    first[~has_sale] = -1
    tenure = np.where(has_sale, (as_of - first) // SECONDS_PER_DAY, 0).astype(np.int64)
    years = np.maximum(tenure, MIN_TENURE_DAYS) / 365.25
    per_year = np.where(orders > 0, orders / years, 0.0)

    aov = np.zeros(rows, dtype=np.int64)
    for i in np.flatnonzero(orders > 0):
        aov[i] = int(
            (Decimal(int(net[i])) / Decimal(int(orders[i]))).quantize(Decimal(1), ROUND_HALF_EVEN)
        )
    return_rate = np.divide(
        -returns.astype(np.float64),
        gross.astype(np.float64),
        out=np.zeros(rows),
        where=gross > 0,
    )

    def channel_sets(mask: npt.NDArray[np.bool_]) -> list[frozenset[str]]:
        sets: list[set[str]] = [set() for _ in range(rows)]
        n_chan = len(chan_names)
        for code in np.unique(row[mask] * n_chan + chan_code[mask]).tolist():
            sets[code // n_chan].add(chan_names[code % n_chan])
        return [frozenset(s) for s in sets]

    return HistoricValue(
        customer=keys // n_cur,
        currency=[cur_names[k % n_cur] for k in keys.tolist()],
        gross_sales_cents=gross,
        returns_cents=returns,
        net_revenue_cents=net,
        orders=orders,
        aov_cents=aov,
        first_purchase=first,
        last_purchase=last,
        tenure_days=tenure,
        orders_per_year=per_year,
        return_rate=return_rate,
        channels=channel_sets(sale),
        return_channels=channel_sets(~sale),
    )
