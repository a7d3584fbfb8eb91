"""Oversized request bodies are refused with 413 before the server reads or parses them.

Sent over raw sockets, so the test controls exactly how much of a body ever leaves the client:
a server that waited for the body, or parsed it, would hang or answer 422 instead.
"""

from __future__ import annotations

import json
import socket
import uuid
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import httpx

from clienteling.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION
from sync_server.settings import MIB, Settings
from tests.conftest import LiveServer

FIFTY_MB = 50 * 1024 * 1024
DEFAULTS = Settings()


def _connect(server: LiveServer) -> socket.socket:
    parts = urlsplit(server.url)
    sock = socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 80), timeout=20)
    return sock


def _read_response(sock: socket.socket) -> tuple[int, dict[str, str], dict[str, Any]]:
    """Status, headers and JSON body of the one response on ``sock``."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            break
        data += chunk
    head, _, rest = data.partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    headers = {
        name.strip().lower(): value.strip()
        for name, value in (line.split(":", 1) for line in header_lines)
    }
    length = int(headers["content-length"])
    while len(rest) < length:
        chunk = sock.recv(65536)
        if not chunk:
            break
        rest += chunk
    return int(status_line.split()[1]), headers, json.loads(rest[:length])


def _send_head(
    sock: socket.socket,
    path: str,
    headers: dict[str, str],
    method: str = "POST",
    first_bytes: bytes = b"",
) -> None:
    """Request line, headers and the first bytes of the body, in one write: the server can
    only answer after all of it left, so no write of ours races its closing the connection."""
    lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1"]
    lines += [f"{name}: {value}" for name, value in headers.items()]
    sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode() + first_bytes)


def test_announced_50_mb_login_is_refused_before_its_body_is_sent(server: LiveServer) -> None:
    with _connect(server) as sock:
        _send_head(
            sock,
            "/api/v1/auth/login",
            {"Content-Type": "application/json", "Content-Length": str(FIFTY_MB)},
            # Only the first bytes, and not JSON: parsing them would answer 422, waiting would hang.
            first_bytes=b"this is not JSON {",
        )
        status, headers, body = _read_response(sock)
    assert status == 413
    assert body["code"] == "payload_too_large"
    assert body["detail"] == {"limit": DEFAULTS.max_body_bytes}
    assert body["message"]
    assert headers["x-content-type-options"] == "nosniff"


def test_streamed_body_without_length_is_cut_off_at_the_limit(server: LiveServer) -> None:
    with _connect(server) as sock:
        _send_head(
            sock,
            "/api/v1/auth/login",
            {"Content-Type": "application/json", "Transfer-Encoding": "chunked"},
        )
        chunk = b"not JSON" + b"x" * (256 * 1024)
        sent = 0
        # A little over the limit, and never the final chunk: the body has no end.
        while sent <= DEFAULTS.max_body_bytes:
            sock.sendall(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
            sent += len(chunk)
        status, _, body = _read_response(sock)
    assert status == 413
    assert body["code"] == "payload_too_large"


def test_size_is_checked_before_the_nul_check_reads_the_body(server: LiveServer) -> None:
    """The NUL check reads every body; over the limit it never gets the chance."""
    with _connect(server) as sock:
        _send_head(sock, "/api/v1/health", {"Transfer-Encoding": "chunked"}, method="GET")
        # Exactly the limit, then one more small chunk: only that last one can be refused.
        for size in (512 * 1024, 512 * 1024, 1024):
            sock.sendall(f"{size:x}\r\n".encode() + b"\x00" * size + b"\r\n")
        status, _, body = _read_response(sock)
    assert status == 413, body
    with httpx.Client(base_url=server.url) as http:
        small = http.request("GET", "/api/v1/health", content=b"\x00")
    assert small.status_code == 422


def test_httpx_client_sending_50_mb_gets_413(server: LiveServer) -> None:
    with httpx.Client(base_url=server.url + "/api/v1", timeout=60) as http:
        r = http.post(
            "/auth/login",
            content=b"{" + b" " * FIFTY_MB,
            headers={"Content-Type": "application/json"},
        )
    assert r.status_code == 413
    assert r.json()["code"] == "payload_too_large"


def _largest_push() -> bytes:
    """500 notes of 4,000 characters, each escaped on the wire: the protocol's largest push."""
    note = "\x01" * 4000
    mutations = [
        {
            "id": str(uuid.uuid4()) + "-" + "x" * 27,
            "kind": "note.upsert",
            "customer_id": str(uuid.uuid4()),
            "staff_id": str(uuid.uuid4()),
            "hlc": f"{1764064800000 + i:018d}-00000-{'n' * 40}",
            "created_at": datetime.now(UTC).isoformat(),
            "payload": {"id": str(uuid.uuid4()), "body": note, "pinned": False, "deleted": False},
        }
        for i in range(500)
    ]
    return json.dumps({"mutations": mutations}).encode()


def test_the_largest_valid_push_fits_the_bulk_limit(server: LiveServer) -> None:
    body = _largest_push()
    assert DEFAULTS.max_body_bytes < len(body) <= DEFAULTS.max_bulk_body_bytes
    with httpx.Client(base_url=server.url + "/api/v1", timeout=60) as http:
        r = http.post(
            "/sync/push",
            content=body,
            headers={
                "Content-Type": "application/json",
                "Authorization": "Bearer not-a-device",
                PROTOCOL_HEADER: str(PROTOCOL_VERSION),
            },
        )
        # Past the size limit, the request reaches authentication.
        assert r.status_code == 401
        over = http.post(
            "/sync/push",
            content=b"{" + b" " * DEFAULTS.max_bulk_body_bytes,
            headers={"Content-Type": "application/json"},
        )
    assert over.status_code == 413
    assert over.json()["detail"] == {"limit": 16 * MIB}


def test_a_json_body_over_one_mib_is_refused_on_ordinary_routes(server: LiveServer) -> None:
    with server.client() as http:
        r = http.post(
            "/ingest/orders",
            content=b"{" + b" " * DEFAULTS.max_body_bytes,
            headers={"Content-Type": "application/json", **server.staff_headers()},
        )
    assert r.status_code == 413


def test_pos_csv_upload_has_its_own_larger_limit(server: LiveServer) -> None:
    admin = server.staff_headers()
    header = "store_code,receipt_id,sold_at,loyalty_card,email,phone,first_name,last_name,"
    header += "sku,size,quantity,unit_price,currency\n"
    big = header + "MAD01,R1,not-a-date,,,,,,SKU,,1,1.00,EUR\n" * 50_000
    assert len(big) > DEFAULTS.max_body_bytes
    with server.client() as http:
        r = http.post(
            "/import/pos-sales", files={"file": ("sales.csv", big.encode())}, headers=admin
        )
    # Read and checked line by line (and refused for its content), not cut off by size.
    assert r.status_code == 422, r.text
    with _connect(server) as sock:
        _send_head(
            sock,
            "/api/v1/import/pos-sales",
            {
                "Content-Type": "multipart/form-data; boundary=x",
                "Content-Length": str(DEFAULTS.max_upload_bytes + 1),
                "Authorization": admin["Authorization"],
            },
        )
        status, _, body = _read_response(sock)
    assert status == 413
    assert body["detail"] == {"limit": DEFAULTS.max_upload_bytes}
