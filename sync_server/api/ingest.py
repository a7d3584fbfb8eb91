"""Ingestion endpoints: webhooks from the web shop/app and the store POS CSV import."""

from __future__ import annotations

import threading
from datetime import datetime
from typing import Annotated, Literal

from fastapi import APIRouter, File, Request, Response, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sqlmodel import select

from clienteling.protocol import API_PREFIX
from clienteling.protocol.strict import StrictCount
from clienteling.protocol.types import utcnow
from sync_server.api.deps import AdminDep, ClockDep, EngineDep, SettingsDep
from sync_server.db import read_session, run_write, write_session
from sync_server.domain.models import ImportJob, Product, Stock, Store
from sync_server.errors import InvalidInput, NotFound
from sync_server.ingest import service
from sync_server.ingest.jobs import ImportRunner, check_header, create_job
from sync_server.ingest.pos_csv import ImportReport, check_pos_csv, decode_csv, import_pos_csv
from sync_server.ingest.schemas import CartIn, EventIn, IngestResult, OrderIn, ReturnIn

router = APIRouter(tags=["ingest"])
MAX_CSV_BYTES = 50 * 1024 * 1024
# Above this many lines the synchronous upload is checked in the request and then written by a
# background job (202), so no request holds the database for more than a moment.
SYNC_IMPORT_MAX_ROWS = 2_000


@router.post("/ingest/orders", response_model=IngestResult)
def ingest_order(body: OrderIn, _staff: AdminDep, engine: EngineDep) -> IngestResult:
    return run_write(engine, lambda session: service.ingest_order(session, body))


@router.post("/ingest/returns", response_model=IngestResult)
def ingest_return(body: ReturnIn, _staff: AdminDep, engine: EngineDep) -> IngestResult:
    return run_write(engine, lambda session: service.ingest_return(session, body))


@router.post("/ingest/carts", response_model=IngestResult)
def ingest_cart(body: CartIn, _staff: AdminDep, engine: EngineDep) -> IngestResult:
    return run_write(engine, lambda session: service.ingest_cart(session, body))


@router.post("/ingest/events", response_model=IngestResult)
def ingest_event(
    body: EventIn, _staff: AdminDep, engine: EngineDep, settings: SettingsDep, clock: ClockDep
) -> IngestResult:
    return run_write(
        engine,
        lambda session: service.ingest_event(
            session,
            body,
            now=clock(),
            max_age_days=settings.event_max_age_days,
            max_ahead_minutes=settings.event_max_ahead_minutes,
        ),
    )


class StockIn(BaseModel):
    store_code: str = Field(min_length=1, max_length=16)
    sku: str = Field(min_length=1, max_length=64)
    size: str = Field(default="", max_length=16)
    quantity: StrictCount = Field(ge=0, le=1_000_000)


class StockOut(BaseModel):
    updated: int


@router.post("/ingest/stock", response_model=StockOut)
def ingest_stock(
    body: Annotated[list[StockIn], Field(max_length=10_000)], _staff: AdminDep, engine: EngineDep
) -> StockOut:
    with write_session(engine) as session:
        stores = {s.code: s for s in session.exec(select(Store))}
        products = {p.sku: p for p in session.exec(select(Product))}
        for i, item in enumerate(body):
            store = stores.get(item.store_code.upper())
            product = products.get(item.sku)
            if store is None:
                raise InvalidInput(f"[{i}].store_code: unknown store '{item.store_code}'")
            if product is None:
                raise InvalidInput(f"[{i}].sku: unknown product '{item.sku}'")
            stock_id = f"{store.id}:{product.id}:{item.size}"
            row = session.get(Stock, stock_id)
            if row is None:
                session.add(
                    Stock(
                        id=stock_id,
                        store_id=store.id,
                        product_id=product.id,
                        size=item.size,
                        quantity=item.quantity,
                    )
                )
            else:
                row.quantity = item.quantity
                row.updated_at = utcnow()
        return StockOut(updated=len(body))


class ImportOut(BaseModel):
    rows: int
    orders_created: int
    returns_created: int
    duplicates: int
    time_zones: dict[str, str] = Field(
        default_factory=dict,
        description="store code -> IANA zone its times without offset were read in",
    )


class RowErrorOut(BaseModel):
    line: int
    field: str
    reason: str


