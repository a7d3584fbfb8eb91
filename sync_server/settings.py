"""Server settings from the environment (``SYNC_SERVER_*``) with safe embedded defaults."""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

MIB = 1024 * 1024


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="SYNC_SERVER_", extra="ignore")

    database_url: str = "sqlite:///./sync_server.db"
    environment: Literal["development", "production"] = Field(
        "development",
        description="production turns off the interactive API docs (/docs, /redoc, /openapi.json)",
    )
    staff_session_hours: int = 12
    tombstone_horizon_days: int = 90
    pull_page_max: int = 5000
    purchase_scope_days: int = 365
    cart_abandon_minutes: int = 60
    # Request bodies (bytes), refused with 413 before they are read. The bulk limit covers the
    # largest valid push (500 mutations of 4,000-character notes, every character escaped:
    # about 12.2 MB), a 50,000-customer export list (2 MB) and a 10,000-line stock feed.
    max_body_bytes: int = Field(1 * MIB, ge=1024)
    max_bulk_body_bytes: int = Field(16 * MIB, ge=1024)
    max_upload_bytes: int = Field(51 * MIB, ge=1024)


@lru_cache
def get_settings() -> Settings:
    return Settings()
