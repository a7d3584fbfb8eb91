"""The scripted smoke run that packaging/smoke.py drives in the frozen build, run here from
source through the same entry script (so a broken driver is caught without PyInstaller)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_smoke_mode_runs_demo_search_customer_and_diagnostics(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLIENTELING_")}
    env.update(
        QT_QPA_PLATFORM="offscreen",
        CLIENTELING_SMOKE="1",
        CLIENTELING_KEYRING="file",
        HOME=str(tmp_path),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_STATE_HOME=str(tmp_path / "state"),
    )
    done = subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "entry.py")],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    events = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    assert [e["event"] for e in events] == ["app_ready", "usable", "done"], done.stderr[-3000:]
    report = events[-1]
    assert done.returncode == 0 and report["ok"], (report, done.stderr[-2000:])
    assert report["search_hits"] > 0 and report["customer_opened"]
    assert report["fts5"] and report["translations_loaded"] and report["diagnostics_server_ok"]
    assert report["replica_encrypted"]
