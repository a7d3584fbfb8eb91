"""IT's commands for mass deployment: silent ``enrol`` and ``diagnose``.

Registered on the ``clienteling`` typer app by ``register(app)``, next to ``sync`` and
``status``. Enrolment reuses the sync engine (``SyncEngine.enrol`` for a manager's credentials);
a device token issued beforehand (``--token-file``) is checked against the server's handshake
before it is stored, so a token for the wrong store or server fails at deployment time, not on the
shop floor. Secrets come from files (or ``-`` for stdin), never from the command line, where
every user of the machine can read them in the process list.
"""

from __future__ import annotations

import asyncio
import logging
import platform
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from clienteling import config, diagnostics, logs
from clienteling.replica.apply import wipe_server_rows
from clienteling.replica.cipher import ReplicaLocked
from clienteling.replica.schema import ReplicaTooNew
from clienteling.replica.store import set_meta
from clienteling.sync.client import ApiClient, SyncError
from clienteling.sync.credentials import KeyringUnavailable, account_for, token_store
from clienteling.sync.engine import RetryPolicy, SyncEngine
from clienteling.sync.replica_key import open_replica

console = Console()
err = Console(stderr=True)
log = logging.getLogger(__name__)


def setup_app_logging(
    verbose: bool = False, cli: dict[str, object] | None = None
) -> config.Settings | None:
    """Rotating, redacted log file at the configured level (plus stderr with ``--verbose``),
    and the configured CA bundle for every HTTPS client; returns the settings (None if invalid:
    the caller carries on with defaults and ``diagnose`` explains the error)."""
    try:
        settings: config.Settings | None = config.load(cli).settings
    except config.ConfigError as exc:
        settings = None
        problem = str(exc)
    level = "DEBUG" if verbose else settings.log_level if settings else "INFO"
    try:
        logs.setup_logging(level, stderr=verbose)
    except OSError as exc:  # a locked-down profile: keep going, log to stderr only
        logging.basicConfig(level=level)
        log.warning("cannot write the log file: %s", exc)
    logs.log_uncaught()
    if settings is None:
        log.warning("%s", problem)
    else:
        config.export_ca_bundle(settings)
    return settings


def app_language(settings: config.Settings | None) -> str | None:
    """The configured interface language, or None to let the app follow the system."""
    if settings is None or settings.language == "system":
        return None
    return settings.language


def _read_secret(path: Path) -> str:
    text = sys.stdin.read() if str(path) == "-" else path.read_text(encoding="utf-8")
    secret = text.strip()
    if not secret:
        raise typer.BadParameter(f"{path} is empty")
    return secret


def _load(cli: dict[str, object]) -> config.Settings:
    try:
        return config.load(cli).settings
    except config.ConfigError as exc:
        err.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from exc


async def adopt_token(engine: SyncEngine, token: str, store_code: str | None) -> str:
    """Store a pre-issued device token after the server confirmed whose it is.

    Mirrors what ``SyncEngine.enrol`` records (server, device, store; a different store's
    rows are dropped, unsent edits kept). Returns the store code.
    """
    async with ApiClient(
        engine.server_url,
        token=token,
        timeout=15.0,
        allow_insecure_http=engine.api.allow_insecure_http,
    ) as api:
        hello = await api.handshake()
    if hello.device_id is None or hello.store_id is None:
        raise SyncError("The server did not recognise this device token.")
    if store_code and (hello.store_code or "").upper() != store_code.upper():
        raise SyncError(
            f"This device token belongs to store {hello.store_code}, not {store_code.upper()}."
        )
    engine.api.token = token
    if engine.tokens is not None:
        engine.tokens.set(account_for(engine.server_url), token)
    with engine.replica.write() as conn:
        previous = conn.execute("SELECT value FROM meta WHERE key = 'store_id'").fetchone()
        if previous is not None and previous[0] != hello.store_id:
            wipe_server_rows(conn)
        set_meta(conn, "server_url", engine.server_url)
        set_meta(conn, "device_id", hello.device_id)
        set_meta(conn, "store_id", hello.store_id)
        set_meta(conn, "store_code", hello.store_code)
    return hello.store_code or ""


