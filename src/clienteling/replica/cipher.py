"""SQLCipher under the replica: every page of the file is encrypted with the tablet's own key.

``sqlcipher3`` (SQLCipher 4 compiled into the wheel together with SQLite and OpenSSL) is a
DB-API module like ``sqlite3``: FTS5, JSON and generated columns behave as in stock SQLite, and
a connection given no key *is* stock SQLite, so tests and benchmarks can still open a plain file.
The key is 32 random bytes handed over as a raw key (``x'…'``): SQLCipher then skips its PBKDF2
derivation (about 0.2 s per connection, and pointless for a random 256-bit key), so a reader
opens in under a millisecond.

Files are created owner-only; SQLite gives ``-wal``/``-shm`` the main file's permissions.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import sqlite3
import stat
import sys
from pathlib import Path
from typing import Any, Literal, cast

from sqlcipher3 import dbapi2 as driver

KEY_BYTES = 32
PLAIN_HEADER = b"SQLite format 3\x00"
SIDE_SUFFIXES = ("-wal", "-shm", "-journal")
CONVERTING_SUFFIX = ".encrypting"
FILE_MODE = 0o600
DIR_MODE = 0o700
POSIX = os.name == "posix"

FileState = Literal["missing", "plain", "encrypted"]
DatabaseError: type[Exception] = driver.DatabaseError
OperationalError: type[Exception] = driver.OperationalError


class ReplicaLocked(RuntimeError):
    """The replica file exists but cannot be read with the key at hand; nothing was changed."""


class ReplicaKeyMissing(ReplicaLocked):
    """The replica is encrypted and its key is no longer where this tablet keeps it."""


def new_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def key_pragma(key: bytes) -> str:
    """``PRAGMA key`` with a raw key: hex digits only, so nothing to escape."""
    if len(key) != KEY_BYTES:
        raise ValueError(f"a replica key has {KEY_BYTES} bytes, not {len(key)}")
    return f"PRAGMA key = \"x'{key.hex()}'\""


def file_state(path: Path) -> FileState:
    """Whether ``path`` is absent (or empty), a plain SQLite file, or anything else (encrypted)."""
    try:
        with path.open("rb") as fh:
            header = fh.read(len(PLAIN_HEADER))
    except FileNotFoundError:
        return "missing"
    if not header:
        return "missing"
    return "plain" if header == PLAIN_HEADER else "encrypted"


def side_files(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in SIDE_SUFFIXES]


def private_dir(folder: Path, *, tighten: bool = False) -> None:
    """Create the folder owner-only; with ``tighten``, also an existing folder this user owns
    (the app's own data folder, left group/world-readable by an older version)."""
    if not folder.exists():
        folder.mkdir(parents=True, mode=DIR_MODE)
        if POSIX:
            folder.chmod(DIR_MODE)
        return
    if tighten and POSIX:
        info = folder.stat()
        if info.st_uid == os.getuid() and stat.S_IMODE(info.st_mode) & 0o077:
            folder.chmod(DIR_MODE)


def keep_private(path: Path) -> None:
    """Owner-only permissions for the file and its -wal/-shm, created empty if missing."""
    private_dir(path.parent)
    if not path.exists():
        with contextlib.suppress(FileExistsError):
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))
    if not POSIX:
        return
    for item in (path, *side_files(path)):
        with contextlib.suppress(FileNotFoundError):
            if stat.S_IMODE(item.stat().st_mode) & 0o077:
                item.chmod(FILE_MODE)


def connect(path: Path, key: bytes | None, *, readonly: bool = False) -> sqlite3.Connection:
    """A connection whose first statement is ``PRAGMA key``; raises ``ReplicaLocked`` if the key
    (or its absence) does not open the file."""
    target = f"file:{path}?mode=ro" if readonly else str(path)
    conn: Any = driver.connect(target, uri=readonly, isolation_level=None, check_same_thread=False)
    try:
        if key is not None:
            conn.execute(key_pragma(key))
        # A wrong key is reported by the exception below; SQLCipher's own log would only
        # repeat it on stderr.
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except DatabaseError as exc:
        conn.close()
        raise _locked(path, key is not None) from exc
    return cast(sqlite3.Connection, conn)


