"""The FastAPI application: routers under ``/api/v1``, typed errors, one engine per process."""

from __future__ import annotations

from fastapi import APIRouter, Depends, FastAPI
from pydantic import BaseModel
from sqlalchemy import Engine

from clienteling.protocol import API_PREFIX, PROTOCOL_VERSION
from sync_server import __version__
from sync_server.api import admin, auth, customers, devices, errors, ingest, sync
from sync_server.api.body_limit import BodyLimits, BodySizeLimit
from sync_server.api.deps import reject_nul_characters
from sync_server.api.openapi_errors import install as document_errors
from sync_server.api.security_headers import SecurityHeaders
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
    # In production nobody needs the interactive docs, and the schema is a map for attackers.
    docs = settings.environment == "development"
    app = FastAPI(
        title="Clienteling sync server",
        version=__version__,
        docs_url="/docs" if docs else None,
        redoc_url="/redoc" if docs else None,
        openapi_url="/openapi.json" if docs else None,
    )
    app.state.engine = engine
    app.state.settings = settings
    app.state.clock = clock
    errors.install(app)
    # The last added runs first: headers wrap everything, the size limit wraps the routes (and
    # the NUL check, which reads the body), so no handler ever sees an oversized body.
    app.add_middleware(
        BodySizeLimit,
        limits=BodyLimits(
            default=settings.max_body_bytes,
            bulk=settings.max_bulk_body_bytes,
            upload=settings.max_upload_bytes,
        ),
    )
    app.add_middleware(SecurityHeaders)
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
    document_errors(app)
    return app
