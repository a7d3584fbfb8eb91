"""A rogue tablet of another store, over real HTTP: every one of these attempts must fail.

The server decides, the device only asks: what a row is and whom it belongs to comes from the
stored row, rights over a customer follow her home store, and look-ups are limited and audited.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import text

from sync_server.settings import Settings
from tests.conftest import LiveServer, ServerFactory
from tests.server.helpers import Device, new_id


def _scalar(server: LiveServer, sql: str, **params: Any) -> Any:
    with server.engine.connect() as conn:
        return conn.execute(text(sql), params).scalar()


def _rows(server: LiveServer, sql: str, **params: Any) -> list[Any]:
    with server.engine.connect() as conn:
        return list(conn.execute(text(sql), params))


def _scope_reasons(server: LiveServer, customer: str, store_code: str) -> set[str]:
    """Why the store's tablets hold the customer (home, purchase, assigned, lookup)."""
    sql = (
        "SELECT s.reason FROM customer_scope s JOIN store t ON t.id = s.store_id "
        "WHERE s.customer_id = :c AND t.code = :store"
    )
    return {r[0] for r in _rows(server, sql, c=customer, store=store_code)}


def _home_customers(server: LiveServer, code: str) -> list[str]:
    return [
        r[0]
        for r in _rows(
            server,
            "SELECT c.id FROM customer c JOIN store s ON s.id = c.home_store_id "
            "WHERE s.code = :code AND c.merged_into_id IS NULL ORDER BY c.id",
            code=code,
        )
    ]


def _identifier(server: LiveServer, customer_id: str, kind: str) -> str | None:
    value: str | None = _scalar(
        server,
        "SELECT value FROM identity WHERE customer_id = :c AND kind = :k",
        c=customer_id,
        k=kind,
    )
    return value


def _with_card(server: LiveServer, code: str) -> str:
    return next(c for c in _home_customers(server, code) if _identifier(server, c, "loyalty_card"))


def test_harvesting_by_lookup_stops_at_the_limit_and_is_audited(
    make_live_server: ServerFactory,
) -> None:
    server = make_live_server(settings=Settings(lookups_per_hour_device=5))
    madrid = Device(server, "MAD01")
    madrid.sync()
    scope_before = len(madrid.replica.customers())
    real_card = _identifier(server, _with_card(server, "BCN01"), "loyalty_card")
    assert real_card is not None
    cards = [real_card, *(f"{int(real_card) + i:0{len(real_card)}d}" for i in range(1, 9))]
    answers = []
    with server.client() as http:
        for card in cards:
            r = http.post(
                "/sync/lookup",
                json={"kind": "loyalty_card", "value": card, "purpose": "in_store"},
                headers=madrid.staff_headers,
            )
            answers.append(r.status_code)
            if r.status_code == 429:
                assert int(r.headers["Retry-After"]) > 0
                assert r.json()["code"] == "lookup_limit"
    assert answers[0] == 200
    assert set(answers[1:5]) <= {200, 404}
    assert answers[5:] == [429] * 4
    madrid.sync()
    assert len(madrid.replica.customers()) - scope_before <= 5
    audited = _rows(
        server,
        "SELECT action, device_id FROM audit_log WHERE action LIKE 'lookup%' ORDER BY id",
    )
    assert [a for a, _ in audited].count("lookup_refused") == 4
    assert len([a for a, _ in audited if a in ("lookup", "lookup_miss")]) == 5
    assert {d for _, d in audited} == {_device_id(server, madrid)}
    assistant = _scalar(server, "SELECT id FROM staff WHERE username = 'dependienta.mad01'")
    assert {
        r[0] for r in _rows(server, "SELECT staff_id FROM audit_log WHERE action LIKE 'lookup%'")
    } == {assistant}


def _device_id(server: LiveServer, device: Device) -> str:
    with server.client() as http:
        found: str = http.get("/sync/handshake", headers=device.headers).json()["device_id"]
        return found


