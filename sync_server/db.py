"""Engine and sessions for SQLite (embedded) and PostgreSQL (production), same code.

On PostgreSQL write transactions run concurrently; the change log orders each bucket's
versions by commit with a short lock at the end of the transaction (``sync/changelog.py``).
SQLite has a single writer: its write transactions take the write lock first (``write_gate``)
so two transactions that read first never fail with "database is locked" when both upgrade.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlmodel import Session

from sync_server.domain import models  # noqa: F401  (registers every table on the metadata)
from sync_server.sync import changelog  # noqa: F401  (installs the change-log flush hook)

log = logging.getLogger(__name__)
T = TypeVar("T")
# PostgreSQL: serialization failure, deadlock, unique violation (a concurrent twin won the race).
RETRYABLE_SQLSTATES = frozenset({"40001", "40P01", "23505"})


def make_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 60})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA busy_timeout=60000")
            cur.close()

        return engine
    if parsed.get_backend_name() == "postgresql" and parsed.drivername == "postgresql":
        url = str(parsed.set(drivername="postgresql+psycopg"))
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


@contextmanager
def read_session(engine: Engine) -> Iterator[Session]:
    with Session(engine, expire_on_commit=False) as session:
        yield session


def analyze(engine: Engine) -> None:
    """Refresh the planner's statistics after a bulk load.

    A pull page is ``ORDER BY version LIMIT n`` on one bucket: with statistics from before the
    load, PostgreSQL expects a handful of rows and sorts the whole rest of the bucket for every
    page (measured: 5x slower); with current ones it walks the index. Autovacuum does this on
    its own later; bulk loaders do it at once.
    """
    with engine.connect() as conn:
        conn.execute(text("ANALYZE"))
        conn.commit()


def write_gate(conn: Connection) -> None:
    """On SQLite, take the database's write lock now rather than at the first write."""
    if conn.dialect.name == "sqlite":
        conn.execute(text("UPDATE sync_counter SET value = value WHERE id = 1"))


@contextmanager
def write_session(engine: Engine) -> Iterator[Session]:
    """One write transaction, committed at the end (rolled back on any exception)."""
    with Session(engine, expire_on_commit=False) as session:
        write_gate(session.connection())
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def _retryable(exc: DBAPIError) -> bool:
    state = getattr(exc.orig, "sqlstate", None)
    if state in RETRYABLE_SQLSTATES:
        return True
    return isinstance(exc, OperationalError) and "database is locked" in str(exc.orig)


def run_write(engine: Engine, work: Callable[[Session], T], *, attempts: int = 8) -> T:
    """Run ``work`` in a write transaction, again if it lost a race to a concurrent writer.

    Concurrent writers on PostgreSQL can deadlock or hit a unique key a twin just inserted
    (two webhooks for the same new customer); the whole transaction is then retried and
    finds the twin's row. ``work`` must not have effects outside the database.
    """
    for attempt in range(attempts):
        try:
            with write_session(engine) as session:
                return work(session)
        except (IntegrityError, OperationalError) as exc:
            if attempt + 1 >= attempts or not _retryable(exc):
                raise
            log.info("write transaction retried after %s", getattr(exc.orig, "sqlstate", exc))
    raise AssertionError("unreachable")
