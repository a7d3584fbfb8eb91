"""Entry used by the ``clienteling`` command (``clienteling.cli`` looks for ``main`` here)."""

from __future__ import annotations

from pathlib import Path


def main(
    demo: bool = False,
    data_dir: Path | None = None,
    language: str | None = None,
    demo_as: str = "manager",
    lock_after_minutes: int | None = None,
) -> int:
    """Open the tablet app (``demo`` starts the self-contained demo store)."""
    from clienteling.qt_platform import preflight

    refused = preflight()
    if refused is not None:
        return refused
    from clienteling.ui.launch import DEFAULT_LOCK_AFTER_MINUTES, run_app

    return run_app(
        demo,
        data_dir,
        language,
        demo_as=demo_as,
        lock_after_minutes=lock_after_minutes or DEFAULT_LOCK_AFTER_MINUTES,
    )
