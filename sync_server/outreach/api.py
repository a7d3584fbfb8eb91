"""Manager endpoints for outreach: campaigns, messages, cart calls, KPIs, assignments, consent-
respecting exports, the public unsubscribe link and web coupon redemption.

Managers act on their own store only; admins on any store (``store_code`` then required).
"""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, timedelta
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query
from fastapi.responses import Response
from pydantic import AfterValidator, BaseModel, ConfigDict, Field
from sqlmodel import Session, col, select

from clienteling.protocol.spreadsheet import safe_row
from clienteling.protocol.strict import IsoDatetime, StrictCount, StrictFlag
from clienteling.protocol.types import as_utc, utcnow
from sync_server.api.deps import (
    AdminDep,
    EngineDep,
    ManagerDep,
    SessionDep,
    SettingsDep,
    StaffUser,
    ensure_store_access,
)
from sync_server.db import read_session, write_session
from sync_server.domain.audit import audit
from sync_server.domain.identity import survivor_of
from sync_server.domain.ids import new_id, stable_id
from sync_server.domain.models import (
    Consent,
    Coupon,
    Customer,
    CustomerScope,
    Identity,
    LoyaltyAccount,
    Staff,
    Store,
    Task,
)
from sync_server.domain.scope import OWN_REASONS, add_to_scope, is_own_customer, own_customers
from sync_server.errors import Conflict, Forbidden, InvalidInput, NotFound
from sync_server.outreach import campaigns
from sync_server.outreach.carts import create_cart_calls
from sync_server.outreach.consent import OUTREACH_CHANNELS, current_consents
from sync_server.outreach.kpis import OutreachKpis, store_kpis
from sync_server.outreach.models import Campaign, CampaignInvitation, OutreachMessage
from sync_server.outreach.retention import inactive_customers
from sync_server.outreach.segments import SegmentFilter, segment_customers, segment_size
from sync_server.outreach.tokens import read_token

router = APIRouter(tags=["outreach"])

ID_PATTERN = r"^[A-Za-z0-9_-]+$"
IdPath = Annotated[str, Path(min_length=1, max_length=36, pattern=ID_PATTERN)]
StoreCode = Annotated[str, Path(min_length=1, max_length=16, pattern=r"^[A-Za-z0-9]+$")]
StoreCodeQuery = Annotated[
    str | None, Query(min_length=1, max_length=16, pattern=r"^[A-Za-z0-9]+$")
]
OptionalId = Annotated[str | None, Query(min_length=1, max_length=36, pattern=ID_PATTERN)]
EARLIEST = date(2000, 1, 1)
LATEST = date(2100, 1, 1)


def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    return value


Text = Annotated[str, AfterValidator(_no_nul)]


def _resolve_store(session: Session, staff: StaffUser, code: str | None) -> Store:
    if code is None:
        if staff.store_id is None:
            raise InvalidInput("store_code: required for staff without a home store")
        store = session.get(Store, staff.store_id)
    else:
        store = session.exec(select(Store).where(Store.code == code.upper())).first()
    if store is None:
        raise NotFound(f"store_code: unknown store '{code}'", code="store_not_found")
    ensure_store_access(staff, store.id)
    return store


def _period(from_: date | None, to: date | None, default_days: int = 30) -> tuple[date, date]:
    # Checked before any arithmetic: a day before 0001-01-30 has no date 29 days earlier.
    for name, value in (("from", from_), ("to", to)):
        if value is not None and not EARLIEST <= value <= LATEST:
            raise InvalidInput(f"{name}: must be between {EARLIEST} and {LATEST}")
    end = to or utcnow().date()
    start = from_ or max(EARLIEST, end - timedelta(days=default_days - 1))
    if start > end:
        raise InvalidInput("from: must not be after to")
    return start, end


# --- unsubscribe (public) ----------------------------------------------------------------


class UnsubscribeOut(BaseModel):
    status: Literal["unsubscribed"]
    channel: str
    purpose: str
    message: str


UNSUBSCRIBED = {
    "es": "Listo: no te enviaremos más mensajes de {purpose} por {channel}.",
    "en": "Done: we will not send you any more {purpose} messages by {channel}.",
}


