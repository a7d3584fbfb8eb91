"""Read and validate a transactions CSV in the shared layout (see shared/data/README.md).

The whole file is validated before anything is returned: an analyst who feeds a broken export
must get every bad line at once rather than a model fitted on a silently truncated file.
Money is kept exact: unit prices are parsed as `Decimal`, line amounts are rounded once to
integer cents (half-even; only sub-cent prices such as 0.001 are affected) and the exact
Decimal net total is kept alongside for reconciliation.
"""

from __future__ import annotations

import csv
import gzip
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation
from pathlib import Path

import numpy as np
import numpy.typing as npt

COLUMNS: tuple[str, ...] = (
    "customer_id",
    "order_id",
    "date",
    "item_id",
    "item_name",
    "quantity",
    "unit_price",
    "country",
)
REQUIRED_COLUMNS: frozenset[str] = frozenset({"customer_id", "date", "item_id"})

_CENT = Decimal("0.01")
_HUNDRED = Decimal(100)
_MAX_ERRORS_KEPT = 50
_EPOCH = datetime(1970, 1, 1)


@dataclass(frozen=True)
class LineError:
    """One rejected line: the physical line number (header is line 1) and why."""

    line: int
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}"


class TransactionFileError(ValueError):
    """The file cannot be used; `errors` lists the offending lines (first 50 kept)."""

    def __init__(self, path: str, errors: list[LineError], total: int | None = None) -> None:
        self.path = path
        self.errors = errors
        self.total = total if total is not None else len(errors)
        shown = "; ".join(str(e) for e in errors[:5])
        more = f" (and {self.total - 5} more)" if self.total > 5 else ""
        super().__init__(f"{path}: {self.total} bad line(s): {shown}{more}")


@dataclass(frozen=True)
class Transactions:
    """Column arrays of a validated transactions file, in file order.

    `customer` and `item` are integer codes into `customer_ids` and `item_ids` so that the
    models can work on plain arrays. `timestamp` is seconds since the epoch (naive local time,
    as written). `quantity` is 1 where the file leaves it empty; `amount_cents` is 0 where the
    price is unknown (then `has_prices` is False).
    """

    customer: npt.NDArray[np.int64]
    customer_ids: list[str]
    order_ids: list[str]
    timestamp: npt.NDArray[np.int64]
    item: npt.NDArray[np.int64]
    item_ids: list[str]
    item_names: list[str]
    quantity: npt.NDArray[np.int64]
    amount_cents: npt.NDArray[np.int64]
    has_prices: bool
    net_total: Decimal = field(default=Decimal(0))

    def __len__(self) -> int:
        return int(self.customer.shape[0])


def parse_date(text: str) -> datetime:
    """Accept exactly `YYYY-MM-DDTHH:MM:SS` or `YYYY-MM-DD`, as the shared layout documents."""
    if len(text) == 10 and text[4] == "-" and text[7] == "-":
        fmt = "%Y-%m-%d"
    elif len(text) == 19 and text[10] == "T":
        fmt = "%Y-%m-%dT%H:%M:%S"
    else:
        raise ValueError(f"date {text!r} is not YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS")
    try:
        return datetime.strptime(text, fmt)
    except ValueError as exc:
        raise ValueError(f"date {text!r} is not a valid date: {exc}") from None


def _open_text(path: Path) -> io.TextIOBase:
    with path.open("rb") as probe:
        magic = probe.read(2)
    if magic == b"\x1f\x8b":
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8", newline="")
    return io.TextIOWrapper(path.open("rb"), encoding="utf-8", newline="")


def read_transactions(path: str | Path) -> Transactions:
    """Read a (possibly gzipped) transactions CSV; raise `TransactionFileError` on any bad line."""
    p = Path(path)
    try:
        stream = _open_text(p)
    except OSError as exc:
        raise TransactionFileError(str(p), [LineError(0, f"cannot open: {exc}")]) from exc
    with stream:
        try:
            return parse_transactions(stream, source=str(p))
        except (UnicodeDecodeError, gzip.BadGzipFile, EOFError) as exc:
            raise TransactionFileError(str(p), [LineError(0, f"unreadable: {exc}")]) from exc


