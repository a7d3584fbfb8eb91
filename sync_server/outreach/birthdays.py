"""The daily birthday job: one coupon per customer per year, e-mailed only with consent.

The coupon is an ordinary synced ``Coupon`` row, so it reaches the tablets at their next pull
and is redeemable once in any store (tablet push) or online (the coupon-redemption ingest).
"""

from __future__ import annotations

import calendar
import hashlib
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import Engine, extract, or_
from sqlmodel import Session, col, select

from sync_server.db import write_session
from sync_server.domain.ids import stable_id
from sync_server.domain.models import Coupon, Customer, Store
from sync_server.outreach.queue import enqueue
from sync_server.outreach.settings import OutreachSettings
from sync_server.outreach.templates import format_amount, format_date, language_of

DESCRIPTION = {"es": "Feliz cumpleaños: {amount} de regalo", "en": "Happy birthday: {amount} off"}


@dataclass
class BirthdayReport:
    day: date
    issued: int = 0
    already_issued: int = 0
    emails_queued: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)


def coupon_code(coupon_id: str, year: int) -> str:
    """Short, unguessable-enough, and stable for a retried run."""
    digest = hashlib.sha256(coupon_id.encode()).hexdigest()[:8].upper()
    return f"CUMPLE{year % 100:02d}{digest}"


def _birthday_filter(day: date) -> object:
    same_day = (extract("month", col(Customer.birth_date)) == day.month) & (
        extract("day", col(Customer.birth_date)) == day.day
    )
    if day.month == 2 and day.day == 28 and not calendar.isleap(day.year):
        leap_babies = (extract("month", col(Customer.birth_date)) == 2) & (
            extract("day", col(Customer.birth_date)) == 29
        )
        return or_(same_day, leap_babies)
    return same_day


def _already_this_year(session: Session, customer_ids: list[str], year: int) -> set[str]:
    start = datetime(year, 1, 1, tzinfo=UTC)
    end = datetime(year + 1, 1, 1, tzinfo=UTC)
    found: set[str] = set()
    for i in range(0, len(customer_ids), 500):
        found.update(
            session.exec(
                select(Coupon.customer_id).where(
                    col(Coupon.customer_id).in_(customer_ids[i : i + 500]),
                    Coupon.kind == "birthday",
                    col(Coupon.valid_from) >= start,
                    col(Coupon.valid_from) < end,
                )
            )
        )
    return found


def issue_birthday_coupons(engine: Engine, day: date, settings: OutreachSettings) -> BirthdayReport:
    report = BirthdayReport(day=day)
    with write_session(engine) as session:
        customers = session.exec(
            select(Customer).where(
                col(Customer.merged_into_id).is_(None),
                col(Customer.birth_date).is_not(None),
                _birthday_filter(day),  # type: ignore[arg-type]
            )
        ).all()
        done = _already_this_year(session, [c.id for c in customers], day.year)
        stores = {s.id: s.name for s in session.exec(select(Store))}
        valid_from = datetime.combine(day, time.min, UTC)
        valid_until = valid_from + timedelta(days=settings.birthday_coupon_valid_days)
        for customer in customers:
            if customer.id in done:
                report.already_issued += 1
                continue
            language = language_of(customer.preferred_language)
            amount = format_amount(settings.birthday_coupon_cents, "EUR", language)
            coupon_id = stable_id("birthday-coupon", customer.id, str(day.year))
            coupon = Coupon(
                id=coupon_id,
                customer_id=customer.id,
                code=coupon_code(coupon_id, day.year),
                kind="birthday",
                description=DESCRIPTION[language].format(amount=amount),
                discount_cents=settings.birthday_coupon_cents,
                currency="EUR",
                valid_from=valid_from,
                valid_until=valid_until,
            )
            session.add(coupon)
            session.flush()
            report.issued += 1
            message = enqueue(
                session,
                settings,
                customer,
                "email",
                "birthday_coupon",
                {
                    "coupon_code": coupon.code,
                    "amount": amount,
                    "valid_until": format_date(valid_until.date(), language),
                    "store_name": stores.get(customer.home_store_id or "", ""),
                },
                store_id=customer.home_store_id,
                staff_id=customer.assigned_staff_id,
                coupon_id=coupon.id,
                dedupe_key=f"birthday:{customer.id}:{day.year}",
            )
            if message.status == "queued":
                report.emails_queued += 1
            else:
                report.skipped.append((customer.id, message.reason))
    return report
