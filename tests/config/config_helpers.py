"""Helpers for the configuration tests (a module of its own: ``conftest`` is ambiguous)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass
class ConfigFiles:
    user: Path
    site: Path

    def write_user(self, text: str) -> Path:
        self.user.parent.mkdir(parents=True, exist_ok=True)
        self.user.write_text(text, encoding="utf-8")
        return self.user

    def write_site(self, text: str) -> Path:
        self.site.parent.mkdir(parents=True, exist_ok=True)
        self.site.write_text(text, encoding="utf-8")
        return self.site
