"""The ``clienteling`` command: the tablet app, plus headless ``sync`` and ``status`` for IT.

``clienteling`` (or ``clienteling --demo``) starts the Qt app when it is installed; ``sync``
enrols a device (or uses the stored token) and brings the local replica up to date with a
progress bar, so IT can pre-load a tablet; ``status`` prints the replica's state, including the
stale-sync lock. Both open the replica encrypted, with the key kept next to the device token.
A ``sync`` told by the server that the tablet was retired or reported lost wipes it, says so
and exits with ``EXIT_WIPED`` (3).
"""

from __future__ import annotations

import asyncio
import enum
import importlib
import platform
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import platformdirs
import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from clienteling import config, deploy
from clienteling.replica import outbox, pins, policy
from clienteling.replica.apply import get_cursor
from clienteling.replica.cipher import ReplicaLocked
from clienteling.replica.schema import ENTITY_ORDER, ReplicaTooNew, table
from clienteling.replica.store import DB_FILENAME, Replica
from clienteling.server_address import insecure_message, is_insecure
from clienteling.sync.client import SyncError
from clienteling.sync.credentials import (
    KeyringUnavailable,
    TokenStore,
    account_for,
    token_store,
)
from clienteling.sync.engine import Progress as SyncProgress
from clienteling.sync.engine import RetryPolicy, SyncEngine
from clienteling.sync.replica_key import discard_replica, open_replica
from clienteling.sync.wipe import WipeIncomplete, wipe_device

APP_NAME = "clienteling"
# ``sync`` exit code when the server had the tablet wiped (0 ok, 1 refused/unreachable, 2 input).
EXIT_WIPED = 3
WIPE_MESSAGES = {
    "device_retired": (
        "A manager retired this tablet. Its queued edits were sent first; then its customer "
        "data, replica key and device token were erased. Enrol it again to use it."
    ),
    "device_lost": (
        "A manager reported this tablet lost. Its customer data (with any edits not yet sent), "
        "replica key and device token were erased. Enrol it again to use it."
    ),
}


class DemoRole(enum.StrEnum):
    manager = "manager"
    associate = "associate"


app = typer.Typer(
    name=APP_NAME,
    help="Clienteling: the store tablet app and its headless sync tools.",
    add_completion=False,
    no_args_is_help=False,
)
console = Console()
err = Console(stderr=True)

DataDir = Annotated[
    Path | None,
    typer.Option("--data-dir", help="Folder of the local replica (default: the user data dir)."),
]


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def _open(
    data_dir: Path | None, *, rebuild_locked: bool = False
) -> tuple[Path, Replica, TokenStore]:
    """The encrypted replica and the secret store holding its key (and the device token)."""
    folder = data_dir or default_data_dir()
    try:
        tokens = token_store(folder)
        try:
            return folder, open_replica(folder, tokens), tokens
        except ReplicaLocked:
            if not rebuild_locked:
                raise
        discard_replica(folder, tokens)
        err.print(
            "[yellow]The unreadable replica was deleted; everything is downloaded again "
            "(edits it held that were not sent are lost).[/yellow]"
        )
        return folder, open_replica(folder, tokens), tokens
    except (ReplicaTooNew, ReplicaLocked, KeyringUnavailable) as exc:
        err.print(f"[red]{escape(str(exc))}[/red]")
        if isinstance(exc, ReplicaLocked):
            err.print("Run `clienteling sync --rebuild-locked ...` to rebuild it from the server.")
        raise typer.Exit(2) from exc


@app.callback(invoke_without_command=True)
def root(
    ctx: typer.Context,
    demo: Annotated[bool, typer.Option("--demo", help="Start the app on demo data.")] = False,
    demo_as: Annotated[
        DemoRole,
        typer.Option(
            "--demo-as", help="Who signs in to the demo: the store manager or an associate."
        ),
    ] = DemoRole.manager,
    data_dir: DataDir = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log to stderr.")] = False,
) -> None:
    """Without a command, start the tablet app."""
    settings = deploy.setup_app_logging(verbose)
    if ctx.invoked_subcommand is not None:
        return
    launcher = _app_launcher()
    if launcher is None:
        console.print(ctx.get_help())
        return
    configured = None if demo or settings is None else settings.data_dir
    language = deploy.app_language(settings)
    raise typer.Exit(
        launcher(
            demo=demo,
            data_dir=data_dir or configured,
            language=language,
            demo_as=demo_as.value,
            lock_after_minutes=settings.lock_after_minutes if settings else None,
        )
    )


