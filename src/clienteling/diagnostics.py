"""What support needs to know about a tablet, and a support bundle to send them.

``collect()`` answers the questions IT asks first: which version, configured from where, can it
reach the server (and if not, why, in plain words), where does the device token live, how big is
the replica and when did it last sync. ``write_bundle()`` zips that with the log files, redacted
again on the way out; the replica database and the staff sign-in cache are never included.
No Qt here: ``clienteling diagnose`` and the About dialog share it.
"""

from __future__ import annotations

import json
import platform
import subprocess
import sys
import time
import zipfile
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, Literal

import httpx

from clienteling import config, logs, qt_platform
from clienteling.protocol import API_PREFIX, PROTOCOL_VERSION
from clienteling.server_address import insecure_message, is_insecure

HEALTH_TIMEOUT = 3.0
ReachStatus = Literal[
    "ok",
    "not_configured",
    "insecure",
    "unreachable",
    "timeout",
    "tls",
    "http_error",
    "not_clienteling",
]


def app_version() -> str:
    """The one version number: the installed package's metadata (also in a frozen build)."""
    try:
        return version("clienteling")
    except PackageNotFoundError:
        return "0.0.0+unknown"


def _home_relative(path: Path | str) -> str:
    """Paths without the user's name in them."""
    text = str(path)
    home = str(Path.home())
    return "~" + text[len(home) :] if home and text.startswith(home) else text


@dataclass
class Reachability:
    status: ReachStatus
    url: str | None
    message: str
    latency_ms: int | None = None
    server_version: str | None = None
    server_protocol: int | None = None

    @property
    def ok(self) -> bool:
        return self.status == "ok"


def check_server(
    server_url: str | None,
    *,
    verify: Any = True,
    timeout: float = HEALTH_TIMEOUT,
    allow_insecure_http: bool = False,
) -> Reachability:
    """GET the server's health endpoint and explain the outcome in words IT can act on."""
    if not server_url:
        return Reachability(
            "not_configured",
            None,
            "No sync server is configured: set server_url or enrol this tablet.",
        )
    if is_insecure(server_url, allow_insecure_http=allow_insecure_http):
        # Not even a health check: the app would refuse to sync with it anyway.
        return Reachability("insecure", server_url, insecure_message(server_url))
    url = server_url.rstrip("/") + API_PREFIX + "/health"
    started = time.perf_counter()
    try:
        with httpx.Client(timeout=timeout, verify=verify) as http:
            response = http.get(url)
    except httpx.TimeoutException:
        return Reachability(
            "timeout",
            server_url,
            f"The server at {server_url} did not answer within {timeout:g} s: it may be down, "
            "or a firewall may be dropping the connection.",
        )
    except httpx.ConnectError as exc:
        text = str(exc).upper()
        if "CERTIFICATE" in text:
            return Reachability(
                "tls",
                server_url,
                f"The server at {server_url} answered, but its TLS certificate is not trusted "
                f"({exc}). Behind a corporate proxy that inspects HTTPS, set ca_bundle to the "
                "proxy's CA certificate file.",
            )
        if "SSL" in text:
            return Reachability(
                "tls",
                server_url,
                f"The secure connection to {server_url} failed ({exc}). Check that the address "
                "uses the right scheme (https://) and port, and the proxy settings.",
            )
        return Reachability(
            "unreachable",
            server_url,
            f"Nothing answers at {server_url} ({exc}). Check the address, the network "
            "connection and the firewall.",
        )
    except httpx.HTTPError as exc:
        return Reachability(
            "unreachable", server_url, f"Cannot reach {server_url}: {type(exc).__name__}: {exc}"
        )
    latency = round((time.perf_counter() - started) * 1000)
    if response.status_code != 200:
        return Reachability(
            "http_error",
            server_url,
            f"The server at {server_url} answered with HTTP {response.status_code}: is this "
            "the Clienteling sync server's address?",
            latency,
        )
    try:
        body = response.json()
        server_version, protocol = str(body["version"]), int(body["protocol_version"])
    except (ValueError, KeyError, TypeError):
        return Reachability(
            "not_clienteling",
            server_url,
            f"Something answers at {server_url}, but it is not a Clienteling sync server.",
            latency,
        )
    note = "" if protocol == PROTOCOL_VERSION else " The app and server protocols differ."
    return Reachability(
        "ok",
        server_url,
        f"The server answers in {latency} ms (version {server_version}).{note}",
        latency,
        server_version,
        protocol,
    )


