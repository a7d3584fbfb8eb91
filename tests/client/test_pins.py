"""The shared tablet's offline sign-in cache: PINs, their throttle, the offline window, and the
cache following the server's staff rows (core, no Qt)."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from clienteling.replica import edits, pins, policy, signins
from clienteling.replica.schema import MIGRATIONS, migrate
from clienteling.replica.store import Replica, get_meta, set_meta
from tests.client.sync_helpers import enrolled, run

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
ANA = {"id": "s-ana", "username": "ana", "display_name": "Ana", "role": "associate",
       "store_id": "st-1"}  # fmt: skip
BEA = {"id": "s-bea", "username": "bea", "display_name": "Bea", "role": "manager",
       "store_id": "st-1"}  # fmt: skip


@pytest.fixture
def replica(tmp_path: Path) -> Any:
    rep = Replica.in_dir(tmp_path / "tablet")
    yield rep
    rep.close()


def _signed_in(replica: Replica, staff: dict[str, Any], session: str, at: datetime = T0) -> None:
    with replica.write() as conn:
        signins.remember(conn, staff, session, at)


@pytest.mark.parametrize(
    ("pin", "why"),
    [
        ("0000", "same_digit"),
        ("77777777", "same_digit"),
        ("1234", "sequence"),
        ("456789", "sequence"),
        ("4321", "sequence"),
        ("7890", "sequence"),
        ("1212", "pattern"),
        ("123123", "pattern"),
        ("1990", "common"),
        ("2580", "common"),
        ("123", "length"),
        ("123456789", "length"),
        ("12a4", "digits"),
        ("١٢٣٩", "digits"),  # Arabic-Indic digits: not on the PIN pad
    ],
)
def test_trivial_pins_are_refused(replica: Replica, pin: str, why: str) -> None:
    assert pins.weakness(pin) == why
    _signed_in(replica, ANA, "sess-ana")
    with pytest.raises(pins.PinNotAllowed) as refused:
        pins.set_pin(replica, "s-ana", pin, T0)
    assert refused.value.code == why
    cached = pins.get(replica.read(), "s-ana")
    assert cached is not None and not cached.has_pin


def test_a_good_pin_is_hashed_and_signs_her_in_within_the_window(replica: Replica) -> None:
    for pin in ("2719", "4826", "83920571"):
        assert pins.weakness(pin) is None
    _signed_in(replica, ANA, "sess-ana")
    pins.set_pin(replica, "s-ana", "4826", T0)
    (digest,) = replica.read().execute("SELECT pin_hash FROM tablet_staff").fetchone()
    assert digest.startswith("$argon2id$") and "4826" not in digest

    later = T0 + timedelta(days=6, hours=23)
    check = pins.check_pin(replica, "s-ana", "4826", later, 7)
    assert check.ok and check.staff is not None and check.staff.session_id == "sess-ana"
    assert [c.username for c in pins.roster(replica.read(), later, 7)] == ["ana"]

    # Past the window (7 days after her last online sign-in here): refused, and off the roster.
    too_late = T0 + timedelta(days=7, minutes=1)
    assert pins.check_pin(replica, "s-ana", "4826", too_late, 7).code == "expired"
    assert pins.roster(replica.read(), too_late, 7) == []
    # A new online sign-in opens a new window.
    _signed_in(replica, ANA, "sess-ana-2", too_late)
    assert pins.check_pin(replica, "s-ana", "4826", too_late, 7).ok


def test_only_someone_signed_in_here_can_set_a_pin(replica: Replica) -> None:
    with pytest.raises(pins.PinNotAllowed) as refused:
        pins.set_pin(replica, "s-ana", "4826", T0)
    assert refused.value.code == "not_signed_in"
    assert pins.check_pin(replica, "s-ana", "4826", T0, 7).code == "unknown"


def test_wrong_pins_wait_longer_then_lock_until_an_online_sign_in(tmp_path: Path) -> None:
    replica = Replica.in_dir(tmp_path / "tablet")
    _signed_in(replica, ANA, "sess-ana")
    pins.set_pin(replica, "s-ana", "4826", T0)
    at = T0 + timedelta(hours=1)
    first = pins.check_pin(replica, "s-ana", "1111", at, 7)
    second = pins.check_pin(replica, "s-ana", "1111", at, 7)
    assert (first.code, first.remaining, first.wait_until) == ("wrong", 4, None)
    assert (second.code, second.remaining, second.wait_until) == ("wrong", 3, None)
    third = pins.check_pin(replica, "s-ana", "1111", at, 7)
    assert third.code == "wrong" and third.wait_until == at + timedelta(seconds=30)
    # While waiting even the right PIN is not looked at, and nothing is counted.
    early = pins.check_pin(replica, "s-ana", "4826", at + timedelta(seconds=29), 7)
    assert early.code == "wait" and early.wait_until == third.wait_until and early.failures == 3
    replica.close()

    # The throttle survives a restart of the app.
    replica = Replica.in_dir(tmp_path / "tablet")
    assert pins.check_pin(replica, "s-ana", "4826", at + timedelta(seconds=10), 7).code == "wait"
    at += timedelta(seconds=30)
    fourth = pins.check_pin(replica, "s-ana", "1111", at, 7)
    assert fourth.code == "wrong" and fourth.wait_until == at + timedelta(seconds=60)
    at += timedelta(seconds=60)
    fifth = pins.check_pin(replica, "s-ana", "1111", at, 7)
    assert fifth.code == "locked" and fifth.remaining == 0
    # Locked: the right PIN does not help, however long she waits.
    assert pins.check_pin(replica, "s-ana", "4826", at + timedelta(days=1), 7).code == "locked"
    roster = pins.roster(replica.read(), at, 7)
    assert [(c.username, c.locked) for c in roster] == [("ana", True)]

    # An online password sign-in unlocks it and resets the count; her PIN is still hers.
    _signed_in(replica, ANA, "sess-ana-2", at)
    assert pins.check_pin(replica, "s-ana", "4826", at, 7).ok
    cached = pins.get(replica.read(), "s-ana")
    assert cached is not None and (cached.failures, cached.locked) == (0, False)
    replica.close()


def test_a_right_pin_resets_the_count(replica: Replica) -> None:
    _signed_in(replica, ANA, "sess-ana")
    pins.set_pin(replica, "s-ana", "4826", T0)
    for _ in range(2):
        assert pins.check_pin(replica, "s-ana", "9999", T0, 7).code == "wrong"
    assert pins.check_pin(replica, "s-ana", "4826", T0, 7).ok
    assert pins.check_pin(replica, "s-ana", "9999", T0, 7).wait_until is None


def test_pins_are_per_assistant_and_sign_out_needs_the_password_again(replica: Replica) -> None:
    _signed_in(replica, ANA, "sess-ana")
    _signed_in(replica, BEA, "sess-bea")
    pins.set_pin(replica, "s-ana", "4826", T0)
    pins.set_pin(replica, "s-bea", "5937", T0)
    assert pins.check_pin(replica, "s-bea", "4826", T0, 7).code == "wrong"
    assert pins.check_pin(replica, "s-ana", "4826", T0, 7).ok

    # Bea's edits name her session; she signs out with one edit still queued.
    with replica.write() as conn:
        set_meta(conn, "store_id", "st-1")
    mutation = edits.submit(replica, "customer.viewed", "c-1", {}, staff_id="s-bea")
    assert mutation.session_id == "sess-bea"
    with replica.write() as conn:
        signins.forget(conn, "s-bea")
    conn2 = replica.read()
    assert signins.session_for(conn2, "s-bea") is None
    assert signins.staff_of(conn2, "sess-bea") == "s-bea"  # her queued edit is still hers
    assert [c.username for c in pins.roster(conn2, T0, 7)] == ["ana"]
    assert pins.check_pin(replica, "s-bea", "5937", T0, 7).code == "unknown"
    # Sessions nobody uses and no queued edit names are forgotten at the next sign-in.
    with replica.write() as conn:
        conn.execute("DELETE FROM outbox")
        signins.remember(conn, ANA, "sess-ana-2", T0)
    assert signins.staff_of(replica.read(), "sess-bea") is None
    assert signins.staff_of(replica.read(), "sess-ana") is None
    assert signins.staff_of(replica.read(), "sess-ana-2") == "s-ana"


def test_old_session_ids_move_into_the_new_table(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    for version in (1, 2, 3):  # the file as the previous version left it
        MIGRATIONS[version](conn)
    conn.execute("PRAGMA user_version = 3")
    conn.execute("INSERT INTO meta VALUES ('staff_session:s-ana', 'sess-old')")
    conn.execute("INSERT INTO meta VALUES ('signed_in_staff', 's-ana')")
    conn.execute("COMMIT")
    migrate(conn)
    assert get_meta(conn, "staff_session:s-ana") is None
    assert signins.staff_of(conn, "sess-old") == "s-ana"
    assert pins.get(conn, "s-ana") is None  # no PIN comes from an upgrade
    conn.close()


def test_trusted_time_does_not_go_back_with_the_clock(replica: Replica) -> None:
    wall = [T0.timestamp()]
    with replica.write() as conn:
        policy.note_time(conn, lambda: wall[0])
    wall[0] -= 3 * 86400  # someone winds the tablet's clock back three days
    assert policy.now(replica.read(), lambda: wall[0]) == T0
    # A sync resets the mark to the server's time (a clock that ran far ahead is forgiven).
    with replica.write() as conn:
        policy.note_sync(conn, T0 - timedelta(days=3))
    assert policy.now(replica.read(), lambda: wall[0]) == T0 - timedelta(days=3)


def test_stale_sync_rule(replica: Replica) -> None:
    conn = replica.read()
    assert not policy.staleness(conn, T0).locked  # never synced: nothing to hide
    with replica.write() as wconn:
        policy.note_sync(wconn, T0)
    assert not policy.staleness(replica.read(), T0 + timedelta(days=14)).locked
    stale = policy.staleness(replica.read(), T0 + timedelta(days=14, seconds=1))
    assert stale.locked and stale.limit_days == 14 and stale.days_without_sync == 14
    with replica.write() as wconn:
        policy.save(wconn, offline_signin_days=3, stale_sync_lock_days=2)
    assert policy.load(replica.read()) == policy.TabletPolicy(3, 2)
    assert policy.staleness(replica.read(), T0 + timedelta(days=2, seconds=1)).locked


def test_the_handshake_sets_the_rules_and_a_sync_drops_deactivated_staff(
    make_live_server: Any, tmp_path: Path
) -> None:
    from sync_server.settings import Settings

    server = make_live_server(settings=Settings(offline_signin_days=3, stale_sync_lock_days=5))
    replica = Replica.in_dir(tmp_path / "tablet")

    async def go() -> None:
        engine = await enrolled(replica, server.url)  # signs in dependienta.mad01
        await engine.sync_once()
        assert policy.load(replica.read()) == policy.TabletPolicy(3, 5)
        conn = replica.read()
        assistant = signins.signed_in(conn)
        assert assistant is not None and signins.session_for(conn, assistant)
        pins.set_pin(replica, assistant, "4826", policy.now(conn))
        await engine.sign_in("gerente.mad01", "demo")
        manager = signins.signed_in(replica.read())
        assert manager is not None
        pins.set_pin(replica, manager, "5937", policy.now(conn))

        with server.client() as http:
            r = http.post(f"/staff/{assistant}/deactivate", headers=server.staff_headers())
            assert r.status_code == 200, r.text
        report = await engine.sync_once()
        assert report.dropped_staff == [assistant]
        names = [c.username for c in pins.roster(replica.read(), policy.now(conn), 3)]
        assert names == ["gerente.mad01"]
        assert pins.check_pin(replica, assistant, "4826", policy.now(conn), 3).code == "unknown"
        assert replica.read().execute("SELECT count(*) FROM tablet_staff").fetchone()[0] == 1
        await engine.aclose()

    run(go())
    replica.close()