def _unsubscribe(engine: EngineDep, token: str) -> UnsubscribeOut:
    with write_session(engine) as session:
        request = read_token(session, token)
        customer = session.get(Customer, request.customer_id)
        if customer is None:
            raise NotFound("There is nothing to unsubscribe: this customer's data was erased.")
        customer = survivor_of(session, customer.id)
        state = current_consents(session, [customer.id], request.channel, request.purpose)
        if state.get(customer.id, False):
            session.add(
                Consent(
                    id=new_id(),
                    customer_id=customer.id,
                    channel=request.channel,
                    purpose=request.purpose,
                    granted=False,
                    source="unsubscribe_link",
                    recorded_at=utcnow(),
                )
            )
            audit(session, "unsubscribe", customer_id=customer.id, detail=request.channel)
        language = customer.preferred_language if customer.preferred_language == "en" else "es"
        return UnsubscribeOut(
            status="unsubscribed",
            channel=request.channel,
            purpose=request.purpose,
            message=UNSUBSCRIBED[language].format(purpose=request.purpose, channel=request.channel),
        )


TokenQuery = Annotated[str, Query(min_length=10, max_length=400, pattern=r"^[A-Za-z0-9_.=-]+$")]


@router.get("/outreach/unsubscribe", response_model=UnsubscribeOut)
def unsubscribe(token: TokenQuery, engine: EngineDep) -> UnsubscribeOut:
    """The link in every message: records a consent withdrawal, no login needed."""
    return _unsubscribe(engine, token)


@router.post("/outreach/unsubscribe", response_model=UnsubscribeOut)
def unsubscribe_one_click(token: TokenQuery, engine: EngineDep) -> UnsubscribeOut:
    """RFC 8058 one-click unsubscribe (mail clients POST to the List-Unsubscribe URL)."""
    return _unsubscribe(engine, token)


# --- messages ----------------------------------------------------------------------------


class MessageOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    customer_id: str
    channel: str
    purpose: str
    template: str
    language: str
    subject: str
    status: str
    reason: str
    attempts: int
    created_at: datetime
    sent_at: datetime | None
    next_attempt_at: datetime
    store_id: str | None
    staff_id: str | None
    campaign_id: str | None
    coupon_id: str | None


@router.get("/outreach/messages", response_model=list[MessageOut])
def list_messages(
    staff: ManagerDep,
    session: SessionDep,
    store_code: StoreCodeQuery = None,
    status: Literal["queued", "sent", "skipped", "failed"] | None = None,
    channel: Literal["email", "sms", "whatsapp", "push"] | None = None,
    campaign_id: OptionalId = None,
    customer_id: OptionalId = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
) -> list[MessageOut]:
    """The outbox and send log of a store, newest first (skips carry their reason)."""
    store = _resolve_store(session, staff, store_code)
    query = (
        select(OutreachMessage)
        .where(OutreachMessage.store_id == store.id)
        .order_by(col(OutreachMessage.created_at).desc(), col(OutreachMessage.id))
        .limit(limit)
    )
    if status:
        query = query.where(OutreachMessage.status == status)
    if channel:
        query = query.where(OutreachMessage.channel == channel)
    if campaign_id:
        query = query.where(OutreachMessage.campaign_id == campaign_id)
    if customer_id:
        query = query.where(OutreachMessage.customer_id == customer_id)
    return [MessageOut.model_validate(m) for m in session.exec(query)]


# --- segments and campaigns --------------------------------------------------------------


class SegmentPreviewIn(BaseModel):
    store_code: (
        Annotated[str, Field(min_length=1, max_length=16, pattern=r"^[A-Za-z0-9]+$")] | None
    ) = None
    segment: SegmentFilter = Field(default_factory=SegmentFilter)


class SegmentPreviewOut(BaseModel):
    store_code: str
    size: int
    reachable: int
    by_channel: dict[str, int]


