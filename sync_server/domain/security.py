"""Password hashing (argon2) and opaque tokens stored only as SHA-256 digests."""

from __future__ import annotations

import hashlib
import secrets
from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


@lru_cache(maxsize=1)
def dummy_hash() -> str:
    """A hash of a random secret with the real parameters, verified for unknown user names.

    Checking a password against it costs what checking a real one costs, so the answer's
    timing does not tell whether a user name exists.
    """
    return hash_password(secrets.token_urlsafe(32))


def new_token() -> str:
    return secrets.token_urlsafe(32)


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
