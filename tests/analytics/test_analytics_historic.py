"""Historic value: returns in another channel than the sale, currencies kept apart."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from sync_server.analytics.historic import historic_value
from sync_server.analytics.transactions import Transactions

DAY = 86_400


def test_return_in_another_channel_than_the_sale() -> None:
    # Customer 0: dress 120.00 + belt 30.00 in store (one order), returns the dress on the web;
    # later a 45.50 app order. Customer 1 pays in another currency.
    lines = [
        (0, "S1", 0 * DAY, 12_000, 1, "store", "EUR"),
        (0, "S1", 0 * DAY, 3_000, 1, "store", "EUR"),
        (0, "W9", 10 * DAY, -12_000, -1, "web", "EUR"),
        (0, "A2", 40 * DAY, 4_550, 1, "app", "EUR"),
        (1, "S5", 5 * DAY, 9_999, 1, "store", "GBP"),
        (1, "S6", 500 * DAY, 1_000, 1, "store", "GBP"),  # after as_of: ignored
    ]
    cust, order, ts, cents, qty, chan, cur = (list(c) for c in zip(*lines, strict=True))
    h = historic_value(cust, order, ts, cents, qty, as_of=100 * DAY, channel=chan, currency=cur)
    assert h.customer.tolist() == [0, 1]
    assert h.currency == ["EUR", "GBP"]
    assert h.gross_sales_cents.tolist() == [19_550, 9_999]
    assert h.returns_cents.tolist() == [-12_000, 0]
    assert h.net_revenue_cents.tolist() == [7_550, 9_999]
    assert h.orders.tolist() == [2, 1]
    assert h.aov_cents.tolist() == [3_775, 9_999]
    assert h.first_purchase.tolist() == [0, 5 * DAY]
    assert h.last_purchase.tolist() == [40 * DAY, 5 * DAY]
    assert h.tenure_days.tolist() == [100, 95]
    assert h.orders_per_year[0] == 2 / (100 / 365.25)
    assert h.channels == [frozenset({"store", "app"}), frozenset({"store"})]
    assert h.return_channels == [frozenset({"web"}), frozenset()]
    assert h.return_rate[0] == 12_000 / 19_550


def test_returns_only_customer_has_no_purchase_dates() -> None:
    h = historic_value([7], ["C1"], [DAY], [-500], [-1], as_of=10 * DAY)
    assert h.first_purchase.tolist() == [-1] and h.last_purchase.tolist() == [-1]
    assert h.net_revenue_cents.tolist() == [-500]
    assert h.orders.tolist() == [0] and h.aov_cents.tolist() == [0]
    assert h.return_rate.tolist() == [0.0]


@given(
    st.lists(
        st.tuples(st.integers(0, 3), st.integers(1, 1_000_000), st.booleans()),
        min_size=1,
        max_size=30,
    )
)
def test_net_revenue_is_the_exact_sum_of_lines(lines: list[tuple[int, int, bool]]) -> None:
    cust = [c for c, _, _ in lines]
    cents = [v if sale else -v for _, v, sale in lines]
    qty = [1 if sale else -1 for _, _, sale in lines]
    h = historic_value(cust, [str(i) for i in range(len(lines))], [0] * len(lines), cents, qty, 1)
    assert int(h.net_revenue_cents.sum()) == sum(cents)
    for i, c in enumerate(h.customer.tolist()):
        mine = [v for cc, v in zip(cust, cents, strict=True) if cc == c]
        assert int(h.net_revenue_cents[i]) == sum(mine)
        assert int(h.gross_sales_cents[i]) == sum(v for v in mine if v > 0)


def test_online_retail_reconciles_with_the_data_readme(retail_full: Transactions) -> None:
    tx = retail_full
    h = historic_value(
        tx.customer, tx.order_ids, tx.timestamp, tx.amount_cents, tx.quantity, 2_000_000_000
    )
    assert int(h.net_revenue_cents.sum()) == 506_361_249  # £5,063,612.49
    assert int(h.orders.sum()) == 11_732  # sales invoices
    assert int((h.first_purchase < 0).sum()) == 42  # customers with only cancellations
    twelve_three_four_six = tx.customer_ids.index("12346")
    assert int(h.net_revenue_cents[h.customer == twelve_three_four_six][0]) == 0
