"""Cells that a spreadsheet program would run as formulas, neutralised (CSV/formula injection).

A customer can name herself ``=HYPERLINK("http://evil","Click")`` or ``+cmd|' /C calc'!A0`` in the
web shop; a manager's export opened in Excel or LibreOffice would then run it. Following OWASP's
CSV-injection guidance, a text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return gets a leading apostrophe, which spreadsheets show as text. Plain numbers
(``-12.5``, an E.164 phone ``+34600111222``) cannot run anything and stay as they are, and so
do values that are not text. Shared by the server's CSV export and the app's CSV/XLSX writers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TypeVar

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")

T = TypeVar("T")


def safe_text(value: str) -> str:
    """``value`` as text a spreadsheet shows and never evaluates."""
    if value.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def safe_cell(value: T) -> T | str:
    """Text neutralised; numbers, dates and ``None`` untouched."""
    return safe_text(value) if isinstance(value, str) else value


def safe_row(values: Iterable[object]) -> list[object]:
    return [safe_cell(value) for value in values]
