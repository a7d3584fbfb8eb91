"""Birthday coupons end to end: issued by the daily job, e-mailed over real SMTP in the
customer's language, synced to the tablet, redeemed once in store and refused after."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlmodel import select

from sync_server.db import read_session
from sync_server.domain.models import Coupon
from sync_server.outreach.birthdays import issue_birthday_coupons
from sync_server.outreach.queue import process_queue
from tests.conftest import LiveServer
from tests.outreach.conftest import Smtp, Tablet, make_customer, outreach_settings, providers

TODAY = datetime.now(UTC).date()
BORN = date(1990, TODAY.month, min(TODAY.day, 28))


def _coupon_of(server: LiveServer, customer_id: str) -> Coupon:
    with read_session(server.engine) as session:
        return session.exec(
            select(Coupon).where(
                Coupon.customer_id == customer_id,
                Coupon.kind == "birthday",
                Coupon.valid_from >= datetime(TODAY.year, 1, 1, tzinfo=UTC),
            )
        ).one()


def test_birthday_coupon_arrives_and_is_redeemed_once(server: LiveServer, smtp: Smtp) -> None:
    day = BORN.replace(year=TODAY.year)
    lucia = make_customer(
        server,
        "Lucía",
        email_address="lucia@clientes-demo.es",
        consents={"email": True},
        birth_date=BORN,
    )
    john = make_customer(
        server,
        "John",
        email_address="john@clientes-demo.es",
        consents={"email": True},
        birth_date=BORN,
        language="en",
    )
    settings = outreach_settings(server, smtp)

    first = issue_birthday_coupons(server.engine, day, settings)
    again = issue_birthday_coupons(server.engine, day, settings)
    assert first.issued >= 2 and first.emails_queued >= 2
    assert again.issued == 0 and again.already_issued >= first.issued

    report = process_queue(server.engine, providers(settings), settings)
    assert report.sent >= 2 and report.failed == 0

    es_coupon, en_coupon = _coupon_of(server, lucia), _coupon_of(server, john)
    assert es_coupon.code != en_coupon.code
    (es_mail,) = smtp.inbox.to("lucia@clientes-demo.es")
    (en_mail,) = smtp.inbox.to("john@clientes-demo.es")
    assert "Feliz cumpleaños, Lucía" in str(es_mail["Subject"])
    es_body = es_mail.get_content()
    assert es_coupon.code in es_body and "15 €" in es_body
    assert "/api/v1/outreach/unsubscribe?token=" in es_body
    assert es_mail["List-Unsubscribe"]
    assert "Happy birthday, John" in str(en_mail["Subject"])
    en_body = en_mail.get_content()
    assert en_coupon.code in en_body and "€15" in en_body

    tablet = Tablet(server)
    tablet.pull()
    synced = tablet.rows["coupon"][es_coupon.id]
    assert synced["code"] == es_coupon.code and synced["redeemed_at"] is None
    assert any(
        i["customer_id"] == lucia and i["kind"] == "email_sent"
        for i in tablet.rows["interaction"].values()
    )

    ok = tablet.push("coupon.redeem", lucia, {"coupon_id": es_coupon.id})
    assert ok["status"] == "applied", ok
    twice = tablet.push("coupon.redeem", lucia, {"coupon_id": es_coupon.id})
    assert twice["status"] == "rejected"
    assert twice["code"] == "coupon_already_redeemed"
    assert es_coupon.code in twice["reason"]

    with server.client() as http:
        admin = server.staff_headers("admin")
        online = http.post(
            "/ingest/coupon-redemptions", json={"code": es_coupon.code}, headers=admin
        )
        assert online.status_code == 409
        assert online.json()["code"] == "coupon_already_redeemed"
        web = http.post(
            "/ingest/coupon-redemptions",
            json={"code": en_coupon.code, "channel": "web", "external_order_id": "W1"},
            headers=admin,
        )
        assert web.status_code == 200, web.text
        assert web.json()["redeemed_channel"] == "web"
        assert (
            http.post(
                "/ingest/coupon-redemptions", json={"code": en_coupon.code}, headers=admin
            ).status_code
            == 409
        )
    in_store_after_web = tablet.push("coupon.redeem", john, {"coupon_id": en_coupon.id})
    assert in_store_after_web["status"] == "rejected"


def test_customer_without_email_consent_gets_nothing(live_server: LiveServer, smtp: Smtp) -> None:
    server = live_server
    day = BORN.replace(year=TODAY.year)
    no_consent = make_customer(
        server,
        "Berta",
        email_address="berta@clientes-demo.es",
        consents={"email": False, "sms": True},
        birth_date=BORN,
    )
    never_asked = make_customer(
        server, "Carmen", email_address="carmen@clientes-demo.es", birth_date=BORN
    )
    settings = outreach_settings(server, smtp)
    report = issue_birthday_coupons(server.engine, day, settings)
    skipped = dict(report.skipped)
    assert skipped[no_consent] == "no marketing consent for email"
    assert skipped[never_asked] == "no marketing consent for email"
    process_queue(server.engine, providers(settings), settings)
    assert smtp.inbox.to("berta@clientes-demo.es") == []
    assert smtp.inbox.to("carmen@clientes-demo.es") == []
    # The coupon itself is still hers (redeemable in store); only the e-mail is withheld.
    assert _coupon_of(server, no_consent).discount_cents == 1500

    with server.client() as http:
        r = http.get(
            "/outreach/messages",
            params={"status": "skipped", "customer_id": no_consent},
            headers=server.staff_headers("gerente.mad01"),
        )
        assert r.status_code == 200, r.text
        (logged,) = r.json()
        assert logged["template"] == "birthday_coupon"
        assert logged["reason"] == "no marketing consent for email"
        other_store = http.get(
            "/outreach/messages",
            params={"store_code": "MAD01"},
            headers=server.staff_headers("gerente.bcn01"),
        )
        assert other_store.status_code == 403
        associate = http.get(
            "/outreach/messages", headers=server.staff_headers("dependienta.mad01")
        )
        assert associate.status_code == 403


def test_withdrawn_consent_stops_a_queued_message(live_server: LiveServer, smtp: Smtp) -> None:
    server = live_server
    day = BORN.replace(year=TODAY.year)
    dora = make_customer(
        server,
        "Dora",
        email_address="dora@clientes-demo.es",
        consents={"email": True},
        birth_date=BORN,
    )
    settings = outreach_settings(server, smtp)
    issue_birthday_coupons(server.engine, day, settings)
    with server.client() as http:
        queued = http.get(
            "/outreach/messages",
            params={"customer_id": dora},
            headers=server.staff_headers("gerente.mad01"),
        ).json()
    assert [m["status"] for m in queued] == ["queued"]

    tablet = Tablet(server)
    withdrawn = tablet.push(
        "consent.record",
        dora,
        {"id": "consent-dora-1", "channel": "email", "granted": False, "source": "store"},
    )
    assert withdrawn["status"] == "applied"

    report = process_queue(server.engine, providers(settings), settings)
    assert report.skipped >= 1
    assert smtp.inbox.to("dora@clientes-demo.es") == []
    with server.client() as http:
        (message,) = http.get(
            "/outreach/messages",
            params={"customer_id": dora},
            headers=server.staff_headers("gerente.mad01"),
        ).json()
    assert message["status"] == "skipped"
    assert "withdrawn before sending" in message["reason"]
