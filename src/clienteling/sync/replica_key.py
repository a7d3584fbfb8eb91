"""The replica's encryption key: random per device, kept next to the device token.

The key lives in the same store as the device token (OS keyring, or the documented file
fallbacks of ``sync.credentials``) under its own account, named after the replica file, so a
stolen replica file alone is unreadable. ``open_replica`` is how every production entry point
opens the replica: it creates the key on first use, encrypts a plain replica left by an older
version, and refuses, in plain words, to touch an encrypted replica whose key is gone.
"""

from __future__ import annotations

from pathlib import Path

from clienteling.replica import cipher
from clienteling.replica.cipher import ReplicaKeyMissing, ReplicaLocked
from clienteling.replica.store import DB_FILENAME, Replica
from clienteling.sync.credentials import TokenStore

ACCOUNT_PREFIX = "replica-key@"


def key_account(replica_path: Path) -> str:
    return f"{ACCOUNT_PREFIX}{replica_path.resolve()}"


def stored_key(keys: TokenStore, replica_path: Path) -> bytes | None:
    """The key kept for this replica file, or None; a damaged entry is a locked replica."""
    value = keys.get(key_account(replica_path))
    if value is None:
        return None
    try:
        key = bytes.fromhex(value)
    except ValueError:
        key = b""
    if len(key) != cipher.KEY_BYTES:
        raise ReplicaLocked(
            f"The key kept for {replica_path} in {keys.description} is damaged, so the "
            "customer data on this tablet cannot be read. Nothing was changed. The data can "
            "be rebuilt from the server; edits not yet sent are lost with it."
        )
    return key


def open_replica(data_dir: Path, keys: TokenStore) -> Replica:
    """The tablet's encrypted replica in ``data_dir``, created (with a new key) if absent.

    Raises ``ReplicaKeyMissing`` when the file is encrypted but no key is stored, and
    ``ReplicaLocked`` when the stored key does not open it; the file is never replaced.
    """
    path = data_dir / DB_FILENAME
    key = stored_key(keys, path)
    if key is None:
        if cipher.file_state(path) == "encrypted":
            raise ReplicaKeyMissing(
                f"The customer data on this tablet ({path}) is encrypted, and its key is not in "
                f"{keys.description}. Nothing was changed. If the system keyring is locked or "
                "this user is not the one who set up the tablet, fix that and start again. "
                "Otherwise the data can be rebuilt from the server; edits made on this tablet "
                "and not yet sent are lost with it."
            )
        key = cipher.new_key()
        # Stored before the file is created or encrypted: never a file without its key.
        keys.set(key_account(path), key.hex())
    cipher.private_dir(data_dir, tighten=True)
    return Replica(path, key=key)


def discard_replica(data_dir: Path, keys: TokenStore) -> list[Path]:
    """Delete a replica that can no longer be read, and its key, so it can be rebuilt.

    Its unsent edits go with it: call this only after the user agreed to that.
    """
    path = data_dir / DB_FILENAME
    removed = cipher.remove_files(path)
    removed += cipher.remove_files(path.with_name(path.name + cipher.CONVERTING_SUFFIX))
    keys.delete(key_account(path))
    return removed
