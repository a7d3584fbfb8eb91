"""Device token storage: explicit backends and the documented headless fallback."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from clienteling.sync import credentials
from clienteling.sync.credentials import FileTokenStore, KeyringUnavailable, token_store


def test_token_file_from_env_is_owner_only(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    path = tmp_path / "secret" / "token"
    monkeypatch.setenv(credentials.TOKEN_FILE_ENV, str(path))
    store = token_store(tmp_path)
    assert isinstance(store, FileTokenStore)
    store.set("device@http://a", "tok-a")
    store.set("device@http://b", "tok-b")
    assert store.get("device@http://a") == "tok-a"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    store.delete("device@http://a")
    assert store.get("device@http://a") is None and store.get("device@http://b") == "tok-b"


def test_file_backend_in_data_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(credentials.TOKEN_FILE_ENV, raising=False)
    monkeypatch.setenv(credentials.BACKEND_ENV, "file")
    store = token_store(tmp_path)
    store.set("x", "y")
    assert (tmp_path / "device-token").exists()


def test_no_keyring_explains_the_fallback(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(credentials.TOKEN_FILE_ENV, raising=False)
    monkeypatch.delenv(credentials.BACKEND_ENV, raising=False)

    def broken() -> object:
        raise RuntimeError("no D-Bus session")

    monkeypatch.setattr(credentials, "_platform_backend", broken)
    with pytest.raises(KeyringUnavailable) as info:
        token_store(tmp_path)
    assert credentials.TOKEN_FILE_ENV in str(info.value)
    assert "no D-Bus session" in str(info.value)
