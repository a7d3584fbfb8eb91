"""Ingestion over HTTP: till times in the store's zone, no identity dropped, real-world formats.

Expected instants are written out by hand (Madrid is UTC+1 in winter, UTC+2 in summer; the
Canaries are one hour behind), not computed with the code under test.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import text
from typer.testing import CliRunner

from sync_server.cli import app
from tests.conftest import LiveServer

HEADER = (
    "store_code,receipt_id,sold_at,loyalty_card,email,phone,first_name,last_name,sku,size,"
    "quantity,unit_price,currency\n"
)


def _import(server: LiveServer, csv_text: str) -> Any:
    with server.client() as http:
        return http.post(
            "/import/pos-sales",
            files={"file": ("pos.csv", csv_text, "text/csv")},
            headers=server.staff_headers(),
        )


def _bundle(server: LiveServer, customer_id: str) -> list[dict[str, Any]]:
    with server.client() as http:
        r = http.get(f"/customers/{customer_id}", headers=server.staff_headers())
    assert r.status_code == 200, r.text
    changes: list[dict[str, Any]] = r.json()["changes"]
    return changes


def _rows(server: LiveServer, customer_id: str, entity: str) -> list[dict[str, Any]]:
    return [c["data"] for c in _bundle(server, customer_id) if c["entity"] == entity]


def _customer_of(server: LiveServer, kind: str, value: str) -> str:
    with server.engine.connect() as conn:
        found = conn.execute(
            text("SELECT customer_id FROM identity WHERE kind = :k AND value = :v"),
            {"k": kind, "v": value},
        ).scalar()
    assert found is not None, (kind, value)
    return str(found)


def _instant(value: str) -> datetime:
    return datetime.fromisoformat(value).astimezone(UTC)


def test_pos_times_without_offset_are_read_in_the_store_zone(server: LiveServer) -> None:
    with server.engine.begin() as conn:
        conn.execute(text("UPDATE store SET timezone = 'Atlantic/Canary' WHERE code = 'BCN01'"))
    csv_text = HEADER + (
        "MAD01,TZ-W,2026-03-01T10:15:00,70000001111,,,Eva,Gil,SKU00001,M,1,10.00,EUR\n"
        "MAD01,TZ-S,2026-07-01T10:15:00,70000001111,,,Eva,Gil,SKU00001,M,1,10.00,EUR\n"
        "MAD01,TZ-O,2026-07-02T10:15:00+01:00,70000001111,,,Eva,Gil,SKU00001,M,1,10.00,EUR\n"
        "MAD01,TZ-A,2026-10-25T02:30:00,70000001111,,,Eva,Gil,SKU00001,M,1,10.00,EUR\n"
        "BCN01,TZ-C,2026-01-15T10:15:00,70000001111,,,Eva,Gil,SKU00001,M,1,10.00,EUR\n"
    )
    r = _import(server, csv_text)
    assert r.status_code == 200, r.text
    assert r.json()["time_zones"] == {"BCN01": "Atlantic/Canary", "MAD01": "Europe/Madrid"}
    customer = _customer_of(server, "loyalty_card", "70000001111")
    stored = {o["external_id"]: _instant(o["ordered_at"]) for o in _rows(server, customer, "order")}
    assert stored == {
        "MAD01-TZ-W": datetime(2026, 3, 1, 9, 15, tzinfo=UTC),  # winter: UTC+1
        "MAD01-TZ-S": datetime(2026, 7, 1, 8, 15, tzinfo=UTC),  # summer: UTC+2
        "MAD01-TZ-O": datetime(2026, 7, 2, 9, 15, tzinfo=UTC),  # its own offset wins
        # 02:30 happens twice that night: the first one, still summer time.
        "MAD01-TZ-A": datetime(2026, 10, 25, 0, 30, tzinfo=UTC),
        "BCN01-TZ-C": datetime(2026, 1, 15, 10, 15, tzinfo=UTC),  # Canaries: UTC+0 in winter
    }


def test_a_till_time_that_never_happened_is_refused_with_its_line(server: LiveServer) -> None:
    csv_text = HEADER + (
        "MAD01,GAP-1,2026-03-28T12:00:00,70000002222,,,Eva,Gil,SKU00001,M,1,10.00,EUR\n"
        "MAD01,GAP-2,2026-03-29T02:30:00,70000002222,,,Eva,Gil,SKU00001,M,1,10.00,EUR\n"
    )
    r = _import(server, csv_text)
    assert r.status_code == 422, r.text
    [error] = r.json()["detail"]
    assert (error["line"], error["field"]) == (3, "sold_at")
    assert "does not exist in Europe/Madrid" in error["reason"]
    with server.engine.connect() as conn:
        count = conn.execute(
            text("SELECT count(*) FROM \"order\" WHERE external_id LIKE 'MAD01-GAP-%'")
        ).scalar()
    assert count == 0


def test_webhook_local_times_use_the_store_zone_or_are_refused(server: LiveServer) -> None:
    headers = server.staff_headers()
    event = {
        "kind": "store_visit",
        "external_id": "visit-tz-1",
        "at": "2026-07-01T18:00:00",
        "store_code": "MAD01",
        "customer": {"email": "visita.tz@example.com"},
    }
    order = {
        "channel": "web",
        "external_id": "W-TZ-1",
        "ordered_at": "2026-07-01T18:00:00",
        "customer": {"email": "visita.tz@example.com"},
        "lines": [{"sku": "SKU00001", "quantity": 1, "unit_price": "10.00"}],
    }
    with server.client() as http:
        r = http.post("/ingest/events", json=event, headers=headers)
        assert r.status_code == 200, r.text
        customer = r.json()["customer_id"]
        refused = http.post("/ingest/orders", json=order, headers=headers)
    assert refused.status_code == 422
    assert refused.json()["message"].startswith("ordered_at:")
    assert "no time zone" in refused.json()["message"]
    [visit] = _rows(server, customer, "interaction")
    assert _instant(visit["occurred_at"]) == datetime(2026, 7, 1, 16, 0, tzinfo=UTC)
    assert _rows(server, customer, "order") == []


def test_conflicting_cards_on_one_receipt_are_refused_with_both_lines(server: LiveServer) -> None:
    csv_text = HEADER + (
        "MAD01,ID-1,2026-10-03T12:00:00,70000003331,,,Ana,Ruiz,SKU00001,M,1,10.00,EUR\n"
        "MAD01,ID-1,2026-10-03T12:00:00,70000003332,,,Ana,Ruiz,SKU00002,M,1,12.00,EUR\n"
    )
    r = _import(server, csv_text)
    assert r.status_code == 422, r.text
    [error] = r.json()["detail"]
    assert (error["line"], error["field"]) == (3, "loyalty_card")
    assert "70000003331 (line 2)" in error["reason"]
    with server.engine.connect() as conn:
        cards = conn.execute(
            text("SELECT count(*) FROM identity WHERE value IN ('70000003331', '70000003332')")
        ).scalar()
    assert cards == 0


def test_identifiers_spread_over_a_receipt_all_reach_its_buyer(server: LiveServer) -> None:
    csv_text = HEADER + (
        "MAD01,ID-2,2026-10-03T12:00:00,70000004441,,,Ana,Ruiz,SKU00001,M,1,10.00,EUR\n"
        "MAD01,ID-2,2026-10-03T12:00:00,,Ana.Ruiz@Example.com,,,,SKU00002,M,1,12.00,EUR\n"
        "MAD01,ID-2,2026-10-03T12:00:00,70000004441,,611 222 333,,,SKU00003,M,1,5.00,EUR\n"
    )
    r = _import(server, csv_text)
    assert r.status_code == 200, r.text
    customer = _customer_of(server, "loyalty_card", "70000004441")
    idents = {(i["kind"], i["value"]) for i in _rows(server, customer, "identity")}
    assert {
        ("loyalty_card", "70000004441"),
        ("email", "ana.ruiz@example.com"),
        ("phone", "+34611222333"),
    } <= idents
    [order] = _rows(server, customer, "order")
    assert order["total_cents"] == 2700


def test_an_order_contact_email_and_phone_join_the_buyer_record(server: LiveServer) -> None:
    order = {
        "channel": "web",
        "external_id": "W-CONTACT-1",
        "ordered_at": "2026-10-01T10:00:00Z",
        "customer": {"email": "cuenta@example.com", "web_account": "26"},
        "contact_email": "Pedidos.Casa@Example.com",
        "contact_phone": "+44 20 7946 0018",
        "lines": [{"sku": "SKU00001", "quantity": 1, "unit_price": "10.00"}],
    }
    with server.client() as http:
        r = http.post("/ingest/orders", json=order, headers=server.staff_headers())
    assert r.status_code == 200, r.text
    idents = {(i["kind"], i["value"]) for i in _rows(server, r.json()["customer_id"], "identity")}
    assert {
        ("email", "cuenta@example.com"),
        ("email", "pedidos.casa@example.com"),
        ("phone", "+442079460018"),
        ("web_account", "26"),
    } <= idents


def test_phones_follow_the_customer_country_and_formats_fit_platforms(server: LiveServer) -> None:
    headers = server.staff_headers()
    bundle_sku = "BNDL-SUMMER-2026-LINEN-SHIRT-PLUS-CHINO-PLUS-BELT-M"
    assert len(bundle_sku) == 51

    def order(ext: str, customer: dict[str, Any], sku: str = "SKU00001") -> dict[str, Any]:
        return {
            "channel": "web",
            "external_id": ext,
            "ordered_at": "2026-10-01T10:00:00Z",
            "customer": customer,
            "lines": [{"sku": sku, "quantity": 1, "unit_price": "10.00"}],
        }

    with server.client() as http:
        us = http.post(
            "/ingest/orders",
            json=order("W-US-1", {"phone": "512-555-1111", "country": "US"}, bundle_sku),
            headers=headers,
        )
        spanish = http.post(
            "/ingest/orders", json=order("W-US-2", {"phone": "512-555-1111"}), headers=headers
        )
        bad_account = http.post(
            "/ingest/orders", json=order("W-US-3", {"web_account": "a b/c"}), headers=headers
        )
    assert us.status_code == 200, us.text
    assert spanish.status_code == 422
    assert spanish.json()["message"].startswith("customer.phone")
    assert "national number of ES" in spanish.json()["message"]
    assert bad_account.status_code == 422
    assert bad_account.json()["message"].startswith("customer.web_account")
    assert "expected 1 to 64 letters, digits" in bad_account.json()["message"]
    customer = us.json()["customer_id"]
    idents = {(i["kind"], i["value"]) for i in _rows(server, customer, "identity")}
    assert ("phone", "+15125551111") in idents
    [line] = _rows(server, customer, "order_line")
    assert line["sku"] == bundle_sku


def test_cli_import_of_a_windows_1252_file_is_a_clean_error(tmp_path: Path) -> None:
    db = tmp_path / "cli.db"
    csv_file = tmp_path / "ventas.csv"
    csv_file.write_bytes(
        (
            HEADER + "MAD01,R-1,2026-10-03T12:00:00,70000009999,,,Begoña,Núñez,SKU1,M,1,5.00,EUR\n"
        ).encode("cp1252")
    )
    result = CliRunner().invoke(
        app, ["import-pos", str(csv_file), "--database-url", f"sqlite:///{db}"]
    )
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    output = result.output
    assert "not UTF-8" in output and "re-save the file as UTF-8" in output
    assert "line 2" in output
    assert "Traceback" not in output and "UnicodeDecodeError" not in output


def test_cli_import_reports_line_column_and_reason(tmp_path: Path) -> None:
    db = tmp_path / "cli.db"
    csv_file = tmp_path / "ventas.csv"
    csv_file.write_text(
        HEADER + "NOPE1,R-1,2026-10-03T12:00:00,70000009999,,,Eva,Gil,SKU1,M,1,abc,EUR\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        app, ["import-pos", str(csv_file), "--database-url", f"sqlite:///{db}"]
    )
    assert result.exit_code == 1
    assert "line 2, column store_code: unknown store 'NOPE1'" in result.output
    assert "line 2, column unit_price:" in result.output
    assert "Traceback" not in result.output
