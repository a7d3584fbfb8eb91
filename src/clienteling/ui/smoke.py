"""A scripted run of the real app for packaging checks: demo, search, open a customer, quit.

The frozen build is only trustworthy if it can do what a shop assistant does first, headless,
with nothing mocked: start the embedded demo server (uvicorn, Alembic migrations, Faker data),
sync into the SQLCipher-encrypted replica, search through FTS5, open a customer 360, with
translations and a keyring backend available. ``CLIENTELING_SMOKE=1`` selects this mode (see
``packaging/entry.py``); the result is a JSON line on stdout and the process exit code (0 =
every step passed).
"""

from __future__ import annotations

import asyncio
import importlib.util
import json
import logging
import sys
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QGuiApplication

log = logging.getLogger(__name__)
SMOKE_ENV = "CLIENTELING_SMOKE"
QUERY = "gar"


def _keyring_backend() -> str:
    """The backend module imports, even where no keyring daemon runs (headless CI)."""
    if sys.platform == "win32":
        from keyring.backends import Windows

        return Windows.WinVaultKeyring.__name__
    if sys.platform == "darwin":
        from keyring.backends import macOS

        return macOS.Keyring.__name__
    from keyring.backends import SecretService

    return f"{SecretService.__name__}.{SecretService.Keyring.__name__}"


def emit(event: str, started: float, **fields: Any) -> None:
    """One JSON line per milestone, so the caller can time them from outside the process."""
    line = {"event": event, "seconds": round(time.perf_counter() - started, 3), **fields}
    print(json.dumps(line), flush=True)


def expect_signal(signal: Any, check: Callable[..., bool]) -> asyncio.Future[tuple[Any, ...]]:
    """A future for the next emission of ``signal`` passing ``check``; connected at once, so an
    emission queued before the caller awaits is not missed."""
    future: asyncio.Future[tuple[Any, ...]] = asyncio.get_running_loop().create_future()

    def slot(*args: Any) -> None:
        if not future.done() and check(*args):
            future.set_result(args)

    signal.connect(slot)
    future.add_done_callback(lambda _: signal.disconnect(slot))
    return future


async def scenario(started: float, results: dict[str, Any], timeout: float = 120.0) -> None:
    """The steps; each one records what it saw so a failure says where it stopped."""
    from clienteling.diagnostics import app_version
    from clienteling.replica.cipher import file_state, fts5_available
    from clienteling.ui import i18n
    from clienteling.ui.about_dialog import AboutDialog
    from clienteling.ui.launch import DEMO_MANAGER, start_demo
    from clienteling.ui.main_window import MainWindow

    results["version"] = app_version()
    results["platform"] = QGuiApplication.platformName()
    results["app_entry"] = importlib.util.find_spec("clienteling.ui.app") is not None
    results["fts5"] = fts5_available()
    results["keyring_backend"] = _keyring_backend()
    results["language"] = i18n.current_language()
    translated = QCoreApplication.translate("MainWindow", "My day")
    results["translations_loaded"] = translated != "My day"
    env = await start_demo(user=DEMO_MANAGER)
    try:
        replica = env.session.replica
        on_disk = file_state(replica.path)
        results["replica_encrypted"] = replica.encrypted and on_disk == "encrypted"
        window = MainWindow(env.session)
        window.show()
        results["usable_seconds"] = round(time.perf_counter() - started, 3)
        emit("usable", started)
        search = window.search_view
        waiting = expect_signal(search.resultsShown, lambda n: n > 0)
        window.search.setText(QUERY)
        (hits,) = await asyncio.wait_for(waiting, timeout)
        results["search_hits"] = hits
        first = search.model.hit_at(0)
        if first is None:
            raise RuntimeError("the search showed no customer to open")
        loading = expect_signal(window.customer_view.loaded, lambda cid: cid == first.customer_id)
        search.customerChosen.emit(first.customer_id)
        await asyncio.wait_for(loading, timeout)
        results["customer_opened"] = True
        # Manager mode: the VIP list from the replica and the KPI charts (pyqtgraph) drawn.
        desk = window.show_manager()
        listed = expect_signal(desk.lists.model.totalChanged, lambda _n: True)
        (results["manager_list_rows"],) = await asyncio.wait_for(listed, timeout)
        drawn = expect_signal(desk.kpis.drawn, lambda: True)
        desk.show_tab(desk.kpis)
        await asyncio.wait_for(drawn, timeout)
        results["kpi_chart_bars"] = len(desk.kpis.aov_chart.values())
        about = window.show_about()  # the window's own hook, as a user opens it
        if not isinstance(about, AboutDialog):
            raise RuntimeError("the window did not open the About / Diagnostics dialog")
        collected = expect_signal(about.collected, lambda _diag: True)
        (diag,) = await asyncio.wait_for(collected, timeout)
        results["diagnostics_server_ok"] = diag.server.ok
        results["diagnostics_version"] = diag.version
        about.close()
        window.close()
    finally:
        await env.session.aclose()
        env.close()


def run_smoke(started: float | None = None) -> int:
    """Run the scenario in the real app; prints one JSON line and returns the exit code."""
    import qasync

    from clienteling.qt_platform import preflight
    from clienteling.ui.launch import make_application

    t0 = time.perf_counter() if started is None else started
    refused = preflight()
    if refused is not None:
        return refused
    app = make_application("es")
    # The scenario closes its windows before it cleans up; only its own end may stop the loop
    # (closing the last window used to quit first, now and then, and cut the report short).
    app.setQuitOnLastWindowClosed(False)
    emit("app_ready", t0)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    results: dict[str, Any] = {"ok": False}

    async def main() -> None:
        try:
            await scenario(t0, results)
            checks = (
                "fts5",
                "replica_encrypted",
                "translations_loaded",
                "customer_opened",
                "kpi_chart_bars",
                "app_entry",
                "diagnostics_server_ok",
            )
            results["failed_checks"] = [key for key in checks if not results.get(key)]
            results["ok"] = not results["failed_checks"]
        except Exception as exc:
            log.exception("smoke run failed")
            results["error"] = f"{type(exc).__name__}: {exc}"
        finally:
            results["total_seconds"] = round(time.perf_counter() - t0, 3)
            QTimer.singleShot(0, app.quit)

    with loop:
        task = loop.create_task(main())
        loop.run_forever()
        del task
    emit("done", t0, **results)
    return 0 if results["ok"] else 1
