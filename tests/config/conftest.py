"""Isolate configuration tests from the machine: no CLIENTELING_* variables, temporary files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from config_helpers import ConfigFiles

from clienteling import config


@pytest.fixture
def config_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ConfigFiles:
    for name in list(os.environ):
        if name.startswith("CLIENTELING_"):
            monkeypatch.delenv(name)
    files = ConfigFiles(tmp_path / "user" / "config.toml", tmp_path / "site" / "config.toml")
    monkeypatch.setattr(config, "user_config_file", lambda: files.user)
    monkeypatch.setattr(config, "site_config_file", lambda: files.site)
    monkeypatch.setattr(config, "default_data_dir", lambda: tmp_path / "data")
    return files