def _locked(path: Path, keyed: bool) -> ReplicaLocked:
    if keyed:
        return ReplicaLocked(
            f"The customer data on this tablet ({path}) is encrypted and the key this tablet "
            "holds does not open it (the keyring was reset, or the file comes from another "
            "device). Nothing was changed. The data can be rebuilt from the server; edits made "
            "on this tablet and not yet sent are lost with it."
        )
    return ReplicaLocked(
        f"{path} is encrypted (or is not a Clienteling replica) and was opened without a key."
    )


def encrypt_plain_file(path: Path, key: bytes) -> None:
    """Turn a plain replica from an older version into an encrypted one, rows and outbox kept.

    ``sqlcipher_export`` copies schema and rows into a new encrypted file next to it, which is
    checked and then renamed over the plain one, so a crash at any point leaves either the plain
    file or the encrypted one, never half of each. The plain file's blocks are overwritten
    with zeros afterwards where the OS allows it (best effort: flash storage may keep copies).
    """
    temp = path.with_name(path.name + CONVERTING_SUFFIX)
    remove_files(temp)
    keep_private(temp)
    plain: Any = driver.connect(str(path), isolation_level=None)
    try:
        plain.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        version = int(plain.execute("PRAGMA user_version").fetchone()[0])
        counts = _row_counts(plain)
        plain.execute("ATTACH DATABASE ? AS encrypted KEY ?", (str(temp), f"x'{key.hex()}'"))
        plain.execute("SELECT sqlcipher_export('encrypted')")
        plain.execute(f"PRAGMA encrypted.user_version = {version}")
        plain.execute("DETACH DATABASE encrypted")
    except BaseException:
        plain.close()
        remove_files(temp)
        raise
    plain.close()
    check: Any = connect(temp, key)
    try:
        healthy = check.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        if not healthy or _row_counts(check) != counts:
            raise RuntimeError(f"encrypting {path} produced a different copy; left it plain")
    except BaseException:
        check.close()
        remove_files(temp)
        raise
    check.close()
    _fsync(temp)
    for leftover in side_files(path):
        leftover.unlink(missing_ok=True)
    old = os.open(path, os.O_RDWR) if POSIX else None
    try:
        os.replace(temp, path)
        _fsync_dir(path.parent)
        if old is not None:
            _zero_fill(old)
    finally:
        if old is not None:
            os.close(old)


def _row_counts(conn: Any) -> dict[str, int]:
    names = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM main.sqlite_master WHERE type = 'table' "
            "AND (name = 'outbox' OR name LIKE 'e\\_%' ESCAPE '\\')"
        )
    ]
    return {
        n: int(conn.execute(f"SELECT count(*) FROM main.{n}").fetchone()[0])  # noqa: S608 - n from sqlite_master
        for n in names
    }


def _zero_fill(fd: int) -> None:
    size = os.fstat(fd).st_size
    block = b"\0" * (1 << 20)
    os.lseek(fd, 0, os.SEEK_SET)
    written = 0
    while written < size:
        written += os.write(fd, block[: min(len(block), size - written)])
    os.fsync(fd)


def zero_if_plain(path: Path) -> None:
    """Overwrite a plain (unencrypted) database and its WAL with zeros before it is deleted;
    an encrypted one needs no such care once its key is gone."""
    if file_state(path) != "plain":
        return
    for item in (path, path.with_name(path.name + "-wal")):
        try:
            fd = os.open(item, os.O_RDWR)
        except FileNotFoundError:
            continue
        try:
            _zero_fill(fd)
        finally:
            os.close(fd)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(folder: Path) -> None:
    if sys.platform == "win32":
        return
    _fsync(folder)


def remove_files(path: Path) -> list[Path]:
    """Delete a database file and its -wal/-shm/-journal; returns what existed."""
    removed = []
    for item in (path, *side_files(path)):
        with contextlib.suppress(FileNotFoundError):
            item.unlink()
            removed.append(item)
    return removed


def fts5_available() -> bool:
    """Whether the bundled SQLCipher has FTS5 (customer search needs it), keyed as the replica
    is opened; the packaging smoke run checks it in the frozen build."""
    conn = connect(Path(":memory:"), new_key())
    try:
        conn.execute("CREATE VIRTUAL TABLE probe USING fts5(body)")
        return True
    except OperationalError:
        return False
    finally:
        conn.close()
