"""Entry used by the ``clienteling`` command (``clienteling.cli`` looks for ``main`` here)."""

from __future__ import annotations

import os
from pathlib import Path

LANGUAGE_ENV = "CLIENTELING_LANGUAGE"


def main(
    demo: bool = False,
    data_dir: Path | None = None,
    language: str | None = None,
    demo_as: str = "manager",
) -> int:
    """Open the tablet app (``demo`` starts the self-contained demo store)."""
    from clienteling.ui.launch import run_app

    return run_app(demo, data_dir, language or os.environ.get(LANGUAGE_ENV), demo_as=demo_as)
