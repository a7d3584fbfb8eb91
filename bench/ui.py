"""App benchmarks: typing a name to rendered results, start to usable, and memory (DESIGN §6).

The replica comes from ``bench.replica.build_replica`` (the same generator as the replica's own
benchmarks), encrypted as on a tablet. The app runs in a child process (offscreen) so that
start-up time and memory are those of a fresh app, not of this process which built the data.

Run: ``python -m bench.ui [customers]`` (default 100,000).
"""

from __future__ import annotations

import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

CHILD_FLAG = "--child"
KEY_FILE = "device-token"


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def _rss_mb() -> dict[str, float]:
    fields: dict[str, float] = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = round(int(value.split()[0]) / 1024, 1)
    return fields


def _child(replica_dir: str, samples: int) -> dict[str, Any]:
    """Open the app on an existing replica, then type names and time each rendered answer."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    from bench.replica import FIRST, LAST
    from clienteling.replica.search import fold
    from clienteling.sync.credentials import FileTokenStore
    from clienteling.sync.engine import SyncEngine
    from clienteling.sync.replica_key import open_replica
    from clienteling.ui.launch import make_application
    from clienteling.ui.main_window import MainWindow
    from clienteling.ui.session import Session, StaffMember

    make_application("es")
    memory_at_start = _rss_mb()
    replica = open_replica(Path(replica_dir), FileTokenStore(Path(replica_dir) / KEY_FILE))
    engine = SyncEngine(replica, "http://127.0.0.1:9")
    staff = StaffMember("bench", "bench", "Bench", "associate", replica.get_meta("store_id"))
    window = MainWindow(Session(replica, engine, staff))
    window.show()
    QApplication.processEvents()
    window.repaint()
    print("USABLE", flush=True)
    memory_usable = _rss_mb()

    view = window.search_view
    waiter = QEventLoop()
    view.resultsShown.connect(lambda _n: waiter.quit())
    rng = random.Random(3)
    words = [fold(w) for w in LAST] + [fold(w) for w in FIRST]
    latencies: list[float] = []
    by_length: dict[int, list[float]] = {}
    for _ in range(samples):
        word = rng.choice(words)
        window.search.clear()
        for n in range(2, min(len(word), 6) + 1):
            started = time.perf_counter()
            window.search.setText(word[:n])
            waiter.exec()  # blocks in Qt (GIL released) until the answer is on screen
            view.list.viewport().repaint()
            elapsed = (time.perf_counter() - started) * 1000
            latencies.append(elapsed)
            by_length.setdefault(n, []).append(elapsed)
    window.close()
    replica.close()
    return {
        "keystrokes": len(latencies),
        "p50_ms": round(statistics.median(latencies), 2),
        "p95_ms": round(_pct(latencies, 0.95), 2),
        "max_ms": round(max(latencies), 2),
        "p95_by_typed_chars_ms": {k: round(_pct(v, 0.95), 2) for k, v in sorted(by_length.items())},
        "memory_mb": {"at_start": memory_at_start, "usable": memory_usable, "end": _rss_mb()},
    }


def run(
    customers: int = 100_000, samples: int = 100, workdir: Path | None = None
) -> dict[str, Any]:
    """Build a replica of ``customers`` and measure the app on it (in a child process)."""
    from bench.replica import build_replica
    from clienteling.replica import cipher
    from clienteling.sync.credentials import FileTokenStore
    from clienteling.sync.replica_key import key_account

    folder = Path(workdir or tempfile.mkdtemp(prefix="clienteling-bench-ui-"))
    built_at = time.perf_counter()
    path = folder / "replica.sqlite3"
    key = cipher.new_key()  # encrypted, as on a tablet; the child finds the key as the app does
    FileTokenStore(folder / KEY_FILE).set(key_account(path), key.hex())
    replica, info = build_replica(path, customers, key=key)
    replica.close()
    build_s = time.perf_counter() - built_at
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "bench.ui", CHILD_FLAG, str(folder), str(samples)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert child.stdout is not None  # noqa: S101 - narrows the type: Popen(stdout=PIPE)
    usable_s: float | None = None
    result: dict[str, Any] = {}
    for line in child.stdout:
        if line.startswith("USABLE") and usable_s is None:
            usable_s = time.perf_counter() - started
        elif line.startswith("{"):
            result = json.loads(line)
    child.wait()
    return {
        "customers": customers,
        "replica_build_s": round(build_s, 1),
        "replica": info,
        "start_to_usable_s": round(usable_s or -1, 2),
        "typing_to_rendered": {k: v for k, v in result.items() if k != "memory_mb"},
        "memory_mb_after_typing": result.get("memory_mb"),
    }


def main(argv: list[str]) -> int:
    if argv and argv[0] == CHILD_FLAG:
        print(json.dumps(_child(argv[1], int(argv[2]))), flush=True)
        return 0
    customers = int(argv[0]) if argv else 100_000
    print(json.dumps(run(customers), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
