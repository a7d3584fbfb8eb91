"""Senders per channel: a real SMTP e-mail provider and a log-only one for the other channels.

A provider raises :class:`TransientSendError` for failures worth retrying (server down, timeout)
and :class:`PermanentSendError` for ones that never succeed (address refused); the queue turns
those into a retry with backoff or a failed message.
"""

from __future__ import annotations

import logging
import smtplib
import ssl
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import make_msgid
from typing import Protocol

from sync_server.outreach.settings import OutreachSettings

log = logging.getLogger("sync_server.outreach")


class SendError(Exception):
    """A message could not be delivered to the provider."""


class TransientSendError(SendError):
    """Worth retrying later."""


class PermanentSendError(SendError):
    """Will never succeed as it is."""


@dataclass(frozen=True)
class OutgoingMessage:
    message_id: str
    channel: str
    recipient: str
    subject: str
    body: str
    language: str
    unsubscribe_url: str


class Provider(Protocol):
    name: str

    def send(self, message: OutgoingMessage) -> str:
        """Deliver the message; returns the provider's reference for it."""
        ...


@dataclass
class SmtpEmailProvider:
    """E-mail over SMTP (plain, STARTTLS or implicit TLS), one connection per message."""

    host: str
    port: int
    sender: str
    starttls: bool = False
    use_ssl: bool = False
    username: str = ""
    password: str = ""
    timeout: float = 10.0
    name: str = "smtp"

    def _compose(self, message: OutgoingMessage) -> EmailMessage:
        email = EmailMessage()
        email["From"] = self.sender
        email["To"] = message.recipient
        email["Subject"] = message.subject
        email["Message-ID"] = make_msgid(idstring=message.message_id.replace("-", ""))
        email["Content-Language"] = message.language
        if message.unsubscribe_url:
            email["List-Unsubscribe"] = f"<{message.unsubscribe_url}>"
        email.set_content(message.body)
        return email

    def _connect(self) -> smtplib.SMTP:
        if self.use_ssl:
            return smtplib.SMTP_SSL(
                self.host, self.port, timeout=self.timeout, context=ssl.create_default_context()
            )
        client = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
        if self.starttls:
            client.starttls(context=ssl.create_default_context())
        return client

    def send(self, message: OutgoingMessage) -> str:
        email = self._compose(message)
        try:
            with self._connect() as client:
                if self.username:
                    client.login(self.username, self.password)
                client.send_message(email)
        except (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused) as exc:
            raise PermanentSendError(f"SMTP refused the message: {exc}") from exc
        except smtplib.SMTPResponseException as exc:
            if 500 <= exc.smtp_code < 600:
                raise PermanentSendError(f"SMTP {exc.smtp_code}: {exc.smtp_error!r}") from exc
            raise TransientSendError(f"SMTP {exc.smtp_code}: {exc.smtp_error!r}") from exc
        except (smtplib.SMTPException, OSError) as exc:
            raise TransientSendError(f"SMTP server {self.host}:{self.port}: {exc}") from exc
        return str(email["Message-ID"])


@dataclass
class LogOnlyProvider:
    """For channels with no provider configured: the outbox row is the record, this logs it."""

    channel: str
    name: str = "log"
    sent: list[OutgoingMessage] = field(default_factory=list)

    def send(self, message: OutgoingMessage) -> str:
        self.sent.append(message)
        log.info(
            "outreach %s (log only) to %s: %s", self.channel, message.recipient, message.subject
        )
        return f"log:{message.message_id}"


def providers_from_settings(settings: OutreachSettings) -> dict[str, Provider]:
    email: Provider
    if settings.smtp_host:
        email = SmtpEmailProvider(
            host=settings.smtp_host,
            port=settings.smtp_port,
            sender=settings.smtp_from,
            starttls=settings.smtp_starttls,
            use_ssl=settings.smtp_ssl,
            username=settings.smtp_username,
            password=settings.smtp_password,
            timeout=settings.smtp_timeout_seconds,
        )
    else:
        email = LogOnlyProvider("email")
    return {
        "email": email,
        "sms": LogOnlyProvider("sms"),
        "whatsapp": LogOnlyProvider("whatsapp"),
        "push": LogOnlyProvider("push"),
    }
