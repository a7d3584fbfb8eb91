"""Alembic environment: runs on the connection handed over by ``sync_server.schema``."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

from sync_server.domain import models  # noqa: F401  (fills the metadata)

config = context.config
target_metadata = SQLModel.metadata


def run_migrations_online() -> None:
    connection = config.attributes["connection"]
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
