"""Rotating log files in the platform's log folder, with customer personal data removed.

Logs leave the tablet (support bundles, e-mails to IT), so nothing that identifies a customer
may be written to them (GDPR). Redaction therefore happens on the handlers, for every logger
including third-party ones, before a record is formatted:

- e-mail addresses, phone numbers, payment card numbers (Luhn-checked), IBANs and Spanish
  DNI/NIE numbers are masked anywhere in the message or traceback;
- values passed as arguments that look like a person's name ("María García López") are masked;
- values wrapped in ``personal(...)`` are always masked: ``log.info("opened %s", personal(name))``.

Message templates written by developers are kept, so the log still says what happened.
"""

from __future__ import annotations

import logging
import logging.handlers
import re
import sys
from collections.abc import Mapping
from pathlib import Path
from types import TracebackType
from typing import Any

import platformdirs

APP_NAME = "clienteling"
LOG_FILENAME = "clienteling.log"
MAX_BYTES = 2_000_000
BACKUPS = 5
FORMAT = "%(asctime)s %(levelname)-7s %(name)s [%(threadName)s] %(message)s"

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Long digit runs with the separators people type; checked for length / Luhn below.
DIGIT_RUN = re.compile(r"(?<![\w.:/-])(?:\+|00)?\(?\d[\d \-.()]{7,}\d(?![\w:/-]|\.\d)")
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){3,7}(?: ?[A-Z0-9]{1,3})?\b")
DNI = re.compile(r"\b[XYZ]?\d{7,8}-?[A-Z]\b")
NAME_WORD = r"[A-ZÁÉÍÓÚÑÜ][a-záéíóúñüç'’-]+"
NAME = re.compile(
    rf"{NAME_WORD}(?:\s+(?:(?:de|del|la|las|los|y|da|van|von)\s+)*{NAME_WORD}){{1,4}}"
)

MASK_EMAIL = "<email>"
MASK_PHONE = "<phone>"
MASK_CARD = "<card>"
MASK_ID = "<id-number>"
MASK_IBAN = "<iban>"
MASK_NAME = "<name>"
MASK_PERSONAL = "<redacted>"


def log_dir() -> Path:
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


class Personal:
    """A value that must never be logged; it prints as ``<redacted>``."""

    __slots__ = ("_value",)

    def __init__(self, value: object) -> None:
        self._value = value

    def __str__(self) -> str:
        return MASK_PERSONAL

    __repr__ = __str__


def personal(value: object) -> Personal:
    return Personal(value)


def _luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _digits(match: re.Match[str]) -> str:
    text = match.group(0)
    if DATE.search(text):
        return text
    digits = re.sub(r"\D", "", text)
    if 13 <= len(digits) <= 19 and _luhn_ok(digits):
        return MASK_CARD
    if 9 <= len(digits) <= 15:
        return MASK_PHONE
    return text


def redact_text(text: str) -> str:
    """Mask personal data patterns anywhere in ``text`` (also used on whole log files)."""
    text = EMAIL.sub(MASK_EMAIL, text)
    text = IBAN.sub(MASK_IBAN, text)
    text = DNI.sub(MASK_ID, text)
    return DIGIT_RUN.sub(_digits, text)


def _redact_arg(value: Any) -> Any:
    if isinstance(value, Personal):
        return MASK_PERSONAL
    if isinstance(value, str) and NAME.fullmatch(value.strip()):
        return MASK_NAME
    return value


class RedactingFilter(logging.Filter):
    """Rewrites each record's message (and traceback) without personal data."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, Mapping):
            record.args = {k: _redact_arg(v) for k, v in args.items()}
        elif isinstance(args, tuple):
            record.args = tuple(_redact_arg(v) for v in args)
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            return True  # let logging report the broken call as usual
        record.msg = redact_text(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact_text(record.exc_text)
        if record.stack_info:
            record.stack_info = redact_text(record.stack_info)
        return True


class _OwnHandler(logging.handlers.RotatingFileHandler):
    """Marks the handler ``setup_logging`` installed, so calling it again replaces it."""


def setup_logging(
    level: str | int = "INFO", folder: Path | None = None, *, stderr: bool = False
) -> Path:
    """Log to a rotating file (2 MB × 6) in the platform's log folder; returns the file path."""
    folder = folder or log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOG_FILENAME
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, "_clienteling", False)]:
        root.removeHandler(old)
        old.close()
    handlers: list[logging.Handler] = [
        _OwnHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8", delay=True)
    ]
    if stderr:
        handlers.append(logging.StreamHandler(sys.stderr))
    for handler in handlers:
        handler.setFormatter(logging.Formatter(FORMAT))
        handler.addFilter(RedactingFilter())
        handler._clienteling = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    root.setLevel(level.upper() if isinstance(level, str) else level)
    return path


def log_files(folder: Path | None = None) -> list[Path]:
    """The current log file and its rotated predecessors, newest first."""
    folder = folder or log_dir()
    return sorted(
        (p for p in folder.glob(LOG_FILENAME + "*") if p.is_file()),
        key=lambda p: (p.name != LOG_FILENAME, p.name),
    )


def log_uncaught() -> None:
    """Send crashes to the log with their trace (a windowed app has no console to print to)."""
    log = logging.getLogger(APP_NAME)

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if not issubclass(kind, KeyboardInterrupt):
            log.critical("unhandled exception", exc_info=(kind, exc, tb))
        sys.__excepthook__(kind, exc, tb)

    sys.excepthook = hook
