"""``sync-server``: serve, migrate, create the first admin, seed demo data, import POS sales,
compact, analytics."""

from __future__ import annotations

import enum
import logging
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

from sync_server.analytics.cli import analytics_app
from sync_server.cli_options import DatabaseOpt, open_database, settings_for
from sync_server.outreach.cli import outreach_app
from sync_server.settings import Settings


class Environment(enum.StrEnum):
    development = "development"
    production = "production"


app = typer.Typer(help="Clienteling sync server.", no_args_is_help=True, add_completion=False)
console = Console()


@app.command()
def serve(
    database_url: DatabaseOpt = None,
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8800,
    log_level: Annotated[str, typer.Option(help="debug, info, warning, error")] = "info",
    environment: Annotated[
        Environment | None,
        typer.Option(
            envvar="SYNC_SERVER_ENVIRONMENT",
            help="production turns off the interactive API docs (/docs, /redoc) and the "
            "/openapi.json schema; development (the default) serves them.",
            show_default="development",
        ),
    ] = None,
) -> None:
    """Run the HTTP API (migrates the database first).

    Other settings come from SYNC_SERVER_* variables (see the README): request size limits
    (SYNC_SERVER_MAX_BODY_BYTES, _MAX_BULK_BODY_BYTES, _MAX_UPLOAD_BYTES), sessions, SMTP.
    """
    import uvicorn

    from sync_server.access_log import uvicorn_config
    from sync_server.app import create_app
    from sync_server.db import read_session
    from sync_server.domain.accounts import active_admins

    logging.basicConfig(level=log_level.upper())
    settings = settings_for(database_url, environment=environment.value if environment else None)
    api = create_app(settings)
    with read_session(api.state.engine) as session:
        if not active_admins(session):
            console.print(
                "[yellow]This server has no active admin yet, so nobody can sign in.[/yellow] "
                "Create the first one with:\n  sync-server create-admin --username NAME"
            )
    try:
        uvicorn.Server(uvicorn_config(api, host=host, port=port, log_level=log_level)).run()
    finally:
        api.state.engine.dispose()


@app.command()
def migrate(database_url: DatabaseOpt = None) -> None:
    """Bring the database schema up to date."""
    open_database(database_url).dispose()
    console.print("[green]Schema is up to date.[/green]")


def _read_password(password_file: Path | None) -> str:
    """From a file, from standard input (``-``), or a hidden prompt asked twice."""
    import sys

    if password_file is None:
        password: str = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
        return password
    text = sys.stdin.read() if str(password_file) == "-" else password_file.read_text("utf-8")
    return text.rstrip("\r\n")


@app.command(name="create-admin")
def create_admin(
    username: Annotated[str, typer.Option(help="User name of the new admin.")],
    password_file: Annotated[
        Path | None,
        typer.Option(
            help="Read the password from this file ('-' for standard input) instead of asking.",
            dir_okay=False,
            allow_dash=True,
        ),
    ] = None,
    display_name: Annotated[str, typer.Option(help="Name shown in the app.")] = "",
    database_url: DatabaseOpt = None,
) -> None:
    """Create an admin account (the way to bootstrap a new server: it has no default one)."""
    from sync_server.db import write_session
    from sync_server.domain.accounts import create_admin as make_admin
    from sync_server.errors import DomainError

    try:
        password = _read_password(password_file)
    except OSError as exc:
        console.print(f"[red]Cannot read the password file: {exc.strerror or exc}[/red]")
        raise typer.Exit(1) from None
    engine = open_database(database_url)
    try:
        with write_session(engine) as session:
            staff = make_admin(session, username, password, display_name)
    except DomainError as exc:
        console.print(f"[red]{exc.message}[/red]")
        raise typer.Exit(1) from None
    finally:
        engine.dispose()
    console.print(f"[green]Admin '{staff.username}' created.[/green] Sign in with that name.")


@app.command(name="seed")
def seed_cmd(
    database_url: DatabaseOpt = None,
    customers: Annotated[int, typer.Option(min=1, max=2_000_000)] = 500,
    seed: Annotated[int, typer.Option(help="Random seed: same seed, same data.")] = 42,
    orders_per_customer: Annotated[float, typer.Option(min=0.5, max=100)] = 4.0,
    events_per_customer: Annotated[float, typer.Option(min=0, max=200)] = 6.0,
) -> None:
    """Generate a deterministic demo retailer (stores, staff, catalogue, customers)."""
    from sync_server.seed import seed as run_seed

    engine = open_database(database_url)
    with Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
    ) as progress:
        task = progress.add_task("Customers", total=customers)
        try:
            report = run_seed(
                engine,
                customers,
                seed_value=seed,
                orders_per_customer=orders_per_customer,
                events_per_customer=events_per_customer,
                progress=lambda done, _total: progress.update(task, completed=done),
            )
        except RuntimeError as exc:
            console.print(f"[red]{exc}[/red]")
            raise typer.Exit(1) from None
    console.print(
        f"Seeded {report.customers:,} customers, {report.rows:,} rows in {report.seconds:.1f} s"
    )


