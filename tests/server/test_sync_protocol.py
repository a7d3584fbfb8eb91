"""The sync protocol over real HTTP: pages, resume, scope, exactly-once push, conflicts, erasure."""

from __future__ import annotations

from sqlalchemy import text

from tests.conftest import LiveServer
from tests.server.helpers import Device, DictReplica, new_id


def _home_customers(server: LiveServer, store_code: str) -> set[str]:
    with server.engine.connect() as conn:
        return {
            r[0]
            for r in conn.execute(
                text(
                    "SELECT c.id FROM customer c JOIN store s ON s.id = c.home_store_id "
                    "WHERE s.code = :code AND c.merged_into_id IS NULL"
                ),
                {"code": store_code},
            )
        }


def test_full_scope_pull_in_pages_resumes_after_interruption(server: LiveServer) -> None:
    device = Device(server, "MAD01")
    with server.client() as http:
        reference = DictReplica()
        assert reference.pull(http, device.headers, limit=5000)
        interrupted = DictReplica()
        assert not interrupted.pull(http, device.headers, limit=300, max_pages=3)
        saved_cursor = interrupted.cursor
        assert saved_cursor
        # A new process resumes from the saved cursor with what it had applied.
        resumed = DictReplica(rows=interrupted.rows, cursor=saved_cursor)
        assert resumed.pull(http, device.headers, limit=300)
    assert resumed.pages > 1
    assert resumed.rows == reference.rows
    home = _home_customers(server, "MAD01")
    assert home <= resumed.customers()
    barcelona_only = _home_customers(server, "BCN01") - resumed.customers()
    assert barcelona_only, "another store's customers must not all be sent"
    assert len(reference.rows["product"]) == 144
    assert reference.rows["store"].keys() and reference.rows["staff"].keys()
    assert all("password_hash" not in s for s in reference.rows["staff"].values())


def test_same_mutation_pushed_twice_is_applied_once(server: LiveServer) -> None:
    device = Device(server, "MAD01")
    device.sync()
    customer_id = sorted(_home_customers(server, "MAD01"))[0]
    balance_before = device.replica.rows["loyalty_account"][customer_id]["points_balance"]
    note = device.mutation("note.upsert", customer_id, {"id": new_id(), "body": "Talla 38"})
    redeem = device.mutation(
        "points.redeem", customer_id, {"id": new_id(), "points": 1, "reason": "test"}
    )
    first = device.push(note, redeem)
    again = device.push(note, redeem)  # a retry after a lost response
    assert [o["status"] for o in first] == ["applied", "applied"]
    assert again == first
    device.sync()
    notes = [n for n in device.replica.rows["note"].values() if n["customer_id"] == customer_id]
    assert [n["body"] for n in notes].count("Talla 38") == 1
    if balance_before >= 1:
        after = device.replica.rows["loyalty_account"][customer_id]["points_balance"]
        assert after == balance_before - 1


def test_two_devices_redeem_the_same_coupon_one_is_told_why(server: LiveServer) -> None:
    a = Device(server, "MAD01")
    b = Device(server, "MAD01")
    a.sync()
    b.sync()
    coupon = next(c for c in a.replica.rows["coupon"].values() if c["redeemed_at"] is None)
    win = a.push(a.mutation("coupon.redeem", coupon["customer_id"], {"coupon_id": coupon["id"]}))
    lose = b.push(b.mutation("coupon.redeem", coupon["customer_id"], {"coupon_id": coupon["id"]}))
    assert win[0]["status"] == "applied"
    assert lose[0]["status"] == "rejected"
    assert lose[0]["code"] == "coupon_already_redeemed"
    assert coupon["code"] in lose[0]["reason"] and "already redeemed" in lose[0]["reason"]
    b.sync()
    assert b.replica.rows["coupon"][coupon["id"]]["redeemed_at"] is not None


def test_conflicting_note_edits_converge_by_clock_not_arrival(server: LiveServer) -> None:
    a = Device(server, "MAD01")
    b = Device(server, "MAD01")
    customer_id = sorted(_home_customers(server, "MAD01"))[1]
    note_id = new_id()
    early = a.mutation("note.upsert", customer_id, {"id": note_id, "body": "first"})
    b.clock.observe(early["hlc"])
    late = b.mutation("note.upsert", customer_id, {"id": note_id, "body": "second", "pinned": True})
    b.push(late)
    a.push(early)  # arrives last but was written first: must not win
    a.sync()
    b.sync()
    assert a.replica.rows["note"][note_id] == b.replica.rows["note"][note_id]
    assert a.replica.rows["note"][note_id]["body"] == "second"
    assert a.replica.rows["note"][note_id]["pinned"] is True


