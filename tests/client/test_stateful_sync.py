"""Random edits, partitions, lost/duplicated messages and restarts; then everyone converges.

One real server, several replicas (each its own files, engine and fault-injecting transport).
After every full sync: each replica's checksums equal the server's for its scope, nothing is
left queued, every edit made on a tablet was answered exactly once by the server, and the
points ledger sums to the balance (no redemption applied twice).
"""

from __future__ import annotations

import asyncio
import contextlib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from sqlalchemy import text

from clienteling.replica import edits, outbox, queries
from clienteling.replica.store import Replica
from clienteling.sync.client import SyncError
from clienteling.sync.engine import SyncEngine
from tests.client.fault_transport import FaultyTransport
from tests.client.sync_helpers import make_engine

REPLICAS = 3
FAULTS = ("none", "drop_request", "drop_response", "duplicate", "pull_lost", "offline")


class Tablet:
    def __init__(self, root: Path, url: str) -> None:
        self.root = root
        self.url = url
        self.transport = FaultyTransport()
        self.replica = Replica.in_dir(root)
        self.engine: SyncEngine | None = None
        self.made: set[str] = set()

    def open_engine(self, token: str | None) -> SyncEngine:
        self.engine = make_engine(
            self.replica, self.url, token=token, transport=self.transport, attempts=1,
            push_batch=2, page_limit=700,
        )  # fmt: skip
        return self.engine

    def restart(self, loop: asyncio.AbstractEventLoop) -> None:
        assert self.engine is not None
        token = self.engine.api.token
        loop.run_until_complete(self.engine.aclose())
        self.replica.close()
        self.transport = FaultyTransport()
        self.replica = Replica.in_dir(self.root)
        self.open_engine(token)

    def last_mutation(self) -> str:
        row = self.replica.read().execute("SELECT id FROM outbox ORDER BY seq DESC LIMIT 1")
        return str(row.fetchone()[0])


def _pool(server: Any) -> list[tuple[str, list[str]]]:
    with server.engine.connect() as conn:
        store = conn.execute(text("SELECT id FROM store WHERE code = 'MAD01'")).scalar_one()
        rows = conn.execute(
            text(
                "SELECT c.id FROM customer c JOIN coupon k ON k.customer_id = c.id "
                "JOIN loyalty_account a ON a.customer_id = c.id "
                "WHERE c.home_store_id = :s AND k.redeemed_at IS NULL "
                "AND a.points_balance >= 30 GROUP BY c.id ORDER BY c.id LIMIT 3"
            ),
            {"s": store},
        ).all()
        pool = []
        for (cid,) in rows:
            coupons = conn.execute(
                text("SELECT id FROM coupon WHERE customer_id = :c AND redeemed_at IS NULL"),
                {"c": cid},
            ).all()
            pool.append((str(cid), [str(c[0]) for c in coupons]))
    return pool


