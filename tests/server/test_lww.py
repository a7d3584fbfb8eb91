"""Last-writer-wins that means what it says: an edit made after reading another one wins over
it whatever the tablets' clocks say, a forged stamp cannot freeze a field, and the loser of a
real conflict is told which fields lost, their winning value, and who kept them when."""

from __future__ import annotations

import time
import uuid
from datetime import UTC, datetime, timedelta

from clienteling.protocol.hlc import HybridClock
from tests.conftest import LiveServer
from tests.server.helpers import Device, new_id


def _a_home_customer(device: Device, store_code: str = "MAD01") -> str:
    store = next(s for s in device.replica.rows["store"].values() if s["code"] == store_code)
    return sorted(
        cid
        for cid, c in device.replica.rows["customer"].items()
        if c["home_store_id"] == store["id"]
    )[0]


def _skewed(seconds: float) -> HybridClock:
    """A tablet clock running ``seconds`` ahead of real time."""
    return HybridClock(node=uuid.uuid4().hex[:8], wall_ms=lambda: (time.time() + seconds) * 1000)


def test_an_edit_made_after_reading_wins_over_a_fast_clock(server: LiveServer) -> None:
    fast, slow = Device(server, "MAD01"), Device(server, "MAD01")
    fast.clock = _skewed(240)  # four minutes fast: within the server's bound on stamps
    fast.sync()
    customer_id = _a_home_customer(fast)
    out = fast.push(
        fast.mutation("customer.update", customer_id, {"fields": {"preferences": "Fast: azul"}})
    )
    assert out[0]["status"] == "applied" and out[0]["lost"] == []

    slow.sync()  # she reads the fast tablet's value, then changes it
    assert slow.replica.rows["customer"][customer_id]["preferences"] == "Fast: azul"
    out = slow.push(
        slow.mutation("customer.update", customer_id, {"fields": {"preferences": "Slow: verde"}})
    )
    assert out[0]["result"]["applied_fields"] == ["preferences"]
    assert out[0]["lost"] == []
    fast.sync()
    assert fast.replica.rows["customer"][customer_id]["preferences"] == "Slow: verde"


def test_the_loser_of_a_real_conflict_is_told_what_won(server: LiveServer) -> None:
    first, second = Device(server, "MAD01"), Device(server, "MAD01")
    first.sync()
    second.sync()
    customer_id = _a_home_customer(first)
    note_id = new_id()
    first.push(first.mutation("note.upsert", customer_id, {"id": note_id, "body": "Talla 38"}))
    second.sync()
    # Both edit the same note without seeing each other's edit; the later one (by a clock a
    # minute ahead, within the server's bound) is pushed first, the earlier one arrives last.
    early = second.mutation("note.upsert", customer_id, {"id": note_id, "body": "Talla 40"})
    first.clock = _skewed(60)
    late = first.mutation("note.upsert", customer_id, {"id": note_id, "body": "Talla 36"})
    assert first.push(late)[0]["lost"] == []
    outcome = second.push(early)[0]
    assert outcome["status"] == "applied"
    assert outcome["result"]["applied_fields"] == []
    [lost] = outcome["lost"]
    assert lost["field"] == "body" and lost["value"] == "Talla 36"
    at = datetime.fromisoformat(lost["at"])
    assert abs(at - datetime.now(UTC)) < timedelta(minutes=5)
    second.sync()
    note = second.replica.rows["note"][note_id]
    assert note["body"] == "Talla 36"


def test_a_forged_far_future_stamp_is_refused_and_later_edits_apply(server: LiveServer) -> None:
    rogue, honest = Device(server, "MAD01"), Device(server, "MAD01")
    rogue.sync()
    customer_id = _a_home_customer(rogue)
    forged = rogue.mutation("customer.update", customer_id, {"fields": {"preferences": "frozen"}})
    forged["hlc"] = "999999999999999-00000-x"
    out = rogue.push(forged)[0]
    assert out["status"] == "rejected" and out["code"] == "clock_ahead"
    assert "ahead" in out["reason"]
    honest.sync()
    later = honest.push(
        honest.mutation("customer.update", customer_id, {"fields": {"preferences": "real"}})
    )[0]
    assert later["result"]["applied_fields"] == ["preferences"]
    honest.sync()
    assert honest.replica.rows["customer"][customer_id]["preferences"] == "real"


def test_a_clock_an_hour_fast_is_refused_not_obeyed(server: LiveServer) -> None:
    fast, honest = Device(server, "MAD01"), Device(server, "MAD01")
    fast.clock = _skewed(3600)
    fast.sync()
    customer_id = _a_home_customer(fast)
    out = fast.push(
        fast.mutation("customer.update", customer_id, {"fields": {"preferences": "hour"}})
    )[0]
    assert out["code"] == "clock_ahead" and "60 minutes ahead" in out["reason"]
    honest.sync()
    later = honest.push(
        honest.mutation("customer.update", customer_id, {"fields": {"preferences": "now"}})
    )[0]
    assert later["result"]["applied_fields"] == ["preferences"]