class ImportJobOut(BaseModel):
    """A background POS import: where it is, and at the end what it imported or refused."""

    id: str
    state: Literal["queued", "running", "done", "failed"]
    file_name: str
    rows_total: int = Field(description="rows in the file, known once it has been checked")
    rows_done: int = Field(description="rows written so far (whole receipts, committed)")
    report: ImportOut | None = Field(description="what was imported (so far, when failed)")
    errors: list[RowErrorOut] = Field(description="the refused rows: nothing imported for them")
    message: str
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None

    @classmethod
    def of(cls, job: ImportJob) -> ImportJobOut:
        return cls.model_validate(
            {
                **job.model_dump(),
                "report": ImportOut.model_validate(job.report) if job.report else None,
            }
        )


@router.post(
    "/import/pos-sales",
    response_model=ImportOut,
    responses={202: {"model": ImportJobOut, "description": "a large file: imported by a job"}},
)
async def import_pos(
    file: Annotated[UploadFile, File(description="POS sales CSV")],
    staff: AdminDep,
    engine: EngineDep,
    request: Request,
) -> ImportOut | Response:
    """A small file is imported in this request, in one transaction; a file of more than
    ``SYNC_IMPORT_MAX_ROWS`` lines is checked here (422 with its bad rows) and then written by a
    background job, answered 202 as ``POST /imports/pos-sales`` does."""
    text = decode_csv(await _read_csv(file))
    if text.count("\n") > SYNC_IMPORT_MAX_ROWS:
        await run_in_threadpool(_check, engine, text)
        job = await run_in_threadpool(_start_job, request, engine, staff.id, file, text, True)
        return JSONResponse(
            job.model_dump(mode="json"),
            status_code=202,
            headers={"Location": _job_location(job.id)},
        )
    return await run_in_threadpool(_run_import, engine, text)


def _run_import(engine: EngineDep, text: str) -> ImportOut:
    with write_session(engine) as session:
        report: ImportReport = import_pos_csv(session, text)
    return ImportOut(
        rows=report.rows,
        orders_created=report.orders_created,
        returns_created=report.returns_created,
        duplicates=report.duplicates,
        time_zones=report.time_zones,
    )


async def _read_csv(file: UploadFile) -> bytes:
    raw = await file.read(MAX_CSV_BYTES + 1)
    if len(raw) > MAX_CSV_BYTES:
        raise InvalidInput("file: larger than 50 MB; split it")
    return raw


def _check(engine: EngineDep, text: str) -> None:
    with read_session(engine) as session:
        check_pos_csv(session, text)


_RUNNER_LOCK = threading.Lock()


def _runner(request: Request, engine: EngineDep) -> ImportRunner:
    """The app's one import worker, made on the first upload."""
    with _RUNNER_LOCK:
        runner: ImportRunner | None = getattr(request.app.state, "import_runner", None)
        if runner is None:
            runner = ImportRunner(engine)
            request.app.state.import_runner = runner
    return runner


def _job_location(job_id: str) -> str:
    return f"{API_PREFIX}/imports/{job_id}"


def _start_job(
    request: Request,
    engine: EngineDep,
    staff_id: str,
    file: UploadFile,
    text: str,
    checked: bool,
) -> ImportJobOut:
    with write_session(engine) as session:
        job = create_job(session, staff_id, file.filename or "")
    _runner(request, engine).submit(job.id, text, checked=checked)
    return ImportJobOut.of(job)


@router.post("/imports/pos-sales", response_model=ImportJobOut, status_code=202)
async def start_pos_import(
    file: Annotated[UploadFile, File(description="POS sales CSV")],
    staff: AdminDep,
    engine: EngineDep,
    request: Request,
    response: Response,
) -> ImportJobOut:
    """Answer at once with a job id; the job checks the whole file (one bad row: nothing is
    imported, the rows are in the job's ``errors``) and then imports it in chunks."""
    text = decode_csv(await _read_csv(file))
    check_header(text)
    job = await run_in_threadpool(_start_job, request, engine, staff.id, file, text, False)
    response.headers["Location"] = _job_location(job.id)
    return job


@router.get("/imports/{job_id}", response_model=ImportJobOut)
def pos_import_status(job_id: str, _staff: AdminDep, engine: EngineDep) -> ImportJobOut:
    with read_session(engine) as session:
        job = session.get(ImportJob, job_id)
        if job is None:
            raise NotFound(f"job_id: no import '{job_id}'", detail={"field": "job_id"})
        return ImportJobOut.of(job)
