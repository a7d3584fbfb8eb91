"""The device sync API: handshake, pull, push, on-demand customer fetch, integrity checksums."""

from __future__ import annotations

import json
from typing import Annotated

from fastapi import APIRouter, Query, Response
from sqlalchemy import update
from sqlmodel import col

from clienteling.protocol import PROTOCOL_VERSION
from clienteling.protocol.messages import (
    Checksums,
    CustomerBundle,
    Handshake,
    LookupRequest,
    PullPage,
    PushRequest,
    PushResult,
)
from clienteling.protocol.types import utcnow
from sync_server import __version__
from sync_server.api.deps import DeviceDep, EngineDep, PushDeviceDep, SettingsDep
from sync_server.db import read_session, write_session
from sync_server.domain.audit import audit
from sync_server.domain.identity import find_by_identifier, survivor_of
from sync_server.domain.models import Device, Store
from sync_server.domain.scope import add_to_scope, in_scope
from sync_server.errors import DomainError, Forbidden, NotFound
from sync_server.sync import pull, push

router = APIRouter(prefix="/sync", tags=["sync"])


@router.get("/handshake", response_model=Handshake)
def handshake(device: DeviceDep, engine: EngineDep) -> Handshake:
    with read_session(engine) as session:
        store = session.get(Store, device.store_id)
    return Handshake(
        server_version=__version__,
        protocol_version=PROTOCOL_VERSION,
        min_protocol_version=PROTOCOL_VERSION,
        device_id=device.id,
        store_id=device.store_id,
        store_code=store.code if store else None,
        server_time=utcnow(),
        device_token_issued_at=device.token_issued_at,
        device_token_expires_at=device.token_expires_at,
    )


@router.get("/pull", response_model=PullPage)
def pull_changes(
    device: DeviceDep,
    engine: EngineDep,
    settings: SettingsDep,
    cursor: Annotated[int, Query(ge=0, le=2**62)] = 0,
    limit: Annotated[int, Query(ge=1, le=5000)] = 1000,
) -> Response:
    """A page of changes; serialised by hand because this is the hottest path of a sync."""
    limit = min(limit, settings.pull_page_max)
    with read_session(engine) as session:
        rows, next_cursor, has_more = pull.page_rows(session, device.store_id, cursor, limit)
    with engine.begin() as conn:
        conn.execute(
            update(Device)
            .where(col(Device.id) == device.id)
            .values(last_seen_at=utcnow(), last_cursor=next_cursor)
        )
    server_time = json.dumps(utcnow().isoformat().replace("+00:00", "Z"))
    body = (
        f'{{"changes":{pull.as_json(rows)},"cursor":{next_cursor},'
        f'"has_more":{"true" if has_more else "false"},"server_time":{server_time}}}'
    )
    return Response(body, media_type="application/json")


@router.post("/push", response_model=PushResult)
def push_mutations(body: PushRequest, device: PushDeviceDep, engine: EngineDep) -> PushResult:
    """A retired tablet may still hand in its queued edits; a lost one may not."""
    return PushResult(outcomes=push.apply_batch(engine, device, body.mutations))


def _bundle(engine: EngineDep, device: Device, customer_id: str, action: str) -> CustomerBundle:
    with write_session(engine) as session:
        if action == "lookup":
            add_to_scope(session, customer_id, device.store_id, "lookup")
        audit(
            session, action, device_id=device.id, store_id=device.store_id, customer_id=customer_id
        )
    with read_session(engine) as session:
        changes = pull.customer_changes(session, customer_id)
        cursor = pull.current_cursor(session)
    return CustomerBundle(customer_id=customer_id, changes=changes, cursor_hint=cursor)


@router.post("/lookup", response_model=CustomerBundle)
def lookup(body: LookupRequest, device: DeviceDep, engine: EngineDep) -> CustomerBundle:
    """Fetch a customer of another store by a strong identifier; she then stays synced here."""
    with read_session(engine) as session:
        try:
            customer = find_by_identifier(session, body.kind, body.value)
        except DomainError:
            customer = None
        if customer is None:
            raise NotFound("No customer with that card, e-mail or phone.")
        customer_id = customer.id
    return _bundle(engine, device, customer_id, "lookup")


@router.get("/customers/{customer_id}", response_model=CustomerBundle)
def fetch_customer(customer_id: str, device: DeviceDep, engine: EngineDep) -> CustomerBundle:
    with read_session(engine) as session:
        customer = survivor_of(session, customer_id)
        if not in_scope(session, customer.id, device.store_id):
            raise Forbidden(
                "This customer belongs to another store. Look her up by loyalty card, e-mail "
                "or phone to open her here.",
                code="out_of_scope",
            )
        customer_id = customer.id
    return _bundle(engine, device, customer_id, "fetch")


@router.get("/checksums", response_model=Checksums)
def checksums(device: DeviceDep, engine: EngineDep) -> Checksums:
    with read_session(engine) as session:
        return pull.checksums(session, device.store_id)
