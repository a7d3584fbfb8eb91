"""Instant customer search: FTS5 over names, e-mails, phone digits and loyalty cards.

Text is folded (accents and case removed) before indexing and querying, so "garcia" finds
"García" and "nunez" finds "Núñez". Phone numbers are indexed as all their digit suffixes, so a
prefix query on them matches any fragment ("4567" finds +34 612 34 56 78). A scanned card or an
exact e-mail/phone is resolved through the identity index first and ranked on top; then come
the customers of this store, then the rest, each by name. FTS is asked for at most
``CANDIDATES`` matches without ranking (ranking a prefix like "gar" over a 100k bucket would sort
thousands of rows per keystroke); a longer prefix narrows the set as the assistant types.
"""

from __future__ import annotations

import json
import re
import sqlite3
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from clienteling.replica.overlay import normalise_email, normalise_phone
from clienteling.replica.schema import table

_WORD = re.compile(r"[0-9a-z]+")
MIN_PHONE_FRAGMENT = 3
CANDIDATES = 200


def _fold_slow(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# Latin letters (with their accents) folded once, so most text folds with one translate() in C.
_LATIN = 0x250
_FOLD_TABLE = {cp: _fold_slow(chr(cp)) for cp in range(_LATIN)}


def fold(text: str) -> str:
    """Lower-case, accent-free form used on both sides of the index."""
    if text.isascii():
        return text.lower()
    if max(map(ord, text)) < _LATIN:
        return text.translate(_FOLD_TABLE)
    return _fold_slow(text)


def _digit_suffixes(value: str) -> list[str]:
    digits = "".join(ch for ch in value if ch.isdigit())
    return [digits[i:] for i in range(max(len(digits) - MIN_PHONE_FRAGMENT + 1, 0))]


@dataclass(frozen=True)
class CustomerHit:
    """One search result row, enough to render a result list line."""

    customer_id: str
    first_name: str
    last_name: str
    home_store_id: str | None
    vip: bool
    tier: str | None
    card_number: str | None
    email: str | None
    phone: str | None
    exact: bool
    home_store: bool
    pending: bool

    @property
    def display_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


def _chunks(items: list[str], size: int = 500) -> Iterable[list[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def reindex(conn: sqlite3.Connection, customer_ids: Iterable[str], *, fresh: bool = False) -> None:
    """Rebuild the index entries of these customers from their current (local or server) rows.

    ``fresh``: the index was just emptied, so there is no old entry to delete (deleting a
    missing rowid still costs FTS5 a lookup per customer)."""
    ids = sorted(set(customer_ids))
    for chunk in _chunks(ids):
        marks = ",".join("?" * len(chunk))
        idents: dict[str, list[tuple[str, str]]] = {}
        for cid, kind, value in conn.execute(
            f"SELECT customer_id, kind, value FROM {table('identity')} "
            f"WHERE customer_id IN ({marks})",
            chunk,
        ):
            idents.setdefault(cid, []).append((kind, value))
        for cid, card in conn.execute(
            f"SELECT customer_id, card_number FROM {table('loyalty_account')} "
            f"WHERE customer_id IN ({marks}) AND card_number != ''",
            chunk,
        ):
            idents.setdefault(cid, []).append(("loyalty_card", card))
        rows = conn.execute(
            f"SELECT rid, id, first_name, last_name FROM {table('customer')} WHERE id IN ({marks})",
            chunk,
        ).fetchall()
        if not fresh:
            found = {r[1] for r in rows}
            conn.executemany("DELETE FROM customer_fts WHERE rowid = ?", [(r[0],) for r in rows])
            if any(c not in found for c in chunk):
                _drop_orphans(conn)
        docs = []
        for rid, cid, first, last in rows:
            ids_text: list[str] = []
            phone: list[str] = []
            for kind, value in idents.get(cid, ()):
                if kind == "phone":
                    phone.extend(_digit_suffixes(value))
                elif kind in ("email", "loyalty_card"):
                    ids_text.append(fold(value))
            docs.append(
                (
                    rid,
                    fold(f"{first or ''} {last or ''}"),
                    " ".join(ids_text),
                    " ".join(phone),
                )
            )
        conn.executemany(
            "INSERT INTO customer_fts (rowid, name, ids, phone) VALUES (?, ?, ?, ?)",
            docs,
        )


def _drop_orphans(conn: sqlite3.Connection) -> None:
    conn.execute(
        f"DELETE FROM customer_fts WHERE rowid NOT IN (SELECT rid FROM {table('customer')})"
    )


def drop_customer(conn: sqlite3.Connection, rid: int) -> None:
    conn.execute("DELETE FROM customer_fts WHERE rowid = ?", (rid,))


REBUILD_DUE = "search_rebuild_due"


def rebuild(conn: sqlite3.Connection) -> None:
    """Rebuild the whole index (after a bulk load or a repair)."""
    conn.execute("DELETE FROM customer_fts")
    ids = [r[0] for r in conn.execute(f"SELECT id FROM {table('customer')}")]
    reindex(conn, ids, fresh=True)
    conn.execute("DELETE FROM meta WHERE key = ?", (REBUILD_DUE,))


def defer_rebuild(conn: sqlite3.Connection) -> None:
    """A first sync fills an empty replica: index every customer once, at its end, rather than
    each of them again with every page that brings one of her rows."""
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?, '1') ON CONFLICT(key) DO NOTHING",
        (REBUILD_DUE,),
    )


def rebuild_due(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM meta WHERE key = ?", (REBUILD_DUE,)).fetchone() is not None


def _fts_query(text: str) -> str | None:
    folded = fold(text)
    words = _WORD.findall(folded)
    if not words:
        return None
    compact = re.sub(r"[\s\-().+/]", "", folded)
    if compact.isdigit() and len(compact) >= MIN_PHONE_FRAGMENT:
        # A phone fragment or a card number being typed.
        return f'{{phone ids}} : "{compact}"*'
    return "{name ids phone} : (" + " AND ".join(f'"{w}"*' for w in words) + ")"


def exact_matches(conn: sqlite3.Connection, text: str) -> list[str]:
    """Customers whose e-mail, phone or card is exactly this (a scan or a full identifier)."""
    raw = text.strip()
    if len(raw) < 3:
        return []
    values = {raw, raw.upper(), normalise_email(raw)}
    if sum(ch.isdigit() for ch in raw) >= 6 and "@" not in raw:
        values.add(normalise_phone(raw))
    marks = ",".join("?" * len(values))
    found = [
        r[0]
        for r in conn.execute(
            f"SELECT customer_id FROM {table('identity')} WHERE value IN ({marks}) "
            f"UNION SELECT customer_id FROM {table('loyalty_account')} "
            f"WHERE card_number IN ({marks})",
            [*values, *values],
        )
    ]
    return sorted(set(found))


def search_customers(
    conn: sqlite3.Connection, text: str, *, store_id: str | None = None, limit: int = 25
) -> list[CustomerHit]:
    """Search as the assistant types: exact identifiers first, then this store, then others."""
    exact = exact_matches(conn, text)
    ordered: list[str] = list(exact)
    query = _fts_query(text)
    if query is not None and len(ordered) < limit:
        rows = conn.execute(
            f"SELECT c.customer_id, c.home_store_id IS ?, f.name FROM ("
            "SELECT rowid, name FROM customer_fts WHERE customer_fts MATCH ? LIMIT ?) f "
            f"JOIN {table('customer')} c ON c.rid = f.rowid",
            (store_id, query, CANDIDATES),
        ).fetchall()
        rows.sort(key=lambda r: (not r[1], r[2], r[0]))
        seen = set(ordered)
        for cid, *_ in rows:
            if len(ordered) >= limit:
                break
            if cid not in seen:
                seen.add(cid)
                ordered.append(cid)
    return load_hits(conn, ordered, exact=set(exact), store_id=store_id)


def load_hits(
    conn: sqlite3.Connection, ids: list[str], *, exact: set[str], store_id: str | None
) -> list[CustomerHit]:
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    customers = {
        r[0]: (json.loads(r[1]), r[2])
        for r in conn.execute(
            f"SELECT id, coalesce(local, wire), local IS NOT NULL FROM {table('customer')} "
            f"WHERE id IN ({marks})",
            ids,
        )
    }
    loyalty = {
        r[0]: (r[1], r[2])
        for r in conn.execute(
            f"SELECT customer_id, tier, card_number FROM {table('loyalty_account')} "
            f"WHERE customer_id IN ({marks})",
            ids,
        )
    }
    contacts: dict[tuple[str, str], str] = {}
    for cid, kind, value in conn.execute(
        f"SELECT customer_id, kind, value FROM {table('identity')} "
        f"WHERE customer_id IN ({marks}) AND kind IN ('email', 'phone') ORDER BY id",
        ids,
    ):
        contacts.setdefault((cid, kind), value)
    hits = []
    for cid in ids:
        if cid not in customers:
            continue
        doc, pending = customers[cid]
        tier, card = loyalty.get(cid, (None, None))
        hits.append(
            CustomerHit(
                customer_id=cid,
                first_name=doc.get("first_name", ""),
                last_name=doc.get("last_name", ""),
                home_store_id=doc.get("home_store_id"),
                vip=bool(doc.get("vip")),
                tier=tier,
                card_number=card or None,
                email=contacts.get((cid, "email")),
                phone=contacts.get((cid, "phone")),
                exact=cid in exact,
                home_store=store_id is not None and doc.get("home_store_id") == store_id,
                pending=bool(pending),
            )
        )
    return hits


def find_duplicates(
    conn: sqlite3.Connection,
    *,
    first_name: str = "",
    last_name: str = "",
    email: str | None = None,
    phone: str | None = None,
    limit: int = 10,
) -> list[CustomerHit]:
    """Possible duplicates while a new customer is typed in: same e-mail/phone, or same name."""
    exact: list[str] = []
    for value in (email, phone):
        if value:
            exact.extend(c for c in exact_matches(conn, value) if c not in exact)
    ordered = list(exact)
    words = _WORD.findall(fold(f"{first_name} {last_name}"))
    if len(words) >= 2 and len(ordered) < limit:
        match = "{name} : (" + " AND ".join(f'"{w}"' for w in words) + ")"
        for (cid,) in conn.execute(
            f"SELECT c.customer_id FROM customer_fts f JOIN {table('customer')} c "
            "ON c.rid = f.rowid WHERE customer_fts MATCH ? LIMIT ?",
            (match, limit),
        ):
            if cid not in ordered and len(ordered) < limit:
                ordered.append(cid)
    return load_hits(conn, ordered, exact=set(exact), store_id=None)
