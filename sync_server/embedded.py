"""Run the real server in a background thread on a free loopback port.

Used by the app's ``--demo`` mode, the benchmarks and the tests: the same uvicorn and FastAPI
code as production, only started in-process.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
from types import TracebackType
from typing import Self

import uvicorn
from sqlalchemy import Engine

from sync_server.access_log import uvicorn_config
from sync_server.app import create_app
from sync_server.clock import Clock, system_clock
from sync_server.settings import Settings, load_settings


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class _Running:
    """``with server:`` starts it and stops it, whatever happens inside."""

    def start(self) -> Self:
        raise NotImplementedError

    def stop(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


class EmbeddedServer(_Running):
    def __init__(
        self,
        database_url: str,
        engine: Engine | None = None,
        port: int = 0,
        *,
        settings: Settings | None = None,
        clock: Clock = system_clock,
    ) -> None:
        """``settings`` (their ``database_url`` is replaced) and ``clock`` let tests start a
        server with small limits and time they control; without them the environment's
        settings are read once, here."""
        self.database_url = database_url
        self.port = port or free_port()
        base = settings or load_settings()
        app = create_app(
            base.model_copy(update={"database_url": database_url}), engine=engine, clock=clock
        )
        self.app = app
        self.engine: Engine = app.state.engine
        config = uvicorn_config(
            app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="off"
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, name="sync-server", daemon=True)
        self._ready = threading.Event()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 30.0) -> EmbeddedServer:
        self._thread.start()
        # uvicorn sets ``started`` once the socket listens; wait on it without busy sleeping.
        while not self._server.started:
            if not self._thread.is_alive():
                raise RuntimeError("the embedded sync server failed to start")
            self._ready.wait(0.01)
            timeout -= 0.01
            if timeout <= 0:
                raise TimeoutError("the embedded sync server did not start in time")
        return self

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=10)


class ServerProcess(_Running):
    """``sync-server serve`` in a process of its own, as production runs it.

    The benchmarks use it so the tablet and the server do not share one interpreter (and its
    lock); the multi-process test runs two of them on one PostgreSQL.
    """

    def __init__(self, database_url: str, port: int = 0) -> None:
        self.database_url = database_url
        self.port = port or free_port()
        self._proc: subprocess.Popen[str] | None = None
        self._drain: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> ServerProcess:
        command = [sys.executable, "-c", "from sync_server.cli import main; main()", "serve"]
        command += ["--database-url", self.database_url, "--port", str(self.port)]
        proc = subprocess.Popen(  # noqa: S603 - our own server, fixed arguments
            [*command, "--log-level", "info"],
            stdout=subprocess.DEVNULL,  # the access log: one line a request, noise in a benchmark
            stderr=subprocess.PIPE,
            text=True,
        )
        self._proc = proc
        if proc.stderr is None:
            raise RuntimeError("no stderr pipe")
        for line in proc.stderr:  # uvicorn says when it listens
            if "Uvicorn running on" in line:
                break
        else:
            code = proc.wait()
            raise RuntimeError(f"sync-server serve exited with code {code}")
        self._drain = threading.Thread(target=proc.stderr.read, daemon=True)
        self._drain.start()
        return self

    def stop(self) -> None:
        proc = self._proc
        if proc is None:
            return
        proc.terminate()
        proc.wait(timeout=30)
        if self._drain is not None:
            self._drain.join(timeout=30)
        if proc.stderr is not None:
            proc.stderr.close()
        self._proc = None