@dataclass
class ReplicaInfo:
    exists: bool
    path: str
    encrypted: bool | None = None
    size_bytes: int = 0
    schema_version: int | None = None
    server_url: str | None = None
    store_code: str | None = None
    device_id: str | None = None
    cursor: str | None = None
    last_sync_at: str | None = None
    pending_edits: int | None = None
    refused_edits: int | None = None
    rows: dict[str, int] = field(default_factory=dict)
    error: str | None = None


def replica_info(data_dir: Path) -> ReplicaInfo:
    """The replica's size and sync state, read with the replica's own functions (no writes
    when there is no replica yet: diagnosing must not create one, nor a key, nor encrypt an
    old plain replica: the app does that at its next start)."""
    from clienteling.replica import cipher, outbox
    from clienteling.replica.apply import get_cursor
    from clienteling.replica.schema import ENTITY_ORDER, table
    from clienteling.replica.store import DB_FILENAME, Replica
    from clienteling.sync.credentials import token_store
    from clienteling.sync.replica_key import stored_key

    path = data_dir / DB_FILENAME
    info = ReplicaInfo(exists=path.is_file(), path=_home_relative(path))
    if not info.exists:
        return info
    info.size_bytes = sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.is_file())
    info.encrypted = cipher.file_state(path) == "encrypted"
    try:
        key = stored_key(token_store(data_dir), path) if info.encrypted else None
        if info.encrypted and key is None:
            info.error = (
                "the replica is encrypted and its key is missing from this tablet's keyring"
            )
            return info
        replica = Replica(path, key=key)
    except Exception as exc:
        info.error = f"{type(exc).__name__}: {exc}"
        return info
    try:
        conn = replica.read()
        info.schema_version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        info.server_url = replica.get_meta("server_url")
        info.store_code = replica.get_meta("store_code")
        info.device_id = replica.get_meta("device_id")
        info.last_sync_at = replica.get_meta("last_sync_at")
        info.cursor = get_cursor(conn)
        info.pending_edits = outbox.count(conn)
        info.refused_edits = len(outbox.rejected(conn))
        info.rows = {
            entity: int(conn.execute(f"SELECT count(*) FROM {table(entity)}").fetchone()[0])  # noqa: S608 - table name from schema.table()
            for entity in ENTITY_ORDER
        }
    except Exception as exc:
        info.error = f"{type(exc).__name__}: {exc}"
    finally:
        replica.close()
    return info


@dataclass
class KeyringInfo:
    backend: str
    ok: bool
    token_stored: bool | None = None
    message: str = ""


def keyring_info(data_dir: Path, server_url: str | None) -> KeyringInfo:
    """The token store the app would use, chosen exactly as ``sync.credentials`` chooses it."""
    from clienteling.sync.credentials import KeyringUnavailable, account_for, token_store

    try:
        store = token_store(data_dir)
    except KeyringUnavailable as exc:
        return KeyringInfo("none", False, None, str(exc))
    try:
        stored = bool(server_url and store.get(account_for(server_url)))
    except KeyringUnavailable as exc:
        return KeyringInfo(_home_relative(store.description), False, None, str(exc))
    return KeyringInfo(_home_relative(store.description), True, stored)


@dataclass
class DisplayInfo:
    """The Qt platform plugin that would draw the window, and the libraries it lacks."""

    plugin: str
    reason: str
    missing: list[str]
    install: str | None  # the apt line that fixes it


def display_info() -> DisplayInfo:
    try:
        found = qt_platform.check()
    except (ImportError, OSError, subprocess.SubprocessError) as exc:
        return DisplayInfo("unknown", f"could not be checked: {exc}", [], None)
    install = (
        "sudo apt install "
        + " ".join(sorted({qt_platform.debian_package(s) for s in found.missing}))
        if found.missing
        else None
    )
    return DisplayInfo(found.plugin, found.reason, found.missing, install)


@dataclass
class Diagnostics:
    version: str
    generated_at: str
    python: str
    platform: str
    frozen: bool
    config: list[dict[str, str]]
    config_files: list[str]
    config_warnings: list[str]
    config_error: str | None
    server: Reachability
    keyring: KeyringInfo
    replica: ReplicaInfo
    log_dir: str
    log_files: list[str]
    display: DisplayInfo

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["server"]["ok"] = self.server.ok
        return data

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False)

    @property
    def healthy(self) -> bool:
        return (
            self.config_error is None
            and self.server.ok
            and self.keyring.ok
            and self.replica.error is None
            and not self.display.missing
        )


