"""The app's configuration, and where each value came from.

IT configures tablets in bulk, so every setting can come from four places, highest first:

1. the command line (``clienteling --server-url … diagnose``; passed in as ``cli``),
2. the environment, ``CLIENTELING_<NAME>`` (e.g. ``CLIENTELING_SERVER_URL``),
3. a TOML file: the user's ``config.toml`` in the platform's config folder (Linux
   ``~/.config/clienteling/config.toml``, Windows ``%LOCALAPPDATA%\\clienteling\\config.toml``,
   macOS ``~/Library/Application Support/clienteling/config.toml``), then the machine-wide one in
   the site config folder (``/etc/xdg/clienteling/config.toml``, ``C:\\ProgramData\\clienteling\\``)
   that a deployment tool can drop once per machine; ``CLIENTELING_CONFIG`` names another file,
4. the defaults below.

``load()`` returns the values together with their origins, because "why does this tablet talk to
the wrong server?" is the first question support asks. No Qt here: the CLI uses it headless.
"""

from __future__ import annotations

import os
import ssl
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import certifi
import platformdirs
from pydantic import Field, ValidationError, field_validator
from pydantic_settings import (
    BaseSettings,
    EnvSettingsSource,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
)

from clienteling.server_address import insecure_message, is_insecure

APP_NAME = "clienteling"
ENV_PREFIX = "CLIENTELING_"
CONFIG_FILE_ENV = "CLIENTELING_CONFIG"
# Where the device token and replica key are kept. Machine-level (set by IT's deployment or CI
# in the environment, never in a config file a user could point elsewhere), read only here.
TOKEN_FILE_ENV = "CLIENTELING_TOKEN_FILE"  # noqa: S105 - a variable name
KEYRING_ENV = "CLIENTELING_KEYRING"
CONFIG_FILENAME = "config.toml"

Language = Literal["es", "en", "system"]
LogLevel = Literal["DEBUG", "INFO", "WARNING", "ERROR"]


