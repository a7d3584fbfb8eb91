"""Per-customer frequency / recency / T / monetary summary, the input of BG/NBD and Gamma-Gamma.

Conventions (the same as `lifetimes.utils.summary_data_from_transaction_data` with daily
periods, so that results are comparable):

* A *purchase* is a calendar day on which the customer has at least one sale line (positive
  quantity) and the day's net amount (sales minus returns on that day) is positive, or zero with
  no return on that day (free items, files without prices). A sale cancelled the same day (the
  74,215-unit order of customer 12346) is therefore not a purchase, and a return on a day
  without a sale is not one either.
* `frequency` = purchase days - 1 (repeat purchases); `recency` = last - first purchase day;
  `T` = last observed day - first purchase day (0 for a first purchase on the last day), as
  lifetimes counts; both in the chosen time unit (days or weeks; a week is 7 days, the unit only
  rescales time and never merges purchases).
* `monetary_value` = mean net amount (cents) of the repeat purchase days, 0 without repeats.
* The observation end is exclusive: lines at or after it are ignored, customers whose first
  purchase is not before it are not in the summary.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt

TimeUnit = Literal["days", "weeks"]
DAYS_PER_UNIT: dict[str, int] = {"days": 1, "weeks": 7}
SECONDS_PER_DAY = 86_400

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True)
class PurchaseDays:
    """One row per (customer, purchase day), sorted by customer then day."""

    customer: IntArray
    day: IntArray
    amount_cents: IntArray


@dataclass(frozen=True)
class RFMSummary:
    """Summary arrays aligned on `customer` (integer customer codes, ascending)."""

    customer: IntArray
    frequency: FloatArray
    recency: FloatArray
    T: FloatArray
    monetary_value: FloatArray
    first_day: IntArray
    last_day: IntArray
    total_cents: IntArray
    time_unit: TimeUnit

    def __len__(self) -> int:
        return int(self.customer.shape[0])


def _as_int(values: npt.ArrayLike) -> IntArray:
    return np.asarray(values, dtype=np.int64)


def purchase_days(
    customer: npt.ArrayLike,
    timestamp: npt.ArrayLike,
    amount_cents: npt.ArrayLike,
    quantity: npt.ArrayLike,
    start: int | None = None,
    end: int | None = None,
) -> PurchaseDays:
    """Collapse transaction lines in [start, end) (epoch seconds) into purchase days."""
    cust = _as_int(customer)
    ts = _as_int(timestamp)
    amt = _as_int(amount_cents)
    qty = _as_int(quantity)
    if not (cust.shape == ts.shape == amt.shape == qty.shape):
        raise ValueError("customer, timestamp, amount_cents and quantity must have equal length")
    keep = np.ones(cust.shape, dtype=bool)
    if start is not None:
        keep &= ts >= start
    if end is not None:
        keep &= ts < end
    cust, ts, amt, qty = cust[keep], ts[keep], amt[keep], qty[keep]
    empty = np.zeros(0, dtype=np.int64)
    if cust.size == 0:
        return PurchaseDays(empty, empty, empty)
    day = ts // SECONDS_PER_DAY
    order = np.lexsort((day, cust))
    cust, day, amt, qty = cust[order], day[order], amt[order], qty[order]
    boundary = np.ones(cust.size, dtype=bool)
    boundary[1:] = (cust[1:] != cust[:-1]) | (day[1:] != day[:-1])
    starts = np.flatnonzero(boundary)
    net = np.add.reduceat(amt, starts)
    sales = np.add.reduceat((qty > 0).astype(np.int64), starts)
    returns = np.add.reduceat((qty < 0).astype(np.int64), starts)
    is_purchase = (sales > 0) & ((net > 0) | ((net == 0) & (returns == 0)))
    sel = starts[is_purchase]
    return PurchaseDays(cust[sel], day[sel], net[is_purchase])


def summarize(
    days: PurchaseDays,
    observation_end: int,
    time_unit: TimeUnit = "days",
) -> RFMSummary:
    """Summarise purchase days observed before `observation_end` (epoch seconds, exclusive)."""
    if time_unit not in DAYS_PER_UNIT:
        raise ValueError(f"time_unit must be 'days' or 'weeks', not {time_unit!r}")
    end_day = observation_end // SECONDS_PER_DAY
    keep = days.day < end_day
    cust, day, amt = days.customer[keep], days.day[keep], days.amount_cents[keep]
    unit = float(DAYS_PER_UNIT[time_unit])
    if cust.size == 0:
        z = np.zeros(0)
        zi = np.zeros(0, dtype=np.int64)
        return RFMSummary(zi, z, z, z, z, zi, zi, zi, time_unit)
    boundary = np.ones(cust.size, dtype=bool)
    boundary[1:] = cust[1:] != cust[:-1]
    starts = np.flatnonzero(boundary)
    counts = np.diff(np.append(starts, cust.size))
    ends = starts + counts - 1
    first_day = day[starts]
    last_day = day[ends]
    total = np.add.reduceat(amt, starts)
    repeat_total = total - amt[starts]
    frequency = (counts - 1).astype(np.float64)
    monetary = np.divide(
        repeat_total.astype(np.float64),
        frequency,
        out=np.zeros(frequency.shape),
        where=frequency > 0,
    )
    return RFMSummary(
        customer=cust[starts],
        frequency=frequency,
        recency=(last_day - first_day) / unit,
        T=(end_day - 1 - first_day) / unit,
        monetary_value=monetary,
        first_day=first_day,
        last_day=last_day,
        total_cents=total,
        time_unit=time_unit,
    )


def summary_from_lines(
    customer: npt.ArrayLike,
    timestamp: npt.ArrayLike,
    amount_cents: npt.ArrayLike,
    quantity: npt.ArrayLike,
    observation_end: int,
    time_unit: TimeUnit = "days",
) -> RFMSummary:
    """Convenience: `purchase_days` then `summarize` on the lines before `observation_end`."""
    days = purchase_days(customer, timestamp, amount_cents, quantity, end=observation_end)
    return summarize(days, observation_end, time_unit)


def count_in_period(
    days: PurchaseDays, customers: npt.ArrayLike, start: int, end: int
) -> tuple[IntArray, IntArray]:
    """Purchases and net cents per customer for days in [start, end).

    `customers` must be sorted ascending (as `RFMSummary.customer` is); results align on it.
    """
    wanted = _as_int(customers)
    counts = np.zeros(wanted.size, dtype=np.int64)
    spend = np.zeros(wanted.size, dtype=np.int64)
    if wanted.size == 0:
        return counts, spend
    lo, hi = start // SECONDS_PER_DAY, end // SECONDS_PER_DAY
    keep = (days.day >= lo) & (days.day < hi)
    cust, amt = days.customer[keep], days.amount_cents[keep]
    pos = np.clip(np.searchsorted(wanted, cust), 0, wanted.size - 1)
    hit = wanted[pos] == cust
    np.add.at(counts, pos[hit], 1)
    np.add.at(spend, pos[hit], amt[hit])
    return counts, spend