@router.post("/outreach/segment-preview", response_model=SegmentPreviewOut)
def segment_preview(
    body: SegmentPreviewIn, staff: ManagerDep, session: SessionDep
) -> SegmentPreviewOut:
    """How many of the store's customers a segment selects, and how many of those have a
    marketing consent on at least one channel (the most an invitation could reach)."""
    store = _resolve_store(session, staff, body.store_code)
    ids = [c.id for c in segment_customers(session, store.id, body.segment)]
    reachable: set[str] = set()
    by_channel: dict[str, int] = {}
    for channel in OUTREACH_CHANNELS:
        granted = {c for c, ok in current_consents(session, ids, channel).items() if ok}
        by_channel[channel] = len(granted)
        reachable |= granted
    return SegmentPreviewOut(
        store_code=store.code,
        size=segment_size(session, store.id, body.segment),
        reachable=len(reachable),
        by_channel=by_channel,
    )


def _sane_datetime(value: datetime) -> datetime:
    try:
        at = as_utc(value)
    except OverflowError:
        raise ValueError("is out of range") from None
    if not EARLIEST <= at.date() <= LATEST:
        raise ValueError(f"must be between {EARLIEST} and {LATEST}")
    return at


EventAt = Annotated[IsoDatetime, AfterValidator(_sane_datetime)]


class CampaignIn(BaseModel):
    store_code: (
        Annotated[str, Field(min_length=1, max_length=16, pattern=r"^[A-Za-z0-9]+$")] | None
    ) = None
    name: Annotated[Text, Field(min_length=1, max_length=120)]
    description: Annotated[Text, Field(max_length=1000)] = ""
    event_at: EventAt
    segment: SegmentFilter = Field(default_factory=lambda: SegmentFilter(vip_only=True))


class CampaignPatch(BaseModel):
    name: Annotated[Text, Field(min_length=1, max_length=120)] | None = None
    description: Annotated[Text, Field(max_length=1000)] | None = None
    event_at: EventAt | None = None
    segment: SegmentFilter | None = None


class CampaignResultsOut(BaseModel):
    invited: int
    skipped: int
    rsvp_yes: int
    rsvp_no: int
    attended: int
    event_orders: int
    event_revenue_cents: int
    event_buyers: int


class CampaignOut(BaseModel):
    id: str
    store_code: str
    kind: str
    name: str
    description: str
    event_at: datetime
    segment: SegmentFilter
    status: str
    created_at: datetime
    sent_at: datetime | None
    segment_size: int
    results: CampaignResultsOut


def _campaign_out(session: Session, campaign: Campaign) -> CampaignOut:
    store = session.get(Store, campaign.store_id)
    segment = SegmentFilter.model_validate(campaign.segment)
    r = campaigns.results(session, campaign)
    return CampaignOut(
        id=campaign.id,
        store_code=store.code if store else "",
        kind=campaign.kind,
        name=campaign.name,
        description=campaign.description,
        event_at=campaign.event_at,
        segment=segment,
        status=campaign.status,
        created_at=campaign.created_at,
        sent_at=campaign.sent_at,
        segment_size=segment_size(session, campaign.store_id, segment),
        results=CampaignResultsOut(**r.__dict__),
    )


def _campaign(session: Session, staff: StaffUser, campaign_id: str) -> Campaign:
    campaign = session.get(Campaign, campaign_id)
    if campaign is None:
        raise NotFound(f"campaign {campaign_id} does not exist", code="campaign_not_found")
    ensure_store_access(staff, campaign.store_id)
    return campaign


@router.post("/outreach/campaigns", response_model=CampaignOut, status_code=201)
def create_campaign(body: CampaignIn, staff: ManagerDep, engine: EngineDep) -> CampaignOut:
    with write_session(engine) as session:
        store = _resolve_store(session, staff, body.store_code)
        campaign = Campaign(
            id=new_id(),
            store_id=store.id,
            name=body.name,
            description=body.description,
            event_at=body.event_at,
            segment=body.segment.model_dump(mode="json"),
            created_by_staff_id=staff.id,
        )
        session.add(campaign)
        session.flush()
        audit(session, "campaign_create", staff_id=staff.id, store_id=store.id, detail=body.name)
        return _campaign_out(session, campaign)


