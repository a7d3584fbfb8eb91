"""Random interleavings of writers and paged pulls: every device converges to its scope."""

from __future__ import annotations

import uuid
from typing import Any

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule
from sqlalchemy import text
from sqlmodel import select

from sync_server.db import read_session, write_session
from sync_server.domain import identity
from sync_server.domain.erasure import erase_customer
from sync_server.domain.models import SYNCED_MODELS, Customer, Note
from sync_server.domain.scope import add_to_scope
from sync_server.sync.pull import pull_page
from sync_server.sync.wire import to_wire
from tests.server.helpers import DictReplica
from tests.server.memory_db import memory_engine

STORES = ("store-AAA", "store-BBB")


class ChangeLogMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.engine = memory_engine()
        self.devices = {store: DictReplica() for store in STORES}
        self.customers: list[str] = []
        self.notes: list[str] = []

    def teardown(self) -> None:
        self.engine.dispose()

    @rule(store=st.sampled_from(STORES), name=st.text(min_size=1, max_size=8))
    def new_customer(self, store: str, name: str) -> None:
        cid = str(uuid.uuid4())
        with write_session(self.engine) as s:
            s.add(Customer(id=cid, first_name=name, home_store_id=store))
            s.flush()
            add_to_scope(s, cid, store, "home")
        self.customers.append(cid)

    @precondition(lambda self: self.customers)
    @rule(data=st.data(), name=st.text(min_size=1, max_size=8))
    def rename(self, data: st.DataObject, name: str) -> None:
        cid = data.draw(st.sampled_from(self.customers))
        with write_session(self.engine) as s:
            customer = s.get(Customer, cid)
            if customer is not None:
                customer.first_name = name

    @precondition(lambda self: self.customers)
    @rule(data=st.data(), body=st.text(max_size=10))
    def add_note(self, data: st.DataObject, body: str) -> None:
        cid = data.draw(st.sampled_from(self.customers))
        nid = str(uuid.uuid4())
        with write_session(self.engine) as s:
            if s.get(Customer, cid) is not None:
                s.add(Note(id=nid, customer_id=cid, body=body))
                self.notes.append(nid)

    @precondition(lambda self: self.notes)
    @rule(data=st.data())
    def delete_note(self, data: st.DataObject) -> None:
        nid = data.draw(st.sampled_from(self.notes))
        with write_session(self.engine) as s:
            note = s.get(Note, nid)
            if note is not None:
                s.delete(note)

    @precondition(lambda self: self.customers)
    @rule(data=st.data(), store=st.sampled_from(STORES))
    def buy_in_store(self, data: st.DataObject, store: str) -> None:
        """She enters another store's bucket: that store must receive all her rows."""
        cid = data.draw(st.sampled_from(self.customers))
        with write_session(self.engine) as s:
            if s.get(Customer, cid) is not None:
                add_to_scope(s, cid, store, "purchase")

    @precondition(lambda self: len(self.customers) >= 2)
    @rule(data=st.data())
    def merge(self, data: st.DataObject) -> None:
        a, b = data.draw(
            st.lists(st.sampled_from(self.customers), min_size=2, max_size=2, unique=True)
        )
        with write_session(self.engine) as s:
            ca, cb = s.get(Customer, a), s.get(Customer, b)
            if ca and cb and ca.merged_into_id is None and cb.merged_into_id is None:
                identity.merge(s, ca, cb, reason="test")

    @precondition(lambda self: self.customers)
    @rule(data=st.data())
    def erase(self, data: st.DataObject) -> None:
        cid = data.draw(st.sampled_from(self.customers))
        with write_session(self.engine) as s:
            customer = s.get(Customer, cid)
            if customer is not None and customer.merged_into_id is None:
                erase_customer(s, cid, None)

    @rule(store=st.sampled_from(STORES), limit=st.integers(1, 7), pages=st.integers(1, 3))
    def pull_some(self, store: str, limit: int, pages: int) -> None:
        device = self.devices[store]
        for _ in range(pages):
            with read_session(self.engine) as s:
                changes, device.cursor, more = pull_page(s, store, device.cursor, limit)
            device.apply(changes)
            if not more:
                break

    def _expected(self, store: str) -> dict[str, dict[str, dict[str, Any]]]:
        with read_session(self.engine) as s:
            scope = {
                r[0]
                for r in s.execute(
                    text("SELECT customer_id FROM customer_scope WHERE store_id = :s"), {"s": store}
                )
            }
            out: dict[str, dict[str, dict[str, Any]]] = {}
            for entity, model in SYNCED_MODELS.items():
                for row in s.exec(select(model)):
                    row_id: str = getattr(row, "id")  # noqa: B009
                    owner = row_id if entity == "customer" else getattr(row, "customer_id", None)
                    if getattr(row, "merged_into_id", None) is not None:
                        continue
                    if owner is None or owner in scope:
                        out.setdefault(entity, {})[row_id] = to_wire(entity, row)
            return out

    @invariant()
    def converges_after_a_full_pull(self) -> None:
        for store, device in self.devices.items():
            probe = DictReplica(
                rows={k: dict(v) for k, v in device.rows.items()}, cursor=device.cursor
            )
            while True:
                with read_session(self.engine) as s:
                    changes, probe.cursor, more = pull_page(s, store, probe.cursor, 50)
                probe.apply(changes)
                if not more:
                    break
            got = {k: v for k, v in probe.rows.items() if v}
            assert got == self._expected(store)


ChangeLogMachine.TestCase.settings = settings(
    max_examples=20, stateful_step_count=20, deadline=None
)
TestChangeLog = ChangeLogMachine.TestCase
