"""``sync-server outreach``: the scheduled jobs (send, birthdays, cart calls, retention)."""

from __future__ import annotations

import logging
from datetime import date, datetime
from typing import Annotated

import typer
from rich.console import Console

from sync_server.cli_options import DatabaseOpt, open_database, settings_for

outreach_app = typer.Typer(
    help="Consent-safe outreach: sending, birthday coupons, cart calls, retention.",
    no_args_is_help=True,
)
console = Console()


def _day(value: str | None) -> date:
    if value is None:
        return datetime.now().astimezone().date()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"'{value}' is not a date like 2026-03-15") from None


@outreach_app.command()
def send(
    database_url: DatabaseOpt = None,
    max_messages: Annotated[int, typer.Option(min=1, help="Stop after this many.")] = 10_000,
) -> None:
    """Send due queued messages (consent re-checked per message, rate-limited, retried)."""
    from sync_server.outreach.providers import providers_from_settings
    from sync_server.outreach.queue import process_queue

    logging.basicConfig(level=logging.INFO)
    settings = settings_for(database_url).outreach
    report = process_queue(
        open_database(database_url),
        providers_from_settings(settings),
        settings,
        max_messages=max_messages,
    )
    console.print(
        f"sent {report.sent}, skipped {report.skipped}, retry later {report.retried}, "
        f"failed {report.failed}, held by rate limit {report.deferred}"
    )
    for error in report.errors[:20]:
        console.print(f"[yellow]{error}[/yellow]")


@outreach_app.command()
def birthdays(
    database_url: DatabaseOpt = None,
    day: Annotated[str | None, typer.Option("--date", help="YYYY-MM-DD; default today.")] = None,
) -> None:
    """Issue today's birthday coupons and queue their e-mails (only with consent)."""
    from sync_server.outreach.birthdays import issue_birthday_coupons

    settings = settings_for(database_url).outreach
    report = issue_birthday_coupons(open_database(database_url), _day(day), settings)
    console.print(
        f"{report.day}: {report.issued} coupons issued, {report.already_issued} already had one, "
        f"{report.emails_queued} e-mails queued, {len(report.skipped)} not e-mailed"
    )
    for customer_id, reason in report.skipped:
        console.print(f"  skipped {customer_id}: {reason}")


@outreach_app.command(name="cart-calls")
def cart_calls(
    store: Annotated[str, typer.Option(help="Store code, e.g. MAD01.")],
    database_url: DatabaseOpt = None,
    days: Annotated[int, typer.Option(min=1, max=90)] = 7,
) -> None:
    """Create call tasks for the store's carts abandoned in the last DAYS days."""
    from sqlmodel import select

    from sync_server.db import write_session
    from sync_server.domain.models import Store
    from sync_server.errors import DomainError
    from sync_server.outreach.carts import create_cart_calls

    try:
        with write_session(open_database(database_url)) as session:
            row = session.exec(select(Store).where(Store.code == store.upper())).first()
            if row is None:
                raise typer.BadParameter(f"unknown store '{store}'")
            report = create_cart_calls(session, row.id, days, None)
    except DomainError as exc:
        console.print(f"[red]{exc.message}[/red]")
        raise typer.Exit(1) from None
    console.print(f"{report.created} call tasks created, {report.existing} already existed")


@outreach_app.command()
def retention(
    inactive_days: Annotated[
        int | None,
        typer.Option(
            min=30,
            help="Inactive for this many days (default: SYNC_SERVER_RETENTION_INACTIVE_DAYS, "
            "1095).",
        ),
    ] = None,
    database_url: DatabaseOpt = None,
    dry_run: Annotated[bool, typer.Option("--dry-run/--apply", help="List only, or erase.")] = True,
) -> None:
    """List (default) or erase customers with no activity for INACTIVE_DAYS days."""
    from sync_server.outreach.retention import apply_retention

    days = inactive_days or settings_for(database_url).outreach.retention_inactive_days
    report = apply_retention(open_database(database_url), days, dry_run=dry_run)
    for customer_id in report.customers[:1000]:
        console.print(customer_id)
    verb = "would be erased" if dry_run else "erased"
    count = len(report.customers) if dry_run else report.erased
    console.print(f"{count} customers inactive since {report.cutoff:%Y-%m-%d} {verb}")
