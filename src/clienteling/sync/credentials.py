"""Where the device token (and the replica's key) live: the OS keyring, or an explicit file on
headless machines.

``keyring`` picks its backend through entry points, which frozen (PyInstaller) builds lose and
headless Linux lacks; we therefore select the backend explicitly per platform and, where none
works, raise ``KeyringUnavailable`` explaining the fallback: set ``CLIENTELING_TOKEN_FILE`` to a
path readable only by the tablet's user (IT pre-loading a device, CI, kiosks without a
session keyring), or pass ``CLIENTELING_KEYRING=file`` to keep the token in the data folder.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path
from typing import Protocol

from clienteling.config import KEYRING_ENV, TOKEN_FILE_ENV, token_store_choice

SERVICE = "clienteling"
BACKEND_ENV = KEYRING_ENV


class KeyringUnavailable(RuntimeError):
    """No usable secret store; the message says how to configure the fallback."""


class TokenStore(Protocol):
    description: str

    def get(self, account: str) -> str | None: ...

    def set(self, account: str, token: str) -> None: ...

    def delete(self, account: str) -> None: ...


class FileTokenStore:
    """A secrets file with owner-only permissions (the documented headless fallback).

    It holds the device token and the replica's key, so it is created 0600, put back to 0600
    if found looser, and rewritten whole through a new file renamed over the old one: a crash
    mid-write must never lose the key of an encrypted replica.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.description = f"file {path}"

    def _read(self) -> dict[str, str]:
        if not self.path.exists():
            return {}
        if os.name == "posix" and stat.S_IMODE(self.path.stat().st_mode) & 0o077:
            self.path.chmod(0o600)
        entries = {}
        for line in self.path.read_text(encoding="utf-8").splitlines():
            account, sep, token = line.partition("=")
            if sep:
                entries[account] = token
        return entries

    def _write(self, entries: dict[str, str]) -> None:
        if not entries:
            self.path.unlink(missing_ok=True)
            return
        if not self.path.parent.exists():
            self.path.parent.mkdir(parents=True, mode=0o700)
        temp = self.path.with_name(f".{self.path.name}.{os.getpid()}.new")
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        if hasattr(os, "fchmod"):
            os.fchmod(fd, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.writelines(f"{k}={v}\n" for k, v in entries.items())
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(temp, self.path)

    def get(self, account: str) -> str | None:
        return self._read().get(account)

    def set(self, account: str, token: str) -> None:
        entries = self._read()
        entries[account] = token
        self._write(entries)

    def delete(self, account: str) -> None:
        entries = self._read()
        if entries.pop(account, None) is not None:
            self._write(entries)


class KeyringTokenStore:
    """The OS keyring through an explicitly chosen backend."""

    def __init__(self, backend: object) -> None:
        self.backend = backend
        self.description = f"keyring {type(backend).__name__}"

    def get(self, account: str) -> str | None:
        try:
            value = self.backend.get_password(SERVICE, account)  # type: ignore[attr-defined]
        except Exception as exc:
            raise _unavailable(exc) from exc
        return None if value is None else str(value)

    def set(self, account: str, token: str) -> None:
        try:
            self.backend.set_password(SERVICE, account, token)  # type: ignore[attr-defined]
        except Exception as exc:
            raise _unavailable(exc) from exc

    def delete(self, account: str) -> None:
        import keyring.errors

        try:
            self.backend.delete_password(SERVICE, account)  # type: ignore[attr-defined]
        except keyring.errors.PasswordDeleteError:
            return
        except Exception as exc:
            raise _unavailable(exc) from exc


def _platform_backend() -> object:
    """The native backend for this OS, imported directly (no entry-point discovery)."""
    if sys.platform == "win32":
        from keyring.backends import Windows

        return Windows.WinVaultKeyring()
    if sys.platform == "darwin":
        from keyring.backends import macOS

        return macOS.Keyring()
    from keyring.backends import SecretService

    backend = SecretService.Keyring()
    backend.priority  # noqa: B018 - raises if D-Bus / Secret Service is not available
    return backend


def token_store(data_dir: Path | None = None) -> TokenStore:
    """The configured token store; raises ``KeyringUnavailable`` with the fallback explained."""
    choice, path = token_store_choice()
    if path is not None:
        return FileTokenStore(path)
    if choice == "file":
        if data_dir is None:
            raise KeyringUnavailable(f"{BACKEND_ENV}=file needs a data folder.")
        return FileTokenStore(data_dir / "device-token")
    try:
        return KeyringTokenStore(_platform_backend())
    except Exception as exc:
        raise _unavailable(exc) from exc


def _unavailable(exc: Exception) -> KeyringUnavailable:
    return KeyringUnavailable(
        "No system keyring is available to keep this tablet's device token and data key "
        f"({type(exc).__name__}: {exc}). On a desktop session, unlock the keyring and "
        f"retry. On a headless machine set {TOKEN_FILE_ENV}=/path/to/token (owner-only "
        f"permissions) or {BACKEND_ENV}=file to keep them in the data folder."
    )


def account_for(server_url: str) -> str:
    return f"device@{server_url.rstrip('/')}"
