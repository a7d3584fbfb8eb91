"""The device sync API: handshake, pull, push, on-demand customer fetch, integrity checksums."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response
from sqlalchemy import or_, update
from sqlmodel import Session, col

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
from clienteling.protocol.pages import ROWS_MEDIA_TYPE, RowsPageHeader, encode_lines
from clienteling.protocol.types import utcnow
from sync_server import __version__
from sync_server.api.deps import (
    DeviceDep,
    DeviceStaffDep,
    EngineDep,
    PushDeviceDep,
    SettingsDep,
)
from sync_server.db import read_session, run_write
from sync_server.domain import lookups
from sync_server.domain.audit import audit
from sync_server.domain.identity import find_by_identifier, survivor_of
from sync_server.domain.models import CustomerScope, Device, Store
from sync_server.domain.scope import add_to_scope, in_scope
from sync_server.errors import DomainError, Forbidden, NotFound
from sync_server.settings import Settings
from sync_server.sync import pull, push
from sync_server.sync.buckets import device_buckets, store_bucket
from sync_server.sync.cursor import MAX_LENGTH

router = APIRouter(prefix="/sync", tags=["sync"])
SEEN_EVERY = timedelta(minutes=1)


@router.get("/handshake", response_model=Handshake)
def handshake(device: DeviceDep, engine: EngineDep, settings: SettingsDep) -> Handshake:
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
        offline_signin_days=settings.offline_signin_days,
        stale_sync_lock_days=settings.stale_sync_lock_days,
    )


@router.get(
    "/pull",
    response_model=PullPage,
    responses={
        200: {
            "content": {ROWS_MEDIA_TYPE: {"schema": {"type": "string"}}},
            "description": "The page, as JSON or (``format=rows``) as the compact page",
        }
    },
)
def pull_changes(
    device: DeviceDep,
    engine: EngineDep,
    settings: SettingsDep,
    cursor: Annotated[str, Query(max_length=MAX_LENGTH)] = "",
    limit: Annotated[int, Query(ge=1, le=5000)] = 1000,
    format: Annotated[Literal["json", "rows"], Query()] = "json",
) -> Response:
    """A page of changes; serialised by hand because this is the hottest path of a sync.

    ``format=rows`` answers the compact page of ``protocol/pages.py`` (what the app uses):
    the stored JSON of each row is sent as it is, and the tablet stores it as it is.
    """
    limit = min(limit, settings.pull_page_max)
    now = utcnow()
    lines: list[str] = []
    rows: list[pull.LogRow] = []
    with read_session(engine) as session:
        names, stock = device_buckets(session, device.store_id, settings.stock_nearest_stores)
        if format == "rows":
            lines, next_cursor, has_more = pull.page_lines(session, names, cursor, limit)
        else:
            rows, next_cursor, has_more = pull.page_rows(session, names, cursor, limit)
        # Where the tablet is and when it was last seen, for the manager's device list; an
        # idle tablet polling every few seconds does not rewrite its row each time.
        session.execute(
            update(Device)
            .where(
                col(Device.id) == device.id,
                or_(
                    col(Device.last_cursor) != next_cursor,
                    col(Device.last_seen_at).is_(None),
                    col(Device.last_seen_at) < now - SEEN_EVERY,
                ),
            )
            .values(last_seen_at=now, last_cursor=next_cursor)
        )
        session.commit()
    if format == "rows":
        header = RowsPageHeader(
            cursor=next_cursor,
            has_more=has_more,
            server_time=now,
            stock_stores=stock,
            count=len(lines),
        )
        return Response(encode_lines(header, lines), media_type=ROWS_MEDIA_TYPE)
    server_time = json.dumps(utcnow().isoformat().replace("+00:00", "Z"))
    body = (
        f'{{"changes":{pull.as_json(rows)},"cursor":{json.dumps(next_cursor)},'
        f'"has_more":{"true" if has_more else "false"},"server_time":{server_time},'
        f'"stock_stores":{json.dumps(stock)}}}'
    )
    return Response(body, media_type="application/json")


@router.post("/push", response_model=PushResult)
def push_mutations(
    body: PushRequest, device: PushDeviceDep, engine: EngineDep, settings: SettingsDep
) -> PushResult:
    """A retired tablet may still hand in its queued edits; a lost one may not."""
    return PushResult(outcomes=push.apply_batch(engine, device, body.mutations, settings))


def _bundle(engine: EngineDep, device: Device, customer_id: str) -> CustomerBundle:
    with read_session(engine) as session:
        changes = pull.bundle_changes(session, store_bucket(device.store_id), customer_id)
    return CustomerBundle(customer_id=customer_id, changes=changes)


def _lookup(
    session: Session, body: LookupRequest, device: Device, settings: Settings, staff_id: str | None
) -> str | DomainError | None:
    refused = lookups.refusal(
        session, settings, device_id=device.id, store_id=device.store_id, staff_id=staff_id
    )
    if refused is not None:
        return refused
    try:
        customer = find_by_identifier(session, body.kind, body.value)
    except DomainError:
        customer = None
    found = customer.id if customer is not None else None
    lookups.record(
        session,
        found=found,
        device_id=device.id,
        store_id=device.store_id,
        staff_id=staff_id,
        purpose=body.purpose,
        kind=body.kind,
    )
    if found is not None:
        lookups.expire(session, settings.lookup_scope_days, device.store_id)
        existing = session.get(CustomerScope, (found, device.store_id, "lookup"))
        if existing is not None:
            existing.since = utcnow()
        else:
            add_to_scope(session, found, device.store_id, "lookup")
    return found


@router.post("/lookup", response_model=CustomerBundle)
def lookup(
    body: LookupRequest, signed_in: DeviceStaffDep, engine: EngineDep, settings: SettingsDep
) -> CustomerBundle:
    """Fetch a customer of another store by a strong identifier, for the assistant signed in
    on the tablet (``X-Clienteling-Staff``); limited per tablet and per assistant, audited."""
    device, staff = signed_in
    found = run_write(engine, lambda s: _lookup(s, body, device, settings, staff.id))
    if isinstance(found, DomainError):
        raise found
    if found is None:
        raise NotFound("No customer with that card, e-mail or phone.")
    return _bundle(engine, device, found)


@router.get("/customers/{customer_id}", response_model=CustomerBundle)
def fetch_customer(customer_id: str, device: DeviceDep, engine: EngineDep) -> CustomerBundle:
    """A customer already in this store's bucket, fresh (e.g. before a 360 after offline)."""

    def work(session: Session) -> str:
        customer = survivor_of(session, customer_id)
        if not in_scope(session, customer.id, device.store_id):
            raise Forbidden(
                "This customer belongs to another store. Look her up by loyalty card, e-mail "
                "or phone to open her here.",
                code="out_of_scope",
            )
        audit(
            session, "fetch", device_id=device.id, store_id=device.store_id, customer_id=customer.id
        )
        return customer.id

    return _bundle(engine, device, run_write(engine, work))


@router.get("/checksums", response_model=Checksums)
def checksums(device: DeviceDep, engine: EngineDep, settings: SettingsDep) -> Checksums:
    with read_session(engine) as session:
        names, _ = device_buckets(session, device.store_id, settings.stock_nearest_stores)
        return pull.checksums(session, names)
