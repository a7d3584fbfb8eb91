"""Names that are spreadsheet formulas reach the manager's CSV export as inert text."""

from __future__ import annotations

import csv
import io

from clienteling.protocol.spreadsheet import safe_cell, safe_text
from tests.conftest import LiveServer
from tests.outreach.conftest import DDE, HYPERLINK, formula_customer


def _rows(text: str) -> dict[str, dict[str, str]]:
    return {row["customer_id"]: row for row in csv.DictReader(io.StringIO(text))}


def test_formula_names_are_exported_with_a_leading_apostrophe(server: LiveServer) -> None:
    customer_id = formula_customer(server)
    manager = server.staff_headers("gerente.mad01")
    with server.client() as http:
        store_wide = http.get("/exports/customers.csv", headers=manager)
        listed = http.post(
            "/exports/customers.csv",
            json={"customer_ids": [customer_id], "channel": "sms"},
            headers=manager,
        )
    assert store_wide.status_code == 200 and listed.status_code == 200
    by_email = _rows(store_wide.text)[customer_id]
    assert by_email["first_name"] == "'" + HYPERLINK
    assert by_email["last_name"] == "'" + DDE
    by_sms = _rows(listed.text)[customer_id]
    assert by_sms["first_name"].startswith("'=") and by_sms["last_name"].startswith("'+")
    # A phone number is a plain number: no formula, left as it is.
    assert by_sms["address"] == "+34699123456"
    for row in _rows(store_wide.text).values():
        for value in row.values():
            assert not value.startswith(("=", "+", "@", "\t", "\r")), value


def test_only_formula_starts_are_neutralised() -> None:
    for hostile in ("=1+1", "+A1", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "-", "=", "+cmd|x"):
        assert safe_text(hostile) == "'" + hostile
    for harmless in ("García", "-12.5", "+34600111222", "42", "", "'=already"):
        assert safe_text(harmless) == harmless
    assert safe_cell(-12.5) == -12.5
    assert safe_cell(None) is None