@app.command(name="import-pos")
def import_pos(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True)],
    database_url: DatabaseOpt = None,
) -> None:
    """Import store POS sales from a CSV file (UTF-8): all rows or none.

    Failures are reported as the HTTP import reports them (line, column, reason) on stderr,
    with exit code 1; times without offset are read in each store's time zone.
    """
    from sqlalchemy.exc import SQLAlchemyError

    from sync_server.db import write_session
    from sync_server.errors import DomainError
    from sync_server.ingest.pos_csv import decode_csv, import_pos_csv

    errors = Console(stderr=True, soft_wrap=True, highlight=False)
    try:
        raw = file.read_bytes()
        engine = open_database(database_url)
        with write_session(engine) as session:
            report = import_pos_csv(session, decode_csv(raw))
    except DomainError as exc:
        errors.print(exc.message, style="red", markup=False)
        for row in exc.detail if isinstance(exc.detail, list) else []:
            where = f"line {row.get('line', '?')}"
            if row.get("field") and row["field"] != "file":
                where += f", column {row['field']}"
            errors.print(f"  {where}: {row.get('reason', '')}", markup=False)
        raise typer.Exit(1) from None
    except OSError as exc:
        errors.print(f"{file}: cannot be read ({exc.strerror})", style="red", markup=False)
        raise typer.Exit(1) from None
    except SQLAlchemyError as exc:
        reason = str(exc).splitlines()[0]
        errors.print(f"database: {reason}; nothing was imported", style="red", markup=False)
        raise typer.Exit(1) from None
    zones = ", ".join(f"{code} {zone}" for code, zone in report.time_zones.items())
    console.print(
        f"{report.rows} rows: {report.orders_created} orders, {report.returns_created} returns, "
        f"{report.duplicates} already imported; times without offset read in: {zones or '-'}",
        markup=False,
    )


@app.command()
def compact(
    older_than_days: Annotated[
        int, typer.Option(min=0, help="Drop tombstones older than this many days.")
    ] = 90,
    database_url: DatabaseOpt = None,
) -> None:
    """Drop old tombstones and expired look-ups; tablets behind a horizon rebuild their copy."""
    from datetime import timedelta

    from clienteling.protocol.types import utcnow
    from sync_server.db import write_session
    from sync_server.domain.lookups import expire
    from sync_server.settings import get_settings
    from sync_server.sync.pull import compact_tombstones

    engine = open_database(database_url)
    with write_session(engine) as session:
        expired = expire(session, get_settings().lookup_scope_days)
    with write_session(engine) as session:
        removed = compact_tombstones(session, utcnow() - timedelta(days=older_than_days))
    console.print(f"Removed {removed} tombstones; {expired} look-ups expired.")


@app.command()
def demo(
    port: Annotated[int, typer.Option(help="TCP port.")] = 8800,
    customers: Annotated[int, typer.Option(min=10, max=100_000)] = 400,
    data_dir: Annotated[Path | None, typer.Option(help="Where to keep the demo database.")] = None,
) -> None:
    """Seed a throw-away SQLite demo database and serve it on localhost."""
    import tempfile

    import uvicorn

    from sync_server.analytics.batch import run_analytics
    from sync_server.app import create_app
    from sync_server.seed import iter_demo_credentials
    from sync_server.seed import seed as run_seed

    folder = data_dir or Path(tempfile.mkdtemp(prefix="clienteling-demo-"))
    url = f"sqlite:///{folder / 'demo.db'}"
    engine = open_database(url)
    report = run_seed(engine, customers)
    run_analytics(engine)
    console.print(f"Demo data: {report.customers} customers in {folder}")
    for username, password, role in iter_demo_credentials():
        console.print(f"  {role:9} {username} / {password}")
    from sync_server.access_log import uvicorn_config

    app = create_app(Settings(database_url=url), engine=engine)
    uvicorn.Server(uvicorn_config(app, host="127.0.0.1", port=port)).run()


app.add_typer(analytics_app, name="analytics")
app.add_typer(outreach_app, name="outreach")


def main() -> None:
    app()
