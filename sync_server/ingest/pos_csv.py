"""Import of store POS sales from CSV: all rows or none, every bad row reported with its line.

Columns (header required): ``store_code,receipt_id,sold_at,loyalty_card,email,phone,first_name,
last_name,sku,size,quantity,unit_price,currency``, and optionally ``country`` (ISO 3166-1 alpha-2
of the customer, for phones written without +country code; else the store's country, else ES).
A negative quantity is a return in that store; an optional ``original_receipt`` column names
the receipt it comes from (same store), and it is then checked against that sale like a web
return against its order (a return of what the same receipt sold is checked against it too).
Lines of one receipt become one order (and/or one return); re-importing a file changes nothing.
The file must be UTF-8 (a Windows-1252 export is refused with the byte and line, and the advice
to re-save it as UTF-8, rather than guessed).

Times: ``sold_at`` without offset (what tills write) is read in the store's time zone
(``Store.timezone``; see ``domain.localtime`` for daylight saving); the report names the zone
used per store. With an offset it is taken as sent.

One receipt, one buyer: the buyer is the union of the identifiers its rows carry (a card on the
first row and an e-mail on the third are both the buyer's). A row whose card, e-mail or phone
differs from one an earlier row of the same receipt gave is refused with both line numbers:
two customers on one receipt cannot be split honestly, and keeping only one would lose the other.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from pydantic import ValidationError
from sqlmodel import Session, select

from sync_server.domain.localtime import aware, country_of_zone
from sync_server.domain.models import Store
from sync_server.domain.money import check_currency, parse_cents
from sync_server.domain.normalize import DEFAULT_REGION, check_region, normalize
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
IDENTITY_COLUMNS = ("loyalty_card", "email", "phone")


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
    # Store code -> the IANA zone its times without offset were read in.
    time_zones: dict[str, str] = field(default_factory=dict)

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
    # Normalised identifiers of the row (kind -> value), the receipt's buyer is their union.
    idents: dict[str, str] = field(default_factory=dict)


class ImportFailed(InvalidInput):
    code = "import_rejected"


def decode_csv(raw: bytes) -> str:
    """UTF-8 text (BOM allowed); anything else is refused where it stops being UTF-8."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        reason = (
            f"not UTF-8 text (byte {exc.start}, line {line}, probably Windows-1252); "
            "re-save the file as UTF-8 (in Excel: 'CSV UTF-8')"
        )
        raise ImportFailed(
            f"file: {reason}; nothing was imported",
            detail=[{"line": line, "field": "file", "reason": reason}],
        ) from None


def _parse(text: str, stores: Mapping[str, str]) -> tuple[list[_Row], list[RowError]]:
    """Every row checked; ``stores`` maps each store code to its time zone."""
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

        zone = stores.get(clean["store_code"].upper())
        if zone is None:
            bad("store_code", f"unknown store '{clean['store_code']}'")
        if not clean["receipt_id"]:
            bad("receipt_id", "empty")
        try:
            sold_at = datetime.fromisoformat(clean["sold_at"])
        except ValueError:
            bad("sold_at", f"'{clean['sold_at']}' is not an ISO 8601 date-time")
            sold_at = datetime.min
        else:
            if zone is not None:
                try:
                    sold_at = aware(sold_at, zone, "sold_at")
                except InvalidInput as exc:
                    bad("sold_at", exc.message.split(": ", 1)[-1])
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
        region = (country_of_zone(zone) if zone else None) or DEFAULT_REGION
        if clean.get("country"):
            try:
                region = check_region(clean["country"])
            except InvalidInput as exc:
                bad("country", exc.message.split(": ", 1)[-1])
        idents: dict[str, str] = {}
        for kind in IDENTITY_COLUMNS:
            if clean[kind]:
                try:
                    idents[kind] = normalize(kind, clean[kind], region)
                except InvalidInput as exc:
                    bad(kind, exc.message.split(": ", 1)[-1])
        if not (clean["email"] or clean["phone"] or clean["loyalty_card"]):
            bad("loyalty_card", "no customer identifier (loyalty_card, email or phone)")
        rows.append(_Row(line, clean, quantity, cents, sold_at, idents))
        if len(errors) >= MAX_ERRORS:
            break
    errors.extend(_receipt_conflicts(rows))
    return rows, errors


def _receipt_key(row: _Row) -> tuple[str, str]:
    return row.values["store_code"].upper(), row.values["receipt_id"]


def _receipt_conflicts(rows: list[_Row]) -> list[RowError]:
    """Rows giving a receipt a second card, e-mail or phone (or currency): one buyer each."""
    first_seen: dict[tuple[str, str, str], tuple[str, int]] = {}
    errors: list[RowError] = []
    for row in rows:
        receipt = _receipt_key(row)
        given = {**row.idents, "currency": (row.values["currency"] or "EUR").upper()}
        for kind, value in given.items():
            earlier = first_seen.setdefault((*receipt, kind), (value, row.line))
            if earlier[0] != value:
                errors.append(
                    RowError(
                        row.line,
                        kind,
                        f"receipt '{receipt[1]}' already has {kind} {earlier[0]} (line "
                        f"{earlier[1]}), not {value}: a receipt has one buyer and one currency; "
                        "split it into two receipts or leave the column empty",
                    )
                )
    return errors


