"""What the assistant reads when something fails.

A failure she can cause or fix (no network, a refusal, a value too long) is told in plain
words in her language. Anything else is a fault of ours: she gets one short sentence, the
technical text stays available behind "Details" for IT support, and the trace goes to the log.
"""

from __future__ import annotations

import logging
import traceback
from dataclasses import dataclass

from pydantic import ValidationError
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from clienteling.replica.edits import EditRefused
from clienteling.sync.client import Offline, SyncError
from clienteling.sync.manager_api import NeedsOnlineSignIn
from clienteling.ui import fmt

log = logging.getLogger(__name__)
translate = QCoreApplication.translate


@dataclass(frozen=True)
class Failure:
    """A sentence for her, and the technical text (empty when the sentence says it all)."""

    text: str
    details: str = ""


# ``EditRefused.code`` → her sentence; ``{0}`` is the refusal's first value, if any.
REFUSALS = fmt.LabelTable(
    "Errors",
    {
        "unknown_customer": QT_TRANSLATE_NOOP("Errors", "This customer is not on this tablet."),
        "unknown_coupon": QT_TRANSLATE_NOOP(
            "Errors", "This coupon does not belong to this customer."
        ),
        "coupon_already_redeemed": QT_TRANSLATE_NOOP(
            "Errors", "This coupon has already been used."
        ),
        "coupon_expired": QT_TRANSLATE_NOOP("Errors", "This coupon has expired."),
        "no_loyalty_account": QT_TRANSLATE_NOOP("Errors", "This customer has no loyalty account."),
        "insufficient_points": QT_TRANSLATE_NOOP(
            "Errors", "Not enough points: the balance is {0}."
        ),
    },
)


def error_text(exc: SyncError) -> str:
    """Why a manager call failed, in the UI's language, always saying nothing was done."""
    if isinstance(exc, NeedsOnlineSignIn):
        return translate(
            "ManagerCalls",
            "You signed in while the server was unreachable. Sign out and sign in again while "
            "online to do this. Nothing was changed.",
        )
    if isinstance(exc, Offline):
        return translate(
            "ManagerCalls",
            "The server cannot be reached, so nothing was done. Check the connection and try "
            "again.",
        )
    if exc.status == 401:
        return translate(
            "ManagerCalls",
            "Your sign-in has expired. Sign in again to do this. Nothing was changed.",
        )
    return translate("ManagerCalls", "The server refused: {0}").format(exc.message)


def _invalid(exc: ValidationError) -> str:
    """The first value the checks refused, named as on screen (``body`` is the note text)."""
    first = exc.errors()[0]
    field = fmt.field_label(str(first["loc"][-1])) if first["loc"] else ""
    if first["type"] == "string_too_long":
        return translate("Errors", "Not saved: too many characters in “{0}” (at most {1}).").format(
            field, (first.get("ctx") or {}).get("max_length", "?")
        )
    return translate("Errors", "Not saved: the value of “{0}” is not valid.").format(field)


def explain(exc: BaseException) -> Failure:
    """Her sentence for a failed edit or call; unexpected failures are logged with the trace."""
    if isinstance(exc, EditRefused):
        refusal = REFUSALS.get(exc.code, "")
        if refusal:
            return Failure(refusal.format(*exc.values))
    elif isinstance(exc, ValidationError):
        return Failure(_invalid(exc))
    elif isinstance(exc, SyncError):
        return Failure(error_text(exc))
    log.error("unexpected failure", exc_info=exc)
    return Failure(
        translate(
            "Errors",
            "Something went wrong and this was not saved. Try again; if it happens again, "
            "tell IT support and show them the details.",
        ),
        "".join(traceback.format_exception_only(exc)).strip(),
    )
