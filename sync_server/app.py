"""The FastAPI application: routers under ``/api/v1``, typed errors, one engine per process."""

from __future__ import annotations

from fastapi import APIRouter, Depends, FastAPI
from pydantic import BaseModel
from sqlalchemy import Engine

from clienteling.protocol import API_PREFIX, PROTOCOL_VERSION
from sync_server import __version__
from sync_server.api import admin, auth, customers, devices, errors, ingest, sync
from sync_server.api.deps import reject_nul_characters
from sync_server.clock import Clock, system_clock
from sync_server.db import make_engine
from sync_server.domain.security import dummy_hash
from sync_server.outreach.api import api_router as outreach_router
from sync_server.schema import upgrade
from sync_server.settings import Settings, get_settings


class Health(BaseModel):
    status: str
    version: str
    protocol_version: int
    database: str


def create_app(
    settings: Settings | None = None,
    engine: Engine | None = None,
    *,
    clock: Clock = system_clock,
) -> FastAPI:
    """The API on ``engine`` (or one made from the settings); handlers read ``settings`` and
    ``clock`` from ``app.state``, so tests can shrink limits and move time."""
    settings = settings or get_settings()
    if engine is None:
        engine = make_engine(settings.database_url)
        upgrade(engine)
    dummy_hash()  # made now, so the first unknown user name is not answered faster
    app = FastAPI(title="Clienteling sync server", version=__version__)
    app.state.engine = engine
    app.state.settings = settings
    app.state.clock = clock
    errors.install(app)
    api = APIRouter(prefix=API_PREFIX, dependencies=[Depends(reject_nul_characters)])

    @api.get("/health", response_model=Health, tags=["health"])
    def health() -> Health:
        return Health(
            status="ok",
            version=__version__,
            protocol_version=PROTOCOL_VERSION,
            database=engine.dialect.name,
        )

    for module in (auth, devices, sync, customers, ingest, admin):
        api.include_router(module.router)
    api.include_router(customers.audit_router)
    api.include_router(outreach_router)
    app.include_router(api)
    return app
