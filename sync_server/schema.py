"""Schema management: Alembic migrations, run at start-up and by ``sync-server migrate``."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, text

from sync_server.sync.rebuild import rebuild_logs_if_empty

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def upgrade(engine: Engine) -> None:
    """Bring the database to the newest schema and make sure the sync counter row exists."""
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    with engine.begin() as conn:
        exists = conn.execute(text("SELECT count(*) FROM sync_counter WHERE id = 1")).scalar_one()
        if not exists:
            conn.execute(text("INSERT INTO sync_counter (id, value) VALUES (1, 0)"))
    rebuild_logs_if_empty(engine)


def revision(engine: Engine, message: str) -> None:
    """Autogenerate a migration from the models (developer tool)."""
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.revision(cfg, message=message, autogenerate=True)
