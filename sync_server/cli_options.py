"""What every ``sync-server`` command shares: the database option and opening that database."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from sqlalchemy import Engine

from sync_server.settings import Settings

DatabaseOpt = Annotated[
    str | None,
    typer.Option(
        "--database-url",
        envvar="SYNC_SERVER_DATABASE_URL",
        help="SQLAlchemy URL; default: a SQLite file sync_server.db in the current folder.",
    ),
]


def settings_for(database_url: str | None, **overrides: Any) -> Settings:
    """The environment's settings, with the command line's values on top."""
    given: dict[str, Any] = {"database_url": database_url, **overrides}
    return Settings(**{k: v for k, v in given.items() if v is not None})


def open_database(database_url: str | None) -> Engine:
    """The engine for the URL, with the schema migrated to the newest version."""
    from sync_server.db import make_engine
    from sync_server.schema import upgrade

    engine = make_engine(settings_for(database_url).database_url)
    upgrade(engine)
    return engine