def default_data_dir() -> Path:
    """The replica's folder; the same one ``clienteling sync`` uses."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def user_config_file() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / CONFIG_FILENAME


def site_config_file() -> Path:
    return Path(platformdirs.site_config_dir(APP_NAME, appauthor=False)) / CONFIG_FILENAME


class ConfigError(ValueError):
    """A setting is invalid; the message names the setting and where it was set."""


class Settings(BaseSettings):
    """Every setting the app reads. Field descriptions double as the documentation table."""

    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, extra="ignore", frozen=True)

    server_url: str | None = Field(
        None, description="Sync server address, e.g. https://clienteling.example.com"
    )
    allow_insecure_http: bool = Field(
        False,
        description="Allow a plain http:// server on another machine (test labs only; "
        "loopback is always allowed)",
    )
    store_code: str | None = Field(None, description="Store this tablet belongs to, e.g. MAD01")
    language: Language = Field("system", description="Interface language: es, en or system")
    log_level: LogLevel = Field("INFO", description="DEBUG, INFO, WARNING or ERROR")
    sync_interval_seconds: int = Field(
        30, ge=5, le=86_400, description="Seconds between background syncs"
    )
    lock_after_minutes: int = Field(
        5,
        ge=1,
        le=240,
        description="Minutes without touch or key input before the tablet locks (PIN to unlock)",
    )
    ca_bundle: Path | None = Field(
        None, description="PEM file of extra CA certificates (TLS-inspecting corporate proxies)"
    )
    data_dir: Path = Field(
        default_factory=lambda: default_data_dir(), description="Folder of the local replica"
    )

    @field_validator("server_url")
    @classmethod
    def _server_url(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        value = value.strip().rstrip("/")
        if not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return value

    @field_validator("store_code")
    @classmethod
    def _store_code(cls, value: str | None) -> str | None:
        return value.strip().upper() or None if value else None

    @field_validator("log_level", mode="before")
    @classmethod
    def _log_level(cls, value: Any) -> Any:
        return value.strip().upper() if isinstance(value, str) else value

    @field_validator("language", mode="before")
    @classmethod
    def _language(cls, value: Any) -> Any:
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("ca_bundle")
    @classmethod
    def _ca_bundle(cls, value: Path | None) -> Path | None:
        if value is None or not str(value).strip():
            return None
        path = value.expanduser()
        if not path.is_file():
            raise ValueError(f"no such file: {path}")
        return path

    @field_validator("data_dir")
    @classmethod
    def _data_dir(cls, value: Path) -> Path:
        return value.expanduser()

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """Command line (init arguments) over environment; ``load()`` merges the files below."""
        return (init_settings, env_settings)


FIELDS = tuple(Settings.model_fields)


@dataclass(frozen=True)
class Origin:
    """Where one value came from: ``kind`` for people, ``detail`` for support (which file/var)."""

    kind: Literal["command line", "environment", "config file", "site config file", "default"]
    detail: str = ""

    def __str__(self) -> str:
        return f"{self.kind} ({self.detail})" if self.detail else self.kind


@dataclass(frozen=True)
class LoadedConfig:
    settings: Settings
    origins: Mapping[str, Origin]
    files: tuple[Path, ...]
    unknown_keys: tuple[str, ...] = ()

    def httpx_verify(self) -> ssl.SSLContext | bool:
        return httpx_verify(self.settings)

    def describe(self) -> list[dict[str, str]]:
        """Rows of setting, value and origin, for ``diagnose`` and the About dialog."""
        rows = []
        for name in FIELDS:
            value = getattr(self.settings, name)
            rows.append(
                {
                    "setting": name,
                    "value": "" if value is None else str(value),
                    "source": str(self.origins[name]),
                }
            )
        return rows


def configured_allow_insecure_http() -> bool:
    """The configured ``allow_insecure_http`` (False when the configuration cannot be read)."""
    try:
        return load().settings.allow_insecure_http
    except ConfigError:
        return False


def httpx_verify(settings: Settings) -> ssl.SSLContext | bool:
    """What to pass as httpx's ``verify=``: httpx's own CA list plus the configured bundle."""
    if settings.ca_bundle is None:
        return True
    context = ssl.create_default_context(cafile=certifi.where())
    context.load_verify_locations(cafile=str(settings.ca_bundle))
    return context


def export_ca_bundle(settings: Settings, folder: Path | None = None) -> Path | None:
    """Make every httpx client in this process trust the configured bundle.

    httpx reads ``SSL_CERT_FILE`` when it builds a client without an explicit ``verify``; that
    file replaces its CA list, so we write the union (httpx's CAs + the bundle) and point at it.
    """
    if settings.ca_bundle is None:
        return None
    folder = folder or Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    combined = folder / "ca-bundle.pem"
    text = Path(certifi.where()).read_text(encoding="ascii", errors="replace")
    extra = settings.ca_bundle.read_text(encoding="ascii", errors="replace")
    combined.write_text(text.rstrip() + "\n" + extra, encoding="ascii", errors="replace")
    os.environ["SSL_CERT_FILE"] = str(combined)
    return combined


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"The configuration file {path} is not valid TOML: {exc}") from exc


def config_files(config_file: Path | None = None) -> list[tuple[Origin, Path]]:
    """The files consulted, highest precedence first (an explicit file replaces the user's)."""
    explicit = config_file or (
        Path(os.environ[CONFIG_FILE_ENV]) if os.environ.get(CONFIG_FILE_ENV) else None
    )
    user = explicit.expanduser() if explicit else user_config_file()
    return [
        (Origin("config file", str(user)), user),
        (Origin("site config file"), site_config_file()),
    ]


def load(cli: Mapping[str, Any] | None = None, *, config_file: Path | None = None) -> LoadedConfig:
    """Read every source and say, per setting, which one won. Raises ``ConfigError``."""
    given = {k: v for k, v in (cli or {}).items() if v is not None}
    unknown_cli = set(given) - set(FIELDS)
    if unknown_cli:
        raise ConfigError(f"Unknown settings: {', '.join(sorted(unknown_cli))}")
    env_source = EnvSettingsSource(Settings, env_prefix=ENV_PREFIX)
    env_values = {k: v for k, v in env_source().items() if k in FIELDS}

    file_values: dict[str, Any] = {}
    origins: dict[str, Origin] = {}
    used: list[Path] = []
    unknown: list[str] = []
    for origin, path in reversed(config_files(config_file)):
        if not path.is_file():
            continue
        data = _read_toml(path)
        used.insert(0, path)
        unknown += [f"{path}: {key}" for key in data if key not in FIELDS]
        for key, value in data.items():
            if key in FIELDS:
                file_values[key] = value
                origins[key] = Origin(origin.kind, str(path))
    for key in env_values:
        origins[key] = Origin("environment", ENV_PREFIX + key.upper())
    for key in given:
        origins[key] = Origin("command line")
    for key in FIELDS:
        origins.setdefault(key, Origin("default"))

    # Passed in precedence order as init arguments, so the result matches the origins reported.
    merged = {**file_values, **env_values, **given}
    try:
        settings = Settings(**merged)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            name = str(error["loc"][0]) if error["loc"] else "?"
            where = origins.get(name, Origin("default"))
            problems.append(f"{name} ({where}): {error['msg']}")
        raise ConfigError("Invalid configuration: " + "; ".join(problems)) from exc
    url = settings.server_url
    if url and is_insecure(url, allow_insecure_http=settings.allow_insecure_http):
        raise ConfigError(
            f"Invalid configuration: server_url ({origins['server_url']}): {insecure_message(url)}"
        )
    return LoadedConfig(settings, origins, tuple(used), tuple(unknown))


def token_store_choice() -> tuple[str, Path | None]:
    """The token store this machine asks for: ``os`` (the system keyring) or ``file``, and an
    explicit token file (which wins over both)."""
    path = os.environ.get(TOKEN_FILE_ENV)
    return os.environ.get(KEYRING_ENV, "os"), Path(path) if path else None
