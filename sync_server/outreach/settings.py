"""Outreach settings from the environment (``SYNC_SERVER_SMTP_*``, ``SYNC_SERVER_OUTREACH_*``).

They are ``Settings.outreach`` (``sync_server.settings``): built with the server's settings, once
per process, never by a request handler.
"""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


def _default_rates() -> dict[str, int]:
    return {"email": 120, "sms": 60, "whatsapp": 60, "push": 300}


class OutreachSettings(BaseSettings):
    """Without ``SYNC_SERVER_SMTP_HOST`` e-mail falls back to the log-only provider."""

    model_config = SettingsConfigDict(env_prefix="SYNC_SERVER_", extra="ignore")

    smtp_host: str = ""
    smtp_port: int = 25
    smtp_from: str = "Clienteling <no-reply@clienteling.invalid>"
    smtp_starttls: bool = False
    smtp_ssl: bool = False
    smtp_username: str = ""
    smtp_password: str = ""
    smtp_timeout_seconds: float = 10.0
    outreach_base_url: str = "http://127.0.0.1:8800"
    outreach_rate_per_minute: dict[str, int] = Field(default_factory=_default_rates)
    outreach_max_attempts: int = 5
    outreach_retry_base_seconds: int = 60
    outreach_lease_seconds: int = 300
    outreach_attribution_days: int = 7
    # What the retention job and the manager's preview call inactive (about three years).
    retention_inactive_days: int = Field(default=1095, ge=30, le=36500)
    birthday_coupon_cents: int = 1500
    birthday_coupon_valid_days: int = 30
