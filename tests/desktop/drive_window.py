"""Run the demo app in a real X window and drive it with real input: ``python -m
tests.desktop.drive_window``.

Started by ``test_real_window.py`` with a DISPLAY and no QT_QPA_PLATFORM. Keys and clicks go
through the X server (XTest, via ``xdotool``), as a keyboard and a finger would; the app's own
signals say when each step has happened. Prints one JSON line with what it saw.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, QTimer
from PySide6.QtWidgets import QWidget

from clienteling.ui.smoke import expect_signal

STEP_TIMEOUT = 120.0
QUERY = "gar"


async def _xdotool(*args: str) -> None:
    """Real input through the X server; run off the Qt thread so the app keeps handling it."""
    loop = asyncio.get_running_loop()
    done = await loop.run_in_executor(
        None,
        lambda: subprocess.run(
            ["xdotool", *args],  # noqa: S607
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        ),
    )
    if done.returncode != 0:
        raise RuntimeError(f"xdotool {' '.join(args)}: {done.stderr.strip()}")


async def _click(widget: QWidget, at: QPoint | None = None) -> None:
    point = widget.mapToGlobal(at if at is not None else widget.rect().center())
    await _xdotool("mousemove", "--sync", str(point.x()), str(point.y()), "click", "1")


async def _exposed(widget: QWidget) -> None:
    """Until the X server has mapped the window (Qt's expose event), polling Qt's own state."""
    handle = widget.windowHandle()
    for _ in range(int(STEP_TIMEOUT * 20)):
        if handle is not None and handle.isExposed():
            return
        await asyncio.sleep(0.05)
        handle = widget.windowHandle()
    raise TimeoutError("the window was never exposed")


async def scenario(results: dict[str, Any], folder: Path) -> None:
    from PySide6.QtWidgets import QApplication

    from clienteling.ui.launch import DEMO_MANAGER, start_demo
    from clienteling.ui.main_window import MainWindow

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    results["platform"] = app.platformName()
    env = await start_demo(folder, user=DEMO_MANAGER)
    try:
        window = MainWindow(env.session)
        window.show()
        await _exposed(window)
        screen = window.screen().geometry()
        hint = window.minimumSizeHint()
        frame = window.frameGeometry()
        results["screen"] = [screen.width(), screen.height()]
        results["minimum_size"] = [
            max(hint.width(), window.minimumWidth()),
            max(hint.height(), window.minimumHeight()),
        ]
        results["window"] = [frame.x(), frame.y(), frame.width(), frame.height()]

        # She taps the search field and types, on the X server's keyboard.
        await _xdotool("windowfocus", "--sync", str(int(window.winId())))
        search = window.search_view
        shown = expect_signal(search.resultsShown, lambda n: n > 0)
        await _click(window.search)
        await _xdotool("type", "--delay", "40", QUERY)
        (hits,) = await asyncio.wait_for(shown, STEP_TIMEOUT)
        results["typed"] = window.search.text()
        results["search_hits"] = hits

        # She taps the first customer: the 360 opens.
        first = search.model.hit_at(0)
        assert first is not None
        opened = expect_signal(window.customer_view.loaded, lambda cid: cid == first.customer_id)
        row = search.list.visualRect(search.model.index(0, 0))
        await _click(search.list.viewport(), row.center())
        await asyncio.wait_for(opened, STEP_TIMEOUT)
        results["opened_360"] = window.stack.currentWidget() is window.customer_view

        # She taps Back: the search is there again with what she typed.
        back = expect_signal(window.stack.currentChanged, lambda _i: True)
        await _click(window.customer_view.back_button)
        await asyncio.wait_for(back, STEP_TIMEOUT)
        results["back_to_search"] = window.stack.currentWidget() is window.search_view
        results["search_kept"] = window.search.text()
        window.close()
    finally:
        await env.session.aclose()
        env.close()


def main() -> int:
    import qasync

    from clienteling.ui.launch import make_application

    app = make_application("en")
    app.setQuitOnLastWindowClosed(False)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    results: dict[str, Any] = {"ok": False}

    async def run() -> None:
        try:
            with tempfile.TemporaryDirectory(prefix="clienteling-x-") as folder:
                await scenario(results, Path(folder))
            results["ok"] = True
        except Exception as exc:
            results["error"] = f"{type(exc).__name__}: {exc}"
        finally:
            QTimer.singleShot(0, app.quit)

    with loop:
        task = loop.create_task(run())
        loop.run_forever()
        del task
    print(json.dumps(results), flush=True)
    return 0 if results["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
