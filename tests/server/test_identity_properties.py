"""Identity resolution does not depend on the order records arrive in."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from sync_server.db import write_session
from sync_server.domain.identity import IdentityClaim, resolve, survivor_of
from tests.server.memory_db import memory_engine

EMAILS = [f"p{i}@example.com" for i in range(4)]
PHONES = [f"+3461200000{i}" for i in range(4)]
CARDS = [f"7000000000{i}" for i in range(4)]

identifier = st.one_of(
    st.sampled_from(EMAILS).map(lambda v: ("email", v.upper())),  # same person, other casing
    st.sampled_from(PHONES).map(lambda v: ("phone", v)),
    st.sampled_from(CARDS).map(lambda v: ("loyalty_card", v)),
)
records = st.lists(st.lists(identifier, min_size=1, max_size=3), min_size=1, max_size=8)


def _components(recs: list[list[tuple[str, str]]]) -> set[frozenset[int]]:
    """Expected partition: records linked by any shared identifier (union-find)."""
    parent = list(range(len(recs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[tuple[str, str], int] = {}
    for i, rec in enumerate(recs):
        for kind, value in rec:
            key = (kind, value.lower())
            if key in owner:
                parent[find(i)] = find(owner[key])
            else:
                owner[key] = i
    groups: dict[int, set[int]] = {}
    for i in range(len(recs)):
        groups.setdefault(find(i), set()).add(i)
    return {frozenset(g) for g in groups.values()}


def _partition(recs: list[list[tuple[str, str]]], order: list[int]) -> set[frozenset[int]]:
    engine = memory_engine()
    base = datetime(2026, 1, 1, tzinfo=UTC)
    got: dict[int, str] = {}
    for i in order:
        with write_session(engine) as session:
            customer = resolve(
                session,
                IdentityClaim(identifiers=recs[i], source="test", seen_at=base + timedelta(i)),
            )
            got[i] = customer.id
    groups: dict[str, set[int]] = {}
    with write_session(engine) as session:
        for i, cid in got.items():
            groups.setdefault(survivor_of(session, cid).id, set()).add(i)
    engine.dispose()
    return {frozenset(g) for g in groups.values()}


@settings(max_examples=40, deadline=None)
@given(recs=records, data=st.data())
def test_merging_is_order_independent(
    recs: list[list[tuple[str, str]]], data: st.DataObject
) -> None:
    order = data.draw(st.permutations(range(len(recs))))
    expected = _components(recs)
    assert _partition(recs, list(range(len(recs)))) == expected
    assert _partition(recs, list(order)) == expected
