"""Words and numbers as the assistant reads them: translated labels, money, dates.

Labels are looked up at call time (not import time) so a language switch takes effect at once.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QDateTime, QLocale

translate = QCoreApplication.translate


class LabelTable:
    """Codes from the data and the English labels shown for them, written once per module.

    The labels are marked with ``QT_TRANSLATE_NOOP(context, text)`` so lupdate collects them
    under ``context``; ``get`` translates at call time, so a language switch shows at once.
    """

    def __init__(self, context: str, sources: Mapping[str, object]) -> None:
        self.context = context
        self.sources = {code: str(text) for code, text in sources.items()}

    def get(self, code: str, default: str) -> str:
        """The label for ``code`` in the current language, or ``default`` for an unknown code."""
        source = self.sources.get(code)
        return default if source is None else translate(self.context, source)


CHANNEL_LABELS = LabelTable(
    "Labels",
    {
        "store": QT_TRANSLATE_NOOP("Labels", "Store"),
        "web": QT_TRANSLATE_NOOP("Labels", "Web"),
        "app": QT_TRANSLATE_NOOP("Labels", "App"),
        "marketplace": QT_TRANSLATE_NOOP("Labels", "Marketplace"),
        "email": QT_TRANSLATE_NOOP("Labels", "E-mail"),
        "sms": QT_TRANSLATE_NOOP("Labels", "SMS"),
        "whatsapp": QT_TRANSLATE_NOOP("Labels", "WhatsApp"),
        "push": QT_TRANSLATE_NOOP("Labels", "Push"),
        "phone": QT_TRANSLATE_NOOP("Labels", "Phone"),
    },
)


def channel(name: str | None) -> str:
    return CHANNEL_LABELS.get(name or "", name or "—")


TIER_LABELS = LabelTable(
    "Labels",
    {
        "bronze": QT_TRANSLATE_NOOP("Labels", "Bronze"),
        "silver": QT_TRANSLATE_NOOP("Labels", "Silver"),
        "gold": QT_TRANSLATE_NOOP("Labels", "Gold"),
        "platinum": QT_TRANSLATE_NOOP("Labels", "Platinum"),
    },
)


def tier(name: str | None) -> str:
    return TIER_LABELS.get(name or "", name or "—")


RFM_SEGMENT_LABELS = LabelTable(
    "Labels",
    {
        "Champions": QT_TRANSLATE_NOOP("Labels", "Champions"),
        "Loyal": QT_TRANSLATE_NOOP("Labels", "Loyal"),
        "Potential loyalist": QT_TRANSLATE_NOOP("Labels", "Potential loyalist"),
        "New": QT_TRANSLATE_NOOP("Labels", "New"),
        "At risk": QT_TRANSLATE_NOOP("Labels", "At risk"),
        "Can't lose them": QT_TRANSLATE_NOOP("Labels", "Can't lose them"),
        "Hibernating": QT_TRANSLATE_NOOP("Labels", "Hibernating"),
        "Lost": QT_TRANSLATE_NOOP("Labels", "Lost"),
    },
)


def rfm_segment(name: str | None) -> str:
    """The analytics' RFM group names (English keys in the data) in the UI's language."""
    return RFM_SEGMENT_LABELS.get(name or "", name or "")


EVENT_KIND_LABELS = LabelTable(
    "Labels",
    {
        "order": QT_TRANSLATE_NOOP("Labels", "Order"),
        "click_and_collect": QT_TRANSLATE_NOOP("Labels", "Click & collect"),
        "return": QT_TRANSLATE_NOOP("Labels", "Return"),
        "cart_abandoned": QT_TRANSLATE_NOOP("Labels", "Abandoned cart"),
        "cart_open": QT_TRANSLATE_NOOP("Labels", "Open cart"),
        "cart_converted": QT_TRANSLATE_NOOP("Labels", "Cart bought"),
        "note": QT_TRANSLATE_NOOP("Labels", "Note"),
        "email_sent": QT_TRANSLATE_NOOP("Labels", "E-mail sent"),
        "email_opened": QT_TRANSLATE_NOOP("Labels", "E-mail opened"),
        "email_clicked": QT_TRANSLATE_NOOP("Labels", "E-mail clicked"),
        "sms_sent": QT_TRANSLATE_NOOP("Labels", "SMS sent"),
        "sms_opened": QT_TRANSLATE_NOOP("Labels", "SMS opened"),
        "push_sent": QT_TRANSLATE_NOOP("Labels", "Push sent"),
        "push_opened": QT_TRANSLATE_NOOP("Labels", "Push opened"),
        "whatsapp_sent": QT_TRANSLATE_NOOP("Labels", "WhatsApp sent"),
        "call": QT_TRANSLATE_NOOP("Labels", "Call"),
        "survey": QT_TRANSLATE_NOOP("Labels", "Survey"),
        "ticket": QT_TRANSLATE_NOOP("Labels", "Support ticket"),
        "store_visit": QT_TRANSLATE_NOOP("Labels", "Store visit"),
        "event_invited": QT_TRANSLATE_NOOP("Labels", "Event invitation"),
        "event_attended": QT_TRANSLATE_NOOP("Labels", "Event attended"),
        "product_view": QT_TRANSLATE_NOOP("Labels", "Product viewed"),
        "in_store_chat": QT_TRANSLATE_NOOP("Labels", "In-store chat"),
    },
)


def event_kind(kind: str) -> str:
    return EVENT_KIND_LABELS.get(kind, kind)


TASK_KIND_LABELS = LabelTable(
    "Labels",
    {
        "cart_call": QT_TRANSLATE_NOOP("Labels", "Call about cart"),
        "birthday": QT_TRANSLATE_NOOP("Labels", "Birthday"),
        "vip_invitation": QT_TRANSLATE_NOOP("Labels", "VIP invitation"),
        "follow_up": QT_TRANSLATE_NOOP("Labels", "Follow-up"),
        "reservation": QT_TRANSLATE_NOOP("Labels", "Reservation"),
    },
)


def task_kind(kind: str) -> str:
    return TASK_KIND_LABELS.get(kind, kind)


SIZE_GROUP_LABELS = LabelTable(
    "Labels",
    {
        "top": QT_TRANSLATE_NOOP("Labels", "Tops"),
        "bottom": QT_TRANSLATE_NOOP("Labels", "Trousers"),
        "shoe": QT_TRANSLATE_NOOP("Labels", "Shoes"),
    },
)


def size_group(name: str) -> str:
    return SIZE_GROUP_LABELS.get(name, name)


RECORD_STATUS_LABELS = LabelTable(
    "Labels",
    {
        "completed": QT_TRANSLATE_NOOP("Labels", "completed"),
        "cancelled": QT_TRANSLATE_NOOP("Labels", "cancelled"),
        "returned": QT_TRANSLATE_NOOP("Labels", "returned"),
        "abandoned": QT_TRANSLATE_NOOP("Labels", "abandoned"),
        "open": QT_TRANSLATE_NOOP("Labels", "open"),
        "converted": QT_TRANSLATE_NOOP("Labels", "bought"),
        "recovered": QT_TRANSLATE_NOOP("Labels", "recovered"),
    },
)


def record_status(status: str) -> str:
    """Order and cart states as the replica stores them (English codes)."""
    return RECORD_STATUS_LABELS.get(status, status)


def event_summary(summary: str) -> str:
    """Translate the state code the replica puts first in order and cart summaries."""
    head, sep, rest = summary.partition(" · ")
    return f"{record_status(head)}{sep}{rest}" if head else summary


TASK_STATUS_LABELS = LabelTable(
    "Labels",
    {
        "open": QT_TRANSLATE_NOOP("Labels", "Open"),
        "done": QT_TRANSLATE_NOOP("Labels", "Done"),
        "cancelled": QT_TRANSLATE_NOOP("Labels", "Cancelled"),
    },
)


def task_status(status: str) -> str:
    return TASK_STATUS_LABELS.get(status, status)


COUPON_KIND_LABELS = LabelTable(
    "Labels",
    {
        "birthday": QT_TRANSLATE_NOOP("Labels", "Birthday"),
        "tier": QT_TRANSLATE_NOOP("Labels", "Tier"),
        "campaign": QT_TRANSLATE_NOOP("Labels", "Campaign"),
    },
)


def coupon_kind(kind: str) -> str:
    return COUPON_KIND_LABELS.get(kind, kind)


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


FIELD_LABELS = LabelTable(
    "Labels",
    {
        "first_name": QT_TRANSLATE_NOOP("Labels", "first name"),
        "last_name": QT_TRANSLATE_NOOP("Labels", "last name"),
        "birth_date": QT_TRANSLATE_NOOP("Labels", "birthday"),
        "preferred_channel": QT_TRANSLATE_NOOP("Labels", "preferred channel"),
        "preferred_language": QT_TRANSLATE_NOOP("Labels", "language"),
        "sizes": QT_TRANSLATE_NOOP("Labels", "sizes"),
        "preferences": QT_TRANSLATE_NOOP("Labels", "preferences"),
        "body": QT_TRANSLATE_NOOP("Labels", "note text"),
        "pinned": QT_TRANSLATE_NOOP("Labels", "pinned"),
        "deleted": QT_TRANSLATE_NOOP("Labels", "deleted"),
        "title": QT_TRANSLATE_NOOP("Labels", "task title"),
        "details": QT_TRANSLATE_NOOP("Labels", "task details"),
        "due_at": QT_TRANSLATE_NOOP("Labels", "due date"),
        "status": QT_TRANSLATE_NOOP("Labels", "task status"),
        "outcome": QT_TRANSLATE_NOOP("Labels", "task outcome"),
        "kind": QT_TRANSLATE_NOOP("Labels", "task kind"),
        "assigned_staff_id": QT_TRANSLATE_NOOP("Labels", "assistant"),
    },
)


def field_label(name: str) -> str:
    """The name of an editable field (profile, note, task) as the assistant knows it."""
    return FIELD_LABELS.get(name, name)


def plain_value(value: object) -> str:
    """A field value in a sentence: empty shown as a dash, sizes as 'top M, shoe 38'."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return translate("Labels", "yes") if value else translate("Labels", "no")
    if isinstance(value, dict):
        return ", ".join(f"{k} {v}" for k, v in value.items()) or "—"
    return str(value)
