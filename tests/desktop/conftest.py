"""A real X server (Xvfb) for the desktop tests, and a machine with some libraries hidden.

Everything else in the suite draws offscreen; these tests run the app as a user's desktop does:
on Qt's xcb plugin, in an X server, with real input events (XTest, via xdotool). Where Xvfb,
xdotool or mount namespaces are missing they skip, unless ``CLIENTELING_REQUIRE_DESKTOP=1`` (set
by ``.ci/run``) turns the skip into a failure.
"""

from __future__ import annotations

import os
import select
import shutil
import subprocess
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from tests.desktop import machine

SCREEN = (1024, 768)


def require_desktop(what: str) -> None:
    if os.environ.get("CLIENTELING_REQUIRE_DESKTOP") == "1":
        pytest.fail(f"the desktop tests need {what}")
    pytest.skip(f"{what} not available (set CLIENTELING_REQUIRE_DESKTOP=1 to fail)")


@pytest.fixture
def x_display() -> Iterator[str]:
    """A fresh Xvfb at 1024×768 on a display number it picks itself; ready when it says so."""
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        require_desktop("Xvfb (apt install xvfb)")
        return
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        [
            xvfb,
            "-displayfd",
            str(write_end),
            "-screen",
            "0",
            f"{SCREEN[0]}x{SCREEN[1]}x24",
            "-nolisten",
            "tcp",
        ],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    try:
        ready, _, _ = select.select([read_end], [], [], 60)
        number = os.read(read_end, 32).decode().strip() if ready else ""
        if not number:
            pytest.fail("Xvfb did not report a display within 60 s")
        yield f":{number}"
    finally:
        os.close(read_end)
        server.terminate()
        server.wait(30)


@pytest.fixture
def hide_libraries() -> Callable[..., subprocess.CompletedProcess[str]]:
    """``run_with_hidden_libraries``, skipping (or failing under CI) where it cannot run."""

    def run(*args: Any, **kwargs: Any) -> subprocess.CompletedProcess[str]:
        try:
            return machine.run_with_hidden_libraries(*args, **kwargs)
        except machine.Unavailable as exc:
            require_desktop(str(exc))
            raise

    return run
