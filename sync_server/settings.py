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
    # Stock a tablet receives: its own store's and that of the nearest N other stores.
    stock_nearest_stores: int = 5
    # A clock stamp may run ahead of the server's time by at most this much.
    max_clock_skew_seconds: int = 300
    # On-demand lookups of other stores' customers, per rolling hour.
    lookups_per_hour_device: int = 60
    lookups_per_hour_staff: int = 30
    # A lookup keeps the customer on the store's tablets for this many days.
    lookup_scope_days: int = 30


@lru_cache
def get_settings() -> Settings:
    return Settings()
