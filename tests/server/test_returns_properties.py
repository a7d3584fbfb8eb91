"""Properties of returns and points over random histories (domain level, SQLite in memory).

The loyalty balance is the sum of its ledger at every step, and never below zero; no sequence
of returns takes back more goods or money than an order sold.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from sqlmodel import Session, col, func, select

from sync_server.db import write_session
from sync_server.domain import loyalty
from sync_server.domain.ids import new_id
from sync_server.domain.models import LoyaltyAccount, LoyaltyEntry, Return
from sync_server.errors import DomainError
from sync_server.ingest.schemas import CustomerRef, LineIn, OrderIn, ReturnIn, ReturnLineIn
from sync_server.ingest.service import ingest_order, ingest_return
from tests.server.memory_db import memory_engine

BUYER = CustomerRef(email="prop.buyer@example.com")
START = datetime(2026, 1, 1, 10, tzinfo=UTC)


def _money(cents: int) -> str:
    return str(Decimal(cents) / 100)


def _order(ext: str, lines: list[tuple[str, str, int, int]], status: str, at: datetime) -> OrderIn:
    return OrderIn(
        channel="web",
        external_id=ext,
        ordered_at=at,
        currency="EUR",
        customer=BUYER,
        status=status,
        lines=[
            LineIn(sku=sku, size=size, quantity=qty, unit_price=_money(price))
            for sku, size, qty, price in lines
        ],
    )


def _return(
    ext: str, order_ext: str | None, lines: list[tuple[str, str, int, int]], at: datetime
) -> ReturnIn:
    return ReturnIn(
        channel="web",
        external_id=ext,
        returned_at=at,
        customer=BUYER,
        order_external_id=order_ext,
        lines=[
            ReturnLineIn(sku=sku, size=size, quantity=qty, amount=_money(cents))
            for sku, size, qty, cents in lines
        ],
    )


def _attempt(engine: Any, work: Any) -> bool:
    """Run one ingestion in its own transaction; False when it was refused (and rolled back)."""
    try:
        with write_session(engine) as session:
            work(session)
    except DomainError:
        return False
    return True


# ---- the ledger --------------------------------------------------------------------------

step = st.one_of(
    st.tuples(st.just("sale"), st.integers(0, 60_000), st.booleans()),
    st.tuples(st.just("return"), st.integers(0, 9), st.integers(1, 3), st.integers(0, 40_000)),
    st.tuples(st.just("unlinked_return"), st.integers(1, 80_000)),
    st.tuples(st.just("redeem"), st.integers(1, 600)),
    st.tuples(st.just("expire"), st.integers(1, 900)),
)


def _balance_and_sum(session: Session, customer_id: str) -> tuple[int, int]:
    account = session.get(LoyaltyAccount, customer_id)
    total = session.exec(
        select(func.coalesce(func.sum(LoyaltyEntry.points), 0)).where(
            col(LoyaltyEntry.customer_id) == customer_id
        )
    ).one()
    return (account.points_balance if account else 0), int(total)


@settings(max_examples=40, deadline=None)
@given(steps=st.lists(step, min_size=1, max_size=14))
def test_the_balance_is_always_the_sum_of_its_ledger(steps: list[tuple[Any, ...]]) -> None:
    engine = memory_engine()
    orders: list[str] = []
    customer_id: str | None = None
    for i, s in enumerate(steps):
        at = START + timedelta(days=i)
        kind = s[0]
        if kind == "sale":
            ext = f"S-{i}"
            body = _order(ext, [("SKU-A", "M", 2, s[1] // 2)], "cancelled" if s[2] else "paid", at)
            with write_session(engine) as session:
                customer_id = ingest_order(session, body).customer_id
            orders.append(ext)
        elif kind == "return" and orders:
            order_ext = orders[s[1] % len(orders)]
            ret = _return(f"R-{i}", order_ext, [("SKU-A", "M", s[2], s[3])], at)
            _attempt(engine, lambda session, ret=ret: ingest_return(session, ret))
        elif kind == "unlinked_return":
            ret = _return(f"U-{i}", None, [("SKU-Z", "", 1, s[1])], at)
            with write_session(engine) as session:
                customer_id = ingest_return(session, ret).customer_id
        elif kind in ("redeem", "expire") and customer_id is not None:
            with write_session(engine) as session:
                if kind == "expire":
                    loyalty.expire(
                        session, customer_id, s[1], "Caducidad", entry_id=new_id(), at=at
                    )
                else:
                    # The rule of sync.push: a redemption is refused beyond her balance.
                    account = loyalty.account_for(session, customer_id, lock=True)
                    if account.points_balance >= s[1]:
                        loyalty.add_points(session, customer_id, -s[1], "Canje", at=at)
        if customer_id is not None:
            with write_session(engine) as session:
                balance, total = _balance_and_sum(session, customer_id)
            assert balance == total, (i, s)
            assert balance >= 0, (i, s)
    engine.dispose()


# ---- returns within their sale ----------------------------------------------------------

SOLD = [("SKU-A", "M", 3, 4_995), ("SKU-B", "L", 1, 12_000), ("SKU-C", "", 2, 1_050)]
attempt = st.lists(
    st.tuples(
        st.integers(0, len(SOLD) - 1),  # which line
        st.integers(1, 4),  # quantity
        st.integers(0, 16_000),  # refunded cents
        st.booleans(),  # size left out (the order has one size per SKU)
    ),
    min_size=1,
    max_size=3,
)


@settings(max_examples=40, deadline=None)
@given(attempts=st.lists(attempt, min_size=1, max_size=8))
def test_no_sequence_of_returns_exceeds_its_sale(
    attempts: list[list[tuple[int, int, int, bool]]],
) -> None:
    engine = memory_engine()
    with write_session(engine) as session:
        ingest_order(session, _order("O-1", SOLD, "paid", START))
    left_qty = {i: qty for i, (_, _, qty, _) in enumerate(SOLD)}
    left_cents = {i: qty * price for i, (_, _, qty, price) in enumerate(SOLD)}
    for n, lines in enumerate(attempts):
        want_qty: dict[int, int] = {}
        want_cents: dict[int, int] = {}
        for idx, qty, cents, _ in lines:
            want_qty[idx] = want_qty.get(idx, 0) + qty
            want_cents[idx] = want_cents.get(idx, 0) + cents
        fits = all(want_qty[i] <= left_qty[i] and want_cents[i] <= left_cents[i] for i in want_qty)
        ret = _return(
            f"R-{n}",
            "O-1",
            [
                (SOLD[idx][0], "" if no_size else SOLD[idx][1], qty, cents)
                for idx, qty, cents, no_size in lines
            ],
            START + timedelta(days=1 + n),
        )
        accepted = _attempt(engine, lambda session, ret=ret: ingest_return(session, ret))
        assert accepted == fits, (n, lines, left_qty, left_cents)
        if accepted:
            for i in want_qty:
                left_qty[i] -= want_qty[i]
                left_cents[i] -= want_cents[i]
    with write_session(engine) as session:
        stored = session.exec(select(Return)).all()
    for sku, size, qty, price in SOLD:
        mine = [r for r in stored if r.sku == sku and r.size == size]
        assert sum(r.quantity for r in mine) <= qty
        assert sum(r.amount_cents for r in mine) <= qty * price
    engine.dispose()
