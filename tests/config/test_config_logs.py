"""No customer personal data reaches the log files, whatever way it was passed in."""

from __future__ import annotations

import logging
import logging.handlers
from collections.abc import Iterator
from pathlib import Path

import pytest

from clienteling import logs

SECRETS = [
    "maria.garcia@example.com",
    "+34 612 345 678",
    "612345678",
    "4111 1111 1111 1111",
    "ES91 2100 0418 4502 0005 1332",
    "12345678Z",
    "María García López",
]


@pytest.fixture
def log_file(tmp_path: Path) -> Iterator[Path]:
    root = logging.getLogger()
    before = (list(root.handlers), root.level)
    path = logs.setup_logging("DEBUG", tmp_path / "logs")
    yield path
    for handler in list(root.handlers):
        if handler not in before[0]:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(before[1])


def _text(path: Path) -> str:
    for handler in logging.getLogger().handlers:
        handler.flush()
    return path.read_text(encoding="utf-8")


def test_personal_data_in_args_message_and_traceback_is_masked(log_file: Path) -> None:
    log = logging.getLogger("clienteling.test")
    log.info("opened customer %s (%s, %s)", "María García López", SECRETS[0], SECRETS[1])
    log.warning("phone %s card %s iban %s dni %s", *SECRETS[2:6])
    log.info("search for %(query)s", {"query": "Juan de la Torre"})
    log.info("note by %s", logs.personal("Ana"))
    log.info("inline maria.garcia@example.com and 4111-1111-1111-1111 in the template")
    try:
        raise ValueError("no customer with e-mail maria.garcia@example.com")
    except ValueError:
        log.exception("lookup failed")
    text = _text(log_file)
    for secret in [*SECRETS, "Juan de la Torre", "Ana", "4111-1111-1111-1111"]:
        assert secret not in text, secret
    for mask in ("<name>", "<email>", "<phone>", "<card>", "<iban>", "<id-number>", "<redacted>"):
        assert mask in text, mask
    assert "ValueError: no customer with e-mail <email>" in text
    assert "opened customer <name> (<email>, <phone>)" in text


def test_technical_values_survive(log_file: Path) -> None:
    log = logging.getLogger("clienteling.test")
    log.info(
        "synced %d rows at cursor %d from %s on %s (device %s, store %s)",
        1500,
        12345,
        "http://127.0.0.1:8123/api/v1",
        "2026-11-25 13:45:51",
        "5f0e8400-e29b-41d4-a716-446655440000",
        "MAD01",
    )
    text = _text(log_file)
    assert (
        "synced 1500 rows at cursor 12345 from http://127.0.0.1:8123/api/v1 on "
        "2026-11-25 13:45:51 (device 5f0e8400-e29b-41d4-a716-446655440000, store MAD01)"
    ) in text


def test_card_numbers_are_luhn_checked() -> None:
    assert logs.redact_text("card 4111111111111111") == "card <card>"
    # Not a valid card number, but a long digit run: treated as a phone number, still masked.
    assert logs.redact_text("ref 4111111111111") == "ref <phone>"
    assert logs.redact_text("version 1.2.3, port 8000") == "version 1.2.3, port 8000"


def test_files_rotate_in_the_given_folder(tmp_path: Path) -> None:
    root = logging.getLogger()
    saved = list(root.handlers)
    path = logs.setup_logging("INFO", tmp_path)
    try:
        handler = next(h for h in root.handlers if getattr(h, "_clienteling", False))
        assert isinstance(handler, logging.handlers.RotatingFileHandler)
        handler.maxBytes = 500
        for i in range(40):
            logging.getLogger("clienteling.test").info("line %d %s", i, "x" * 40)
        files = logs.log_files(tmp_path)
        assert files[0] == path
        assert len(files) > 2
        # Calling setup again replaces our handler instead of doubling every line.
        logs.setup_logging("INFO", tmp_path)
        ours = [h for h in root.handlers if getattr(h, "_clienteling", False)]
        assert len(ours) == 1
    finally:
        for handler in list(root.handlers):
            if handler not in saved:
                root.removeHandler(handler)
                handler.close()
