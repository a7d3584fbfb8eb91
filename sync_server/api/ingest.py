"""Ingestion endpoints: webhooks from the web shop/app and the store POS CSV import."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, UploadFile
from pydantic import BaseModel, Field
from sqlmodel import select

from clienteling.protocol.strict import StrictCount
from clienteling.protocol.types import utcnow
from sync_server.api.deps import AdminDep, EngineDep
from sync_server.db import run_write, write_session
from sync_server.domain.models import Product, Stock, Store
from sync_server.errors import InvalidInput
from sync_server.ingest import service
from sync_server.ingest.pos_csv import ImportReport, import_pos_csv
from sync_server.ingest.schemas import CartIn, EventIn, IngestResult, OrderIn, ReturnIn

router = APIRouter(tags=["ingest"])
MAX_CSV_BYTES = 50 * 1024 * 1024


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
def ingest_event(body: EventIn, _staff: AdminDep, engine: EngineDep) -> IngestResult:
    return run_write(engine, lambda session: service.ingest_event(session, body))


class StockIn(BaseModel):
    store_code: str = Field(min_length=1, max_length=16)
    sku: str = Field(min_length=1, max_length=40)
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


@router.post("/import/pos-sales", response_model=ImportOut)
async def import_pos(
    file: Annotated[UploadFile, File(description="POS sales CSV")],
    _staff: AdminDep,
    engine: EngineDep,
) -> ImportOut:
    raw = await file.read(MAX_CSV_BYTES + 1)
    if len(raw) > MAX_CSV_BYTES:
        raise InvalidInput("file: larger than 50 MB; split it")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidInput(f"file: not UTF-8 text (byte {exc.start})") from None
    return _run_import(engine, text)


def _run_import(engine: EngineDep, text: str) -> ImportOut:
    with write_session(engine) as session:
        report: ImportReport = import_pos_csv(session, text)
    return ImportOut(
        rows=report.rows,
        orders_created=report.orders_created,
        returns_created=report.returns_created,
        duplicates=report.duplicates,
    )
