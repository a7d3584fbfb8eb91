"""Shared fixtures: real servers on loopback ports over real databases, one per test.

Seeding is slow, so each (backend, size) is seeded once per session into a template (a SQLite
file, or a PostgreSQL template database) and every test gets its own copy.
"""

from __future__ import annotations

import os
import random
import shutil
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import Engine, create_engine, text

from clienteling.protocol import DEVICE_HEADER, PROTOCOL_HEADER, PROTOCOL_VERSION
from sync_server.clock import system_clock
from sync_server.db import make_engine
from sync_server.embedded import EmbeddedServer
from sync_server.schema import upgrade
from sync_server.seed import SeedReport, seed, seed_reference
from sync_server.settings import Settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PG_ADMIN_URL = os.environ.get(
    "CLIENTELING_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
SEED_ANCHOR = date.today()


def _postgres_available() -> bool:
    try:
        engine = create_engine(PG_ADMIN_URL, connect_args={"connect_timeout": 3})
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        engine.dispose()
        return True
    except Exception:
        return False


_PG_OK: bool | None = None


def require_postgres() -> None:
    global _PG_OK
    if _PG_OK is None:
        _PG_OK = _postgres_available()
    if not _PG_OK:
        if os.environ.get("CLIENTELING_REQUIRE_POSTGRES") == "1":
            pytest.fail(f"PostgreSQL is required but not reachable at {PG_ADMIN_URL}")
        pytest.skip("PostgreSQL not reachable (set CLIENTELING_REQUIRE_POSTGRES=1 to fail)")


def _pg_url(database: str) -> str:
    return PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{database}"


def _pg_admin(sql: str) -> None:
    engine = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(sql))
    engine.dispose()


def _fill(engine: Engine, customers: int) -> None:
    """Seed customers, or only stores, staff and catalogue when ``customers`` is 0."""
    if customers:
        seed(engine, customers, anchor=SEED_ANCHOR)
    else:
        seed_reference(engine, random.Random(1), SeedReport())


class Templates:
    """Seeded databases to copy from, made on first use and dropped at session end."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.made: dict[tuple[str, int], str] = {}

    def get(self, backend: str, customers: int) -> str:
        key = (backend, customers)
        if key not in self.made:
            if backend == "sqlite":
                path = self.root / f"template-{customers}.db"
                engine = make_engine(f"sqlite:///{path}")
                upgrade(engine)
                _fill(engine, customers)
                with engine.connect() as conn:
                    conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
                engine.dispose()
                self.made[key] = str(path)
            else:
                name = f"cl_tmpl_{customers}_{os.getpid()}"
                _pg_admin(f"DROP DATABASE IF EXISTS {name}")
                _pg_admin(f"CREATE DATABASE {name}")
                engine = make_engine(_pg_url(name))
                upgrade(engine)
                _fill(engine, customers)
                engine.dispose()
                self.made[key] = name
        return self.made[key]

    def drop(self) -> None:
        for (backend, _), name in self.made.items():
            if backend == "postgres":
                _pg_admin(f"DROP DATABASE IF EXISTS {name}")


@pytest.fixture(scope="session")
def templates(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Templates]:
    t = Templates(tmp_path_factory.mktemp("templates"))
    yield t
    t.drop()


class FakeClock:
    """The server's "now", moved by tests instead of sleeping (starts at the real now)."""

    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@dataclass
class LiveServer:
    url: str
    database_url: str
    engine: Engine
    backend: str
    clock: FakeClock | None = None
    _tokens: dict[str, str] = field(default_factory=dict)

    def client(self) -> httpx.Client:
        return httpx.Client(base_url=self.url + "/api/v1", timeout=30)

    def login(self, username: str, password: str = "demo") -> str:
        """An access token; cached, except on a fake clock (tests move it past expiry)."""
        if username not in self._tokens or self.clock is not None:
            with self.client() as http:
                r = http.post("/auth/login", json={"username": username, "password": password})
                r.raise_for_status()
                self._tokens[username] = r.json()["access_token"]
        return self._tokens[username]

    def staff_headers(self, username: str = "admin", password: str | None = None) -> dict[str, str]:
        pw = password or ("admin" if username == "admin" else "demo")
        return {"Authorization": f"Bearer {self.login(username, pw)}"}

    def enrol(self, store_code: str = "MAD01", name: str = "tablet") -> dict[str, str]:
        with self.client() as http:
            r = http.post(
                "/devices/enrol",
                json={"store_code": store_code, "name": name},
                headers=self.staff_headers(),
            )
            r.raise_for_status()
            body: dict[str, str] = r.json()
            return body

    @staticmethod
    def device_headers(token: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {token}", PROTOCOL_HEADER: str(PROTOCOL_VERSION)}

    def device_sign_in(self, token: str, username: str, password: str = "demo") -> dict[str, Any]:
        """An assistant signs in on the tablet with this device token (the login answer)."""
        with self.client() as http:
            r = http.post(
                "/auth/login",
                json={"username": username, "password": password},
                headers={DEVICE_HEADER: token},
            )
            r.raise_for_status()
            answer: dict[str, Any] = r.json()
            return answer


ServerFactory = Callable[..., LiveServer]


def start_live_server(
    templates: Templates,
    folder: Path,
    customers: int = 300,
    backend: str = "sqlite",
    *,
    settings: Settings | None = None,
    clock: FakeClock | None = None,
) -> tuple[LiveServer, Callable[[], None]]:
    """A server on a fresh copy of the seeded template, and the function that stops it.

    ``settings`` (small limits) and ``clock`` (time the test moves) are optional.
    """
    name = ""
    if backend == "postgres":
        require_postgres()
        template = templates.get(backend, customers)
        name = f"cl_test_{uuid.uuid4().hex[:12]}"
        _pg_admin(f"CREATE DATABASE {name} TEMPLATE {template}")
        url = _pg_url(name)
    else:
        template = templates.get(backend, customers)
        path = folder / f"server-{uuid.uuid4().hex[:8]}.db"
        shutil.copyfile(template, path)
        url = f"sqlite:///{path}"
    server = EmbeddedServer(url, settings=settings, clock=clock or system_clock).start()

    def stop() -> None:
        server.stop()
        server.engine.dispose()
        if backend == "postgres":
            _pg_admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    live = LiveServer(
        url=server.url, database_url=url, engine=server.engine, backend=backend, clock=clock
    )
    return live, stop


@pytest.fixture
def make_live_server(templates: Templates, tmp_path: Path) -> Iterator[ServerFactory]:
    stops: list[Callable[[], None]] = []

    def factory(
        customers: int = 300,
        backend: str = "sqlite",
        *,
        settings: Settings | None = None,
        clock: FakeClock | None = None,
    ) -> LiveServer:
        server, stop = start_live_server(
            templates, tmp_path, customers, backend, settings=settings, clock=clock
        )
        stops.append(stop)
        return server

    yield factory
    for stop in stops:
        stop()


@pytest.fixture
def live_server(make_live_server: ServerFactory) -> LiveServer:
    """A seeded server on SQLite (a few hundred customers)."""
    return make_live_server()


@pytest.fixture(params=["sqlite", "postgres"])
def server(request: pytest.FixtureRequest, make_live_server: ServerFactory) -> LiveServer:
    """The same seeded server on each database backend."""
    return make_live_server(backend=request.param)


@pytest.fixture(params=["sqlite", "postgres"])
def backend(request: pytest.FixtureRequest) -> str:
    """Each database backend, for tests that start their own server (own settings, clock)."""
    backend: str = request.param
    return backend