def _buyer(lines: list[_Row]) -> CustomerRef:
    """The receipt's buyer: every identifier its rows carry (conflicts were refused before)."""
    idents: dict[str, str] = {}
    names: dict[str, str] = {}
    for row in lines:
        for kind, value in row.idents.items():
            idents.setdefault(kind, value)
        for name in ("first_name", "last_name"):
            if row.values[name]:
                names.setdefault(name, row.values[name])
    return CustomerRef(
        loyalty_card=idents.get("loyalty_card"),
        email=idents.get("email"),
        phone=idents.get("phone"),
        first_name=names.get("first_name", ""),
        last_name=names.get("last_name", ""),
    )


def check_pos_csv(session: Session, text: str) -> ImportReport:
    """Validate the whole file without writing, as ``import_pos_csv`` does first: a background
    import (``ingest/jobs.py``) checks every row before its first chunk is written."""
    stores = {s.code: s.timezone for s in session.exec(select(Store))}
    rows, errors = _parse(text, stores)
    if errors:
        raise ImportFailed(
            f"{len(errors)} bad row(s); nothing was imported",
            detail=[e.__dict__ for e in errors],
        )
    return ImportReport(rows=len(rows))


# A refused return's field, as the file's column that carries it.
_RETURN_COLUMNS = {
    "quantity": "quantity",
    "amount": "unit_price",
    "sku": "sku",
    "size": "size",
    "currency": "currency",
    "returned_at": "sold_at",
    "order_external_id": "original_receipt",
    "lines": "unit_price",
}


def _returned_receipt(returns: list[_Row], sales: list[_Row], receipt: str) -> str | None:
    """The receipt these returns come from, so they are checked against its sale.

    The ``original_receipt`` column when the return rows give it (all the same); else this
    receipt when it sold every SKU and size it returns (a line taken back at the till); else
    none (an exchange or a return without its ticket stays unlinked, as before).
    """
    named = {r.values.get("original_receipt", "") for r in returns}
    if len(named) > 1:
        raise ImportFailed(
            "original_receipt: the return rows of one receipt name different receipts",
            detail=[{"line": returns[0].line, "field": "original_receipt", "reason": "differs"}],
        )
    original = named.pop()
    if original:
        return original
    sold = {(r.values["sku"], r.values["size"]) for r in sales}
    if sold and all((r.values["sku"], r.values["size"]) in sold for r in returns):
        return receipt
    return None


def _return_refused(exc: DomainError, returns: list[_Row]) -> ImportFailed:
    """A return refused against its sale, reported at its row and column."""
    field_name = str((exc.detail or {}).get("field", "")) if isinstance(exc.detail, dict) else ""
    row = returns[0]
    if field_name.startswith("lines[") and "]" in field_name:
        index = int(field_name[6 : field_name.index("]")])
        row = returns[min(index, len(returns) - 1)]
    leaf = field_name.rsplit(".", 1)[-1]
    column = _RETURN_COLUMNS.get(leaf, leaf if leaf in COLUMNS else "")
    reason = exc.message.split(": ", 1)[-1]
    return ImportFailed(
        f"line {row.line}: {exc.message}; nothing was imported",
        detail=[{"line": row.line, "field": column, "reason": reason}],
    )


def import_pos_csv(session: Session, text: str) -> ImportReport:
    """Validate everything first; ingest only a clean file, inside the caller's transaction."""
    stores = {s.code: s.timezone for s in session.exec(select(Store))}
    rows, errors = _parse(text, stores)
    report = ImportReport(rows=len(rows), errors=errors)
    report.time_zones = {
        code: stores[code] for code in sorted({_receipt_key(r)[0] for r in rows}) if code in stores
    }
    if errors:
        raise ImportFailed(
            f"{len(errors)} bad row(s); nothing was imported",
            detail=[e.__dict__ for e in errors],
        )
    receipts: dict[tuple[str, str], list[_Row]] = {}
    for row in rows:
        receipts.setdefault(_receipt_key(row), []).append(row)
    for (store_code, receipt), lines in receipts.items():
        first = lines[0]
        ref = _buyer(lines)
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
                original = _returned_receipt(returns, sales, receipt)
                try:
                    result = ingest_return(
                        session,
                        ReturnIn(
                            channel="store",
                            external_id=f"{store_code}-{receipt}",
                            returned_at=first.sold_at,
                            currency=returns[0].values["currency"] or None,
                            customer=ref,
                            order_channel="store" if original else None,
                            order_external_id=f"{store_code}-{original}" if original else None,
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
                except DomainError as exc:
                    raise _return_refused(exc, returns) from None
                if result.status == "duplicate":
                    report.duplicates += 1
                else:
                    report.returns_created += 1
        except ImportFailed:
            raise  # already names its line and column
        except (DomainError, ValidationError) as exc:
            message = exc.message if isinstance(exc, DomainError) else str(exc).splitlines()[0]
            raise ImportFailed(
                f"line {first.line}: {message}; nothing was imported",
                detail=[{"line": first.line, "field": "", "reason": message}],
            ) from None
    return report
