"""Diagnostics against a real server (reachable, closed port, silent port, wrong address) and a
support bundle that carries no database and no personal data."""

from __future__ import annotations

import asyncio
import http.server
import ipaddress
import json
import logging
import socket
import ssl
import threading
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from config_helpers import ConfigFiles
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from clienteling import config, diagnostics, logs
from clienteling.protocol import PROTOCOL_VERSION
from clienteling.sync.credentials import FileTokenStore
from clienteling.sync.engine import RetryPolicy, SyncEngine
from clienteling.sync.replica_key import open_replica
from sync_server.embedded import EmbeddedServer, free_port


@pytest.fixture
def bare_server(tmp_path: Path) -> Iterator[EmbeddedServer]:
    server = EmbeddedServer(f"sqlite:///{tmp_path / 'server.db'}").start()
    yield server
    server.stop()
    server.engine.dispose()


@pytest.fixture
def silent_port() -> Iterator[int]:
    """A port that accepts connections but never answers (a black-holing proxy)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(8)
        yield int(sock.getsockname()[1])


def test_reachable_server_reports_its_version(bare_server: EmbeddedServer) -> None:
    result = diagnostics.check_server(bare_server.url)
    assert result.ok, result.message
    assert result.server_version == diagnostics.app_version()
    assert result.server_protocol == PROTOCOL_VERSION
    assert "answers in" in result.message


def test_closed_port_is_unreachable_in_plain_words() -> None:
    url = f"http://127.0.0.1:{free_port()}"
    result = diagnostics.check_server(url)
    assert result.status == "unreachable"
    assert result.message.startswith(f"Nothing answers at {url}")
    assert "firewall" in result.message


def test_silent_server_times_out_quickly(silent_port: int) -> None:
    result = diagnostics.check_server(f"http://127.0.0.1:{silent_port}", timeout=0.3)
    assert result.status == "timeout"
    assert "did not answer within 0.3 s" in result.message


def test_wrong_address_and_missing_configuration(bare_server: EmbeddedServer) -> None:
    wrong = diagnostics.check_server(bare_server.url + "/somewhere")
    assert wrong.status == "http_error"
    assert "HTTP 404" in wrong.message
    assert diagnostics.check_server(None).status == "not_configured"


def test_plain_http_spoken_to_over_https_is_a_tls_failure(bare_server: EmbeddedServer) -> None:
    result = diagnostics.check_server(bare_server.url.replace("http://", "https://"))
    assert result.status == "tls"
    assert "https://" in result.message


@pytest.fixture
def proxy_ca(tmp_path: Path) -> tuple[Path, Path]:
    """A self-signed certificate, like the CA of a TLS-inspecting corporate proxy."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Corporate Proxy CA")])
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = tmp_path / "proxy-ca.pem", tmp_path / "proxy-key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_file, key_file


