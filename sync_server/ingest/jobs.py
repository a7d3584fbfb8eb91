"""POS file imports as background jobs: checked whole first, then written in chunks of receipts.

Why a job: a 50,000-row file written in one request and one transaction kept the caller waiting
for minutes and every other writer (a webhook) waiting behind it. Here the upload answers at
once with a job id; a worker thread checks every row (a file with one bad row imports nothing,
as before) and then writes ``CHUNK_ROWS`` rows' worth of whole receipts per transaction, so
another writer waits for one chunk at most. ``import_job`` keeps the state, the progress and
the final report for ``GET /imports/{id}``.

Crash safety: every chunk commits on its own, so a server stopped mid-import leaves the
receipts of the committed chunks imported and the job "running" or "failed". Order and return
ids are stable (store and receipt number), so uploading the same file again skips the receipts
already imported (counted as duplicates) and writes only the rest: re-importing is how a job
is resumed. The same holds when a chunk is refused after the file was checked (a rule that
needs the database, e.g. a return bigger than its sale): the job fails naming the line, earlier
chunks stay, and the corrected file is uploaded again.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import logging
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session

from clienteling.protocol.types import utcnow
from sync_server.db import is_sqlite, read_session, run_write
from sync_server.domain.models import ImportJob
from sync_server.ingest.pos_csv import (
    COLUMNS,
    ImportFailed,
    ImportReport,
    check_pos_csv,
    import_pos_csv,
)

log = logging.getLogger(__name__)

# Rows per transaction (whole receipts, so a chunk may hold a few more): the first chunk's size,
# then sized so a chunk takes about ``CHUNK_SECONDS`` (bench/imports.py measures it): any other
# writer that waits behind a chunk waits that long at most, and the per-transaction cost stays
# small next to the rows' own.
CHUNK_ROWS = 50
MIN_CHUNK_ROWS, MAX_CHUNK_ROWS = 10, 2_000
CHUNK_SECONDS = 0.25
# SQLite has one writer and its busy handler retries every 100 ms at most: pausing that long
# between chunks lets a waiting webhook in before the next chunk takes the lock again.
SQLITE_PAUSE_SECONDS = 0.11
STATES = ("queued", "running", "done", "failed")


@dataclass
class Chunk:
    """Whole receipts as a CSV of their own, and each of its lines' line in the uploaded file."""

    text: str
    rows: int
    lines: dict[int, int]


Receipt = list[tuple[int, list[str]]]


def split_receipts(text: str) -> tuple[list[str], list[Receipt]]:
    """The file's header and receipts in file order, each with its records and their lines.

    The lines of one receipt (store code and receipt number, as the import groups them) always
    go into one chunk, so each chunk imports exactly as the whole file would have.
    """
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if header is None:
        return [], []
    store_col, receipt_col = header.index("store_code"), header.index("receipt_id")
    receipts: dict[tuple[str, str], list[tuple[int, list[str]]]] = {}
    for record in reader:
        if not record:
            continue  # a blank line, skipped by the import too
        key = (record[store_col].strip().upper(), record[receipt_col].strip())
        receipts.setdefault(key, []).append((reader.line_num, record))
    return header, list(receipts.values())


def take_chunk(
    header: list[str], receipts: list[Receipt], start: int, rows: int
) -> tuple[Chunk, int]:
    """Receipts from ``start`` on until about ``rows`` rows, and the index after the last."""
    batch: list[tuple[int, list[str]]] = []
    end = start
    while end < len(receipts) and (not batch or len(batch) + len(receipts[end]) <= rows):
        batch.extend(receipts[end])
        end += 1
    return _chunk(header, batch), end


def _chunk(header: list[str], batch: list[tuple[int, list[str]]]) -> Chunk:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(record for _, record in batch)
    text = out.getvalue()
    # A quoted field may span lines: read the chunk back to learn where each record ends.
    reader = csv.reader(io.StringIO(text, newline=""))
    next(reader)
    lines = {}
    for (original, _), _record in zip(batch, reader, strict=True):
        lines[reader.line_num] = original
    return Chunk(text=text, rows=len(batch), lines=lines)


def check_header(text: str) -> None:
    """Refuse at once, before a job is made, what is not a POS file at all (no usable header)."""
    try:
        header = next(csv.reader(io.StringIO(text, newline="")), [])
    except csv.Error as exc:
        header, reason = [], f"not a readable CSV header: {exc}"
    else:
        reason = "missing column(s) in the header"
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise ImportFailed(
            f"line 1: {reason}; nothing was imported",
            detail=[{"line": 1, "field": ",".join(missing), "reason": reason}],
        )


