"""Bootstrap: a migrated server has no credential at all until ``sync-server create-admin``;
``serve`` says how to make the first admin. The CLI runs in-process (typer's CliRunner)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import text
from typer.testing import CliRunner

from sync_server.cli import app
from sync_server.db import make_engine
from sync_server.embedded import EmbeddedServer
from tests.conftest import _pg_admin, _pg_url, require_postgres

runner = CliRunner()


@pytest.fixture
def empty_database(backend: str, tmp_path: Path) -> Iterator[str]:
    """The URL of a database nobody has migrated or seeded yet."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'fresh.db'}"
        return
    require_postgres()
    name = f"cl_fresh_{uuid.uuid4().hex[:12]}"
    _pg_admin(f"CREATE DATABASE {name}")
    yield _pg_url(name)
    _pg_admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def _cli(*args: str, url: str, stdin: str | None = None) -> Any:
    return runner.invoke(app, [*args, "--database-url", url], input=stdin)


def _staff_count(url: str) -> int:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return int(conn.execute(text("SELECT count(*) FROM staff")).scalar_one())
    finally:
        engine.dispose()


def _login(url: str, username: str, password: str) -> httpx.Response:
    with EmbeddedServer(url) as server, httpx.Client(base_url=server.url + "/api/v1") as http:
        response = http.post("/auth/login", json={"username": username, "password": password})
    server.engine.dispose()
    return response


def test_fresh_server_has_no_credential_and_serve_explains_the_first_step(
    empty_database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _cli("migrate", url=empty_database).exit_code == 0
    assert _staff_count(empty_database) == 0
    assert _login(empty_database, "admin", "admin").status_code == 401

    served: list[Any] = []
    monkeypatch.setattr("uvicorn.Server.run", lambda self, sockets=None: served.append(self))
    result = _cli("serve", url=empty_database)
    assert result.exit_code == 0 and served
    assert "no active admin" in result.output
    assert "sync-server create-admin --username" in result.output
    assert _staff_count(empty_database) == 0


def test_create_admin_from_a_file_stdin_or_prompt_refuses_weak_passwords(
    empty_database: str, tmp_path: Path
) -> None:
    weak = tmp_path / "weak.txt"
    weak.write_text("admin\n", encoding="utf-8")
    result = _cli(
        "create-admin", "--username", "it.root", "--password-file", str(weak), url=empty_database
    )
    assert result.exit_code == 1
    assert "at least 10 characters" in result.output

    same = _cli(
        "create-admin", "--username", "it.rootadmin", "--password-file", "-",
        url=empty_database, stdin="IT.RootAdmin\n",
    )  # fmt: skip
    assert same.exit_code == 1 and "user name" in same.output

    strong = tmp_path / "strong.txt"
    strong.write_text("Naranja-Escaparate-19\n", encoding="utf-8")
    made = _cli(
        "create-admin", "--username", "IT.Root", "--password-file", str(strong), url=empty_database
    )
    assert made.exit_code == 0, made.output
    assert "Naranja" not in made.output
    taken = _cli(
        "create-admin", "--username", "it.root", "--password-file", str(strong), url=empty_database
    )
    assert taken.exit_code == 1 and "taken" in taken.output

    prompted = _cli(
        "create-admin", "--username", "it.backup",
        url=empty_database, stdin="Azul-Probador-2024\nAzul-Probador-2024\n",
    )  # fmt: skip
    assert prompted.exit_code == 0, prompted.output
    assert "Azul-Probador" not in prompted.output  # the prompt does not echo it

    response = _login(empty_database, "it.root", "Naranja-Escaparate-19")
    assert response.status_code == 200 and response.json()["staff"]["role"] == "admin"
    assert _login(empty_database, "it.backup", "Azul-Probador-2024").status_code == 200
    assert _staff_count(empty_database) == 2


def test_missing_password_file_is_a_plain_error(empty_database: str, tmp_path: Path) -> None:
    result = _cli(
        "create-admin", "--username", "it.root", "--password-file", str(tmp_path / "nope"),
        url=empty_database,
    )  # fmt: skip
    assert result.exit_code == 1
    assert "Cannot read the password file" in result.output
