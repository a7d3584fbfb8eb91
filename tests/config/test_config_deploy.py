"""``clienteling enrol`` (silent, for mass deployment) and ``clienteling diagnose`` against the
real server."""

from __future__ import annotations

import json
import logging
import os
import stat
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
import typer
from config_helpers import ConfigFiles
from typer.testing import CliRunner

from clienteling import config, deploy, logs
from clienteling.sync.credentials import account_for, token_store
from clienteling.sync.replica_key import open_replica
from sync_server.embedded import free_port

app = typer.Typer()
deploy.register(app)
runner = CliRunner()


@pytest.fixture
def tablet_env(config_files: ConfigFiles, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A headless tablet: token kept in a file, as IT does on machines without a keyring."""
    monkeypatch.setenv("CLIENTELING_TOKEN_FILE", str(tmp_path / "token"))
    return tmp_path / "tablet"


def _meta(folder: Path, key: str) -> str | None:
    replica = open_replica(folder, token_store(folder))
    try:
        return replica.get_meta(key)
    finally:
        replica.close()


def test_enrol_with_manager_password_file_then_diagnose(
    tablet_env: Path, live_server: Any, tmp_path: Path
) -> None:
    password = tmp_path / "pw"
    password.write_text("admin\n", encoding="utf-8")
    result = runner.invoke(
        app,
        [
            "enrol",
            "--server", live_server.url,
            "--store", "mad01",
            "--username", "admin",
            "--password-file", str(password),
            "--data-dir", str(tablet_env),
        ],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Enrolled for store MAD01" in result.output
    assert "Initial sync:" in result.output
    assert _meta(tablet_env, "store_code") == "MAD01"
    secrets = (tmp_path / "token").read_text(encoding="utf-8").splitlines()
    assert any(line.startswith(account_for(live_server.url) + "=") for line in secrets)
    # The replica's key sits next to the token, under its own account; the file is owner-only.
    assert any(line.startswith("replica-key@") for line in secrets)
    assert stat.S_IMODE((tmp_path / "token").stat().st_mode) == 0o600

    bundle = tmp_path / "support.zip"
    result = runner.invoke(
        app, ["diagnose", "--data-dir", str(tablet_env), "--bundle", str(bundle)]
    )
    assert result.exit_code == 0, result.output
    assert "Server: OK" in result.output
    assert "token stored" in result.output
    assert "store MAD01" in result.output
    with zipfile.ZipFile(bundle) as zf:
        assert not [n for n in zf.namelist() if n.endswith((".sqlite3", ".db", "token"))]

    result = runner.invoke(app, ["diagnose", "--data-dir", str(tablet_env), "--json"])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["replica"]["store_code"] == "MAD01"
    assert data["server"]["status"] == "ok"


def test_enrol_with_a_pre_issued_token(tablet_env: Path, live_server: Any, tmp_path: Path) -> None:
    issued = live_server.enrol("MAD01", name="pre-issued")
    token_file = tmp_path / "device.token"
    token_file.write_text(issued["device_token"] + "\n", encoding="utf-8")
    args = ["enrol", "--server", live_server.url, "--token-file", str(token_file)]
    wrong = runner.invoke(app, [*args, "--store", "BCN01", "--data-dir", str(tablet_env)])
    assert wrong.exit_code == 1
    assert "belongs to store MAD01, not BCN01" in wrong.output
    assert _meta(tablet_env, "device_id") is None

    result = runner.invoke(app, [*args, "--store", "MAD01", "--data-dir", str(tablet_env)])
    assert result.exit_code == 0, result.output
    assert _meta(tablet_env, "device_id") == issued["device_id"]
    assert _meta(tablet_env, "server_url") == live_server.url


def test_enrol_uses_configuration_and_rejects_bad_input(
    tablet_env: Path, tmp_path: Path, config_files: ConfigFiles
) -> None:
    missing = runner.invoke(app, ["enrol", "--token-file", str(tmp_path / "t")])
    assert missing.exit_code == 2
    assert "--server" in missing.output
    url = f"http://127.0.0.1:{free_port()}"
    config_files.write_user(f'server_url = "{url}"\nstore_code = "MAD01"\n')
    token = tmp_path / "t"
    token.write_text("not-a-token", encoding="utf-8")
    both = runner.invoke(
        app, ["enrol", "--token-file", str(token), "--username", "x", "--password-file", "f"]
    )
    assert both.exit_code == 2
    offline = runner.invoke(
        app, ["enrol", "--token-file", str(token), "--data-dir", str(tablet_env)]
    )
    assert offline.exit_code == 1
    assert "Enrolment failed" in offline.output


def test_diagnose_reports_an_unreachable_server(config_files: ConfigFiles, tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}"
    result = runner.invoke(
        app, ["diagnose", "--server", url, "--data-dir", str(tmp_path / "none"), "--timeout", "1"]
    )
    assert result.exit_code == 1
    assert f"Server: PROBLEM — Nothing answers at {url}" in result.output
    assert "server_url" in result.output and "command line" in result.output


def test_ca_bundle_is_exported_for_every_httpx_client(
    config_files: ConfigFiles, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corporate = tmp_path / "corp.pem"
    corporate.write_text(
        "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n", encoding="ascii"
    )
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    settings = config.load({"ca_bundle": corporate}).settings
    path = config.export_ca_bundle(settings, tmp_path / "cache")
    assert path is not None
    text = path.read_text(encoding="ascii")
    assert text.rstrip().endswith("MIIB\n-----END CERTIFICATE-----")
    assert text.count("BEGIN CERTIFICATE") > 10  # httpx's own CAs are kept
    assert os.environ["SSL_CERT_FILE"] == str(path)


def test_app_logging_follows_the_configuration(
    config_files: ConfigFiles, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(logs, "log_dir", lambda: tmp_path / "logs")
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setenv("CLIENTELING_LOG_LEVEL", "warning")
    monkeypatch.setenv("CLIENTELING_LANGUAGE", "en")
    root = logging.getLogger()
    saved = (list(root.handlers), root.level)
    try:
        settings = deploy.setup_app_logging()
        assert settings is not None and root.level == logging.WARNING
        assert deploy.app_language(settings) == "en"
        logging.getLogger("clienteling.test").warning("hello %s", "ana@example.com")
        for handler in root.handlers:
            handler.flush()
        text = (tmp_path / "logs" / logs.LOG_FILENAME).read_text(encoding="utf-8")
        assert "hello <email>" in text
        monkeypatch.setenv("CLIENTELING_LANGUAGE", "fr")
        assert deploy.setup_app_logging() is None  # invalid: defaults, explained in the log
        assert deploy.app_language(None) is None
    finally:
        for handler in list(root.handlers):
            if handler not in saved[0]:
                root.removeHandler(handler)
                handler.close()
        root.setLevel(saved[1])
