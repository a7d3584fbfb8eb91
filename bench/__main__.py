"""``python -m bench``: every benchmark section, printed as a table and written as JSON.

Sections: ``replica`` (search, customer 360, initial/incremental sync), ``server`` (seeding,
full-scope pull over HTTP), ``chain`` (PostgreSQL: a 50-store chain against a 5-store one,
incremental pulls while other stores change, ingestion with 1 and 8 senders, one big bucket's
initial sync), ``imports`` (PostgreSQL: a 50,000-row POS file through the background job,
rows per second, and the latency of webhooks sent meanwhile), ``analytics`` (BG/NBD +
Gamma-Gamma against lifetimes, the nightly pipeline), ``ui`` (typing to rendered results,
start time, memory). Each speed comes with a ratio against the plain way measured in the same
run.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

SECTIONS = ("replica", "server", "chain", "imports", "analytics", "ui")


def _run_section(name: str, customers: int, args: argparse.Namespace) -> dict[str, Any]:
    if name == "replica":
        from bench import replica

        return replica.run(customers, sync_customers=min(customers, 10_000))
    if name == "server":
        from bench import server

        return server.run(customers)
    if name == "chain":
        from bench import chain

        return chain.run(args.per_store, bucket_customers=args.bucket_customers)
    if name == "imports":
        from bench import imports

        return imports.run(args.import_rows)
    if name == "analytics":
        from bench import analytics

        return {
            "fit": analytics.run(customers * 10),
            "pipeline": analytics.run_pipeline(customers, customers * 10),
        }
    from bench import ui

    return ui.run(customers)


def _flatten(prefix: str, value: Any, out: list[tuple[str, str]]) -> None:
    if isinstance(value, dict):
        for key, inner in value.items():
            _flatten(f"{prefix}.{key}" if prefix else str(key), inner, out)
    elif isinstance(value, float):
        out.append((prefix, f"{value:,.3f}"))
    elif isinstance(value, list):
        out.append((prefix, json.dumps(value)[:60]))
    else:
        out.append((prefix, str(value)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--json", type=Path, default=Path("bench/results/latest.json"))
    parser.add_argument("--only", default=",".join(SECTIONS), help="comma-separated sections")
    parser.add_argument(
        "--per-store", type=int, default=400, help="chain: customers per store (5 vs 50 stores)"
    )
    parser.add_argument(
        "--bucket-customers",
        type=int,
        default=100_000,
        help="chain: customers of the one-store bucket synced end to end (0 to skip)",
    )
    parser.add_argument(
        "--import-rows", type=int, default=50_000, help="imports: rows of the POS file"
    )
    args = parser.parse_args(argv)
    chosen = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = [s for s in chosen if s not in SECTIONS]
    if unknown:
        parser.error(f"unknown section(s): {', '.join(unknown)}")
    results: dict[str, Any] = {
        "when": datetime.now(UTC).isoformat(),
        "machine": {"python": sys.version.split()[0], "platform": platform.platform()},
        "customers": args.customers,
    }
    runner: Callable[[str, int, argparse.Namespace], dict[str, Any]] = _run_section
    for name in chosen:
        started = time.perf_counter()
        print(f"== {name} ...", flush=True)
        results[name] = runner(name, args.customers, args)
        results[name]["section_seconds"] = round(time.perf_counter() - started, 1)
        rows: list[tuple[str, str]] = []
        _flatten("", results[name], rows)
        width = max(len(k) for k, _ in rows)
        for key, value in rows:
            print(f"  {key:<{width}}  {value}")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2, default=str))
    print(f"figures written to {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
