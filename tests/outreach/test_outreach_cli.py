"""The scheduled jobs as an operator runs them: ``sync-server outreach ...``."""

from __future__ import annotations

from datetime import UTC, date, datetime

from typer.testing import CliRunner

from sync_server.cli import app
from tests.conftest import LiveServer
from tests.outreach.conftest import Smtp, make_customer


def test_birthdays_then_send_from_the_command_line(live_server: LiveServer, smtp: Smtp) -> None:
    server = live_server
    today = datetime.now(UTC).date()
    born = date(1985, today.month, min(today.day, 28))
    make_customer(
        server,
        "Olga",
        email_address="olga@clientes-demo.es",
        consents={"email": True},
        birth_date=born,
        language="en",
    )
    env = {
        "SYNC_SERVER_DATABASE_URL": server.database_url,
        "SYNC_SERVER_SMTP_HOST": smtp.host,
        "SYNC_SERVER_SMTP_PORT": str(smtp.port),
        "SYNC_SERVER_OUTREACH_BASE_URL": server.url,
        "SYNC_SERVER_OUTREACH_RATE_PER_MINUTE": '{"email": 500}',
    }
    runner = CliRunner()
    day = born.replace(year=today.year).isoformat()
    issued = runner.invoke(app, ["outreach", "birthdays", "--date", day], env=env)
    assert issued.exit_code == 0, issued.output
    assert "coupons issued" in issued.output
    sent = runner.invoke(app, ["outreach", "send"], env=env)
    assert sent.exit_code == 0, sent.output
    (mail,) = smtp.inbox.to("olga@clientes-demo.es")
    assert "Happy birthday, Olga" in str(mail["Subject"])
    bad = runner.invoke(app, ["outreach", "birthdays", "--date", "15/03"], env=env)
    assert bad.exit_code != 0
    calls = runner.invoke(app, ["outreach", "cart-calls", "--store", "MAD01"], env=env)
    assert calls.exit_code == 0, calls.output
    listed = runner.invoke(
        app, ["outreach", "retention", "--inactive-days", "36500", "--dry-run"], env=env
    )
    assert listed.exit_code == 0, listed.output
    assert "0 customers inactive" in listed.output