def test_a_looked_up_customer_gives_the_other_store_no_rights(server: LiveServer) -> None:
    outsider = _with_card(server, "BCN01")
    madrid = Device(server, "MAD01")
    with server.client() as http:
        r = http.post(
            "/sync/lookup",
            json={"kind": "loyalty_card", "value": _identifier(server, outsider, "loyalty_card")},
            headers=madrid.staff_headers,
        )
        assert r.status_code == 200
        manager = server.staff_headers("gerente.mad01")
        export = http.get(f"/customers/{outsider}/export", headers=manager)
        assert export.status_code == 403 and export.json()["code"] == "not_home_store"
        erase = http.post(f"/customers/{outsider}/erase", headers=manager)
        assert erase.status_code == 403
        own = http.get(
            f"/customers/{outsider}/export", headers=server.staff_headers("gerente.bcn01")
        )
        assert own.status_code == 200
    assert _scalar(server, "SELECT count(*) FROM customer WHERE id = :c", c=outsider) == 1
    assert _scope_reasons(server, outsider, "MAD01") == {"lookup"}


def test_a_new_customer_with_another_stores_email_is_linked_not_moved(server: LiveServer) -> None:
    outsider = next(c for c in _home_customers(server, "BCN01") if _identifier(server, c, "email"))
    email = _identifier(server, outsider, "email")
    home = _scalar(server, "SELECT home_store_id FROM customer WHERE id = :c", c=outsider)
    madrid = Device(server, "MAD01")
    created = new_id()
    [out] = madrid.push(
        madrid.mutation(
            "customer.create",
            created,
            {"id": created, "first_name": "Copia", "email": str(email).upper()},
        )
    )
    assert out["status"] == "applied"
    assert out["customer_id"] == outsider and out["result"]["merged"] is True
    assert _scalar(server, "SELECT home_store_id FROM customer WHERE id = :c", c=outsider) == home
    assert _scope_reasons(server, outsider, "MAD01") == {"lookup"}
    assert (
        _scalar(
            server,
            "SELECT count(*) FROM audit_log WHERE action = 'lookup' AND customer_id = :c",
            c=outsider,
        )
        == 1
    )
    with server.client() as http:
        export = http.get(
            f"/customers/{outsider}/export", headers=server.staff_headers("gerente.mad01")
        )
    assert export.status_code == 403


def test_notes_and_tasks_of_another_stores_customer_cannot_be_touched(server: LiveServer) -> None:
    barcelona, madrid = Device(server, "BCN01"), Device(server, "MAD01")
    madrid.sync()
    victim = _home_customers(server, "BCN01")[0]
    own = next(c for c in _home_customers(server, "MAD01") if c in madrid.replica.customers())
    note_id, task_id, call_id = new_id(), new_id(), new_id()
    setup = barcelona.push(
        barcelona.mutation("note.upsert", victim, {"id": note_id, "body": "Alergia al níquel"}),
        barcelona.mutation(
            "task.upsert", victim, {"id": task_id, "kind": "follow_up", "title": "Llamar"}
        ),
        barcelona.mutation("interaction.log", victim, {"id": call_id, "kind": "call"}),
    )
    assert [o["status"] for o in setup] == ["applied"] * 3, setup
    outcomes = madrid.push(
        madrid.mutation("note.upsert", own, {"id": note_id, "body": "overwritten"}),
        madrid.mutation("task.upsert", own, {"id": task_id, "status": "cancelled"}),
        madrid.mutation("interaction.log", own, {"id": call_id, "kind": "call", "summary": "x"}),
    )
    assert [o["code"] for o in outcomes] == ["not_this_customers"] * 3
    assert _scalar(server, "SELECT body FROM note WHERE id = :i", i=note_id) == "Alergia al níquel"
    assert _scalar(server, "SELECT status FROM task WHERE id = :i", i=task_id) == "open"
    assert _scalar(server, "SELECT customer_id FROM note WHERE id = :i", i=note_id) == victim
    assert (
        _scalar(
            server,
            "SELECT count(*) FROM audit_log a JOIN store s ON s.id = a.store_id "
            "WHERE s.code = 'MAD01' AND a.customer_id IN (:v, :o) AND a.action LIKE '%.upsert'",
            v=victim,
            o=own,
        )
        == 0
    )