def collect(
    loaded: config.LoadedConfig | None = None,
    *,
    log_folder: Path | None = None,
    timeout: float = HEALTH_TIMEOUT,
    server_url: str | None = None,
    config_error: str | None = None,
) -> Diagnostics:
    """Gather everything; never raises for a problem it is meant to report.

    ``server_url`` is a server to check instead of the configured one; ``config_error`` the
    reason the caller's configuration was refused (reported as is, not loaded again).
    """
    error = config_error
    if loaded is None and error is None:
        try:
            loaded = config.load()
        except config.ConfigError as exc:
            error = str(exc)
    settings = loaded.settings if loaded else None
    data_dir = settings.data_dir if settings else config.default_data_dir()
    replica = replica_info(data_dir)
    server_url = server_url or (settings.server_url if settings else None) or replica.server_url
    verify = loaded.httpx_verify() if loaded else True
    folder = log_folder or logs.log_dir()
    return Diagnostics(
        version=app_version(),
        generated_at=datetime.now(UTC).isoformat(timespec="seconds"),
        python=platform.python_version(),
        platform=platform.platform(),
        frozen=bool(getattr(sys, "frozen", False)),
        config=[{**row, "value": _home_relative(row["value"])} for row in loaded.describe()]
        if loaded
        else [],
        config_files=[_home_relative(p) for p in loaded.files] if loaded else [],
        config_warnings=[f"unknown setting {k}" for k in loaded.unknown_keys] if loaded else [],
        config_error=error,
        server=check_server(
            server_url,
            verify=verify,
            timeout=timeout,
            allow_insecure_http=bool(settings and settings.allow_insecure_http),
        ),
        keyring=keyring_info(data_dir, server_url),
        replica=replica,
        log_dir=_home_relative(folder),
        log_files=[p.name for p in logs.log_files(folder)] if folder.is_dir() else [],
        display=display_info(),
    )


def format_report(diag: Diagnostics) -> str:
    """Plain text for the terminal and the About dialog."""
    r = diag.replica
    lines = [
        f"Clienteling {diag.version} (Python {diag.python}, {diag.platform}"
        + (", packaged build)" if diag.frozen else ")"),
        "",
        "Configuration:",
    ]
    lines += [
        f"  {row['setting']:<22} {row['value'] or '-':<40} {row['source']}" for row in diag.config
    ]
    if diag.config_error:
        lines.append(f"  ERROR: {diag.config_error}")
    lines += [f"  warning: {w}" for w in diag.config_warnings]
    lines += [
        "",
        f"Server: {'OK' if diag.server.ok else 'PROBLEM'} — {diag.server.message}",
        f"Device token store: {diag.keyring.backend}"
        + ("" if diag.keyring.ok else f" — {diag.keyring.message}")
        + (
            ""
            if diag.keyring.token_stored is None
            else f" (token {'stored' if diag.keyring.token_stored else 'missing'})"
        ),
    ]
    if r.exists:
        encryption = "encrypted" if r.encrypted else "NOT encrypted (done at the next start)"
        lines += [
            f"Replica: {r.path}, {r.size_bytes / 1e6:.1f} MB, {encryption}, "
            f"store {r.store_code or '-'}, "
            f"last sync {r.last_sync_at or 'never'}, {r.pending_edits} edits waiting to be sent"
            + (f", {r.refused_edits} refused" if r.refused_edits else ""),
        ]
        if r.error:
            lines.append(f"  replica problem: {r.error}")
    else:
        lines.append(f"Replica: none yet at {r.path} (enrol and sync this tablet first)")
    shown = diag.display
    lines.append(
        f"Display: Qt platform {shown.plugin} ({shown.reason})"
        + (
            f" — PROBLEM: missing {', '.join(shown.missing)}; {shown.install}"
            if shown.missing
            else ""
        )
    )
    lines.append(f"Logs: {diag.log_dir} ({len(diag.log_files)} files)")
    return "\n".join(lines)


def write_bundle(diag: Diagnostics, destination: Path, *, log_folder: Path | None = None) -> Path:
    """Zip the diagnostics and the (re-redacted) logs for support; returns the zip's path."""
    folder = log_folder or logs.log_dir()
    if destination.is_dir():
        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
        destination = destination / f"clienteling-support-{stamp}.zip"
    destination.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(destination, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        bundle.writestr("diagnostics.json", diag.to_json())
        bundle.writestr("diagnostics.txt", format_report(diag))
        for path in logs.log_files(folder) if folder.is_dir() else []:
            text = path.read_text(encoding="utf-8", errors="replace")
            bundle.writestr(f"logs/{path.name}", logs.redact_text(text))
    return destination
