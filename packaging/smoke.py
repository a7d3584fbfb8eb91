"""Smoke-test the BUILT program: ``python packaging/smoke.py [--runs 5]``.

Runs ``dist/clienteling/clienteling`` headless (``QT_QPA_PLATFORM=offscreen``; ``--xcb-runs``
adds runs on X11 in Xvfb, the path a desktop takes) with
``CLIENTELING_SMOKE=1``: the frozen app starts the demo (embedded server, seeding, sync), searches,
opens the first customer and exits 0 only if every step worked, which proves the build carries
qasync, a keyring backend, SQLCipher with FTS5 (the demo's replica is checked to be encrypted),
the translations and the server's migrations.

It also measures start-to-usable from outside the process (spawn → main window shown), as the
median of the runs; "app ready" is spawn → Qt application up with translations loaded, the part
a real, already-enrolled tablet waits for before its window (the demo adds seeding a server).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "dist" / "clienteling" / ("clienteling.exe" if os.name == "nt" else "clienteling")


def clean_env(home: str, **extra: str) -> dict[str, str]:
    """A fresh profile: no saved language, settings, tokens or CLIENTELING_* from this machine."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLIENTELING_")}
    env.update(
        QT_QPA_PLATFORM="offscreen",
        CLIENTELING_KEYRING="file",
        HOME=home,
        XDG_CONFIG_HOME=str(Path(home) / "config"),
        XDG_DATA_HOME=str(Path(home) / "data"),
        XDG_STATE_HOME=str(Path(home) / "state"),
        XDG_CACHE_HOME=str(Path(home) / "cache"),
        **extra,
    )
    return env