class _Health(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = json.dumps({"version": "9.9.9", "protocol_version": 1}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the test output is not a log."""


def test_ca_bundle_makes_a_proxy_certificate_trusted(
    proxy_ca: tuple[Path, Path], config_files: ConfigFiles
) -> None:
    cert_file, key_file = proxy_ca
    server = http.server.HTTPServer(("127.0.0.1", 0), _Health)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_file, key_file)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"https://127.0.0.1:{server.server_address[1]}"
    try:
        untrusted = diagnostics.check_server(url)
        trusted = diagnostics.check_server(
            url, verify=config.load({"ca_bundle": cert_file}).httpx_verify()
        )
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
    assert untrusted.status == "tls"
    assert "set ca_bundle" in untrusted.message
    assert trusted.ok, trusted.message
    assert trusted.server_version == "9.9.9"


def _enrolled_replica(folder: Path, url: str) -> None:
    tokens = FileTokenStore(folder / "device-token")
    replica = open_replica(folder, tokens)
    engine = SyncEngine(replica, url, tokens=tokens, retry=RetryPolicy(attempts=2))

    async def go() -> None:
        await engine.enrol("MAD01", "admin", "admin", device_name="diag")
        await engine.sync_once()
        await engine.aclose()

    asyncio.run(go())
    replica.close()


def test_collect_and_bundle_without_personal_data(
    config_files: ConfigFiles,
    live_server: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data_dir = tmp_path / "tablet"
    _enrolled_replica(data_dir, live_server.url)
    monkeypatch.setenv("CLIENTELING_KEYRING", "file")
    config_files.write_user(f'data_dir = "{data_dir}"\nlog_level = "debug"\n')
    log_folder = tmp_path / "logs"
    root = logging.getLogger()
    saved = list(root.handlers)
    logs.setup_logging("DEBUG", log_folder)
    try:
        logging.getLogger("clienteling.test").info(
            "customer %s wrote from %s", "Lucía Fernández", "lucia@example.es"
        )
    finally:
        for handler in list(root.handlers):
            if handler not in saved:
                root.removeHandler(handler)
                handler.close()
    # A line that slipped past the filter (e.g. written by an older version) is redacted too.
    with (log_folder / logs.LOG_FILENAME).open("a", encoding="utf-8") as fh:
        fh.write("legacy line phone +34 699 111 222\n")

    diag = diagnostics.collect(log_folder=log_folder)
    assert diag.config_error is None
    assert diag.server.ok, diag.server.message
    assert diag.server.url == live_server.url  # from the replica: no server_url configured
    assert diag.keyring.ok and diag.keyring.token_stored
    assert diag.keyring.backend.startswith("file ")
    assert diag.replica.exists and diag.replica.store_code == "MAD01"
    assert diag.replica.encrypted and diag.replica.error is None
    assert diag.replica.last_sync_at and diag.replica.size_bytes > 0
    assert diag.replica.rows["customer"] > 0
    assert diag.replica.pending_edits == 0
    sources = {row["setting"]: row["source"] for row in diag.config}
    assert sources["log_level"].startswith("config file")
    assert diag.healthy
    report = diagnostics.format_report(diag)
    assert "Server: OK" in report and "store MAD01" in report and "encrypted" in report

    bundle = diagnostics.write_bundle(diag, tmp_path / "support.zip", log_folder=log_folder)
    assert bundle == tmp_path / "support.zip"
    with zipfile.ZipFile(bundle) as zf:
        names = set(zf.namelist())
        assert names == {"diagnostics.json", "diagnostics.txt", "logs/clienteling.log"}
        everything = "\n".join(zf.read(n).decode("utf-8") for n in names)
        parsed = json.loads(zf.read("diagnostics.json"))
    assert parsed["version"] == diagnostics.app_version()
    assert parsed["server"]["ok"] is True
    for secret in ("Lucía Fernández", "lucia@example.es", "699 111 222"):
        assert secret not in everything
    assert "customer <name> wrote from <email>" in everything
    assert "legacy line phone <phone>" in everything


def test_bundle_into_a_folder_gets_a_dated_name(config_files: ConfigFiles, tmp_path: Path) -> None:
    diag = diagnostics.collect(log_folder=tmp_path / "no-logs", timeout=0.5)
    assert not diag.replica.exists
    assert not (tmp_path / "data").exists()  # diagnosing never creates a replica
    assert diag.server.status == "not_configured"
    target = tmp_path / "support"
    target.mkdir()
    path = diagnostics.write_bundle(diag, target, log_folder=tmp_path / "no-logs")
    assert path.parent == target and path.name.startswith("clienteling-support-")


def test_invalid_configuration_is_reported_not_raised(
    config_files: ConfigFiles, tmp_path: Path
) -> None:
    config_files.write_user('language = "fr"\n')
    diag = diagnostics.collect(log_folder=tmp_path, timeout=0.5)
    assert diag.config_error is not None and "language" in diag.config_error
    assert not diag.healthy
    assert "ERROR: Invalid configuration" in diagnostics.format_report(diag)


def test_settings_are_documented() -> None:
    for name, info in config.Settings.model_fields.items():
        assert info.description, name
