"""Who authored an edit: the staff session bound to the pushing device, never a payload field.

Sessions are opened over HTTP on the real server; ``author_of`` (which the push path calls) is
then asked about edits pushed by this or another tablet, at times before and after the end.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime, timedelta

import pytest
from sqlmodel import Session

from clienteling.protocol import DEVICE_HEADER
from sync_server.domain.models import Device, StaffSession
from sync_server.domain.sessions import AUTHOR_GRACE, AuthorRefused, author_of
from tests.conftest import FakeClock, LiveServer

ServerFactory = Callable[..., LiveServer]


@pytest.fixture
def live(make_live_server: ServerFactory, backend: str) -> LiveServer:
    return make_live_server(customers=0, backend=backend, clock=FakeClock())


def _sign_in(server: LiveServer, device_token: str | None, user: str, pw: str = "demo") -> dict:
    headers = {DEVICE_HEADER: device_token} if device_token else {}
    with server.client() as http:
        r = http.post("/auth/login", json={"username": user, "password": pw}, headers=headers)
        assert r.status_code == 200, r.text
        body: dict = r.json()
        return body


def _author(server: LiveServer, device_id: str, session_id: str | None, at: datetime) -> str:
    with Session(server.engine) as session:
        device = session.get(Device, device_id)
        assert device is not None
        return author_of(session, device, session_id, at)


def _refused(server: LiveServer, device_id: str, session_id: str | None, at: datetime) -> str:
    with pytest.raises(AuthorRefused) as refused:
        _author(server, device_id, session_id, at)
    assert refused.value.message
    return refused.value.code


def test_author_is_the_staff_signed_in_on_that_tablet(live: LiveServer) -> None:
    assert live.clock is not None
    now = live.clock.now
    mad = live.enrol("MAD01")
    bcn = live.enrol("BCN01")
    assistant = _sign_in(live, mad["device_token"], "dependienta.mad01")
    assert (
        _author(live, mad["device_id"], assistant["session_id"], now) == (assistant["staff"]["id"])
    )
    # A rogue tablet cannot borrow a session: not the assistant's, nor an admin's (web or tablet).
    web_admin = _sign_in(live, None, "admin", "admin")
    tablet_admin = _sign_in(live, bcn["device_token"], "admin", "admin")
    for session_id in (assistant["session_id"], web_admin["session_id"]):
        assert _refused(live, bcn["device_id"], session_id, now) == "staff_session_other_device"
    assert _refused(live, mad["device_id"], web_admin["session_id"], now) == (
        "staff_session_other_device"
    )
    assert _refused(live, mad["device_id"], tablet_admin["session_id"], now) == (
        "staff_session_other_device"
    )
    assert _refused(live, mad["device_id"], None, now) == "staff_session_required"
    assert _refused(live, mad["device_id"], str(uuid.uuid4()), now) == "staff_session_unknown"


def test_edits_made_before_sign_out_or_expiry_keep_their_author(live: LiveServer) -> None:
    assert live.clock is not None
    mad = live.enrol("MAD01")
    signed_in = _sign_in(live, mad["device_token"], "dependienta.mad01")
    sid, staff_id = signed_in["session_id"], signed_in["staff"]["id"]
    start = live.clock.now
    live.clock.advance(hours=2)
    with live.client() as http:
        out = http.post(
            "/auth/logout", headers={"Authorization": f"Bearer {signed_in['access_token']}"}
        )
        assert out.status_code == 204
    ended = live.clock.now
    # Pushed later (the tablet was offline): edits from while she was signed in still count.
    live.clock.advance(days=2)
    assert _author(live, mad["device_id"], sid, start + timedelta(minutes=5)) == staff_id
    assert _author(live, mad["device_id"], sid, ended + AUTHOR_GRACE) == staff_id
    late = ended + AUTHOR_GRACE + timedelta(seconds=1)
    assert _refused(live, mad["device_id"], sid, late) == "staff_session_ended"

    # The same for a session that simply ran out.
    other = _sign_in(live, mad["device_token"], "gerente.mad01")
    with Session(live.engine) as session:
        row = session.get(StaffSession, other["session_id"])
        assert row is not None
        expires = row.expires_at
    live.clock.advance(days=1)
    manager = other["staff"]["id"]
    assert _author(live, mad["device_id"], other["session_id"], expires) == manager
    assert _refused(live, mad["device_id"], other["session_id"], expires + timedelta(hours=1)) == (
        "staff_session_ended"
    )


def test_a_deactivated_staff_member_authors_nothing_more(live: LiveServer) -> None:
    assert live.clock is not None
    mad = live.enrol("MAD01")
    signed_in = _sign_in(live, mad["device_token"], "dependienta.mad01")
    with live.client() as http:
        r = http.post(f"/staff/{signed_in['staff']['id']}/deactivate", headers=live.staff_headers())
        assert r.status_code == 200
    assert _refused(live, mad["device_id"], signed_in["session_id"], live.clock.now) == (
        "staff_inactive"
    )
