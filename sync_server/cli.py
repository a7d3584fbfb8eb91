"""``sync-server``: serve, migrate, seed demo data, import POS sales, compact, analytics."""

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

    logging.basicConfig(level=log_level.upper())
    settings = settings_for(database_url, environment=environment.value if environment else None)
    config = uvicorn_config(create_app(settings), host=host, port=port, log_level=log_level)
    uvicorn.Server(config).run()


@app.command()
def migrate(database_url: DatabaseOpt = None) -> None:
    """Bring the database schema up to date."""
    open_database(database_url)
    console.print("[green]Schema is up to date.[/green]")


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
    """Import store POS sales from a CSV file: all rows or none."""
    from sync_server.db import write_session
    from sync_server.errors import DomainError
    from sync_server.ingest.pos_csv import import_pos_csv

    engine = open_database(database_url)
    try:
        with write_session(engine) as session:
            report = import_pos_csv(session, file.read_text(encoding="utf-8-sig"))
    except DomainError as exc:
        console.print(f"[red]{exc.message}[/red]")
        for row in exc.detail or []:
            console.print(f"  line {row['line']}: {row['field']}: {row['reason']}")
        raise typer.Exit(1) from None
    console.print(
        f"{report.rows} rows: {report.orders_created} orders, {report.returns_created} returns, "
        f"{report.duplicates} already imported"
    )


@app.command()
def compact(
    before_version: Annotated[int, typer.Option(min=1, help="Drop tombstones up to here.")],
    database_url: DatabaseOpt = None,
) -> None:
    """Drop old tombstones; devices behind this version must rebuild their copy."""
    from sync_server.db import write_session
    from sync_server.sync.pull import compact_tombstones

    with write_session(open_database(database_url)) as session:
        removed = compact_tombstones(session, before_version)
    console.print(f"Removed {removed} tombstones.")


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