def parse_transactions(lines: Iterable[str], source: str = "<memory>") -> Transactions:
    """Parse CSV text lines (header first). Same rules as `read_transactions`."""
    reader = csv.reader(lines, strict=True)
    try:
        header = next(reader)
    except StopIteration:
        raise TransactionFileError(source, [LineError(1, "empty file, no header")]) from None
    except csv.Error as exc:
        raise TransactionFileError(source, [LineError(1, f"malformed CSV: {exc}")]) from None
    missing = sorted(REQUIRED_COLUMNS - set(header))
    if missing:
        reason = f"header lacks column(s) {', '.join(missing)}; expected {','.join(COLUMNS)}"
        raise TransactionFileError(source, [LineError(1, reason)])
    pos = {name: header.index(name) for name in COLUMNS if name in header}
    width = len(header)
    i_cust, i_date, i_item = pos["customer_id"], pos["date"], pos["item_id"]
    i_order, i_name = pos.get("order_id"), pos.get("item_name")
    i_qty, i_price = pos.get("quantity"), pos.get("unit_price")

    errors: list[LineError] = []
    n_errors = 0
    cust_code: dict[str, int] = {}
    item_code: dict[str, int] = {}
    item_names: list[str] = []
    date_cache: dict[str, int] = {}
    price_cache: dict[str, Decimal] = {}
    customers: list[int] = []
    orders: list[str] = []
    stamps: list[int] = []
    items: list[int] = []
    quantities: list[int] = []
    cents: list[int] = []
    net_total = Decimal(0)
    any_price = False
    all_prices = True

    def bad(line: int, reason: str) -> None:
        nonlocal n_errors
        n_errors += 1
        if len(errors) < _MAX_ERRORS_KEPT:
            errors.append(LineError(line, reason))

    line_no = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            bad(reader.line_num, f"bad CSV: {exc}")
            break
        line_no = reader.line_num
        if not row:
            bad(line_no, "empty line")
            continue
        if len(row) != width:
            bad(line_no, f"expected {width} fields, found {len(row)}")
            continue
        cid = row[i_cust].strip()
        if not cid:
            bad(line_no, "customer_id is empty")
            continue
        date_text = row[i_date]
        stamp = date_cache.get(date_text)
        if stamp is None:
            try:
                stamp = to_timestamp(parse_date(date_text))
            except ValueError as exc:
                bad(line_no, str(exc))
                continue
            date_cache[date_text] = stamp
        iid = row[i_item].strip()
        if not iid:
            bad(line_no, "item_id is empty")
            continue
        qty = 1
        if i_qty is not None and row[i_qty] != "":
            try:
                qty = int(row[i_qty])
            except ValueError:
                bad(line_no, f"quantity {row[i_qty]!r} is not an integer")
                continue
            if qty == 0:
                bad(line_no, "quantity is 0")
                continue
        amount = 0
        if i_price is not None and row[i_price] != "":
            price_text = row[i_price]
            price = price_cache.get(price_text)
            if price is None:
                try:
                    price = Decimal(price_text)
                except InvalidOperation:
                    bad(line_no, f"unit_price {price_text!r} is not a decimal number")
                    continue
                if not price.is_finite() or price < 0:
                    bad(line_no, f"unit_price {price_text!r} must be a finite number >= 0")
                    continue
                price_cache[price_text] = price
            exact = price * qty
            net_total += exact
            amount = int((exact * _HUNDRED).quantize(Decimal(1), rounding=ROUND_HALF_EVEN))
            any_price = True
        else:
            all_prices = False
        code = cust_code.setdefault(cid, len(cust_code))
        icode = item_code.get(iid)
        if icode is None:
            icode = item_code[iid] = len(item_code)
            item_names.append(row[i_name].strip() if i_name is not None else iid)
        customers.append(code)
        orders.append(row[i_order] if i_order is not None else "")
        stamps.append(stamp)
        items.append(icode)
        quantities.append(qty)
        cents.append(amount)

    if n_errors:
        raise TransactionFileError(source, errors, n_errors)
    if not customers:
        raise TransactionFileError(source, [LineError(2, "no transaction lines after header")])
    return Transactions(
        customer=np.asarray(customers, dtype=np.int64),
        customer_ids=list(cust_code),
        order_ids=orders,
        timestamp=np.asarray(stamps, dtype=np.int64),
        item=np.asarray(items, dtype=np.int64),
        item_ids=list(item_code),
        item_names=item_names,
        quantity=np.asarray(quantities, dtype=np.int64),
        amount_cents=np.asarray(cents, dtype=np.int64),
        has_prices=any_price and all_prices,
        net_total=net_total.quantize(_CENT) if any_price else Decimal(0),
    )


def to_timestamp(when: datetime) -> int:
    """Seconds since 1970-01-01 of a naive wall-clock datetime (no zone, no DST shifts)."""
    return int((when - _EPOCH).total_seconds())