def _app_launcher() -> Callable[..., int] | None:
    """The Qt app's entry (``clienteling.ui.app.main``) when that part is installed."""
    try:
        module = importlib.import_module("clienteling.ui.app")
    except ImportError:
        return None
    launcher = getattr(module, "main", None)
    return launcher if callable(launcher) else None


@app.command()
def sync(
    server: Annotated[str, typer.Option("--server", help="Sync server URL, e.g. https://...")],
    store: Annotated[
        str | None, typer.Option("--store", help="Store code to enrol this device in.")
    ] = None,
    username: Annotated[
        str | None, typer.Option("--username", help="Manager who enrols the device.")
    ] = None,
    password: Annotated[str | None, typer.Option("--password", help="Prompted if absent.")] = None,
    device_name: Annotated[
        str, typer.Option("--device-name", help="Name shown in the server's device list.")
    ] = platform.node() or "tablet",
    check: Annotated[
        bool, typer.Option("--check/--no-check", help="Verify checksums after syncing.")
    ] = True,
    attempts: Annotated[
        int, typer.Option("--attempts", min=1, help="Tries per request before giving up.")
    ] = 5,
    rebuild_locked: Annotated[
        bool,
        typer.Option(
            "--rebuild-locked",
            help="If the replica cannot be decrypted (its key is lost), delete it and download "
            "everything again; edits it held that were not sent are lost.",
        ),
    ] = False,
    data_dir: DataDir = None,
) -> None:
    """Enrol (or use the stored device token) and bring the local replica up to date."""
    allow_insecure_http = config.configured_allow_insecure_http()
    if is_insecure(server, allow_insecure_http=allow_insecure_http):
        err.print(f"[red]{insecure_message(server)}[/red]")
        raise typer.Exit(2)
    folder, replica, tokens = _open(data_dir, rebuild_locked=rebuild_locked)
    if store and username and password is None:
        password = typer.prompt("Password", hide_input=True)
    wiped: list[str] = []

    def wipe(code: str) -> None:
        wiped.append(code)
        try:
            wipe_device(folder, tokens, server, replica=replica)
        except WipeIncomplete as exc:
            err.print(f"[red]{escape(str(exc))}[/red]")

    engine = SyncEngine(
        replica,
        server,
        tokens=tokens,
        retry=RetryPolicy(attempts=attempts),
        on_wipe=wipe,
        allow_insecure_http=allow_insecure_http,
    )
    code = asyncio.run(_sync(engine, store, username, password, device_name, check))
    if wiped:
        err.print(f"[red]{WIPE_MESSAGES.get(wiped[0], WIPE_MESSAGES['device_retired'])}[/red]")
        raise typer.Exit(EXIT_WIPED)
    replica.close()
    raise typer.Exit(code)


