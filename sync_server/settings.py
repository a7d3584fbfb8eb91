"""Server settings from the environment (``SYNC_SERVER_*``) with safe embedded defaults.

Only this module (and ``outreach/settings.py``, its ``outreach`` part) reads the environment.
A process builds its ``Settings`` once (``load_settings``) and hands them to ``create_app``,
which keeps them on ``app.state.settings``; request handlers reach them through
``SettingsDep``, so a server made with explicit settings (tests, embedders) runs on those and
not on the environment.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from clienteling.protocol import DEFAULT_OFFLINE_SIGNIN_DAYS, DEFAULT_STALE_SYNC_LOCK_DAYS
from sync_server.outreach.settings import OutreachSettings

MIB = 1024 * 1024


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="SYNC_SERVER_", extra="ignore")

    database_url: str = "sqlite:///./sync_server.db"
    environment: Literal["development", "production"] = Field(
        "development",
        description="production turns off the interactive API docs (/docs, /redoc, /openapi.json)",
    )
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
    # An ingested event's time must lie in [now - max age, now + max ahead]: a replay or a
    # misread date years off is refused (422) rather than stored as a new timeline entry.
    event_max_age_days: int = Field(default=730, ge=1, le=36500)
    event_max_ahead_minutes: int = Field(default=60, ge=0, le=7 * 24 * 60)
    # An assistant who signed in online on a tablet may sign in there offline (her PIN) for
    # this many days; her edits of that time still count as hers. The tablet counts from her
    # last online sign-in on it, the server from that sign-in's end, so the server's window
    # always covers the tablet's. Sent to tablets in the handshake.
    offline_signin_days: int = Field(default=DEFAULT_OFFLINE_SIGNIN_DAYS, ge=0, le=90)
    # A tablet with no successful sync for this many days hides its customer data until it
    # syncs again (a lost tablet that never reconnects). Sent to tablets in the handshake.
    stale_sync_lock_days: int = Field(default=DEFAULT_STALE_SYNC_LOCK_DAYS, ge=1, le=365)

    # --- staff sessions: short access tokens, rotated refresh tokens, an absolute end ---------
    access_token_seconds: int = Field(default=15 * 60, ge=10, le=24 * 3600)
    # A sign-in lasts at most one working day, however often it is refreshed.
    staff_session_hours: int = Field(default=12, ge=1, le=24 * 30)
    # Parallel sessions per staff member; signing in beyond ends her oldest session.
    staff_max_sessions: int = Field(default=10, ge=1, le=1000)

    # --- sign-in throttling (state in the database: several processes share it) -------------
    # Per account: failures before delays start, delays doubling from the base, then a lockout.
    login_account_free_failures: int = Field(default=3, ge=1)
    login_account_lockout_failures: int = Field(default=10, ge=1)
    # Per client address (a store's tablets share one address): higher thresholds.
    login_address_free_failures: int = Field(default=20, ge=1)
    login_address_lockout_failures: int = Field(default=100, ge=1)
    login_delay_base_seconds: float = Field(default=1.0, gt=0)
    login_delay_max_seconds: float = Field(default=300.0, gt=0)
    login_lockout_minutes: int = Field(default=15, ge=1)
    # Failures older than this are forgotten (a success also clears the account's count).
    login_account_memory_minutes: int = Field(default=24 * 60, ge=1)
    login_address_memory_minutes: int = Field(default=60, ge=1)

    # --- device tokens ------------------------------------------------------------------------
    device_token_days: int = Field(default=30, ge=1, le=3650)
    # After a rotation the old token keeps working this long, or until the new one is used,
    # so a lost response does not lock the tablet out.
    device_token_grace_minutes: int = Field(default=24 * 60, ge=0, le=30 * 24 * 60)
    # Request bodies (bytes), refused with 413 before they are read. The bulk limit covers the
    # largest valid push (500 mutations of 4,000-character notes, every character escaped:
    # about 12.2 MB), a 50,000-customer export list (2 MB) and a 10,000-line stock feed.
    max_body_bytes: int = Field(1 * MIB, ge=1024)
    max_bulk_body_bytes: int = Field(16 * MIB, ge=1024)
    max_upload_bytes: int = Field(51 * MIB, ge=1024)

    # --- outreach: e-mail provider, queue, attribution, retention, birthday coupons -----------
    # Read from the same flat variables as always (``SYNC_SERVER_SMTP_HOST``, ...).
    outreach: OutreachSettings = Field(default_factory=OutreachSettings)


def load_settings(**explicit: Any) -> Settings:
    """The environment's settings with ``explicit`` values on top, read now."""
    return Settings(**explicit)


@lru_cache
def get_settings() -> Settings:
    """The process's settings, read from the environment once."""
    return load_settings()
