"""Words and numbers as the assistant reads them: translated labels, money, dates.

Labels are looked up at call time (not import time) so a language switch takes effect at once.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QLocale

translate = QCoreApplication.translate


def channel(name: str | None) -> str:
    labels = {
        "store": translate("Labels", "Store"),
        "web": translate("Labels", "Web"),
        "app": translate("Labels", "App"),
        "marketplace": translate("Labels", "Marketplace"),
        "email": translate("Labels", "E-mail"),
        "sms": translate("Labels", "SMS"),
        "whatsapp": translate("Labels", "WhatsApp"),
        "push": translate("Labels", "Push"),
        "phone": translate("Labels", "Phone"),
    }
    return labels.get(name or "", name or "—")


def tier(name: str | None) -> str:
    labels = {
        "bronze": translate("Labels", "Bronze"),
        "silver": translate("Labels", "Silver"),
        "gold": translate("Labels", "Gold"),
        "platinum": translate("Labels", "Platinum"),
    }
    return labels.get(name or "", name or "—")


def rfm_segment(name: str | None) -> str:
    """The analytics' RFM group names (English keys in the data) in the UI's language."""
    labels = {
        "Champions": translate("Labels", "Champions"),
        "Loyal": translate("Labels", "Loyal"),
        "Potential loyalist": translate("Labels", "Potential loyalist"),
        "New": translate("Labels", "New"),
        "At risk": translate("Labels", "At risk"),
        "Can't lose them": translate("Labels", "Can't lose them"),
        "Hibernating": translate("Labels", "Hibernating"),
        "Lost": translate("Labels", "Lost"),
    }
    return labels.get(name or "", name or "")


def event_kind(kind: str) -> str:
    labels = {
        "order": translate("Labels", "Order"),
        "click_and_collect": translate("Labels", "Click & collect"),
        "return": translate("Labels", "Return"),
        "cart_abandoned": translate("Labels", "Abandoned cart"),
        "cart_open": translate("Labels", "Open cart"),
        "cart_converted": translate("Labels", "Cart bought"),
        "note": translate("Labels", "Note"),
        "email_sent": translate("Labels", "E-mail sent"),
        "email_opened": translate("Labels", "E-mail opened"),
        "email_clicked": translate("Labels", "E-mail clicked"),
        "sms_sent": translate("Labels", "SMS sent"),
        "sms_opened": translate("Labels", "SMS opened"),
        "push_sent": translate("Labels", "Push sent"),
        "push_opened": translate("Labels", "Push opened"),
        "whatsapp_sent": translate("Labels", "WhatsApp sent"),
        "call": translate("Labels", "Call"),
        "survey": translate("Labels", "Survey"),
        "ticket": translate("Labels", "Support ticket"),
        "store_visit": translate("Labels", "Store visit"),
        "event_invited": translate("Labels", "Event invitation"),
        "event_attended": translate("Labels", "Event attended"),
        "product_view": translate("Labels", "Product viewed"),
        "in_store_chat": translate("Labels", "In-store chat"),
    }
    return labels.get(kind, kind)


def task_kind(kind: str) -> str:
    labels = {
        "cart_call": translate("Labels", "Call about cart"),
        "birthday": translate("Labels", "Birthday"),
        "vip_invitation": translate("Labels", "VIP invitation"),
        "follow_up": translate("Labels", "Follow-up"),
        "reservation": translate("Labels", "Reservation"),
    }
    return labels.get(kind, kind)


def size_group(name: str) -> str:
    labels = {
        "top": translate("Labels", "Tops"),
        "bottom": translate("Labels", "Trousers"),
        "shoe": translate("Labels", "Shoes"),
    }
    return labels.get(name, name)


def record_status(status: str) -> str:
    """Order and cart states as the replica stores them (English codes)."""
    labels = {
        "completed": translate("Labels", "completed"),
        "cancelled": translate("Labels", "cancelled"),
        "returned": translate("Labels", "returned"),
        "abandoned": translate("Labels", "abandoned"),
        "open": translate("Labels", "open"),
        "converted": translate("Labels", "bought"),
        "recovered": translate("Labels", "recovered"),
    }
    return labels.get(status, status)


def event_summary(summary: str) -> str:
    """Translate the state code the replica puts first in order and cart summaries."""
    head, sep, rest = summary.partition(" · ")
    return f"{record_status(head)}{sep}{rest}" if head else summary


def task_status(status: str) -> str:
    labels = {
        "open": translate("Labels", "Open"),
        "done": translate("Labels", "Done"),
        "cancelled": translate("Labels", "Cancelled"),
    }
    return labels.get(status, status)


def coupon_kind(kind: str) -> str:
    labels = {
        "birthday": translate("Labels", "Birthday"),
        "tier": translate("Labels", "Tier"),
        "campaign": translate("Labels", "Campaign"),
    }
    return labels.get(kind, kind)


def money(cents: int | None, currency: str | None = "EUR") -> str:
    if cents is None:
        return "—"
    return QLocale().toCurrencyString(cents / 100, "€" if currency == "EUR" else currency or "")


def when(value: datetime | None) -> str:
    if value is None:
        return "—"
    local = value.astimezone() if value.tzinfo else value.replace(tzinfo=UTC).astimezone()
    qdt = QDateTime(
        QDate(local.year, local.month, local.day),
        QDateTime.fromSecsSinceEpoch(int(local.timestamp())).time(),
    )
    return QLocale().toString(qdt, QLocale.FormatType.ShortFormat)


def day(value: date | datetime | None) -> str:
    if value is None:
        return "—"
    return QLocale().toString(
        QDate(value.year, value.month, value.day), QLocale.FormatType.ShortFormat
    )


def pending_mark(pending: bool) -> str:
    return translate("Labels", "Pending sync") if pending else ""


def initials(first: str, last: str) -> str:
    parts = [p for p in (first.split()[:1] + last.split()[:1]) if p]
    return "".join(p[0].upper() for p in parts) or "?"


def field_label(name: str) -> str:
    """The name of an editable field (profile, note, task) as the assistant knows it."""
    labels = {
        "first_name": translate("Labels", "first name"),
        "last_name": translate("Labels", "last name"),
        "birth_date": translate("Labels", "birthday"),
        "preferred_channel": translate("Labels", "preferred channel"),
        "preferred_language": translate("Labels", "language"),
        "sizes": translate("Labels", "sizes"),
        "preferences": translate("Labels", "preferences"),
        "body": translate("Labels", "note text"),
        "pinned": translate("Labels", "pinned"),
        "deleted": translate("Labels", "deleted"),
        "title": translate("Labels", "task title"),
        "details": translate("Labels", "task details"),
        "due_at": translate("Labels", "due date"),
        "status": translate("Labels", "task status"),
        "outcome": translate("Labels", "task outcome"),
        "kind": translate("Labels", "task kind"),
        "assigned_staff_id": translate("Labels", "assistant"),
    }
    return labels.get(name, name)


def plain_value(value: object) -> str:
    """A field value in a sentence: empty shown as a dash, sizes as 'top M, shoe 38'."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return translate("Labels", "yes") if value else translate("Labels", "no")
    if isinstance(value, dict):
        return ", ".join(f"{k} {v}" for k, v in value.items()) or "—"
    return str(value)