def test_device_is_refused_another_stores_customer_unless_looked_up(server: LiveServer) -> None:
    device = Device(server, "MAD01")
    device.sync()
    outsider = next(iter(_home_customers(server, "BCN01") - device.replica.customers()))
    with server.client() as http:
        r = http.get(f"/sync/customers/{outsider}", headers=device.headers)
        assert r.status_code == 403
        assert r.json()["code"] == "out_of_scope"
        refused = device.push(
            device.mutation("note.upsert", outsider, {"id": new_id(), "body": "x"})
        )
        assert refused[0]["code"] == "out_of_scope"
        with server.engine.connect() as conn:
            card = conn.execute(
                text("SELECT value FROM identity WHERE customer_id = :c AND kind = 'loyalty_card'"),
                {"c": outsider},
            ).scalar()
            email = conn.execute(
                text("SELECT value FROM identity WHERE customer_id = :c AND kind = 'email'"),
                {"c": outsider},
            ).scalar()
        kind, value = ("loyalty_card", card) if card else ("email", email)
        bundle = http.post(
            "/sync/lookup", json={"kind": kind, "value": value}, headers=device.staff_headers
        )
        assert bundle.status_code == 200
        assert bundle.json()["customer_id"] == outsider
        # Now she is in this store's scope and keeps syncing.
        assert http.get(f"/sync/customers/{outsider}", headers=device.headers).status_code == 200
    ok = device.push(device.mutation("note.upsert", outsider, {"id": new_id(), "body": "hola"}))
    assert ok[0]["status"] == "applied"
    device.sync()
    assert outsider in device.replica.customers()


def test_erasure_reaches_the_device_as_tombstones(server: LiveServer) -> None:
    device = Device(server, "MAD01")
    device.sync()
    customer_id = sorted(_home_customers(server, "MAD01"))[2]
    owned_before = {
        (entity, row_id)
        for entity, table in device.replica.rows.items()
        for row_id, row in table.items()
        if row.get("customer_id") == customer_id or (entity == "customer" and row_id == customer_id)
    }
    assert len(owned_before) > 3
    with server.client() as http:
        r = http.post(
            f"/customers/{customer_id}/erase", headers=server.staff_headers("gerente.mad01")
        )
        assert r.status_code == 200
    device.sync()
    for entity, row_id in owned_before:
        assert row_id not in device.replica.rows.get(entity, {})
    late = device.push(device.mutation("note.upsert", customer_id, {"id": new_id(), "body": "x"}))
    assert late[0]["code"] == "customer_not_found"


def test_reset_required_past_the_tombstone_horizon(server: LiveServer) -> None:
    from sync_server.db import write_session
    from sync_server.sync.pull import compact_tombstones

    device = Device(server, "MAD01")
    device.sync()
    old_cursor = device.replica.cursor
    customer_id = sorted(_home_customers(server, "MAD01"))[3]
    with server.client() as http:
        http.post(f"/customers/{customer_id}/erase", headers=server.staff_headers())
    with write_session(server.engine) as session:
        compact_tombstones(session)
    with server.client() as http:
        r = http.get("/sync/pull", params={"cursor": old_cursor}, headers=device.headers)
        assert r.status_code == 410
        assert r.json()["code"] == "reset_required"
        fresh = DictReplica()
        assert fresh.pull(http, device.headers)
    assert customer_id not in fresh.customers()


def test_checksums_match_a_full_pull(server: LiveServer) -> None:
    from clienteling.protocol.checksum import combine, row_hash

    device = Device(server, "MAD01")
    device.sync()
    with server.client() as http:
        sums = http.get("/sync/checksums", headers=device.headers).json()
    assert sums["cursor"] == device.replica.cursor
    for entity, expected in sums["entities"].items():
        rows = device.replica.rows.get(entity, {}).values()
        assert expected["count"] == len(rows), entity
        assert expected["checksum"] == combine(row_hash(entity, r) for r in rows), entity