def check_cli(program: Path) -> list[str]:
    """The IT commands work frozen and report the package's version (its metadata is bundled)."""
    problems = []
    with tempfile.TemporaryDirectory(prefix="clienteling-smoke-") as home:
        env = clean_env(home)
        helped = subprocess.run(
            [str(program), "--help"], env=env, capture_output=True, text=True, timeout=60
        )
        for command in ("sync", "status", "enrol", "diagnose"):
            if command not in helped.stdout:
                problems.append(f"'{command}' missing from --help")
        diag = subprocess.run(
            [str(program), "diagnose", "--json", "--timeout", "1"],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        try:
            report = json.loads(diag.stdout)
        except json.JSONDecodeError:
            return [
                *problems,
                f"diagnose printed no JSON: {diag.stdout[-500:]}{diag.stderr[-2000:]}",
            ]
        expected = version("clienteling")
        if report.get("version") != expected:
            problems.append(f"frozen version {report.get('version')} != package {expected}")
        if not report.get("frozen"):
            problems.append("diagnose does not know it runs frozen")
        print(
            f"cli: --help lists the IT commands, diagnose reports version {report.get('version')}, "
            f"keyring {report.get('keyring', {}).get('backend')}"
        )
    return problems


def check_enrol(program: Path) -> list[str]:
    """Silent enrolment and a healthy ``diagnose`` from the frozen build against a real server
    (started here from the source tree, on a fresh SQLite file with stores and staff only)."""
    import random

    from sync_server.db import make_engine
    from sync_server.embedded import EmbeddedServer
    from sync_server.schema import upgrade
    from sync_server.seed import SeedReport, seed_reference

    problems = []
    with tempfile.TemporaryDirectory(prefix="clienteling-smoke-") as home:
        url = f"sqlite:///{Path(home) / 'server.db'}"
        engine = make_engine(url)
        upgrade(engine)
        seed_reference(engine, random.Random(1), SeedReport())  # noqa: S311 - test data
        password = Path(home) / "password"
        password.write_text("admin\n", encoding="utf-8")
        data = str(Path(home) / "tablet")
        env = clean_env(home)
        with EmbeddedServer(url, engine=engine) as server:
            command = [str(program), "enrol", "--server", server.url, "--store", "MAD01"]
            command += ["--username", "admin", "--password-file", str(password)]
            enrol = subprocess.run(
                [*command, "--data-dir", data],
                env=env,
                capture_output=True,
                text=True,
                timeout=120,
            )
            if enrol.returncode != 0:
                problems.append(f"enrol failed: {enrol.stdout[-800:]}{enrol.stderr[-2000:]}")
            diag = subprocess.run(
                [str(program), "diagnose", "--data-dir", data],
                env=env,
                capture_output=True,
                text=True,
                timeout=60,
            )
            if diag.returncode != 0 or "Server: OK" not in diag.stdout:
                problems.append(f"diagnose after enrol: {diag.stdout[-1500:]}{diag.stderr[-1500:]}")
        engine.dispose()
    if not problems:
        print("cli: frozen `enrol` (manager password file) and `diagnose` against a real server OK")
    return problems


def check_preflight(program: Path) -> list[str]:
    """On a desktop without libraries the build takes from the OS, the frozen app names them
    and exits 78 (Qt itself would abort with a core dump); run in a mount namespace that hides
    them. (The xcb-util family is bundled when the build machine has it, as CI's does; the
    OpenGL and libxcb libraries never are.)"""
    if not sys.platform.startswith("linux"):
        return []
    sys.path.insert(0, str(ROOT))
    from clienteling.qt_platform import EXIT_MISSING_LIBRARIES
    from tests.desktop.machine import Unavailable, desktop_env, run_with_hidden_libraries

    hidden = ("libEGL.so.1", "libxcb.so.1")
    with tempfile.TemporaryDirectory(prefix="clienteling-smoke-") as home:
        try:
            done = run_with_hidden_libraries(
                hidden, [str(program)], desktop_env(Path(home), ":250"), timeout=60
            )
        except Unavailable as exc:
            print(f"preflight: not checked here ({exc})")
            return []
    problems = []
    if done.returncode != EXIT_MISSING_LIBRARIES:
        problems.append(f"preflight: exit {done.returncode}, not {EXIT_MISSING_LIBRARIES}")
    for package in ("libegl1", "libxcb1"):
        if package not in done.stderr:
            problems.append(f"preflight: {package} not named in: {done.stderr[-1500:]}")
    if not problems:
        print("preflight: with libEGL and libxcb hidden the frozen app names them and exits 78")
    return problems


def run_once(program: Path, timeout: float, *, xcb: bool = False) -> dict[str, Any]:
    """One smoke run; returns the milestones (seconds since spawn) and the app's own report.

    ``xcb`` runs it as a desktop does: Qt's X11 plugin in a real X server (Xvfb at 1024×768,
    through Debian's ``xvfb-run``), with no QT_QPA_PLATFORM.
    """
    with tempfile.TemporaryDirectory(prefix="clienteling-smoke-") as home:
        env = clean_env(home, CLIENTELING_SMOKE="1")
        command = [str(program)]
        if xcb:
            env.pop("QT_QPA_PLATFORM")
            command = ["xvfb-run", "-a", "-s", "-screen 0 1024x768x24 -nolisten tcp", *command]
        started = time.perf_counter()
        proc = subprocess.Popen(
            command,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        seen: dict[str, Any] = {}
        assert proc.stdout is not None  # noqa: S101 - narrows the type: Popen(stdout=PIPE)
        for line in proc.stdout:
            now = time.perf_counter() - started
            try:
                event = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(event, dict) and "event" in event:
                seen[f"{event['event']}_s"] = round(now, 3)
                if event["event"] == "done":
                    seen["report"] = event
        try:
            code = proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            code = -1
        stderr = proc.stderr.read() if proc.stderr else ""
        seen["exit_code"] = code
        if code != 0:
            seen["stderr_tail"] = stderr[-3000:]
        return seen


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--program", type=Path, default=APP, help="the built executable")
    parser.add_argument("--runs", type=int, default=1, help="runs; timings are their median")
    parser.add_argument("--timeout", type=float, default=180.0, help="seconds per run")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument(
        "--xcb-runs", type=int, default=0, help="extra runs on X11 under Xvfb (needs xvfb-run)"
    )
    args = parser.parse_args(argv)
    if not args.program.is_file():
        print(f"no built program at {args.program}; run packaging/build.py first", file=sys.stderr)
        return 2
    runs = []
    plans = [False] * args.runs + [True] * args.xcb_runs
    for i, xcb in enumerate(plans):
        result = run_once(args.program, args.timeout, xcb=xcb)
        result["xcb"] = xcb
        runs.append(result)
        report = result.get("report", {})
        print(
            f"run {i + 1} ({report.get('platform', 'xcb' if xcb else 'offscreen')}): "
            f"exit {result['exit_code']}, app ready {result.get('app_ready_s')} s, "
            f"usable {result.get('usable_s')} s, done {result.get('done_s')} s, "
            f"{report.get('search_hits')} hits, customer opened {report.get('customer_opened')}, "
            f"keyring {report.get('keyring_backend')}, fts5 {report.get('fts5')}, "
            f"encrypted replica {report.get('replica_encrypted')}, "
            f"translations {report.get('translations_loaded')}"
        )
        if result["exit_code"] != 0:
            print(report.get("error") or result.get("stderr_tail", ""), file=sys.stderr)
    problems = check_cli(args.program) + check_enrol(args.program) + check_preflight(args.program)
    for problem in problems:
        print(f"cli problem: {problem}", file=sys.stderr)
    ok = not problems and all(r["exit_code"] == 0 for r in runs)
    summary: dict[str, Any] = {"ok": ok, "runs": runs}
    for key in ("app_ready_s", "usable_s", "done_s"):
        values = [r[key] for r in runs if key in r and not r["xcb"]]
        if values:
            summary[f"median_{key}"] = round(statistics.median(values), 3)
    print(
        f"smoke {'PASSED' if ok else 'FAILED'}: median app ready "
        f"{summary.get('median_app_ready_s')} s, median start-to-usable (demo) "
        f"{summary.get('median_usable_s')} s over {args.runs} offscreen run(s)"
        + (f", {args.xcb_runs} run(s) on X11 (Xvfb)" if args.xcb_runs else "")
    )
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2), encoding="utf-8")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
