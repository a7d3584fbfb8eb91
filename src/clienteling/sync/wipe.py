"""Wiping a tablet: nothing a retired or lost device keeps once the server said so.

``wipe_device`` erases the replica's key, the replica (with its -wal/-shm and the outbox inside
it, and the staff sign-in cache with the PINs, which lives in the replica) and the device token
for the server. The key goes first: from then
on whatever the OS still keeps of the file's blocks is unreadable, which deleting alone cannot
promise on flash storage. Missing pieces are skipped, so a second call (or a call on a tablet
that never synced) is harmless, and the tablet can then be enrolled again as if new. The sync
engine decides *when* (a revoked or lost device, after pushing what the revocation allows).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from clienteling.replica import cipher
from clienteling.replica.store import DB_FILENAME, Replica
from clienteling.sync.credentials import KeyringUnavailable, TokenStore, account_for
from clienteling.sync.replica_key import key_account

log = logging.getLogger(__name__)
# Versions before the shared-tablet PINs kept staff password hashes in this plain file; the app
# deletes it when it starts, and a wipe makes sure it is gone too.
LEGACY_STAFF_CACHE = "staff-signins.json"


def remove_legacy_staff_cache(data_dir: Path) -> bool:
    """Delete the old plain staff sign-in file if an older version left one; True if it did."""
    try:
        (data_dir / LEGACY_STAFF_CACHE).unlink()
    except FileNotFoundError:
        return False
    log.info("deleted the old plain staff sign-in file %s", LEGACY_STAFF_CACHE)
    return True


class WipeIncomplete(RuntimeError):
    """Some pieces could not be erased; ``problems`` says which and why."""

    def __init__(self, problems: list[str], removed: list[str]) -> None:
        super().__init__("The tablet could not be wiped completely: " + "; ".join(problems))
        self.problems = problems
        self.removed = removed


@dataclass
class WipeReport:
    removed: list[str] = field(default_factory=list)


def wipe_device(
    data_dir: Path,
    tokens: TokenStore,
    server_url: str | None,
    *,
    replica: Replica | None = None,
) -> WipeReport:
    """Erase key, replica (+ outbox, sign-in cache, PINs) and device token; close ``replica``
    first.

    Every piece is attempted even if an earlier one fails; then ``WipeIncomplete`` lists the
    failures.
    """
    if replica is not None:
        replica.close()
    path = data_dir / DB_FILENAME
    report = WipeReport()
    problems: list[str] = []

    def forget(what: str, account: str) -> None:
        try:
            if tokens.get(account) is not None:
                tokens.delete(account)
                report.removed.append(what)
        except (KeyringUnavailable, OSError) as exc:
            problems.append(f"{what}: {exc}")

    forget("replica key", key_account(path))
    for target in (path, path.with_name(path.name + cipher.CONVERTING_SUFFIX)):
        try:
            cipher.zero_if_plain(target)
            report.removed += [p.name for p in cipher.remove_files(target)]
        except OSError as exc:
            problems.append(f"{target.name}: {exc}")
    if server_url:
        forget("device token", account_for(server_url))
    try:
        if remove_legacy_staff_cache(data_dir):
            report.removed.append(LEGACY_STAFF_CACHE)
    except OSError as exc:
        problems.append(f"{LEGACY_STAFF_CACHE}: {exc}")
    if problems:
        log.error("device wipe incomplete: %s", "; ".join(problems))
        raise WipeIncomplete(problems, report.removed)
    log.warning("device wiped: %s", ", ".join(report.removed) or "nothing was left")
    return report
