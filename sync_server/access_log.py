"""Access logs without personal data or secrets.

uvicorn logs every request's path with its query string, so a customer search would write
``?q=<surname>`` to the log, and an unsubscribe link its signed token. The filter here drops
query strings and replaces path segments that look like secrets or identifiers of a person
(long opaque strings, e-mail addresses, card and phone numbers); row ids (UUIDs) and route words
stay, so a log line still says which endpoint answered what.
"""

from __future__ import annotations

import logging
import re
from typing import Any

import uvicorn

ACCESS_LOGGER = "uvicorn.access"
REDACTED = "<redacted>"
_UUID = re.compile(r"^[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}$")
_ROUTE_WORD = re.compile(r"^[a-z]+([-_.][a-z]+)*$")
_SHORT_CODE = re.compile(r"^[A-Za-z0-9_-]{1,12}$")
_DIGIT_RUN = re.compile(r"\d{6}")


def _safe_segment(segment: str) -> str:
    if not segment or _UUID.match(segment) or _ROUTE_WORD.match(segment):
        return segment
    if _SHORT_CODE.match(segment) and not _DIGIT_RUN.search(segment):
        return segment  # v1, MAD01, a page number
    return REDACTED


def redact_path(path: str) -> str:
    """``path`` without its query string and with token-like segments replaced."""
    bare, has_query, _ = path.partition("?")
    cleaned = "/".join(_safe_segment(segment) for segment in bare.split("/"))
    return cleaned + ("?" + REDACTED if has_query else "")


class AccessLogRedaction(logging.Filter):
    """Rewrites the path argument of uvicorn's access records (client, method, path, …)."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) >= 3 and isinstance(args[2], str):
            record.args = (*args[:2], redact_path(args[2]), *args[3:])
        return True


def install() -> None:
    """Put the filter on uvicorn's access logger (once: servers started later share it)."""
    logger = logging.getLogger(ACCESS_LOGGER)
    if not any(isinstance(f, AccessLogRedaction) for f in logger.filters):
        logger.addFilter(AccessLogRedaction())


def uvicorn_config(app: Any, **options: Any) -> uvicorn.Config:
    """A uvicorn configuration whose access log is redacted.

    uvicorn configures logging while building its ``Config``; the filter goes on afterwards, on
    the logger itself, so every handler (console, file, a test's) sees only redacted records.
    """
    config = uvicorn.Config(app, **options)
    install()
    return config
