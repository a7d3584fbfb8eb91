"""Reading transaction files: the shared layout, gzip, returns, exact money, bad lines."""

from __future__ import annotations

import gzip
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sync_server.analytics.transactions import (
    TransactionFileError,
    Transactions,
    parse_transactions,
    read_transactions,
    to_timestamp,
)

HEADER = "customer_id,order_id,date,item_id,item_name,quantity,unit_price,country\n"


def _csv(*rows: str) -> list[str]:
    return [HEADER, *(r + "\n" for r in rows)]


def test_reads_plain_and_gzip_with_returns(tmp_path: Path) -> None:
    text = "".join(
        _csv(
            '17850,536365,2010-12-01T08:26:00,85123A,"HEART, WHITE",6,2.55,United Kingdom',
            '17850,C536379,2010-12-01T09:41:00,85123A,"HEART, WHITE",-2,2.55,United Kingdom',
            "13047,536367,2010-12-02,22745,POPPY'S PLAYHOUSE,3,2.1,",
        )
    )
    plain = tmp_path / "t.csv"
    plain.write_text(text, encoding="utf-8")
    packed = tmp_path / "t.csv.gz"
    with gzip.open(packed, "wt", encoding="utf-8") as fh:
        fh.write(text)
    for path in (plain, packed):
        tx = read_transactions(path)
        assert len(tx) == 3
        assert tx.customer_ids == ["17850", "13047"]
        assert tx.item_ids == ["85123A", "22745"]
        assert tx.item_names[0] == "HEART, WHITE"
        assert tx.quantity.tolist() == [6, -2, 3]
        assert tx.amount_cents.tolist() == [1530, -510, 630]
        assert tx.net_total == Decimal("16.50")
        assert tx.timestamp[0] == to_timestamp(datetime(2010, 12, 1, 8, 26))
        assert tx.timestamp[2] == to_timestamp(datetime(2010, 12, 2))
        assert tx.has_prices


def test_file_without_prices_or_quantities() -> None:
    tx = parse_transactions(_csv("1000,,2014-01-01,whole milk,whole milk,,,"))
    assert tx.quantity.tolist() == [1]
    assert tx.amount_cents.tolist() == [0]
    assert not tx.has_prices


def test_sub_cent_prices_round_half_even_per_line_and_total_stays_exact() -> None:
    tx = parse_transactions(_csv("1,o1,2011-01-01,X,x,5,0.001,", "1,o1,2011-01-01,X,x,15,0.001,"))
    # 0.005 -> 0 cents (half to even), 0.015 -> 2 cents; the exact total 0.02 is kept apart.
    assert tx.amount_cents.tolist() == [0, 2]
    assert tx.net_total == Decimal("0.02")


def test_bad_lines_are_all_reported_with_line_and_reason() -> None:
    lines = _csv(
        "1,o1,2011-01-01T10:00:00,A,a,1,1.00,UK",  # line 2: fine
        ",o2,2011-01-01T10:00:00,A,a,1,1.00,UK",  # line 3: no customer
        "1,o3,01/02/2011,A,a,1,1.00,UK",  # line 4: date format
        "1,o4,2011-01-01T10:00:00,A,a,two,1.00,UK",  # line 5: quantity
        "1,o5,2011-01-01T10:00:00,A,a,1,-3,UK",  # line 6: negative price
        "1,o6,2011-01-01T10:00:00,A,a,1",  # line 7: short row
        "1,o7,2011-01-01T10:00:00,,a,1,1.00,UK",  # line 8: no item
        "1,o8,2011-01-01T10:00:00,A,a,0,1.00,UK",  # line 9: zero quantity
        "1,o9,2011-02-30T10:00:00,A,a,1,1.00,UK",  # line 10: impossible date
        "1,o10,2011-01-01T10:00:00,A,a,1,abc,UK",  # line 11: price not a number
    )
    with pytest.raises(TransactionFileError) as info:
        parse_transactions(lines, source="bad.csv")
    err = info.value
    assert [e.line for e in err.errors] == [3, 4, 5, 6, 7, 8, 9, 10, 11]
    reasons = {e.line: e.reason for e in err.errors}
    assert "customer_id is empty" in reasons[3]
    assert "not YYYY-MM-DD" in reasons[4]
    assert "quantity 'two'" in reasons[5]
    assert ">= 0" in reasons[6]
    assert "expected 8 fields, found 6" in reasons[7]
    assert "item_id is empty" in reasons[8]
    assert "quantity is 0" in reasons[9]
    assert "2011-02-30" in reasons[10]
    assert "'abc'" in reasons[11]
    assert "bad.csv: 9 bad line(s)" in str(err)


def test_missing_columns_and_empty_file() -> None:
    with pytest.raises(TransactionFileError, match=r"lacks column.*date"):
        parse_transactions(["customer_id,item_id\n", "1,A\n"])
    with pytest.raises(TransactionFileError, match="empty file"):
        parse_transactions([])
    with pytest.raises(TransactionFileError, match="no transaction lines"):
        parse_transactions([HEADER])


def test_unreadable_file_is_a_typed_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.csv.gz"
    broken.write_bytes(b"\x1f\x8b\x08\x00garbage")
    with pytest.raises(TransactionFileError):
        read_transactions(broken)
    with pytest.raises(TransactionFileError, match="cannot open"):
        read_transactions(tmp_path / "missing.csv")


prices = st.decimals(min_value=0, max_value=10_000, places=2, allow_nan=False)
lines_st = st.lists(
    st.tuples(st.integers(min_value=-50, max_value=50).filter(bool), prices),
    min_size=1,
    max_size=40,
)


@given(lines_st)
def test_cents_sum_exactly_including_returns(lines: list[tuple[int, Decimal]]) -> None:
    rows = [f"c,o,2011-01-01,I,i,{q},{p},UK" for q, p in lines]
    tx = parse_transactions(_csv(*rows))
    exact = sum((q * p for q, p in lines), Decimal(0))
    assert int(tx.amount_cents.sum()) == int(exact * 100)
    assert tx.net_total == exact
    sales = sum(int(c) for c in tx.amount_cents if c > 0)
    returns = sum(int(c) for c in tx.amount_cents if c < 0)
    assert sales + returns == int(exact * 100)
    assert returns <= 0 <= sales


def test_real_online_retail_file_totals(retail_full: Transactions) -> None:
    tx = retail_full
    assert len(tx) == 238_371
    assert len(tx.customer_ids) == 3_394
    assert len(tx.item_ids) == 3_445
    assert tx.net_total == Decimal("5063612.49")
    assert int((tx.quantity < 0).sum()) == 5_646