async def _sync(
    engine: SyncEngine,
    store: str | None,
    username: str | None,
    password: str | None,
    device_name: str,
    check: bool,
) -> int:
    replica = engine.replica
    try:
        if store and username:
            result = await engine.enrol(store, username, password or "", device_name=device_name)
            console.print(f"Enrolled as device {result.device_id} of store {result.store_code}.")
        elif not engine.enrolled:
            err.print(
                "[red]No device token is stored for this server.[/red] Run once with "
                "--store CODE --username MANAGER to enrol this device."
            )
            return 2
        elif replica.get_meta("server_url") is None and engine.api.token:
            # A rebuilt replica: the device is still enrolled, its records come from the server.
            await deploy.adopt_token(engine, engine.api.token, None)
        with Progress(
            SpinnerColumn(),
            TextColumn("[bold]Syncing[/bold]"),
            BarColumn(),
            TextColumn("{task.fields[rows]} rows · {task.fields[pages]} pages"),
            TextColumn("cursor {task.fields[cursor]}"),
            TimeElapsedColumn(),
            console=console,
        ) as bar:
            task = bar.add_task("sync", total=None, rows=0, pages=0, cursor=engine.state.cursor)

            def update(p: SyncProgress) -> None:
                bar.update(task, rows=p.rows, pages=p.pages, cursor=p.cursor)
                if p.done:
                    bar.update(task, total=1, completed=1)

            report = await engine.sync_once(progress=update)
        console.print(
            f"Sent {report.pushed} edits ({report.rejected} refused), received "
            f"{report.pulled_rows} changes; cursor {report.cursor}."
        )
        for rejected in outbox.rejected(replica.read(), unseen_only=True):
            console.print(f"[yellow]Refused edit[/yellow] {rejected.kind}: {rejected.reason}")
        if check:
            integrity = await engine.check_integrity(repair=True)
            if integrity.repaired:
                console.print(f"Repaired: {', '.join(integrity.mismatched)}.")
            console.print("Integrity check: " + ("OK" if integrity.ok else "[red]FAILED[/red]"))
            if not integrity.ok:
                return 1
        return 0
    except SyncError as exc:
        if engine.wiped:
            return EXIT_WIPED
        err.print(f"[red]Sync failed:[/red] {exc.message}")
        return 1
    finally:
        await engine.aclose()


@app.command()
def status(data_dir: DataDir = None) -> None:
    """Print the local replica's state: server, store, cursor, pending edits, row counts."""
    folder, replica, tokens = _open(data_dir)
    conn = replica.read()
    server = replica.get_meta("server_url")
    info = Table(show_header=False, box=None)
    info.add_column(no_wrap=True)  # labels stay whole; long values fold instead of being cut
    info.add_column(overflow="fold")
    info.add_row("Data folder", str(folder))
    info.add_row("Replica file", str(folder / DB_FILENAME))
    info.add_row("Encryption", f"SQLCipher, key in {tokens.description}")
    info.add_row("Schema version", str(conn.execute("PRAGMA user_version").fetchone()[0]))
    info.add_row("Server", server or "(not enrolled)")
    info.add_row("Store", replica.get_meta("store_code") or "-")
    info.add_row("Device", replica.get_meta("device_id") or "-")
    info.add_row("Cursor", str(get_cursor(conn)))
    info.add_row("Last sync", replica.get_meta("last_sync_at") or "never")
    rules = policy.load(conn)
    now = policy.now(conn)
    stale = policy.staleness(conn, now)
    if stale.locked:
        info.add_row(
            "Stale-sync lock",
            f"[red]LOCKED[/red]: no successful sync for {stale.days_without_sync} days (the "
            f"limit is {stale.limit_days}). Connect to the store's network and sync to unlock.",
        )
    else:
        info.add_row(
            "Stale-sync lock", f"not locked (locks after {stale.limit_days} days without a sync)"
        )
    can_pin = len(pins.roster(conn, now, rules.offline_signin_days))
    info.add_row(
        "Offline sign-in",
        f"PIN, up to {rules.offline_signin_days} days after an online sign-in here; "
        f"{can_pin} assistant(s) can sign in with a PIN now",
    )
    info.add_row("Pending edits", str(outbox.count(conn)))
    info.add_row("Refused edits", str(len(outbox.rejected(conn))))
    try:
        has_token = bool(server and tokens.get(account_for(server)))
        info.add_row(
            "Device token", f"{'stored' if has_token else 'missing'} ({tokens.description})"
        )
    except KeyringUnavailable as exc:
        info.add_row("Device token", f"unavailable: {exc}")
    console.print(info)
    counts = Table("Entity", "Rows", "Pending")
    for entity in ENTITY_ORDER:
        total, pending = conn.execute(
            f"SELECT count(*), count(local) FROM {table(entity)}"  # noqa: S608 - table name from schema.table()
        ).fetchone()
        counts.add_row(entity, str(total), str(pending))
    console.print(counts)
    replica.close()


deploy.register(app)


def main() -> None:
    app()
