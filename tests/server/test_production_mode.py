"""Production mode serves the API without its interactive docs and schema; development has them."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from typer.testing import CliRunner

from sync_server.cli import app as cli_app
from sync_server.embedded import EmbeddedServer
from sync_server.settings import Settings
from tests.conftest import LiveServer

DOC_PATHS = ("/docs", "/redoc", "/openapi.json")


@pytest.fixture
def production(server: LiveServer) -> Iterator[str]:
    """A second server process on the same database, in production mode."""
    settings = Settings(database_url=server.database_url, environment="production")
    with EmbeddedServer(server.database_url, engine=server.engine, settings=settings) as prod:
        yield prod.url


def test_production_hides_docs_and_schema_but_serves_the_api(production: str) -> None:
    with httpx.Client(base_url=production) as http:
        for path in DOC_PATHS:
            r = http.get(path)
            assert r.status_code == 404, path
            assert r.json()["code"] == "not_found"
            assert r.headers["x-content-type-options"] == "nosniff"
        assert http.get("/api/v1/health").status_code == 200
        assert http.post("/api/v1/auth/login", json={"username": "admin"}).status_code == 422


def test_development_serves_docs_and_schema(server: LiveServer) -> None:
    with httpx.Client(base_url=server.url) as http:
        for path in DOC_PATHS:
            assert http.get(path).status_code == 200, path
        assert http.get("/openapi.json").json()["info"]["title"] == "Clienteling sync server"


def test_environment_variable_selects_production(
    server: LiveServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SYNC_SERVER_ENVIRONMENT", "production")
    with (
        EmbeddedServer(server.database_url, engine=server.engine) as prod,
        httpx.Client(base_url=prod.url) as http,
    ):
        assert http.get("/openapi.json").status_code == 404


def test_serve_help_documents_the_environment() -> None:
    result = CliRunner().invoke(cli_app, ["serve", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    text = " ".join(result.output.split())
    assert "--environment" in text
    assert "SYNC_SERVER_ENVIRONMENT" in text
    assert "production turns off the interactive API docs" in text