@router.get("/outreach/campaigns", response_model=list[CampaignOut])
def list_campaigns(
    staff: ManagerDep, session: SessionDep, store_code: StoreCodeQuery = None
) -> list[CampaignOut]:
    store = _resolve_store(session, staff, store_code)
    rows = session.exec(
        select(Campaign)
        .where(Campaign.store_id == store.id)
        .order_by(col(Campaign.event_at).desc())
    )
    return [_campaign_out(session, c) for c in rows]


@router.get("/outreach/campaigns/{campaign_id}", response_model=CampaignOut)
def get_campaign(campaign_id: IdPath, staff: ManagerDep, session: SessionDep) -> CampaignOut:
    return _campaign_out(session, _campaign(session, staff, campaign_id))


@router.patch("/outreach/campaigns/{campaign_id}", response_model=CampaignOut)
def update_campaign(
    campaign_id: IdPath, body: CampaignPatch, staff: ManagerDep, engine: EngineDep
) -> CampaignOut:
    with write_session(engine) as session:
        campaign = _campaign(session, staff, campaign_id)
        if campaign.status != "draft":
            raise Conflict("A campaign cannot be changed once sent.", code="campaign_already_sent")
        if body.name is not None:
            campaign.name = body.name
        if body.description is not None:
            campaign.description = body.description
        if body.event_at is not None:
            campaign.event_at = body.event_at
        if body.segment is not None:
            campaign.segment = body.segment.model_dump(mode="json")
        session.flush()
        return _campaign_out(session, campaign)


class SendOut(BaseModel):
    campaign_id: str
    invited: int
    skipped: int
    by_channel: dict[str, int]


@router.post("/outreach/campaigns/{campaign_id}/send", response_model=SendOut)
def send_campaign(
    campaign_id: IdPath, staff: ManagerDep, engine: EngineDep, settings: SettingsDep
) -> SendOut:
    """Build the invitation list and queue the invitations (``outreach send`` delivers them)."""
    with write_session(engine) as session:
        campaign = _campaign(session, staff, campaign_id)
        summary = campaigns.send_invitations(session, settings.outreach, campaign, staff.id)
        audit(
            session,
            "campaign_send",
            staff_id=staff.id,
            store_id=campaign.store_id,
            detail=f"{campaign.name}: {summary.invited} invited, {summary.skipped} skipped",
        )
        return SendOut(
            campaign_id=campaign.id,
            invited=summary.invited,
            skipped=summary.skipped,
            by_channel=summary.by_channel,
        )


class InvitationOut(BaseModel):
    customer_id: str
    first_name: str
    last_name: str
    channel: str | None
    status: str
    reason: str
    rsvp: str
    attended: bool


def _invitation_out(session: Session, inv: CampaignInvitation) -> InvitationOut:
    """The invitation with her name (empty once her data is erased)."""
    customer = session.get(Customer, inv.customer_id)
    name = {
        "first_name": customer.first_name if customer else "",
        "last_name": customer.last_name if customer else "",
    }
    return InvitationOut.model_validate({**inv.model_dump(), **name})


@router.get("/outreach/campaigns/{campaign_id}/invitations", response_model=list[InvitationOut])
def list_invitations(
    campaign_id: IdPath, staff: ManagerDep, session: SessionDep
) -> list[InvitationOut]:
    campaign = _campaign(session, staff, campaign_id)
    rows = session.exec(
        select(CampaignInvitation)
        .where(CampaignInvitation.campaign_id == campaign.id)
        .order_by(col(CampaignInvitation.customer_id))
    )
    return [_invitation_out(session, r) for r in rows]


class InvitationPatch(BaseModel):
    rsvp: Literal["none", "yes", "no"] | None = None
    attended: StrictFlag | None = None


