"""`sync-server analytics ...` commands (mounted by sync_server/cli.py)."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path

import typer
from rich.console import Console

from sync_server.analytics.backtest import render_table, run_backtest
from sync_server.analytics.errors import AnalyticsError
from sync_server.analytics.transactions import TransactionFileError, read_transactions
from sync_server.cli_options import DatabaseOpt, open_database

analytics_app = typer.Typer(help="Customer analytics: CLV, segments, recommendations.")


@analytics_app.callback()
def _group() -> None:
    """Customer analytics: CLV, segments, recommendations."""


class TimeUnitOption(StrEnum):
    days = "days"
    weeks = "weeks"


def _parse_day(text: str) -> datetime:
    try:
        return datetime.strptime(text, "%Y-%m-%d")
    except ValueError:
        raise typer.BadParameter(f"{text!r} is not a date YYYY-MM-DD") from None


@analytics_app.command()
def backtest(
    transactions: Path = typer.Option(
        ..., "--transactions", exists=True, dir_okay=False, help="CSV (or .csv.gz) file"
    ),
    calibration_end: str = typer.Option(
        ..., "--calibration-end", help="First day of the holdout, YYYY-MM-DD"
    ),
    json_out: Path | None = typer.Option(None, "--json", help="Write the figures as JSON here"),
    time_unit: TimeUnitOption = typer.Option(TimeUnitOption.days, "--time-unit"),
) -> None:
    """Fit the models on the data before CALIBRATION_END and score the later purchases."""
    end = _parse_day(calibration_end)
    console = Console()
    clock = time.perf_counter()
    try:
        tx = read_transactions(transactions)
    except TransactionFileError as exc:
        console.print(f"[red]Rejected {transactions}[/red]", highlight=False)
        for err in exc.errors:
            console.print(f"  {err}", highlight=False, markup=False)
        if exc.total > len(exc.errors):
            console.print(f"  ... {exc.total - len(exc.errors)} more", highlight=False)
        raise typer.Exit(2) from None
    read_s = time.perf_counter() - clock
    try:
        result = run_backtest(tx, end, time_unit=time_unit.value)
    except AnalyticsError as exc:
        console.print(f"[red]Backtest impossible:[/red] {exc}", highlight=False)
        raise typer.Exit(1) from None
    result["timings"] = {"read_s": read_s, **result["timings"]}
    result["transactions"] = {"file": str(transactions), "lines": len(tx)}
    typer.echo(render_table(result))
    if json_out is not None:
        json_out.write_text(json.dumps(result, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        console.print(f"Figures written to {json_out}", highlight=False)


@analytics_app.command(name="run")
def run_batch(
    database_url: DatabaseOpt = None,
    as_of: str | None = typer.Option(None, "--as-of", help="Score as of YYYY-MM-DD (default now)"),
) -> None:
    """Compute value, CLV, RFM segments and recommendations for every customer."""
    from rich.progress import BarColumn, Progress, TimeElapsedColumn

    from sync_server.analytics.batch import run_analytics

    engine = open_database(database_url)
    when = _parse_day(as_of).replace(tzinfo=UTC) if as_of else None
    console = Console()
    with Progress(
        "[progress.description]{task.description}", BarColumn(), TimeElapsedColumn(),
        console=console,
    ) as progress:  # fmt: skip
        task = progress.add_task("Loading sales", total=1.0)
        report = run_analytics(
            engine,
            as_of=when,
            progress=lambda name, done: progress.update(task, completed=done, description=name),
        )
    console.print(
        f"{report.customers:,} customers, {report.lines:,} lines: "
        f"{report.metrics_written:,} metrics and {report.recommendations_written:,} "
        f"recommendations written, {report.recommendations_removed:,} removed",
        highlight=False,
    )
    console.print(f"timings (s): {report.timings}", highlight=False)
    for note in report.notes:
        console.print(f"[yellow]{note}[/yellow]", highlight=False)
