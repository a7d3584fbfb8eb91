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


def test_a_replica_whose_key_is_lost_is_refused_then_rebuilt_on_request(
    runner: CliRunner, live_server: Any, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    first = runner.invoke(
        app,
        ["sync", "--server", live_server.url, "--store", "MAD01", "--username", "gerente.mad01",
         "--password", "demo", "--data-dir", str(data)],
    )  # fmt: skip
    assert first.exit_code == 0, first.output
    status = runner.invoke(app, ["status", "--data-dir", str(data)])
    assert "SQLCipher" in status.output
    secrets = tmp_path / "token"
    kept = [
        line
        for line in secrets.read_text(encoding="utf-8").splitlines()
        if not line.startswith("replica-key@")
    ]
    secrets.write_text("\n".join(kept) + "\n", encoding="utf-8")  # the key is lost
    size = (data / "replica.sqlite3").stat().st_size

    status = runner.invoke(app, ["status", "--data-dir", str(data)])
    assert status.exit_code == 2
    assert "is encrypted" in status.output and "--rebuild-locked" in status.output
    plain_sync = runner.invoke(app, ["sync", "--server", live_server.url, "--data-dir", str(data)])
    assert plain_sync.exit_code == 2
    assert (data / "replica.sqlite3").stat().st_size == size  # untouched

    rebuilt = runner.invoke(
        app, ["sync", "--server", live_server.url, "--rebuild-locked", "--data-dir", str(data)]
    )
    assert rebuilt.exit_code == 0, rebuilt.output
    assert "are lost" in rebuilt.output and "Integrity check: OK" in rebuilt.output
    status = runner.invoke(app, ["status", "--data-dir", str(data)])
    assert status.exit_code == 0 and "MAD01" in status.output