@router.patch(
    "/outreach/campaigns/{campaign_id}/invitations/{customer_id}", response_model=InvitationOut
)
def update_invitation(
    campaign_id: IdPath,
    customer_id: IdPath,
    body: InvitationPatch,
    staff: ManagerDep,
    engine: EngineDep,
) -> InvitationOut:
    """Record an RSVP and/or attendance (attendance also lands on the customer's timeline)."""
    with write_session(engine) as session:
        campaign = _campaign(session, staff, campaign_id)
        inv = campaigns.record_response(
            session,
            campaign,
            customer_id,
            rsvp=body.rsvp,
            attended=body.attended,
            staff_id=staff.id,
        )
        return _invitation_out(session, inv)


# --- abandoned carts ---------------------------------------------------------------------


class CartCallsIn(BaseModel):
    store_code: (
        Annotated[str, Field(min_length=1, max_length=16, pattern=r"^[A-Za-z0-9]+$")] | None
    ) = None
    days: StrictCount = Field(default=7, ge=1, le=90)


class CartCallsOut(BaseModel):
    created: int
    existing: int
    task_ids: list[str]


@router.post("/outreach/cart-calls", response_model=CartCallsOut)
def cart_calls(body: CartCallsIn, staff: ManagerDep, engine: EngineDep) -> CartCallsOut:
    """Call tasks for the store's carts abandoned in the last ``days`` (idempotent per cart)."""
    with write_session(engine) as session:
        store = _resolve_store(session, staff, body.store_code)
        report = create_cart_calls(session, store.id, body.days, staff.id)
        return CartCallsOut(
            created=report.created, existing=report.existing, task_ids=report.task_ids
        )


# --- KPIs --------------------------------------------------------------------------------


@router.get("/outreach/kpis", response_model=OutreachKpis)
def kpis(
    staff: ManagerDep,
    session: SessionDep,
    settings: SettingsDep,
    store_code: StoreCodeQuery = None,
    from_: Annotated[date | None, Query(alias="from")] = None,
    to: date | None = None,
    window_days: Annotated[int | None, Query(ge=1, le=90)] = None,
) -> OutreachKpis:
    """Outreach done, outreach→purchase conversion, attributed revenue per assistant, carts."""
    store = _resolve_store(session, staff, store_code)
    first_day, last_day = _period(from_, to)
    window = timedelta(days=window_days or settings.outreach.outreach_attribution_days)
    return store_kpis(session, store, first_day, last_day, window)


# --- retention ---------------------------------------------------------------------------


class RetentionPreviewOut(BaseModel):
    store_code: str
    inactive_days: int
    cutoff: datetime
    customers: int


@router.get("/outreach/retention-preview", response_model=RetentionPreviewOut)
def retention_preview(
    staff: ManagerDep,
    engine: EngineDep,
    settings: SettingsDep,
    store_code: StoreCodeQuery = None,
    inactive_days: Annotated[int | None, Query(ge=30, le=36500)] = None,
) -> RetentionPreviewOut:
    """How many of the store's customers the retention job would erase (nothing is erased)."""
    with read_session(engine) as session:
        store = _resolve_store(session, staff, store_code)
    days = inactive_days or settings.outreach.retention_inactive_days
    ids = inactive_customers(engine, days, store_id=store.id)
    return RetentionPreviewOut(
        store_code=store.code,
        inactive_days=days,
        cutoff=utcnow() - timedelta(days=days),
        customers=len(ids),
    )


# --- assignments -------------------------------------------------------------------------

assign_router = APIRouter(tags=["stores"])


class AssignmentIn(BaseModel):
    customer_ids: list[Annotated[str, Field(min_length=1, max_length=36, pattern=ID_PATTERN)]] = (
        Field(min_length=1, max_length=1000)
    )
    staff_id: Annotated[str, Field(min_length=1, max_length=36, pattern=ID_PATTERN)]
    task_title: Annotated[Text, Field(min_length=1, max_length=200)] = (
        "Presentarse como asesora personal"
    )
    due_in_days: StrictCount = Field(default=2, ge=0, le=60)


class AssignmentOut(BaseModel):
    assigned: int
    tasks_created: int
    task_ids: list[str]


