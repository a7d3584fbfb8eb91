"""Import of store POS sales from CSV: all rows or none, every bad row reported with its line.

Columns (header required): ``store_code,receipt_id,sold_at,loyalty_card,email,phone,first_name,
last_name,sku,size,quantity,unit_price,currency``. A negative quantity is a return in that store.
Lines of one receipt become one order (and/or one return); re-importing a file changes nothing.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from pydantic import ValidationError
from sqlmodel import Session, select

from sync_server.domain.models import Store
from sync_server.domain.money import check_currency, parse_cents
from sync_server.domain.normalize import normalize
from sync_server.errors import DomainError, InvalidInput
from sync_server.ingest.schemas import CustomerRef, LineIn, OrderIn, ReturnIn, ReturnLineIn
from sync_server.ingest.service import ingest_order, ingest_return

COLUMNS = (
    "store_code",
    "receipt_id",
    "sold_at",
    "loyalty_card",
    "email",
    "phone",
    "first_name",
    "last_name",
    "sku",
    "size",
    "quantity",
    "unit_price",
    "currency",
)
MAX_ERRORS = 200


@dataclass
class RowError:
    line: int
    field: str
    reason: str


@dataclass
class ImportReport:
    rows: int = 0
    orders_created: int = 0
    returns_created: int = 0
    duplicates: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class _Row:
    line: int
    values: dict[str, str]
    quantity: int
    cents: int
    sold_at: datetime


class ImportFailed(InvalidInput):
    code = "import_rejected"


def _parse(text: str, stores: set[str]) -> tuple[list[_Row], list[RowError]]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        header = reader.fieldnames or []
    except csv.Error as exc:
        return [], [RowError(1, "", f"not a readable CSV header: {exc}")]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        return [], [RowError(1, ",".join(missing), "missing column(s) in the header")]
    rows: list[_Row] = []
    errors: list[RowError] = []
    while True:
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            errors.append(RowError(reader.line_num, "", f"not readable as CSV: {exc}"))
            break
        line = reader.line_num
        if None in values:
            errors.append(RowError(line, "", "more fields than the header has"))
            continue
        clean = {k: (v or "").strip() for k, v in values.items() if k is not None}

        def bad(col: str, reason: str, line: int = line) -> None:
            errors.append(RowError(line, col, reason))

        if clean["store_code"].upper() not in stores:
            bad("store_code", f"unknown store '{clean['store_code']}'")
        if not clean["receipt_id"]:
            bad("receipt_id", "empty")
        try:
            sold_at = datetime.fromisoformat(clean["sold_at"])
        except ValueError:
            bad("sold_at", f"'{clean['sold_at']}' is not an ISO 8601 date-time")
            sold_at = datetime.min
        if not clean["sku"]:
            bad("sku", "empty")
        try:
            quantity = int(clean["quantity"])
            if quantity == 0 or abs(quantity) > 10_000:
                bad("quantity", "must be between -10000 and 10000, and not zero")
        except ValueError:
            bad("quantity", f"'{clean['quantity']}' is not a whole number")
            quantity = 0
        try:
            cents = parse_cents(clean["unit_price"], field="unit_price")
            if cents < 0:
                bad("unit_price", "negative (returns are negative quantities)")
        except InvalidInput as exc:
            bad("unit_price", exc.message.split(": ", 1)[-1])
            cents = 0
        try:
            check_currency(clean["currency"] or "EUR")
        except InvalidInput as exc:
            bad("currency", exc.message.split(": ", 1)[-1])
        for kind in ("email", "phone", "loyalty_card"):
            if clean[kind]:
                try:
                    normalize(kind, clean[kind])
                except InvalidInput as exc:
                    bad(kind, exc.message.split(": ", 1)[-1])
        if not (clean["email"] or clean["phone"] or clean["loyalty_card"]):
            bad("loyalty_card", "no customer identifier (loyalty_card, email or phone)")
        rows.append(_Row(line, clean, quantity, cents, sold_at))
        if len(errors) >= MAX_ERRORS:
            break
    return rows, errors


def import_pos_csv(session: Session, text: str) -> ImportReport:
    """Validate everything first; ingest only a clean file, inside the caller's transaction."""
    stores = {s.code for s in session.exec(select(Store))}
    rows, errors = _parse(text, stores)
    report = ImportReport(rows=len(rows), errors=errors)
    if errors:
        raise ImportFailed(
            f"{len(errors)} bad row(s); nothing was imported",
            detail=[e.__dict__ for e in errors],
        )
    receipts: dict[tuple[str, str], list[_Row]] = {}
    for row in rows:
        key = (row.values["store_code"].upper(), row.values["receipt_id"])
        receipts.setdefault(key, []).append(row)
    for (store_code, receipt), lines in receipts.items():
        first = lines[0]
        ref = CustomerRef(
            loyalty_card=first.values["loyalty_card"] or None,
            email=first.values["email"] or None,
            phone=first.values["phone"] or None,
            first_name=first.values["first_name"],
            last_name=first.values["last_name"],
        )
        currency = first.values["currency"] or "EUR"
        sales = [r for r in lines if r.quantity > 0]
        returns = [r for r in lines if r.quantity < 0]
        try:
            if sales:
                result = ingest_order(
                    session,
                    OrderIn(
                        channel="store",
                        external_id=f"{store_code}-{receipt}",
                        ordered_at=first.sold_at,
                        currency=currency,
                        customer=ref,
                        fulfilment="in_store",
                        store_code=store_code,
                        status="completed",
                        lines=[
                            LineIn(
                                sku=r.values["sku"],
                                size=r.values["size"],
                                quantity=r.quantity,
                                unit_price=r.values["unit_price"],
                            )
                            for r in sales
                        ],
                    ),
                )
                if result.status == "duplicate":
                    report.duplicates += 1
                else:
                    report.orders_created += 1
            if returns:
                result = ingest_return(
                    session,
                    ReturnIn(
                        channel="store",
                        external_id=f"{store_code}-{receipt}",
                        returned_at=first.sold_at,
                        currency=currency,
                        customer=ref,
                        store_code=store_code,
                        lines=[
                            ReturnLineIn(
                                sku=r.values["sku"],
                                size=r.values["size"],
                                quantity=-r.quantity,
                                amount=str(Decimal(-r.quantity * r.cents) / 100),
                            )
                            for r in returns
                        ],
                    ),
                )
                if result.status == "duplicate":
                    report.duplicates += 1
                else:
                    report.returns_created += 1
        except (DomainError, ValidationError) as exc:
            message = exc.message if isinstance(exc, DomainError) else str(exc).splitlines()[0]
            raise ImportFailed(
                f"line {first.line}: {message}; nothing was imported",
                detail=[{"line": first.line, "field": "", "reason": message}],
            ) from None
    return report
