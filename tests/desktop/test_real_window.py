"""The app in a real X window at 1024×768, driven with real keys and taps (XTest)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.desktop.conftest import SCREEN, require_desktop
from tests.desktop.machine import desktop_env

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def xdotool() -> None:
    if shutil.which("xdotool") is None:
        require_desktop("xdotool (apt install xdotool)")


@pytest.mark.usefixtures("xdotool")
def test_the_window_fits_the_screen_and_search_360_back_works(
    x_display: str, tmp_path: Path
) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "tests.desktop.drive_window"],
        env=desktop_env(tmp_path, x_display),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    assert lines, done.stderr[-3000:]
    seen = json.loads(lines[-1])
    assert seen["ok"], seen.get("error", "") + done.stderr[-3000:]
    assert seen["platform"] == "xcb"
    assert seen["screen"] == list(SCREEN)
    # Qt cannot shrink a window below its minimum size: it must fit the screen it is on.
    width, height = seen["minimum_size"]
    assert width <= SCREEN[0] and height <= SCREEN[1], seen
    x, y, w, h = seen["window"]
    assert x >= 0 and y >= 0 and x + w <= SCREEN[0] and y + h <= SCREEN[1], seen
    assert seen["typed"] == "gar" and seen["search_hits"] > 0
    assert seen["opened_360"] and seen["back_to_search"]
    assert seen["search_kept"] == "gar"