@assign_router.post("/stores/{store_code}/assignments", response_model=AssignmentOut)
def assign_customers(
    store_code: StoreCode, body: AssignmentIn, staff: ManagerDep, engine: EngineDep
) -> AssignmentOut:
    """Give customers a personal assistant; each gets a follow-up task on her "My day"."""
    with write_session(engine) as session:
        store = _resolve_store(session, staff, store_code)
        assistant = session.get(Staff, body.staff_id)
        if assistant is None or not assistant.active or assistant.store_id != store.id:
            raise InvalidInput(f"staff_id: no active staff member of {store.code} with this id")
        now = utcnow()
        task_ids: list[str] = []
        assigned = 0
        for i, raw_id in enumerate(dict.fromkeys(body.customer_ids)):
            customer = session.get(Customer, raw_id)
            if customer is None:
                raise InvalidInput(
                    f"customer_ids[{i}]: no such customer", code="customer_not_found"
                )
            customer = survivor_of(session, customer.id)
            if staff.role != "admin" and not is_own_customer(session, customer.id, store.id):
                raise Forbidden(
                    f"customer_ids[{i}]: this customer is outside your store's scope.",
                    code="out_of_scope",
                )
            if customer.assigned_staff_id != assistant.id:
                customer.assigned_staff_id = assistant.id
                customer.updated_at = now
                assigned += 1
            add_to_scope(session, customer.id, store.id, "assigned")
            task_id = stable_id("assignment", customer.id, assistant.id, now.date().isoformat())
            if session.get(Task, task_id) is None:
                session.add(
                    Task(
                        id=task_id,
                        customer_id=customer.id,
                        assigned_staff_id=assistant.id,
                        kind="follow_up",
                        title=body.task_title,
                        due_at=now + timedelta(days=body.due_in_days),
                        created_by_staff_id=staff.id,
                    )
                )
                task_ids.append(task_id)
            audit(
                session,
                "assign",
                staff_id=staff.id,
                store_id=store.id,
                customer_id=customer.id,
                detail=assistant.id,
            )
        session.flush()
        return AssignmentOut(assigned=assigned, tasks_created=len(task_ids), task_ids=task_ids)


# --- consent-respecting export -----------------------------------------------------------

export_router = APIRouter(tags=["exports"])
EXPORT_COLUMNS = (
    "customer_id",
    "first_name",
    "last_name",
    "address",
    "preferred_language",
    "tier",
    "vip",
    "home_store_code",
    "assigned_staff_id",
)
ExportChannel = Literal["email", "sms", "whatsapp", "push", "phone"]
ExportPurpose = Literal["marketing", "service", "profiling"]
# Which identifier reaches a customer on each channel (a phone call needs her phone number).
EXPORT_ADDRESS_KIND = {
    "email": "email",
    "sms": "phone",
    "whatsapp": "phone",
    "phone": "phone",
    "push": "app_account",
}
EXPORT_CHUNK = 500
ExportRow = tuple[Customer, str | None]


def _export_chunks(ids: list[str]) -> list[list[str]]:
    return [ids[i : i + EXPORT_CHUNK] for i in range(0, len(ids), EXPORT_CHUNK)]


def _addresses(session: Session, ids: list[str], channel: str) -> dict[str, str]:
    """The newest identifier of the channel's kind per customer, in a few queries."""
    found: dict[str, str] = {}
    kind = EXPORT_ADDRESS_KIND.get(channel)
    if kind is None:
        return found
    for chunk in _export_chunks(ids):
        rows = session.exec(
            select(Identity.customer_id, Identity.value)
            .where(Identity.kind == kind, col(Identity.customer_id).in_(chunk))
            .order_by(col(Identity.created_at), col(Identity.id))
        )
        for customer_id, value in rows:
            found[customer_id] = value
    return found