def merge_reports(total: ImportReport, part: ImportReport) -> None:
    """Add a chunk's report to the job's: counts add up, anything else is the chunk's own."""
    for f in dataclasses.fields(ImportReport):
        mine, theirs = getattr(total, f.name), getattr(part, f.name)
        if isinstance(mine, dict):
            setattr(total, f.name, {**mine, **theirs})
        elif isinstance(mine, int | list) and not isinstance(mine, bool):
            setattr(total, f.name, mine + theirs)
        else:
            setattr(total, f.name, theirs)


def report_dict(report: ImportReport) -> dict[str, Any]:
    return {k: v for k, v in dataclasses.asdict(report).items() if k != "errors"}


def create_job(session: Session, staff_id: str | None, file_name: str) -> ImportJob:
    job = ImportJob(id=str(uuid.uuid4()), staff_id=staff_id, file_name=file_name[:200])
    session.add(job)
    return job


class ImportRunner:
    """One worker thread per server process: imports run one after another, in upload order
    (two at once would only compete for the same write lock)."""

    def __init__(self, engine: Engine, chunk_rows: int = CHUNK_ROWS) -> None:
        self.engine = engine
        self.chunk_rows = chunk_rows
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pos-import")

    def submit(self, job_id: str, text: str, *, checked: bool = False) -> None:
        self._pool.submit(
            run_job, self.engine, job_id, text, checked=checked, chunk=self.chunk_rows
        )

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True)


def _update(engine: Engine, job_id: str, **values: Any) -> None:
    def work(session: Session) -> None:
        job = session.get(ImportJob, job_id)
        if job is None:
            raise LookupError(f"import job {job_id} is gone")
        for name, value in values.items():
            setattr(job, name, value)

    run_write(engine, work)


def run_job(
    engine: Engine, job_id: str, text: str, *, checked: bool = False, chunk: int = CHUNK_ROWS
) -> None:
    """Run one import to its end; never raises (it runs on a worker thread nobody joins)."""
    try:
        _run(engine, job_id, text, checked=checked, chunk_rows=chunk)
    except Exception:
        log.exception("POS import job %s stopped", job_id)
        try:
            _update(
                engine,
                job_id,
                state="failed",
                finished_at=utcnow(),
                message=(
                    "The import stopped because of a server problem; it has been logged. "
                    "Upload the file again: receipts already imported are skipped."
                ),
            )
        except Exception:
            log.exception("POS import job %s could not be marked failed", job_id)


def _run(engine: Engine, job_id: str, text: str, *, checked: bool, chunk_rows: int) -> None:
    _update(engine, job_id, state="running", started_at=utcnow())
    if not checked:
        try:
            with read_session(engine) as session:
                check_pos_csv(session, text)
        except ImportFailed as exc:
            _update(
                engine,
                job_id,
                state="failed",
                finished_at=utcnow(),
                message=exc.message,
                errors=list(exc.detail or []),
            )
            return
    header, receipts = split_receipts(text)
    _update(engine, job_id, rows_total=sum(len(r) for r in receipts))
    report = ImportReport()
    done = 0
    start = 0
    pause = SQLITE_PAUSE_SECONDS if is_sqlite(engine) else 0.0
    while start < len(receipts):
        part, start = take_chunk(header, receipts, start, chunk_rows)
        began = time.perf_counter()

        def work(session: Session, part: Chunk = part, done: int = done) -> ImportReport:
            result = import_pos_csv(session, part.text)
            job = session.get(ImportJob, job_id)
            if job is None:
                raise LookupError(f"import job {job_id} is gone")
            job.rows_done = done + part.rows
            return result

        try:
            merge_reports(report, run_write(engine, work))
        except ImportFailed as exc:
            errors = [
                {**e, "line": part.lines.get(e.get("line", 0), e.get("line", 0))}
                for e in (exc.detail or [])
            ]
            first = errors[0] if errors else {"line": 0, "reason": exc.message}
            _update(
                engine,
                job_id,
                state="failed",
                finished_at=utcnow(),
                report=report_dict(report),
                errors=errors,
                message=(
                    f"line {first['line']}: {first['reason']}; the {done:,} rows before its "
                    "chunk were imported, the rest was not. Upload the corrected file again: "
                    "receipts already imported are skipped."
                ),
            )
            return
        done += part.rows
        took = max(time.perf_counter() - began, 1e-3)
        chunk_rows = round(
            min(max(part.rows * CHUNK_SECONDS / took, MIN_CHUNK_ROWS), MAX_CHUNK_ROWS)
        )
        if pause:
            time.sleep(pause)
    _update(
        engine,
        job_id,
        state="done",
        finished_at=utcnow(),
        rows_done=done,
        report=report_dict(report),
    )
