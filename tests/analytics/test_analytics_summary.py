"""Frequency / recency / T / monetary summaries: conventions and agreement with lifetimes."""

from __future__ import annotations

import warnings
from datetime import datetime
from pathlib import Path

import numpy as np
import pytest

from sync_server.analytics.summary import (
    count_in_period,
    purchase_days,
    summarize,
    summary_from_lines,
)
from sync_server.analytics.transactions import read_transactions, to_timestamp

DAY = 86_400
BASE = to_timestamp(datetime(2011, 1, 3))


def _lines() -> tuple[list[int], list[int], list[int], list[int]]:
    """(customer, timestamp, cents, quantity) of three customers, see the test below."""
    rows = [
        (0, 0, 1000, 2),  # A day 0: sale 10.00
        (0, 0, -200, -1),  # A day 0: return 2.00 the same day -> net 8.00, still a purchase
        (0, 3, 500, 1),  # A day 3: purchase 5.00
        (0, 5, -300, -1),  # A day 5: return only -> not a purchase
        (0, 10, 700, 1),  # A day 10: purchase 7.00
        (1, 2, 10_000, 100),  # B day 2: big order ...
        (1, 2, -10_000, -100),  # ... cancelled the same day -> not a purchase
        (1, 4, 300, 1),  # B day 4: first real purchase
        (2, 14, 900, 1),  # C: first purchase on the observation end -> not in the summary
    ]
    cust = [r[0] for r in rows]
    ts = [BASE + r[1] * DAY + 3600 for r in rows]
    return cust, ts, [r[2] for r in rows], [r[3] for r in rows]


def test_summary_conventions_in_days_and_weeks() -> None:
    cust, ts, cents, qty = _lines()
    end = BASE + 14 * DAY
    s = summary_from_lines(cust, ts, cents, qty, end, "days")
    assert s.customer.tolist() == [0, 1]
    assert s.frequency.tolist() == [2, 0]
    assert s.recency.tolist() == [10, 0]
    assert s.T.tolist() == [13, 9]
    assert s.monetary_value.tolist() == [600.0, 0.0]
    assert s.total_cents.tolist() == [2000, 300]
    w = summary_from_lines(cust, ts, cents, qty, end, "weeks")
    assert w.frequency.tolist() == [2, 0]
    np.testing.assert_allclose(w.recency, [10 / 7, 0])
    np.testing.assert_allclose(w.T, [13 / 7, 9 / 7])


def test_counts_in_a_later_period() -> None:
    cust, ts, cents, qty = _lines()
    days = purchase_days(cust, ts, cents, qty)
    counts, spend = count_in_period(days, np.array([0, 1, 2]), BASE + 3 * DAY, BASE + 15 * DAY)
    assert counts.tolist() == [2, 1, 1]
    assert spend.tolist() == [1200, 300, 900]


def test_bad_time_unit_is_rejected() -> None:
    cust, ts, cents, qty = _lines()
    with pytest.raises(ValueError, match="time_unit"):
        summarize(purchase_days(cust, ts, cents, qty), BASE, "months")  # type: ignore[arg-type]


def test_matches_lifetimes_summary_on_real_sales(retail_slice: Path) -> None:
    """On sales lines only (lifetimes has no notion of returns) both summaries agree."""
    pd = pytest.importorskip("pandas")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        from lifetimes.utils import summary_data_from_transaction_data

    tx = read_transactions(retail_slice)
    sale = tx.quantity > 0
    end = to_timestamp(datetime(2011, 2, 1))
    ours = summary_from_lines(
        tx.customer[sale], tx.timestamp[sale], tx.amount_cents[sale], tx.quantity[sale], end
    )
    frame = pd.DataFrame(
        {
            "customer": tx.customer[sale],
            "date": pd.to_datetime(tx.timestamp[sale], unit="s"),
            "amount": tx.amount_cents[sale].astype(float),
        }
    )
    frame = frame[frame["date"] < pd.Timestamp("2011-02-01")]
    ref = summary_data_from_transaction_data(
        frame,
        "customer",
        "date",
        monetary_value_col="amount",
        observation_period_end="2011-01-31",
        freq="D",
    ).sort_index()
    assert ref.index.to_numpy().tolist() == ours.customer.tolist()
    np.testing.assert_array_equal(ref["frequency"].to_numpy(), ours.frequency)
    np.testing.assert_array_equal(ref["recency"].to_numpy(), ours.recency)
    np.testing.assert_array_equal(ref["T"].to_numpy(), ours.T)
    np.testing.assert_allclose(ref["monetary_value"].to_numpy(), ours.monetary_value)
