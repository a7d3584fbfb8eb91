"""The headless ``clienteling sync`` / ``status`` commands against the real server."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from clienteling.cli import app


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> CliRunner:
    # Headless Linux has no keyring: use the documented token-file fallback.
    monkeypatch.setenv("CLIENTELING_TOKEN_FILE", str(tmp_path / "token"))
    return CliRunner()


def test_sync_enrols_then_uses_stored_token(
    runner: CliRunner, live_server: Any, tmp_path: Path
) -> None:
    data = str(tmp_path / "data")
    first = runner.invoke(
        app,
        ["sync", "--server", live_server.url, "--store", "MAD01", "--username", "gerente.mad01",
         "--password", "demo", "--data-dir", data],
    )  # fmt: skip
    assert first.exit_code == 0, first.output
    assert "Enrolled as device" in first.output and "Integrity check: OK" in first.output
    again = runner.invoke(app, ["sync", "--server", live_server.url, "--data-dir", data])
    assert again.exit_code == 0, again.output
    assert "received 0 changes" in again.output
    status = runner.invoke(app, ["status", "--data-dir", data])
    assert status.exit_code == 0, status.output
    assert "MAD01" in status.output and "stored" in status.output


def test_sync_without_enrolment_or_server_is_explained(runner: CliRunner, tmp_path: Path) -> None:
    data = str(tmp_path / "data")
    result = runner.invoke(app, ["sync", "--server", "http://127.0.0.1:9", "--data-dir", data])
    assert result.exit_code == 2
    assert "No device token" in result.output
    result = runner.invoke(
        app,
        ["sync", "--server", "http://127.0.0.1:9", "--store", "MAD01", "--username", "x",
         "--password", "y", "--attempts", "1", "--data-dir", data],
    )  # fmt: skip
    assert result.exit_code == 1
    assert "Cannot reach the sync server" in result.output
