"""The durable queue of edits waiting for the server.

A mutation is written here in the same transaction as its optimistic local change, and removed
only when the server has answered for its id (applied or rejected), so a crash at any point
either loses nothing or resends an id the server recognises and answers from its ledger.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from pydantic import TypeAdapter

from clienteling.protocol.messages import LostField, Mutation, MutationOutcome

SUPERSEDED = "superseded"
_LOST = TypeAdapter(list[LostField])

CUSTOMER_GONE = "customer_not_found"


@dataclass(frozen=True)
class RejectedEdit:
    """An edit the server refused, or one whose fields a later edit kept (``lost``).

    The UI shows ``reason`` (or what won, for ``lost``) and the assistant's own values from
    ``payload``, so nothing she typed is lost without her seeing it.
    """

    mutation_id: str
    customer_id: str | None
    kind: str
    code: str | None
    reason: str | None
    rejected_at: datetime
    seen: bool
    lost: tuple[LostField, ...] = ()
    payload: dict[str, Any] = field(default_factory=dict)

    def mine(self, name: str) -> Any:
        """The value she gave a field in this edit."""
        fields = self.payload.get("fields")
        if isinstance(fields, dict) and name in fields:
            return fields[name]
        return self.payload.get(name)


def enqueue(conn: sqlite3.Connection, mutation: Mutation) -> None:
    conn.execute(
        "INSERT INTO outbox (id, customer_id, kind, body, created_at) VALUES (?, ?, ?, ?, ?)",
        (
            mutation.id,
            mutation.customer_id,
            mutation.kind,
            mutation.model_dump_json(),
            mutation.created_at.isoformat(),
        ),
    )


def peek(conn: sqlite3.Connection, limit: int) -> list[Mutation]:
    """The oldest queued mutations, in the order they were made."""
    rows = conn.execute(
        "SELECT body FROM outbox WHERE acked = 0 ORDER BY seq LIMIT ?", (limit,)
    ).fetchall()
    return [Mutation.model_validate_json(r[0]) for r in rows]


def for_customer(conn: sqlite3.Connection, customer_id: str) -> list[Mutation]:
    """Queued and applied-but-not-yet-pulled mutations: what a rebase must replay."""
    rows = conn.execute(
        "SELECT body FROM outbox WHERE customer_id = ? ORDER BY seq", (customer_id,)
    ).fetchall()
    return [Mutation.model_validate_json(r[0]) for r in rows]


def count(conn: sqlite3.Connection) -> int:
    """Edits the server has not answered yet."""
    return int(conn.execute("SELECT count(*) FROM outbox WHERE acked = 0").fetchone()[0])


def pending_ids(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute("SELECT id FROM outbox WHERE acked = 0 ORDER BY seq")]


def purge_acked(conn: sqlite3.Connection) -> None:
    """After a complete pull the server's rows carry every applied edit: forget them."""
    conn.execute("DELETE FROM outbox WHERE acked = 1")


def note_attempt(conn: sqlite3.Connection, ids: list[str]) -> None:
    conn.executemany("UPDATE outbox SET attempts = attempts + 1 WHERE id = ?", [(i,) for i in ids])


def settle(conn: sqlite3.Connection, outcome: MutationOutcome) -> str | None:
    """Record the server's answer; a rejection leaves the queue at once and is kept for the UI.

    Returns the mutation's customer id, or None if the id was not (or no longer) queued.
    """
    row = conn.execute(
        "SELECT customer_id, kind, body FROM outbox WHERE id = ?", (outcome.mutation_id,)
    ).fetchone()
    if row is None:
        return None
    customer_id, kind, body = row
    if outcome.customer_id and customer_id and outcome.customer_id != customer_id:
        conn.execute(
            "INSERT OR REPLACE INTO customer_alias (old_id, new_id) VALUES (?, ?)",
            (customer_id, outcome.customer_id),
        )
    if outcome.status == "applied":
        conn.execute("UPDATE outbox SET acked = 1 WHERE id = ?", (outcome.mutation_id,))
        if outcome.lost:
            conn.execute(
                "INSERT OR REPLACE INTO rejected_edit (id, customer_id, kind, code, reason, body, "
                "rejected_at, lost) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    outcome.mutation_id,
                    outcome.customer_id or customer_id,
                    kind,
                    SUPERSEDED,
                    None,
                    body,
                    datetime.now(UTC).isoformat(),
                    _LOST.dump_json(outcome.lost).decode(),
                ),
            )
    else:
        conn.execute("DELETE FROM outbox WHERE id = ?", (outcome.mutation_id,))
        # The server no longer has her (erased, or never created): keep that an edit was
        # refused and why, but not its text nor her id.
        gone = outcome.code == CUSTOMER_GONE
        conn.execute(
            "INSERT OR REPLACE INTO rejected_edit "
            "(id, customer_id, kind, code, reason, body, rejected_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                outcome.mutation_id,
                None if gone else customer_id,
                kind,
                outcome.code,
                outcome.reason,
                "{}" if gone else body,
                datetime.now(UTC).isoformat(),
            ),
        )
    return str(customer_id) if customer_id is not None else None


def rejected(
    conn: sqlite3.Connection, *, unseen_only: bool = False, customer_id: str | None = None
) -> list[RejectedEdit]:
    """Refused edits, newest first (only hers when ``customer_id`` is given)."""
    rows = conn.execute(
        "SELECT id, customer_id, kind, code, reason, rejected_at, seen, lost, body "
        "FROM rejected_edit WHERE (:every = 1 OR seen = 0) "
        "AND (:customer IS NULL OR customer_id = :customer) ORDER BY rejected_at DESC",
        {"every": int(not unseen_only), "customer": customer_id},
    ).fetchall()
    out = []
    for r in rows:
        body = json.loads(r[8]) if r[8] else {}
        out.append(
            RejectedEdit(
                r[0],
                r[1],
                r[2],
                r[3],
                r[4],
                datetime.fromisoformat(r[5]),
                bool(r[6]),
                tuple(_LOST.validate_json(r[7])) if r[7] else (),
                body.get("payload", {}) if isinstance(body, dict) else {},
            )
        )
    return out


def mark_rejections_seen(conn: sqlite3.Connection) -> None:
    conn.execute("UPDATE rejected_edit SET seen = 1 WHERE seen = 0")


def resolve_customer(conn: sqlite3.Connection, customer_id: str) -> str:
    """The id to show for a customer, following server-side merges of customers created here."""
    seen = {customer_id}
    while True:
        row = conn.execute(
            "SELECT new_id FROM customer_alias WHERE old_id = ?", (customer_id,)
        ).fetchone()
        if row is None or row[0] in seen:
            return customer_id
        customer_id = str(row[0])
        seen.add(customer_id)