def test_a_task_cannot_be_given_to_another_stores_assistant(server: LiveServer) -> None:
    madrid = Device(server, "MAD01")
    own = _home_customers(server, "MAD01")[0]
    bcn_staff = _scalar(
        server,
        "SELECT st.id FROM staff st JOIN store s ON s.id = st.store_id WHERE s.code = 'BCN01' "
        "ORDER BY st.username LIMIT 1",
    )
    [out] = madrid.push(
        madrid.mutation(
            "task.upsert",
            own,
            {"id": new_id(), "kind": "follow_up", "title": "x", "assigned_staff_id": bcn_staff},
        )
    )
    assert out["status"] == "rejected" and "this store" in out["reason"]


def test_an_existing_customer_id_of_another_store_is_not_handed_out(server: LiveServer) -> None:
    madrid = Device(server, "MAD01")
    victim = _home_customers(server, "BCN01")[0]
    [out] = madrid.push(
        madrid.mutation("customer.create", victim, {"id": victim, "first_name": "Yo"})
    )
    assert out["status"] == "rejected" and out["code"] == "id_taken"
    assert _scalar(server, "SELECT first_name FROM customer WHERE id = :c", c=victim) != "Yo"


def test_the_author_is_the_assistant_signed_in_on_this_tablet(server: LiveServer) -> None:
    madrid, barcelona = Device(server, "MAD01"), Device(server, "BCN01", staff="gerente.bcn01")
    own = _home_customers(server, "MAD01")[0]
    admin_elsewhere = server.device_sign_in(barcelona.token, "admin", "admin")["session_id"]
    attempts = {
        "staff_session_other_device": barcelona.session_id,
        "staff_session_unknown": "not-a-session-anyone-opened",
        "staff_session_required": None,
    }
    for code, session_id in attempts.items():
        forged = madrid.mutation("note.upsert", own, {"id": new_id(), "body": "who am I"})
        forged["session_id"] = session_id
        [out] = madrid.push(forged)
        assert out["status"] == "rejected" and out["code"] == code, (code, out)
    forged = madrid.mutation("note.upsert", own, {"id": new_id(), "body": "as admin"})
    forged["session_id"] = admin_elsewhere
    assert madrid.push(forged)[0]["code"] == "staff_session_other_device"
    note_id = new_id()
    [ok] = madrid.push(madrid.mutation("note.upsert", own, {"id": note_id, "body": "mine"}))
    assert ok["status"] == "applied"
    assistant = _scalar(server, "SELECT id FROM staff WHERE username = 'dependienta.mad01'")
    assert _scalar(server, "SELECT author_staff_id FROM note WHERE id = :i", i=note_id) == assistant
    assert (
        _scalar(
            server,
            "SELECT staff_id FROM audit_log WHERE action = 'note.upsert' AND customer_id = :c",
            c=own,
        )
        == assistant
    )
    assert (
        _scalar(
            server,
            "SELECT count(*) FROM note WHERE body IN ('who am I', 'as admin')",
        )
        == 0
    )


def test_a_lookup_needs_an_assistant_signed_in_on_the_tablet(server: LiveServer) -> None:
    madrid, barcelona = Device(server, "MAD01"), Device(server, "BCN01")
    outsider = _with_card(server, "BCN01")
    card = _identifier(server, outsider, "loyalty_card")
    with server.client() as http:
        anonymous = http.post(
            "/sync/lookup", json={"kind": "loyalty_card", "value": card}, headers=madrid.headers
        )
        assert anonymous.status_code == 401
        assert anonymous.json()["code"] == "staff_session_required"
        borrowed = http.post(
            "/sync/lookup",
            json={"kind": "loyalty_card", "value": card},
            headers={**madrid.headers, "X-Clienteling-Staff": barcelona.staff_token},
        )
        assert borrowed.status_code == 401
        assert borrowed.json()["code"] == "staff_session_other_device"
        ok = http.post(
            "/sync/lookup",
            json={"kind": "loyalty_card", "value": card, "purpose": "phone"},
            headers=madrid.staff_headers,
        )
        assert ok.status_code == 200
    assistant = _scalar(server, "SELECT id FROM staff WHERE username = 'dependienta.mad01'")
    row = _rows(
        server,
        "SELECT staff_id, detail FROM audit_log WHERE action = 'lookup' AND customer_id = :c",
        c=outsider,
    )
    assert [(r[0], r[1].split(";")[0]) for r in row] == [(assistant, "phone")]