def enrol(
    server: Annotated[
        str | None, typer.Option("--server", help="Sync server URL (default: configured).")
    ] = None,
    store: Annotated[
        str | None, typer.Option("--store", help="Store code (default: configured).")
    ] = None,
    token_file: Annotated[
        Path | None,
        typer.Option("--token-file", help="File holding a device token issued beforehand."),
    ] = None,
    username: Annotated[
        str | None, typer.Option("--username", help="Manager who enrols the device.")
    ] = None,
    password_file: Annotated[
        Path | None,
        typer.Option("--password-file", help="File with the manager's password ('-' = stdin)."),
    ] = None,
    device_name: Annotated[
        str, typer.Option("--device-name", help="Name shown in the server's device list.")
    ] = platform.node() or "tablet",
    initial_sync: Annotated[
        bool, typer.Option("--sync/--no-sync", help="Download the store's data now.")
    ] = True,
    data_dir: Annotated[
        Path | None, typer.Option("--data-dir", help="Folder of the local replica.")
    ] = None,
) -> None:
    """Enrol this device without prompts (mass deployment); exit code 0 on success."""
    settings = _load({"server_url": server, "store_code": store, "data_dir": data_dir})
    if settings.server_url is None:
        raise typer.BadParameter("give --server or configure server_url", param_hint="--server")
    if (token_file is None) == (username is None):
        raise typer.BadParameter("give either --token-file or --username with --password-file")
    if username is not None and (password_file is None or settings.store_code is None):
        raise typer.BadParameter("--username needs --password-file and --store")
    secret = _read_secret(token_file or password_file or Path("-"))
    try:
        tokens = token_store(settings.data_dir)
        replica = open_replica(settings.data_dir, tokens)
    except (ReplicaTooNew, ReplicaLocked, KeyringUnavailable) as exc:
        err.print(f"[red]{escape(str(exc))}[/red]")
        raise typer.Exit(2) from exc
    engine = SyncEngine(
        replica,
        settings.server_url,
        tokens=tokens,
        retry=RetryPolicy(attempts=3),
        allow_insecure_http=settings.allow_insecure_http,
    )
    code = asyncio.run(
        _enrol(engine, settings.store_code, username, secret, token_file, device_name, initial_sync)
    )
    replica.close()
    raise typer.Exit(code)


async def _enrol(
    engine: SyncEngine,
    store: str | None,
    username: str | None,
    secret: str,
    token_file: Path | None,
    device_name: str,
    initial_sync: bool,
) -> int:
    try:
        if token_file is not None:
            code = await adopt_token(engine, secret, store)
        else:
            if store is None or username is None:
                raise SyncError("Enrolling with a manager needs --store and --username.")
            code = (await engine.enrol(store, username, secret, device_name=device_name)).store_code
        console.print(f"Enrolled for store {code} at {engine.server_url}.")
        log.info("device enrolled for store %s at %s", code, engine.server_url)
        if initial_sync:
            report = await engine.sync_once()
            console.print(f"Initial sync: {report.pulled_rows} changes, cursor {report.cursor}.")
        return 0
    except SyncError as exc:
        err.print(f"[red]Enrolment failed:[/red] {exc.message}")
        log.warning("enrolment failed: %s", exc.message)
        return 1
    except KeyringUnavailable as exc:
        err.print(f"[red]{exc}[/red]")
        return 2
    finally:
        await engine.aclose()


def diagnose(
    bundle: Annotated[
        Path | None,
        typer.Option("--bundle", help="Also write a support bundle (zip) to this file/folder."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")] = False,
    server: Annotated[
        str | None, typer.Option("--server", help="Check this server instead.")
    ] = None,
    data_dir: Annotated[
        Path | None, typer.Option("--data-dir", help="Folder of the local replica.")
    ] = None,
    timeout: Annotated[float, typer.Option("--timeout", help="Server check timeout (s).")] = 3.0,
) -> None:
    """Show version, configuration sources, server reachability, keyring and replica state.

    Exit code 0 when everything is healthy, 1 otherwise (scriptable by IT).
    """
    problem: str | None = None
    try:
        loaded: config.LoadedConfig | None = config.load(
            {"server_url": server, "data_dir": data_dir}
        )
    except config.ConfigError as exc:
        loaded, problem = None, str(exc)
    diag = diagnostics.collect(loaded, timeout=timeout, server_url=server, config_error=problem)
    if as_json:
        print(diag.to_json())
    else:
        console.print(
            diagnostics.format_report(diag), markup=False, highlight=False, soft_wrap=True
        )
    if bundle is not None:
        path = diagnostics.write_bundle(diag, bundle)
        (err if as_json else console).print(f"Support bundle written to {path}")
    raise typer.Exit(0 if diag.healthy else 1)


def register(app: typer.Typer) -> None:
    """Add ``enrol`` and ``diagnose`` to the ``clienteling`` command."""
    app.command("enrol")(enrol)
    app.command("diagnose")(diagnose)