def _export_csv(
    session: Session,
    staff: StaffUser,
    store: Store,
    rows: list[ExportRow],
    channel: str,
    purpose: str,
) -> Response:
    """Write the consenting ``rows`` as CSV and log the export (GET and POST share this)."""
    ids = [c.id for c, _ in rows]
    consents = current_consents(session, ids, channel, purpose)
    consenting = [(c, t) for c, t in rows if consents.get(c.id, False)]
    addresses = _addresses(session, [c.id for c, _ in consenting], channel)
    codes = {s.id: s.code for s in session.exec(select(Store))}
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(EXPORT_COLUMNS)
    for customer, customer_tier in consenting:
        writer.writerow(
            safe_row(
                (
                    customer.id,
                    customer.first_name,
                    customer.last_name,
                    addresses.get(customer.id, ""),
                    customer.preferred_language,
                    customer_tier or "",
                    "yes" if customer.vip else "no",
                    codes.get(customer.home_store_id or "", ""),
                    customer.assigned_staff_id or "",
                )
            )
        )
    audit(
        session,
        "export_customers",
        staff_id=staff.id,
        store_id=store.id,
        detail=f"channel={channel} purpose={purpose} rows={len(consenting)} of {len(rows)}",
    )
    filename = f"customers-{store.code}-{channel}-{purpose}.csv"
    return Response(
        content=out.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@export_router.get(
    "/exports/customers.csv",
    response_class=Response,
    responses={200: {"content": {"text/csv": {}}, "description": "Consenting customers"}},
)
def export_customers(
    staff: ManagerDep,
    engine: EngineDep,
    store_code: StoreCodeQuery = None,
    channel: ExportChannel = "email",
    purpose: ExportPurpose = "marketing",
    vip_only: bool = False,
    tier: Literal["bronze", "silver", "gold", "platinum"] | None = None,
    assigned_staff_id: OptionalId = None,
) -> Response:
    """Only customers whose current consent for this channel and purpose is granted."""
    with write_session(engine) as session:
        store = _resolve_store(session, staff, store_code)
        in_store = own_customers(store.id)
        query = (
            select(Customer, LoyaltyAccount.tier)
            .outerjoin(LoyaltyAccount, col(LoyaltyAccount.id) == col(Customer.id))
            .where(col(Customer.id).in_(in_store), col(Customer.merged_into_id).is_(None))
            .order_by(col(Customer.last_name), col(Customer.first_name), col(Customer.id))
        )
        if vip_only:
            query = query.where(col(Customer.vip).is_(True))
        if tier:
            query = query.where(LoyaltyAccount.tier == tier)
        if assigned_staff_id:
            query = query.where(Customer.assigned_staff_id == assigned_staff_id)
        rows: list[ExportRow] = list(session.exec(query).all())
        return _export_csv(session, staff, store, rows, channel, purpose)


class ExportListIn(BaseModel):
    store_code: (
        Annotated[str, Field(min_length=1, max_length=16, pattern=r"^[A-Za-z0-9]+$")] | None
    ) = None
    customer_ids: list[Annotated[str, Field(min_length=1, max_length=36, pattern=ID_PATTERN)]] = (
        Field(min_length=1, max_length=50_000)
    )
    channel: ExportChannel = "email"
    purpose: ExportPurpose = "marketing"


def _listed_customers(
    session: Session, staff: StaffUser, store: Store, customer_ids: list[str]
) -> list[ExportRow]:
    """The listed customers (merged ones as their survivor), in the list's order, once each;
    an unknown id or, for a manager, one outside the store's scope refuses the whole export."""
    first_index: dict[str, int] = {}
    for i, raw_id in enumerate(customer_ids):
        first_index.setdefault(raw_id, i)
    wanted = list(first_index)
    known: dict[str, Customer] = {}
    for chunk in _export_chunks(wanted):
        known.update(
            (c.id, c) for c in session.exec(select(Customer).where(col(Customer.id).in_(chunk)))
        )
    survivors: dict[str, int] = {}
    for raw_id in wanted:
        customer = known.get(raw_id)
        if customer is None:
            raise InvalidInput(
                f"customer_ids[{first_index[raw_id]}]: no such customer (erased or never existed)",
                code="customer_not_found",
            )
        if customer.merged_into_id is not None:
            customer = survivor_of(session, customer.id)
        survivors.setdefault(customer.id, first_index[raw_id])
    ids = list(survivors)
    if staff.role != "admin":
        scoped: set[str] = set()
        for chunk in _export_chunks(ids):
            scoped.update(
                session.exec(
                    select(CustomerScope.customer_id).where(
                        CustomerScope.store_id == store.id,
                        col(CustomerScope.reason).in_(OWN_REASONS),
                        col(CustomerScope.customer_id).in_(chunk),
                    )
                )
            )
        for customer_id in ids:
            if customer_id not in scoped:
                raise Forbidden(
                    f"customer_ids[{survivors[customer_id]}]: this customer is outside your "
                    "store's scope.",
                    code="out_of_scope",
                )
    loaded: dict[str, ExportRow] = {}
    for chunk in _export_chunks(ids):
        for customer, customer_tier in session.exec(
            select(Customer, LoyaltyAccount.tier)
            .outerjoin(LoyaltyAccount, col(LoyaltyAccount.id) == col(Customer.id))
            .where(col(Customer.id).in_(chunk))
        ):
            loaded[customer.id] = (customer, customer_tier)
    return [loaded[c] for c in ids]


@export_router.post(
    "/exports/customers.csv",
    response_class=Response,
    responses={200: {"content": {"text/csv": {}}, "description": "Consenting listed customers"}},
)
def export_listed_customers(body: ExportListIn, staff: ManagerDep, engine: EngineDep) -> Response:
    """Exactly the customers the manager is looking at, less those without consent."""
    with write_session(engine) as session:
        store = _resolve_store(session, staff, body.store_code)
        rows = _listed_customers(session, staff, store, body.customer_ids)
        return _export_csv(session, staff, store, rows, body.channel, body.purpose)


# --- web coupon redemption ---------------------------------------------------------------

redeem_router = APIRouter(tags=["ingest"])


class CouponRedemptionIn(BaseModel):
    code: Annotated[str, Field(min_length=1, max_length=32, pattern=r"^[A-Za-z0-9_-]+$")]
    channel: Literal["web", "app", "marketplace"] = "web"
    external_order_id: Annotated[Text, Field(max_length=64)] = ""
    redeemed_at: EventAt | None = None


class CouponRedemptionOut(BaseModel):
    coupon_id: str
    code: str
    customer_id: str
    redeemed_at: datetime
    redeemed_channel: str


@redeem_router.post("/ingest/coupon-redemptions", response_model=CouponRedemptionOut)
def redeem_coupon_online(
    body: CouponRedemptionIn, staff: AdminDep, engine: EngineDep
) -> CouponRedemptionOut:
    """The web shop redeems a coupon; a second redemption anywhere is refused with 409."""
    with write_session(engine) as session:
        coupon = session.exec(select(Coupon).where(Coupon.code == body.code.upper())).first()
        if coupon is None:
            raise NotFound(f"code: no coupon '{body.code}'", code="coupon_not_found")
        if coupon.redeemed_at is not None:
            store = (
                session.get(Store, coupon.redeemed_store_id) if coupon.redeemed_store_id else None
            )
            where = f" in {store.name}" if store else f" ({coupon.redeemed_channel or 'unknown'})"
            raise Conflict(
                f"Coupon {coupon.code} was already redeemed on "
                f"{coupon.redeemed_at:%Y-%m-%d %H:%M} UTC{where}.",
                code="coupon_already_redeemed",
            )
        now = utcnow()
        at = min(as_utc(body.redeemed_at), now) if body.redeemed_at else now
        if coupon.valid_until is not None and at > coupon.valid_until:
            raise Conflict(
                f"Coupon {coupon.code} expired on {coupon.valid_until:%Y-%m-%d}.",
                code="coupon_expired",
            )
        coupon.redeemed_at = at
        coupon.redeemed_channel = body.channel
        audit(
            session,
            "coupon_redeem",
            staff_id=staff.id,
            customer_id=coupon.customer_id,
            detail=f"{coupon.code} {body.channel} {body.external_order_id}",
        )
        return CouponRedemptionOut(
            coupon_id=coupon.id,
            code=coupon.code,
            customer_id=coupon.customer_id,
            redeemed_at=at,
            redeemed_channel=body.channel,
        )


api_router = APIRouter()
for _part in (router, assign_router, export_router, redeem_router):
    api_router.include_router(_part)
