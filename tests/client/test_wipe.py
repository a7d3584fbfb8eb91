"""Wiping a tablet (revoked or reported lost): replica, outbox, key and token gone; enrol again."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from clienteling.replica import cipher, edits, outbox
from clienteling.replica.store import DB_FILENAME, Replica
from clienteling.sync.credentials import FileTokenStore, KeyringUnavailable, account_for
from clienteling.sync.replica_key import key_account, open_replica
from clienteling.sync.wipe import LEGACY_STAFF_CACHE, WipeIncomplete, wipe_device
from tests.client.sync_helpers import make_engine, run


def test_wipe_leaves_no_replica_key_or_token_and_the_tablet_can_enrol_again(
    live_server: Any, tmp_path: Path
) -> None:
    folder = tmp_path / "tablet"
    tokens = FileTokenStore(tmp_path / "secrets")  # what CLIENTELING_TOKEN_FILE selects
    replica = open_replica(folder, tokens)
    path = folder / DB_FILENAME
    old_key = tokens.get(key_account(path))

    async def enrol_and_sync() -> str:
        engine = make_engine(replica, live_server.url)
        engine.tokens = tokens
        await engine.enrol("MAD01", "gerente.mad01", "demo", device_name="wipe-test")
        await engine.sync_once()
        await engine.aclose()
        (customer_id,) = replica.read().execute("SELECT id FROM e_customer LIMIT 1").fetchone()
        return str(customer_id)

    customer_id = run(enrol_and_sync())
    edits.add_note(replica, customer_id, "Nota sin enviar")  # the outbox is not empty
    assert outbox.count(replica.read()) == 1
    replica.read()  # a reader open, as in the app
    (folder / LEGACY_STAFF_CACHE).write_text("{}", encoding="utf-8")  # left by an old version
    assert tokens.get(account_for(live_server.url))

    report = wipe_device(folder, tokens, live_server.url, replica=replica)
    assert {"replica key", "device token", DB_FILENAME, LEGACY_STAFF_CACHE} <= set(report.removed)
    assert not [p for p in folder.iterdir() if p.name.startswith(DB_FILENAME)]
    assert not (folder / LEGACY_STAFF_CACHE).exists()
    assert tokens.get(key_account(path)) is None
    assert tokens.get(account_for(live_server.url)) is None
    assert not tokens.path.exists()  # nothing left in the secrets file: the file goes too

    # Safe to call again, and on pieces that are missing.
    assert wipe_device(folder, tokens, live_server.url).removed == []

    # A new enrolment works: a new key, an empty replica, a new device token.
    fresh = open_replica(folder, tokens)
    assert tokens.get(key_account(path)) not in (None, old_key)
    assert outbox.count(fresh.read()) == 0 and fresh.get_meta("server_url") is None

    async def enrol_again() -> int:
        engine = make_engine(fresh, live_server.url)
        engine.tokens = tokens
        await engine.enrol("MAD01", "gerente.mad01", "demo", device_name="wipe-test-2")
        report = await engine.sync_once()
        await engine.aclose()
        return report.pulled_rows

    assert run(enrol_again()) > 0
    assert tokens.get(account_for(live_server.url))
    assert fresh.get_meta("store_code") == "MAD01"
    fresh.close()
    assert cipher.file_state(path) == "encrypted"


def test_wipe_on_a_tablet_that_never_synced_is_harmless(tmp_path: Path) -> None:
    report = wipe_device(tmp_path / "nothing-here", FileTokenStore(tmp_path / "s"), None)
    assert report.removed == []


def test_a_plain_replica_is_overwritten_before_it_is_deleted(tmp_path: Path) -> None:
    """A plain file (older version, tests) has no key to destroy: its bytes are zeroed."""
    replica = Replica.in_dir(tmp_path)
    replica.close()
    path = tmp_path / DB_FILENAME
    linked = tmp_path / "same-inode"
    linked.hardlink_to(path)  # sees the file's blocks after the wipe unlinks its name
    wipe_device(tmp_path, FileTokenStore(tmp_path / "s"), None)
    assert not path.exists()
    assert set(linked.read_bytes()) == {0}


def test_a_wipe_that_cannot_reach_the_keyring_says_what_is_left(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tokens = FileTokenStore(tmp_path / "secrets")
    replica = open_replica(tmp_path / "tablet", tokens)

    def locked(account: str) -> str | None:
        raise KeyringUnavailable("the keyring is locked")

    monkeypatch.setattr(tokens, "get", locked)
    with pytest.raises(WipeIncomplete) as info:
        wipe_device(tmp_path / "tablet", tokens, "https://example.org", replica=replica)
    assert "replica key" in str(info.value) and "locked" in str(info.value)
    # Everything else was still erased.
    assert DB_FILENAME in info.value.removed
    assert not (tmp_path / "tablet" / DB_FILENAME).exists()
