"""Server settings from the environment (``SYNC_SERVER_*``) with safe embedded defaults."""

from __future__ import annotations

from functools import lru_cache

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="SYNC_SERVER_", extra="ignore")

    database_url: str = "sqlite:///./sync_server.db"
    staff_session_hours: int = 12
    tombstone_horizon_days: int = 90
    pull_page_max: int = 5000
    purchase_scope_days: int = 365
    cart_abandon_minutes: int = 60


@lru_cache
def get_settings() -> Settings:
    return Settings()
