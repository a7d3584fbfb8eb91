"""Message templates in Spanish and English, filled with the customer's fields.

E-mail gets a subject and a full body with the unsubscribe link; SMS, WhatsApp and push get the
short text (also with the link, so every channel can be withdrawn from the message itself).
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from datetime import date
from typing import Any

LANGUAGES = ("es", "en")


@dataclass(frozen=True)
class Template:
    subject: str
    body: str
    short: str


TEMPLATES: dict[tuple[str, str], Template] = {
    ("birthday_coupon", "es"): Template(
        subject="¡Feliz cumpleaños, $first_name! Tu regalo te espera",
        body=(
            "Hola $first_name:\n\n"
            "En tu cumpleaños queremos invitarte: tienes $amount de descuento con el código "
            "$coupon_code, válido hasta el $valid_until en cualquiera de nuestras tiendas o en "
            "la web.\n\n"
            "¡Que pases un día estupendo!\n$store_name\n\n"
            "Si no quieres recibir más mensajes como este: $unsubscribe_url\n"
        ),
        short="¡Feliz cumpleaños, $first_name! $amount de regalo con el código $coupon_code "
        "hasta el $valid_until. Baja: $unsubscribe_url",
    ),
    ("birthday_coupon", "en"): Template(
        subject="Happy birthday, $first_name! Your gift is waiting",
        body=(
            "Hello $first_name,\n\n"
            "For your birthday we have a gift for you: $amount off with the code $coupon_code, "
            "valid until $valid_until in any of our stores or online.\n\n"
            "Have a wonderful day!\n$store_name\n\n"
            "To stop receiving messages like this one: $unsubscribe_url\n"
        ),
        short="Happy birthday, $first_name! $amount off with code $coupon_code until "
        "$valid_until. Unsubscribe: $unsubscribe_url",
    ),
    ("vip_invitation", "es"): Template(
        subject="$first_name, te invitamos a nuestra venta privada",
        body=(
            "Hola $first_name:\n\n"
            "Como cliente especial, te invitamos a «$event_name» en $store_name el "
            "$event_date a las $event_time.\n\n$description\n\n"
            "Responde a tu asesora o llama a la tienda para confirmar tu asistencia.\n\n"
            "Si no quieres recibir más mensajes como este: $unsubscribe_url\n"
        ),
        short="$first_name, te invitamos a «$event_name» en $store_name el $event_date a las "
        "$event_time. Baja: $unsubscribe_url",
    ),
    ("vip_invitation", "en"): Template(
        subject="$first_name, you are invited to our private sale",
        body=(
            "Hello $first_name,\n\n"
            "As one of our valued customers, you are invited to “$event_name” at $store_name on "
            "$event_date at $event_time.\n\n$description\n\n"
            "Reply to your personal shopper or call the store to confirm.\n\n"
            "To stop receiving messages like this one: $unsubscribe_url\n"
        ),
        short="$first_name, you are invited to “$event_name” at $store_name on $event_date at "
        "$event_time. Unsubscribe: $unsubscribe_url",
    ),
}


def language_of(preferred: str | None) -> str:
    return preferred if preferred in LANGUAGES else "es"


def format_amount(cents: int, currency: str, language: str) -> str:
    """15 € in Spanish, €15 in English; cents only when there are any."""
    whole, rest = divmod(cents, 100)
    number = f"{whole}" if rest == 0 else f"{whole}{',' if language == 'es' else '.'}{rest:02d}"
    symbol = "€" if currency == "EUR" else currency
    return f"{number} {symbol}" if language == "es" else f"{symbol}{number}"


def format_date(day: date, language: str) -> str:
    return day.strftime("%d/%m/%Y") if language == "es" else day.isoformat()


def render(name: str, language: str, channel: str, fields: dict[str, Any]) -> tuple[str, str]:
    """(subject, body) of a template for a channel; unknown placeholders are left visible."""
    template = TEMPLATES[(name, language_of(language))]
    values = {k: str(v) for k, v in fields.items()}
    subject = string.Template(template.subject).safe_substitute(values)
    text = template.body if channel == "email" else template.short
    return subject, string.Template(text).safe_substitute(values)
