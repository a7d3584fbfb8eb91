"""Connections to the replica file: one writer shared by edits and the sync engine, many readers.

WAL lets readers run while the writer commits; every write transaction starts with
``BEGIN IMMEDIATE`` so two writers queue on ``busy_timeout`` instead of failing later with
"database is locked" when a read transaction tries to upgrade.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from clienteling.replica.schema import migrate

BUSY_TIMEOUT_MS = 10_000
DB_FILENAME = "replica.sqlite3"


def _connect(path: Path, *, readonly: bool = False) -> sqlite3.Connection:
    if readonly:
        conn = sqlite3.connect(
            f"file:{path}?mode=ro", uri=True, isolation_level=None, check_same_thread=False
        )
    else:
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = OFF")
    if not readonly:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA cache_size = -32000")
    conn.execute("PRAGMA temp_store = MEMORY")
    conn.execute("PRAGMA mmap_size = 268435456")
    return conn


class Replica:
    """The tablet's local database file; open once per process and share."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._write = _connect(self.path)
        migrate(self._write)
        self._lock = threading.RLock()
        self._local = threading.local()
        self._readers: list[sqlite3.Connection] = []
        # The tablet's wall clock (seconds since the epoch); tests give tablets skewed clocks.
        self.wall_clock: Callable[[], float] = time.time

    @classmethod
    def in_dir(cls, data_dir: Path | str) -> Replica:
        return cls(Path(data_dir) / DB_FILENAME)

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

    def set_bulk_load(self, enabled: bool) -> None:
        """Skip fsyncs while (re)building a replica from scratch; a crash then means rebuild."""
        with self._lock:
            self._write.execute(f"PRAGMA synchronous = {'OFF' if enabled else 'NORMAL'}")

    def read(self) -> sqlite3.Connection:
        """A read connection for the calling thread (readers never block the writer in WAL)."""
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = _connect(self.path, readonly=True)
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
