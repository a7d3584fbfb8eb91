"""The app refuses plain http:// servers on other machines, at configuration, enrolment, sync
and in ``diagnose``; loopback (the demo) and an explicit setting are allowed."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import httpx
import pytest
import typer
from config_helpers import ConfigFiles
from typer.testing import CliRunner

from clienteling import config, deploy
from clienteling.cli import app as clienteling_app
from clienteling.server_address import is_insecure
from clienteling.sync.client import ApiClient, InsecureServer

# TEST-NET-1 (RFC 5737): routable nowhere, so a refusal here never waited on a network.
REMOTE = "http://192.0.2.10:8800"
deploy_app = typer.Typer()
deploy.register(deploy_app)
runner = CliRunner()


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8800",
        "http://127.9.8.7",
        "http://[::1]:8800",
        "http://localhost:8000",
        "http://LOCALHOST.",
        "https://192.0.2.10",
        "https://clienteling.example.com",
    ],
)
def test_loopback_and_https_are_allowed(url: str) -> None:
    assert not is_insecure(url)


@pytest.mark.parametrize(
    "url",
    [REMOTE, "http://clienteling.example.com", "HTTP://10.0.0.5", "http://[2001:db8::1]:80"],
)
def test_plain_http_elsewhere_is_refused_unless_allowed(url: str) -> None:
    assert is_insecure(url)
    assert not is_insecure(url, allow_insecure_http=True)


def test_configuration_refuses_it_naming_the_setting_and_its_source(
    config_files: ConfigFiles, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = config_files.write_user(f'server_url = "{REMOTE}"\n')
    with pytest.raises(config.ConfigError) as refused:
        config.load()
    message = str(refused.value)
    assert "server_url" in message and str(path) in message
    assert REMOTE in message and "plain http://" in message and "https://" in message
    assert "allow_insecure_http" in message

    config_files.write_user(f'server_url = "{REMOTE}"\nallow_insecure_http = true\n')
    assert config.load().settings.server_url == REMOTE
    config_files.write_user(f'server_url = "{REMOTE}"\n')
    monkeypatch.setenv("CLIENTELING_ALLOW_INSECURE_HTTP", "1")
    loaded = config.load()
    assert loaded.settings.allow_insecure_http
    assert str(loaded.origins["allow_insecure_http"]).startswith("environment")
    monkeypatch.delenv("CLIENTELING_ALLOW_INSECURE_HTTP")
    config_files.write_user('server_url = "http://127.0.0.1:8800"\n')
    assert config.load().settings.server_url == "http://127.0.0.1:8800"


def test_the_client_sends_nothing_to_a_refused_server() -> None:
    sent: list[httpx.Request] = []

    def record(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(401, json={"code": "unauthorized", "message": "no"})

    async def call(allow: bool) -> None:
        transport = httpx.MockTransport(record)
        async with ApiClient(REMOTE, transport=transport, allow_insecure_http=allow) as api:
            await api.login("gerente.mad01", "demo")

    with pytest.raises(InsecureServer) as refused:
        asyncio.run(call(allow=False))
    assert sent == []
    assert "plain http://" in refused.value.message and not refused.value.retryable
    with pytest.raises(Exception, match="no"):
        asyncio.run(call(allow=True))
    assert [r.url.host for r in sent] == ["192.0.2.10"]


def test_enrol_and_sync_commands_refuse_before_connecting(
    config_files: ConfigFiles, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLIENTELING_TOKEN_FILE", str(tmp_path / "token"))
    token = tmp_path / "device.token"
    token.write_text("pre-issued", encoding="utf-8")
    enrol = runner.invoke(
        deploy_app,
        ["enrol", "--server", REMOTE, "--token-file", str(token), "--data-dir", str(tmp_path)],
    )
    assert enrol.exit_code == 2
    assert "plain http://" in " ".join(enrol.output.split())
    sync = runner.invoke(
        clienteling_app, ["sync", "--server", REMOTE, "--data-dir", str(tmp_path / "tablet")]
    )
    assert sync.exit_code == 2
    assert "plain http://" in " ".join(sync.output.split())
    assert not (tmp_path / "tablet").exists()


def test_diagnose_explains_the_refusal(config_files: ConfigFiles, tmp_path: Path) -> None:
    result = runner.invoke(
        deploy_app, ["diagnose", "--server", REMOTE, "--data-dir", str(tmp_path), "--json"]
    )
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["server"]["status"] == "insecure"
    assert "plain http://" in data["server"]["message"]
    assert "plain http://" in data["config_error"]
    text = runner.invoke(deploy_app, ["diagnose", "--server", REMOTE, "--data-dir", str(tmp_path)])
    assert "Server: PROBLEM — The server address http://192.0.2.10:8800 uses plain http://" in (
        " ".join(text.output.split())
    )
