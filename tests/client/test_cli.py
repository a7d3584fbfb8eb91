"""The headless ``clienteling sync`` / ``status`` commands against the real server."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from clienteling.cli import EXIT_WIPED, app
from clienteling.replica import policy
from clienteling.replica.store import set_meta
from clienteling.sync.credentials import token_store
from clienteling.sync.replica_key import open_replica


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


def _enrolled(runner: CliRunner, live_server: Any, data: Path) -> None:
    first = runner.invoke(
        app,
        ["sync", "--server", live_server.url, "--store", "MAD01", "--username", "gerente.mad01",
         "--password", "demo", "--data-dir", str(data), "--no-check"],
    )  # fmt: skip
    assert first.exit_code == 0, first.output


@pytest.mark.parametrize(("how", "words"), [("revoke", "retired"), ("report-lost", "lost")])
def test_sync_of_a_retired_or_lost_tablet_wipes_it_and_says_so(
    runner: CliRunner, live_server: Any, tmp_path: Path, how: str, words: str
) -> None:
    data = tmp_path / "data"
    _enrolled(runner, live_server, data)
    replica = open_replica(data, token_store(data))
    device_id = replica.get_meta("device_id")
    replica.close()
    with live_server.client() as http:
        r = http.post(f"/devices/{device_id}/{how}", headers=live_server.staff_headers())
        assert r.status_code == 200, r.text
    result = runner.invoke(app, ["sync", "--server", live_server.url, "--data-dir", str(data)])
    assert result.exit_code == EXIT_WIPED, result.output
    assert words in " ".join(result.output.split())
    assert not [p for p in data.iterdir() if p.name.startswith("replica.sqlite3")]
    secrets = tmp_path / "token"  # key and device token gone (an emptied file goes too)
    assert not secrets.exists() or not secrets.read_text(encoding="utf-8").strip()


def test_status_reports_the_stale_sync_lock(
    runner: CliRunner, live_server: Any, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    _enrolled(runner, live_server, data)
    fresh = runner.invoke(app, ["status", "--data-dir", str(data)])
    assert fresh.exit_code == 0, fresh.output
    assert "not locked (locks after 14 days without a sync)" in " ".join(fresh.output.split())
    replica = open_replica(data, token_store(data))
    with replica.write() as conn:  # the last sync was 15 days ago
        when = (datetime.now(UTC) - timedelta(days=15, hours=1)).isoformat()
        set_meta(conn, policy.LAST_SYNC_SERVER_AT, when)
        set_meta(conn, policy.HIGH_WATER, None)
    replica.close()
    stale = runner.invoke(app, ["status", "--data-dir", str(data)])
    assert stale.exit_code == 0, stale.output
    text = " ".join(stale.output.split())
    assert "LOCKED: no successful sync for 15 days (the limit is 14)" in text
    assert "sync to unlock" in text