@pytest.mark.slow
def test_replicas_converge_under_faults(live_server: Any, tmp_path: Path) -> None:
    pool = _pool(live_server)
    assert pool
    counter = {"example": 0}

    class Machine(RuleBasedStateMachine):
        def __init__(self) -> None:
            super().__init__()
            counter["example"] += 1
            self.loop = asyncio.new_event_loop()
            self.tablets: list[Tablet] = []
            self.notes: dict[str, str] = {}
            for i in range(REPLICAS):
                tab = Tablet(tmp_path / f"ex{counter['example']}" / f"t{i}", live_server.url)
                engine = tab.open_engine(None)
                self.loop.run_until_complete(
                    engine.enrol("MAD01", "admin", "admin", device_name=f"hyp-{i}")
                )
                self.loop.run_until_complete(engine.sync_once())
                self.tablets.append(tab)

        def teardown(self) -> None:
            for tab in self.tablets:
                if tab.engine is not None:
                    self.loop.run_until_complete(tab.engine.aclose())
                tab.replica.close()
            self.loop.close()

        # --- edits ---------------------------------------------------------------------------

        @rule(t=st.integers(0, REPLICAS - 1), c=st.integers(0, 2), body=st.text(max_size=12))
        def add_note(self, t: int, c: int, body: str) -> None:
            tab = self.tablets[t]
            cid = pool[c % len(pool)][0]
            self.notes[edits.add_note(tab.replica, cid, body)] = cid
            tab.made.add(tab.last_mutation())

        @precondition(lambda self: bool(self.notes))
        @rule(t=st.integers(0, REPLICAS - 1), n=st.integers(0, 100), body=st.text(max_size=12))
        def edit_note(self, t: int, n: int, body: str) -> None:
            note_id = sorted(self.notes)[n % len(self.notes)]
            tab = self.tablets[t]
            if not any(
                x.id == note_id for x in queries.notes(tab.replica.read(), self.notes[note_id])
            ):
                return  # this tablet has not seen the note yet
            edits.edit_note(tab.replica, self.notes[note_id], note_id, body=body)
            tab.made.add(tab.last_mutation())

        @rule(t=st.integers(0, REPLICAS - 1), c=st.integers(0, 2), k=st.integers(0, 5))
        def redeem_coupon(self, t: int, c: int, k: int) -> None:
            cid, coupons = pool[c % len(pool)]
            if not coupons:
                return
            tab = self.tablets[t]
            try:
                edits.redeem_coupon(tab.replica, cid, coupons[k % len(coupons)])
            except edits.EditRefused:
                return
            tab.made.add(tab.last_mutation())

        @rule(t=st.integers(0, REPLICAS - 1), c=st.integers(0, 2), pts=st.integers(1, 15))
        def redeem_points(self, t: int, c: int, pts: int) -> None:
            tab = self.tablets[t]
            try:
                edits.redeem_points(tab.replica, pool[c % len(pool)][0], pts)
            except edits.EditRefused:
                return
            tab.made.add(tab.last_mutation())

        @rule(t=st.integers(0, REPLICAS - 1), c=st.integers(0, 2), pref=st.text(max_size=10))
        def profile(self, t: int, c: int, pref: str) -> None:
            tab = self.tablets[t]
            tab.made.add(
                edits.update_profile(tab.replica, pool[c % len(pool)][0], {"preferences": pref})
            )

        # --- network and process faults ------------------------------------------------------

        @rule(t=st.integers(0, REPLICAS - 1), fault=st.sampled_from(FAULTS))
        def sync(self, t: int, fault: str) -> None:
            tab = self.tablets[t]
            assert tab.engine is not None
            tab.transport.offline = fault == "offline"
            if fault in ("drop_request", "drop_response", "duplicate"):
                tab.transport.rule = _once("/sync/push", fault)
            elif fault == "pull_lost":
                tab.transport.rule = _once("/sync/pull", "drop_response")
            with contextlib.suppress(SyncError):
                self.loop.run_until_complete(tab.engine.sync_once())
            tab.transport.offline = False
            tab.transport.rule = lambda request: None

        @rule(t=st.integers(0, REPLICAS - 1))
        def restart(self, t: int) -> None:
            self.tablets[t].restart(self.loop)

        # --- convergence ---------------------------------------------------------------------

        @rule()
        def full_sync(self) -> None:
            for _ in range(2):
                for tab in self.tablets:
                    assert tab.engine is not None
                    self.loop.run_until_complete(tab.engine.sync_once())
            self.check_converged()

        def check_converged(self) -> None:
            with live_server.engine.connect() as conn:
                for tab in self.tablets:
                    assert tab.engine is not None
                    assert outbox.count(tab.replica.read()) == 0
                    report = self.loop.run_until_complete(tab.engine.check_integrity(repair=False))
                    assert report.ok, report.mismatched
                    device = tab.replica.get_meta("device_id")
                    answered = {
                        r[0]
                        for r in conn.execute(
                            text("SELECT mutation_id FROM applied_mutation WHERE device_id = :d"),
                            {"d": device},
                        )
                    }
                    assert tab.made <= answered, "an edit was lost"
                    assert answered <= tab.made, "the server applied an edit never made"
                    rejected = {r.mutation_id for r in outbox.rejected(tab.replica.read())}
                    stored = {
                        r[0]
                        for r in conn.execute(
                            text(
                                "SELECT mutation_id FROM applied_mutation "
                                "WHERE device_id = :d AND status = 'rejected'"
                            ),
                            {"d": device},
                        )
                    }
                    assert rejected == stored
                for cid, _ in pool:
                    balance, ledger = conn.execute(
                        text(
                            "SELECT a.points_balance, (SELECT coalesce(sum(points), 0) "
                            "FROM loyalty_entry e WHERE e.customer_id = a.customer_id) "
                            "FROM loyalty_account a WHERE a.customer_id = :c"
                        ),
                        {"c": cid},
                    ).one()
                    assert balance == ledger, "a redemption was applied twice or lost"
                    for tab in self.tablets:
                        header = queries.customer_header(tab.replica.read(), cid)
                        assert header is not None and header.points_balance == balance

        @invariant()
        def pending_edits_are_visible(self) -> None:
            for tab in self.tablets:
                conn = tab.replica.read()
                queued = {m.customer_id for m in outbox.peek(conn, 10_000)}
                for cid in queued - {None}:
                    header = queries.customer_header(conn, str(cid))
                    assert header is not None

    Machine.TestCase.settings = settings(
        max_examples=3,
        stateful_step_count=12,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    run_state_machine_as_test(Machine, settings=Machine.TestCase.settings)


def _once(path_end: str, action: str) -> Any:
    done = {"value": False}

    def rule(request: Any) -> Any:
        if not done["value"] and request.url.path.endswith(path_end):
            done["value"] = True
            return action
        return None

    return rule
