"""Connections to the replica file: one writer shared by edits and the sync engine, many readers.

WAL lets readers run while the writer commits; every write transaction starts with
``BEGIN IMMEDIATE`` so two writers queue on ``busy_timeout`` instead of failing later with
"database is locked" when a read transaction tries to upgrade.

Given a key, every connection is an encrypted SQLCipher one (``replica.cipher``); without one
the file is plain SQLite (tests, benchmarks' comparison). Production code opens the replica
through ``clienteling.sync.replica_key.open_replica``, which always passes the device's key.
Deleted content is zeroed (``secure_delete``), and after an erasure the WAL is truncated once
the transaction that purged her has committed, so no old page image of her stays in the file.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from clienteling.replica import cipher
from clienteling.replica.schema import migrate

BUSY_TIMEOUT_MS = 10_000
DB_FILENAME = "replica.sqlite3"
WAL_SCRUB_DUE = "wal_scrub_due"
CACHE_KIB = 32_000
# A first sync inserts rows all over every index (keys are random ids): a bigger page cache
# while it runs saves decrypting and re-encrypting the same pages (in the 100k-customer
# benchmark the tablet's share fell from 54 s to 46 s); the memory goes back when it ends.
BULK_CACHE_KIB = 256_000


def _connect(path: Path, key: bytes | None, *, readonly: bool = False) -> sqlite3.Connection:
    conn = cipher.connect(path, key, readonly=readonly)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = OFF")
    if not readonly:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA secure_delete = ON")
    conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    # Sorts, temporary tables and indexes stay in memory: never a plain temporary file.
    conn.execute("PRAGMA temp_store = MEMORY")
    conn.execute("PRAGMA mmap_size = 268435456")
    return conn


class Replica:
    """The tablet's local database file; open once per process and share."""

    def __init__(self, path: Path | str, *, key: bytes | None = None) -> None:
        self.path = Path(path)
        self._key = key
        if key is not None and cipher.file_state(self.path) == "plain":
            cipher.encrypt_plain_file(self.path, key)
        cipher.keep_private(self.path)
        self._write = _connect(self.path, key)
        try:
            migrate(self._write)
        except BaseException:
            self._write.close()
            raise
        self._lock = threading.RLock()
        self._local = threading.local()
        self._readers: list[sqlite3.Connection] = []
        # The tablet's wall clock (seconds since the epoch); tests give tablets skewed clocks.
        self.wall_clock: Callable[[], float] = time.time

    @classmethod
    def in_dir(cls, data_dir: Path | str, *, key: bytes | None = None) -> Replica:
        return cls(Path(data_dir) / DB_FILENAME, key=key)

    @property
    def encrypted(self) -> bool:
        return self._key is not None

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; commits on success, rolls back on any exception."""
        with self._lock:
            conn = self._write
            if conn.in_transaction:
                # Nested call from inside another write: join the outer transaction.
                yield conn
                return
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
            if get_meta(conn, WAL_SCRUB_DUE) is not None:
                self.scrub_wal()

    def scrub_wal(self) -> bool:
        """Checkpoint and truncate the WAL, so page images from before an erasure are gone.

        Never waits for readers (the writer may be on the UI thread): if one holds an old
        snapshot, the scrub stays due and the next commit tries again. Returns True when done.
        """
        with self._lock:
            conn = self._write
            conn.execute("PRAGMA busy_timeout = 0")
            try:
                if conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]:
                    return False
                conn.execute("DELETE FROM meta WHERE key = ?", (WAL_SCRUB_DUE,))
                return not conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
            except cipher.OperationalError:
                return False
            finally:
                conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")

    def set_bulk_load(self, enabled: bool) -> None:
        """Skip fsyncs and keep more pages in memory while (re)building a replica from scratch;
        a crash then means rebuild."""
        with self._lock:
            self._write.execute(f"PRAGMA synchronous = {'OFF' if enabled else 'NORMAL'}")
            self._write.execute(f"PRAGMA cache_size = -{BULK_CACHE_KIB if enabled else CACHE_KIB}")

    def read(self) -> sqlite3.Connection:
        """A read connection for the calling thread (readers never block the writer in WAL)."""
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = _connect(self.path, self._key, readonly=True)
            self._local.conn = conn
            with self._lock:
                self._readers.append(conn)
        return conn

    @contextmanager
    def snapshot(self) -> Iterator[sqlite3.Connection]:
        """A consistent read across several queries (one read transaction)."""
        conn = self.read()
        if conn.in_transaction:
            yield conn
            return
        conn.execute("BEGIN")
        try:
            yield conn
        finally:
            conn.execute("COMMIT")

    def get_meta(self, key: str, default: str | None = None) -> str | None:
        row = self.read().execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return default if row is None else str(row[0])

    def close(self) -> None:
        with self._lock:
            for conn in self._readers:
                conn.close()
            self._readers.clear()
            self._write.close()
        self._local = threading.local()


def set_meta(conn: sqlite3.Connection, key: str, value: str | None) -> None:
    if value is None:
        conn.execute("DELETE FROM meta WHERE key = ?", (key,))
    else:
        conn.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, value),
        )


def get_meta(conn: sqlite3.Connection, key: str, default: str | None = None) -> str | None:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return default if row is None else str(row[0])
