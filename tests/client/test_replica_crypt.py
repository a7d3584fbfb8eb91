"""The replica at rest: SQLCipher with a per-device key kept next to the device token."""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from clienteling import diagnostics
from clienteling.replica import cipher, edits, outbox, queries
from clienteling.replica.apply import apply_changes
from clienteling.replica.cipher import ReplicaKeyMissing, ReplicaLocked
from clienteling.replica.schema import SCHEMA_VERSION, table
from clienteling.replica.store import DB_FILENAME, Replica, set_meta
from clienteling.sync import credentials
from clienteling.sync.credentials import FileTokenStore
from clienteling.sync.replica_key import discard_replica, key_account, open_replica
from tests.client.replica_factories import STORE_ID, customer, stores

NAME = ("Zuriñe", "Arrizabalaga-Etxeberria")
EMAIL = "zurine.arrizabalaga@example.org"
PHONE = "+34611223344"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def file_bytes(path: Path) -> bytes:
    return b"".join(p.read_bytes() for p in (path, *cipher.side_files(path)) if p.exists())


@pytest.fixture
def loose_umask() -> Iterator[None]:
    """A umask that would make new files world-readable, as on many desktops."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def fill(replica: Replica) -> str:
    """One customer of this store with identifiers, and an unsent note about her."""
    cid, changes = customer(*NAME, email=EMAIL, phone=PHONE, card="7001000099999")
    with replica.write() as conn:
        set_meta(conn, "store_id", STORE_ID)
        apply_changes(conn, [*stores(), *changes], cursor="42")
    edits.add_note(replica, cid, "Prefiere que la llamen por la tarde")
    return cid


def test_replica_opened_without_its_key_fails_in_plain_words(tmp_path: Path) -> None:
    folder = tmp_path / "tablet"
    keys = FileTokenStore(tmp_path / "secrets")
    replica = open_replica(folder, keys)
    assert replica.encrypted
    fill(replica)
    replica.close()
    path = folder / DB_FILENAME
    before = hashlib.sha256(path.read_bytes()).hexdigest()

    with pytest.raises(ReplicaLocked, match="opened without a key"):
        Replica(path)
    with pytest.raises(ReplicaLocked, match="does not open it") as wrong:
        Replica(path, key=cipher.new_key())
    assert "not yet sent are lost" in str(wrong.value)
    with pytest.raises(ReplicaKeyMissing) as missing:
        open_replica(folder, FileTokenStore(tmp_path / "another-keyring"))
    message = str(missing.value)
    assert "encrypted" in message and "rebuilt from the server" in message
    assert "not yet sent are lost" in message
    # Nothing was created over it, nothing was changed.
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert cipher.file_state(path) == "encrypted"

    # The right key still opens it, with everything in place.
    again = open_replica(folder, keys)
    assert outbox.count(again.read()) == 1
    again.close()

    # Only on request: the unreadable file and its key go, and a fresh replica starts.
    removed = discard_replica(folder, FileTokenStore(tmp_path / "another-keyring"))
    assert path in removed and not path.exists()
    fresh = open_replica(folder, FileTokenStore(tmp_path / "another-keyring"))
    assert outbox.count(fresh.read()) == 0
    fresh.close()


def test_encrypted_replica_holds_no_readable_text_and_search_works(tmp_path: Path) -> None:
    keys = FileTokenStore(tmp_path / "secrets")
    replica = open_replica(tmp_path / "tablet", keys)
    cid = fill(replica)
    hits = queries.find_customers(replica.read(), "zurine arriz")
    assert [h.customer_id for h in hits] == [cid]
    assert queries.find_customers(replica.read(), "223344")[0].customer_id == cid
    raw = file_bytes(replica.path)
    assert not raw.startswith(cipher.PLAIN_HEADER)
    for secret in (*NAME, EMAIL, PHONE, "zurine", "llamen por la tarde"):
        assert secret.encode() not in raw
    replica.close()


def test_every_connection_keeps_temporary_data_in_memory_and_zeroes_deletions(
    tmp_path: Path,
) -> None:
    replica = open_replica(tmp_path / "tablet", FileTokenStore(tmp_path / "secrets"))
    with replica.write() as conn:
        assert conn.execute("PRAGMA temp_store").fetchone()[0] == 2  # MEMORY
        assert conn.execute("PRAGMA secure_delete").fetchone()[0] == 1
    assert replica.read().execute("PRAGMA temp_store").fetchone()[0] == 2
    replica.close()


def test_key_file_and_replica_files_are_owner_only(tmp_path: Path, loose_umask: None) -> None:
    folder = tmp_path / "data" / "tablet"
    keys = FileTokenStore(folder / "device-token")  # CLIENTELING_KEYRING=file
    replica = open_replica(folder, keys)
    fill(replica)
    replica.read()  # a reader: -shm in use
    path = replica.path
    assert path.with_name(path.name + "-wal").exists()
    for item in (path, *cipher.side_files(path)):
        if item.exists():
            assert mode(item) == 0o600, item
    assert mode(folder) == 0o700
    assert mode(keys.path) == 0o600
    replica.close()

    # Kept that way: a key file or replica loosened by hand is tightened on the next use.
    keys.path.chmod(0o644)
    path.chmod(0o644)
    folder.chmod(0o755)
    assert keys.get(key_account(path))
    assert mode(keys.path) == 0o600
    keys.set("device@https://example.org", "token")
    assert mode(keys.path) == 0o600
    again = open_replica(folder, keys)
    assert mode(path) == 0o600 and mode(folder) == 0o700
    again.close()


def test_token_file_from_env_also_holds_the_key_under_its_own_account(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    secrets = tmp_path / "secret" / "token"
    monkeypatch.setenv(credentials.TOKEN_FILE_ENV, str(secrets))
    keys = credentials.token_store(tmp_path / "tablet")
    keys.set(credentials.account_for("https://clienteling.example.com"), "device-token")
    replica = open_replica(tmp_path / "tablet", keys)
    replica.close()
    lines = secrets.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2
    account = key_account(tmp_path / "tablet" / DB_FILENAME)
    key = keys.get(account)
    assert key is not None and len(bytes.fromhex(key)) == cipher.KEY_BYTES
    assert mode(secrets) == 0o600


def test_plain_replica_from_an_older_version_is_encrypted_keeping_outbox_and_rows(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "tablet"
    old = Replica.in_dir(folder)  # what the previous version wrote: plain SQLite
    cid = fill(old)
    note = edits.add_note(old, cid, "Segunda nota, aún sin enviar")
    assert old.get_meta("cursor") == "42"
    counts = {
        t: old.read().execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("outbox", table("customer"), table("identity"), table("note"), "customer_fts")
    }
    old.close()
    path = folder / DB_FILENAME
    assert cipher.file_state(path) == "plain" and EMAIL.encode() in file_bytes(path)

    keys = FileTokenStore(tmp_path / "secrets")
    replica = open_replica(folder, keys)
    assert cipher.file_state(path) == "encrypted"
    assert not path.with_name(path.name + cipher.CONVERTING_SUFFIX).exists()
    conn = replica.read()
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in counts} == counts
    assert replica.get_meta("cursor") == "42"
    pending = outbox.pending_ids(conn)
    assert len(pending) == 2
    bundle = queries.customer_360(conn, cid)
    assert bundle is not None and note in {n.id for n in bundle.notes}
    assert [h.customer_id for h in queries.find_customers(conn, "arrizabalaga")] == [cid]
    for secret in (EMAIL, PHONE, NAME[1], "sin enviar"):
        assert secret.encode() not in file_bytes(path)
    # It keeps working as an encrypted replica: a new edit, reopened with the same key.
    edits.add_note(replica, cid, "Tercera")
    replica.close()
    again = open_replica(folder, keys)
    assert outbox.count(again.read()) == 3
    again.close()


def test_diagnose_reports_a_locked_replica_without_creating_a_key(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    folder = tmp_path / "tablet"
    monkeypatch.setenv(credentials.TOKEN_FILE_ENV, str(tmp_path / "secrets"))
    replica = open_replica(folder, credentials.token_store(folder))
    replica.close()
    info = diagnostics.replica_info(folder)
    assert info.encrypted and info.error is None and info.schema_version == SCHEMA_VERSION

    monkeypatch.setenv(credentials.TOKEN_FILE_ENV, str(tmp_path / "empty-keyring"))
    info = diagnostics.replica_info(folder)
    assert info.encrypted and info.error is not None and "key" in info.error
    assert not (tmp_path / "empty-keyring").exists()


def test_a_conversion_that_does_not_check_out_leaves_the_plain_replica_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "tablet"
    old = Replica.in_dir(folder)
    fill(old)
    old.close()
    path = folder / DB_FILENAME
    before = path.read_bytes()
    counts = iter([{"outbox": 1}, {"outbox": 0}])  # the copy "lost" the queued edit
    monkeypatch.setattr(cipher, "_row_counts", lambda _conn: next(counts))
    with pytest.raises(RuntimeError, match="left it plain"):
        open_replica(folder, FileTokenStore(tmp_path / "secrets"))
    assert path.read_bytes() == before
    assert not path.with_name(path.name + cipher.CONVERTING_SUFFIX).exists()
    monkeypatch.undo()
    replica = open_replica(folder, FileTokenStore(tmp_path / "secrets"))
    assert replica.encrypted and outbox.count(replica.read()) == 1
    replica.close()
