"""The client half of sync against a real sync_server over real HTTP on a loopback port."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import text
from sqlmodel import Session

from clienteling.protocol import PROTOCOL_HEADER
from clienteling.replica import edits, outbox, queries
from clienteling.replica.schema import CUSTOMER_ENTITIES, table
from clienteling.replica.store import Replica
from clienteling.sync.client import NotFound, Offline, ProtocolMismatch, Unauthorized
from clienteling.sync.credentials import FileTokenStore, TokenStore, account_for
from clienteling.sync.engine import Progress
from clienteling.sync.staff_auth import StaffAuth
from sync_server.sync.pull import compact_tombstones
from tests.client.fault_transport import FaultyTransport, after, nth
from tests.client.sync_helpers import enrolled, make_engine, open_replica, rich_customer, run


def server_scalar(server: Any, sql: str, **params: Any) -> Any:
    with server.engine.connect() as conn:
        return conn.execute(text(sql), params).scalar_one()


def _assert_token_kept(tokens: TokenStore, server: Any, replica: Replica) -> None:
    """The tablet kept, for its next start, the token the server issued to it (the server
    stores only the token's SHA-256)."""
    kept = tokens.get(account_for(server.url))
    assert kept is not None
    device_id = replica.get_meta("device_id")
    recorded = server_scalar(server, "SELECT token_hash FROM device WHERE id = :i", i=device_id)
    assert recorded == hashlib.sha256(kept.encode()).hexdigest()


def test_initial_sync_interrupted_and_resumed(live_server: Any, tmp_path: Path) -> None:
    faults = FaultyTransport(rule=after("/sync/pull", 3, "drop_request"))
    replica = open_replica(tmp_path)
    tokens = FileTokenStore(tmp_path / "device-token")

    async def first() -> None:
        engine = await enrolled(
            replica, live_server.url, transport=faults, attempts=2, page_limit=500, tokens=tokens
        )
        seen: list[Progress] = []
        with pytest.raises(Offline):
            await engine.sync_once(progress=seen.append)
        assert [p.pages for p in seen] == [1, 2, 3] and not seen[-1].done
        assert engine.state.online is False and "Cannot reach" in (engine.state.last_error or "")
        await engine.aclose()

    run(first())
    saved = replica.get_meta("cursor") or ""
    assert saved
    _assert_token_kept(tokens, live_server, replica)
    replica.close()

    replica = open_replica(tmp_path)
    resumed = FaultyTransport()

    async def second() -> None:
        # Restarted, the app finds its device token in the token store, as after a reboot.
        engine = make_engine(replica, live_server.url, tokens=tokens, transport=resumed)
        report = await engine.sync_once()
        assert report.pages >= 1
        integrity = await engine.check_integrity(repair=False)
        assert integrity.ok, integrity.mismatched
        await engine.aclose()

    run(second())
    first_pull = next(p for m, path, p in resumed.seen if path.endswith("/sync/pull"))
    assert first_pull["cursor"] == saved
    replica.close()


def _make_offline_edits(replica: Replica) -> tuple[str, dict[str, str]]:
    cid, coupon_id, _points = rich_customer(replica)
    ids = {
        "note": edits.add_note(replica, cid, "Busca vestido para boda"),
        "task": edits.upsert_task(replica, cid, title="Llamar el lunes", kind="follow_up"),
        "consent": edits.record_consent(replica, cid, "sms", True),
        "interaction": edits.log_interaction(replica, cid, "store_visit", summary="Probó 3"),
        "points": edits.redeem_points(replica, cid, 20),
        "coupon": edits.redeem_coupon(replica, cid, coupon_id),
        "profile": edits.update_profile(replica, cid, {"preferences": "Tonos tierra"}),
        "new": edits.create_customer(
            replica, "Nerea", "Ochoa", email="nerea.ochoa.test@example.com"
        ),
        "coupon_id": coupon_id,
    }
    return cid, ids


def _assert_applied_once(server: Any, cid: str, ids: dict[str, str]) -> None:
    assert server_scalar(server, "SELECT count(*) FROM note WHERE id = :i", i=ids["note"]) == 1
    assert server_scalar(server, "SELECT count(*) FROM task WHERE id = :i", i=ids["task"]) == 1
    assert (
        server_scalar(server, "SELECT count(*) FROM loyalty_entry WHERE id = :i", i=ids["points"])
        == 1
    )
    assert (
        server_scalar(
            server, "SELECT count(*) FROM interaction WHERE id = :i", i=ids["interaction"]
        )
        == 1
    )
    assert server_scalar(server, "SELECT count(*) FROM customer WHERE id = :i", i=ids["new"]) == 1
    assert (
        server_scalar(
            server, "SELECT redeemed_at IS NOT NULL FROM coupon WHERE id = :i", i=ids["coupon_id"]
        )
        == 1
    )
    assert (
        server_scalar(server, "SELECT preferences FROM customer WHERE id = :i", i=cid)
        == "Tonos tierra"
    )


def test_offline_edits_survive_restart_and_apply_once(live_server: Any, tmp_path: Path) -> None:
    replica = open_replica(tmp_path)
    faults = FaultyTransport()
    tokens = FileTokenStore(tmp_path / "device-token")

    async def online_then_offline() -> tuple[str, dict[str, str], int]:
        engine = await enrolled(
            replica, live_server.url, transport=faults, attempts=2, tokens=tokens
        )
        await engine.sync_once()
        _, _, points_before = rich_customer(replica)
        faults.offline = True
        cid, ids = _make_offline_edits(replica)
        engine.notify_local_edit()
        assert engine.state.pending == 8
        with pytest.raises(Offline):
            await engine.sync_once()
        await engine.aclose()
        return cid, ids, points_before

    cid, ids, points_before = run(online_then_offline())
    header = queries.customer_header(replica.read(), cid)
    assert header is not None and header.pending and header.points_balance == points_before - 20
    replica.close()  # the app is closed (or killed); the files stay

    replica = open_replica(tmp_path)
    conn = replica.read()
    assert outbox.count(conn) == 8
    assert [n.pending for n in queries.notes(conn, cid) if n.id == ids["note"]] == [True]

    _assert_token_kept(tokens, live_server, replica)

    async def restarted() -> None:
        engine = make_engine(replica, live_server.url, tokens=tokens)
        report = await engine.sync_once()
        assert (report.applied, report.rejected) == (8, 0)
        assert engine.state.pending == 0 and engine.state.online is True
        # A second sync sends nothing again.
        again = await engine.sync_once()
        assert again.pushed == 0
        await engine.aclose()

    run(restarted())
    _assert_applied_once(live_server, cid, ids)
    bundle = queries.customer_360(conn, cid)
    assert bundle is not None
    assert not bundle.header.pending and bundle.header.points_balance == points_before - 20
    assert [(n.body, n.pending) for n in bundle.notes if n.id == ids["note"]] == [
        ("Busca vestido para boda", False)
    ]
    assert outbox.count(conn) == 0
    assert conn.execute("SELECT count(*) FROM outbox").fetchone()[0] == 0
    replica.close()


def test_server_unreachable_mid_push_then_recovered(live_server: Any, tmp_path: Path) -> None:
    """Batch 1 lands; batch 2's answer is lost; then the network dies; then it comes back."""
    replica = open_replica(tmp_path)
    pushes = nth("/sync/push", {2}, "drop_response")
    down = {"value": False}

    def rule(request: httpx.Request) -> Any:
        if down["value"] and request.url.path.endswith("/sync/push"):
            return "drop_request"
        action = pushes(request)
        if action is not None:
            down["value"] = True  # the answer was lost and the link stays down
        return action

    faults = FaultyTransport(rule=rule)

    async def go() -> tuple[str, dict[str, str], int]:
        engine = await enrolled(
            replica, live_server.url, transport=faults, attempts=3, push_batch=3
        )
        await engine.sync_once()
        _, _, points_before = rich_customer(replica)
        cid, ids = _make_offline_edits(replica)
        with pytest.raises(Offline):
            await engine.sync_once()
        assert outbox.count(replica.read()) == 5  # batch 2's outcome never arrived
        down["value"] = False
        report = await engine.sync_once()
        assert report.rejected == 0
        await engine.aclose()
        return cid, ids, points_before

    cid, ids, points_before = run(go())
    _assert_applied_once(live_server, cid, ids)
    assert (
        server_scalar(
            live_server, "SELECT points_balance FROM loyalty_account WHERE id = :i", i=cid
        )
        == points_before - 20
    )
    header = queries.customer_header(replica.read(), cid)
    assert header is not None and header.points_balance == points_before - 20
    replica.close()


def test_duplicated_push_is_applied_once(live_server: Any, tmp_path: Path) -> None:
    replica = open_replica(tmp_path)
    faults = FaultyTransport(rule=nth("/sync/push", {1}, "duplicate"))

    async def go() -> tuple[str, dict[str, str]]:
        engine = await enrolled(replica, live_server.url, transport=faults)
        await engine.sync_once()
        cid, ids = _make_offline_edits(replica)
        report = await engine.sync_once()
        assert (report.applied, report.rejected) == (8, 0)
        await engine.aclose()
        return cid, ids

    cid, ids = run(go())
    _assert_applied_once(live_server, cid, ids)
    replica.close()


def test_two_replicas_converge_after_conflicting_edits(live_server: Any, tmp_path: Path) -> None:
    rep_a, rep_b = open_replica(tmp_path / "a"), open_replica(tmp_path / "b")
    net_a, net_b = FaultyTransport(), FaultyTransport()

    async def go() -> None:
        a = await enrolled(rep_a, live_server.url, transport=net_a, attempts=1)
        b = await enrolled(rep_b, live_server.url, transport=net_b, attempts=1)
        await a.sync_once()
        await b.sync_once()
        cid, coupon_id, _ = rich_customer(rep_a)
        note_id = edits.add_note(rep_a, cid, "original")
        await a.sync_once()
        await b.sync_once()
        net_a.offline = net_b.offline = True
        # Both tablets edit the same note, profile field and coupon while offline.
        edits.edit_note(rep_a, cid, note_id, body="from A")
        edits.update_profile(rep_a, cid, {"preferences": "A likes blue"})
        edits.redeem_coupon(rep_a, cid, coupon_id)
        edits.edit_note(rep_b, cid, note_id, pinned=True)
        edits.edit_note(rep_b, cid, note_id, body="from B")  # B's stamp is later than A's
        edits.update_profile(rep_b, cid, {"preferences": "B likes green"})
        edits.redeem_coupon(rep_b, cid, coupon_id)
        net_a.offline = net_b.offline = False
        report_a = await a.sync_once()
        report_b = await b.sync_once()
        assert report_a.rejected == 0
        assert report_b.rejected == 1  # the coupon: A was first
        await a.sync_once()
        for rep in (rep_a, rep_b):
            conn = rep.read()
            note = next(n for n in queries.notes(conn, cid) if n.id == note_id)
            assert (note.body, note.pinned, note.pending) == ("from B", True, False)
            header = queries.customer_header(conn, cid)
            assert header is not None and header.preferences == "B likes green"
            coupon = next(c for c in queries.coupons(conn, cid) if c.id == coupon_id)
            assert coupon.redeemed_at is not None and not coupon.pending
        rejected = outbox.rejected(rep_b.read())
        assert [r.code for r in rejected] == ["coupon_already_redeemed"]
        assert "already redeemed" in (rejected[0].reason or "")
        assert (await a.check_integrity(repair=False)).ok
        assert (await b.check_integrity(repair=False)).ok
        await a.aclose()
        await b.aclose()

    run(go())
    rep_a.close()
    rep_b.close()


def test_erasure_removes_customer_locally(live_server: Any, tmp_path: Path) -> None:
    replica = open_replica(tmp_path)

    async def go() -> str:
        engine = await enrolled(replica, live_server.url)
        await engine.sync_once()
        cid, _, _ = rich_customer(replica)
        header = queries.customer_header(replica.read(), cid)
        assert header is not None and queries.find_customers(replica.read(), header.last_name)
        with live_server.client() as http:
            r = http.post(f"/customers/{cid}/erase", headers=live_server.staff_headers())
            r.raise_for_status()
        await engine.sync_once()
        assert (await engine.check_integrity(repair=False)).ok
        await engine.aclose()
        return cid

    cid = run(go())
    conn = replica.read()
    assert queries.customer_360(conn, cid) is None
    for entity in CUSTOMER_ENTITIES:
        left = conn.execute(
            f"SELECT count(*) FROM {table(entity)} WHERE customer_id = ?", (cid,)
        ).fetchone()[0]
        assert left == 0, entity
    replica.close()


def test_corrupted_table_repaired_keeping_pending_edits(live_server: Any, tmp_path: Path) -> None:
    replica = open_replica(tmp_path)
    faults = FaultyTransport()

    async def go() -> None:
        engine = await enrolled(replica, live_server.url, transport=faults)
        await engine.sync_once()
        cid, _, _ = rich_customer(replica)
        faults.offline = True
        note_id = edits.add_note(replica, cid, "pending during repair")
        faults.offline = False
        with replica.write() as conn:
            conn.execute(
                f"DELETE FROM {table('order')} WHERE rowid IN "
                f"(SELECT rowid FROM {table('order')} LIMIT 5)"
            )
            conn.execute(
                f"UPDATE {table('customer')} SET wire = json_set(wire, '$.first_name', 'X') "
                "WHERE rid = (SELECT min(rid) FROM e_customer WHERE local IS NULL)"
            )
        report = await engine.check_integrity(repair=True)
        assert set(report.mismatched) == {"order", "customer"}
        assert report.repaired and report.ok
        conn = replica.read()
        assert [(n.body, n.pending) for n in queries.notes(conn, cid) if n.id == note_id] == [
            ("pending during repair", True)
        ]
        assert outbox.count(conn) == 1
        await engine.sync_once()
        assert server_scalar(live_server, "SELECT body FROM note WHERE id = :i", i=note_id) == (
            "pending during repair"
        )
        await engine.aclose()

    run(go())
    replica.close()


def test_reset_past_horizon_keeps_outbox(live_server: Any, tmp_path: Path) -> None:
    replica = open_replica(tmp_path)

    async def go() -> None:
        engine = await enrolled(replica, live_server.url)
        await engine.sync_once()
        cid, _, _ = rich_customer(replica)
        note_id = edits.add_note(replica, cid, "kept across reset")
        # Someone else writes, then the server compacts its tombstones past our cursor.
        other = open_replica(tmp_path / "other")
        peer = await enrolled(other, live_server.url)
        await peer.sync_once()
        edits.add_note(other, cid, "peer note")
        await peer.sync_once()
        # A customer of the store is erased (tombstones), then the server drops tombstones.
        gone = server_scalar(
            live_server,
            "SELECT c.id FROM customer c JOIN store s ON s.id = c.home_store_id "
            "WHERE s.code = 'MAD01' AND c.id <> :c ORDER BY c.id LIMIT 1",
            c=cid,
        )
        with httpx.Client(base_url=live_server.url + "/api/v1") as http:
            erased = http.post(f"/customers/{gone}/erase", headers=live_server.staff_headers())
            assert erased.status_code == 200
        with Session(live_server.engine) as session:
            assert compact_tombstones(session) > 0
            session.commit()
        try:
            report = await engine.sync_once()
        finally:
            await peer.aclose()
            other.close()
            await engine.aclose()
        assert report.resets == 1
        conn = replica.read()
        bodies = {n.body: n.pending for n in queries.notes(conn, cid)}
        assert bodies == {"kept across reset": False, "peer note": False}
        assert server_scalar(live_server, "SELECT count(*) FROM note WHERE id = :i", i=note_id) == 1

    run(go())
    replica.close()


def test_lookup_out_of_scope_customer_then_stays_synced(live_server: Any, tmp_path: Path) -> None:
    replica = open_replica(tmp_path)
    bcn_dir = tmp_path / "bcn"
    bcn = open_replica(bcn_dir)

    async def go() -> None:
        engine = await enrolled(replica, live_server.url)
        peer = await enrolled(bcn, live_server.url, store="BCN01")
        await engine.sync_once()
        await peer.sync_once()
        cid, _, _ = rich_customer(bcn)
        card = queries.customer_header(bcn.read(), cid)
        assert card is not None and card.card_number
        assert queries.customer_header(replica.read(), cid) is None
        staff = StaffAuth(await engine.sign_in("dependienta.mad01", "demo"))
        found = await engine.lookup("loyalty_card", card.card_number, staff)
        assert found == cid
        assert queries.customer_header(replica.read(), cid) is not None
        with pytest.raises(NotFound):
            await engine.lookup("email", "nobody-at-all@example.com", staff)
        edits.add_note(bcn, cid, "from Barcelona")
        await peer.sync_once()
        await engine.sync_once()
        assert [n.body for n in queries.notes(replica.read(), cid)] == ["from Barcelona"]
        assert (await engine.check_integrity(repair=False)).ok
        await engine.aclose()
        await peer.aclose()

    run(go())
    replica.close()
    bcn.close()


def test_clear_errors_for_old_protocol_and_revoked_token(live_server: Any, tmp_path: Path) -> None:
    replica = open_replica(tmp_path)

    class OldApp(httpx.AsyncHTTPTransport):
        async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
            request.headers[PROTOCOL_HEADER] = "0"
            return await super().handle_async_request(request)

    async def go() -> None:
        engine = await enrolled(replica, live_server.url)
        old = make_engine(replica, live_server.url, token=engine.api.token, transport=OldApp())
        with pytest.raises(ProtocolMismatch, match="too old"):
            await old.sync_once()
        assert "update" in (old.state.last_error or "").lower()
        bad = make_engine(replica, live_server.url, token="not-a-token")
        with pytest.raises(Unauthorized, match="enrol"):
            await bad.sync_once()
        for e in (engine, old, bad):
            await e.aclose()

    run(go())
    replica.close()


def test_customer_created_in_store_merged_by_server(live_server: Any, tmp_path: Path) -> None:
    replica = open_replica(tmp_path)

    async def go() -> tuple[str, str]:
        engine = await enrolled(replica, live_server.url)
        await engine.sync_once()
        existing, email = (
            replica.read()
            .execute(
                f"SELECT customer_id, value FROM {table('identity')} WHERE kind = 'email' LIMIT 1"
            )
            .fetchone()
        )
        new_id = edits.create_customer(replica, "Dup", "Licate", email=email.upper())
        edits.add_note(replica, new_id, "nota en la ficha nueva")
        report = await engine.sync_once()
        assert report.rejected == 0
        await engine.aclose()
        return new_id, existing

    new_id, existing = run(go())
    bundle = queries.customer_360(replica.read(), new_id)
    assert bundle is not None and bundle.header.customer_id == existing
    assert "nota en la ficha nueva" in [n.body for n in bundle.notes]
    replica.close()
