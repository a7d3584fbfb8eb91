"""Staff accounts: checking passwords, the password rules, password changes, the admins.

There is no default credential: a migrated server has no staff until ``sync-server
create-admin`` (or the demo ``seed``) makes one, and the last active admin cannot be removed.
"""

from __future__ import annotations

import re
from datetime import datetime

from sqlmodel import Session, func, select

from sync_server.domain.audit import audit
from sync_server.domain.ids import new_id
from sync_server.domain.models import Staff
from sync_server.domain.security import dummy_hash, hash_password, verify_password
from sync_server.domain.sessions import end_staff_sessions
from sync_server.errors import Conflict, InvalidInput

USERNAME_PATTERN = re.compile(r"^[a-z0-9._-]{2,64}$")
PASSWORD_MIN_LENGTH = 10
PASSWORD_MAX_LENGTH = 200
# The first ones any attacker tries; longer lists belong in a real breach-list check.
COMMON_PASSWORDS = frozenset(
    {
        "0123456789",
        "1234567890",
        "12345678910",
        "0987654321",
        "1111111111",
        "abcdefghij",
        "abcd123456",
        "admin12345",
        "administrator",
        "clienteling",
        "contrasena",
        "contraseña",
        "iloveyou12",
        "letmein123",
        "password",
        "password1",
        "password12",
        "password123",
        "passw0rd123",
        "qwerty1234",
        "qwertyuiop",
        "welcome123",
    }
)


def password_problem(username: str, password: str) -> str | None:
    """Why a new password is refused, in plain words, or None when it is acceptable."""
    if len(password) < PASSWORD_MIN_LENGTH:
        return f"The password must have at least {PASSWORD_MIN_LENGTH} characters."
    if len(password) > PASSWORD_MAX_LENGTH:
        return f"The password must have at most {PASSWORD_MAX_LENGTH} characters."
    lowered = password.lower()
    name = username.strip().lower()
    if lowered == name or (len(name) >= 4 and name in lowered):
        return "The password must not contain the user name."
    if lowered in COMMON_PASSWORDS or len(set(lowered)) < 4:
        return "This password is too easy to guess; choose a longer, less common one."
    return None


def ensure_strong(username: str, password: str) -> None:
    problem = password_problem(username, password)
    if problem is not None:
        raise InvalidInput(problem, code="weak_password")


def find_staff(session: Session, username: str) -> Staff | None:
    return session.exec(select(Staff).where(Staff.username == username.strip().lower())).first()


def password_matches(staff: Staff | None, password: str) -> bool:
    """Check a password; an unknown user costs the same argon2 work as a known one."""
    if staff is None:
        verify_password(dummy_hash(), password)
        return False
    return verify_password(staff.password_hash, password)


def change_password(
    session: Session, staff: Staff, new_password: str, now: datetime, *, keep_session: str | None
) -> int:
    """Set a new password and end the staff member's other sessions; returns how many."""
    ensure_strong(staff.username, new_password)
    staff.password_hash = hash_password(new_password)
    ended = end_staff_sessions(session, staff.id, now, "password_changed", keep=keep_session)
    audit(session, "password_changed", staff_id=staff.id, store_id=staff.store_id)
    return ended


def active_admins(session: Session) -> int:
    query = select(func.count()).select_from(Staff).where(Staff.role == "admin", Staff.active)
    return int(session.exec(query).one())


def ensure_admin_remains(session: Session, target: Staff, *, active: bool, role: str) -> None:
    """Refuse a change that would leave the chain without an active admin (409)."""
    removes_admin = target.active and target.role == "admin" and (not active or role != "admin")
    if removes_admin and active_admins(session) <= 1:
        raise Conflict(
            f"'{target.username}' is the last active admin: create or reactivate another admin "
            "first, or nobody could manage staff and devices any more.",
            code="last_admin",
        )


def create_admin(session: Session, username: str, password: str, display_name: str) -> Staff:
    """The bootstrap admin (``sync-server create-admin``)."""
    name = username.strip().lower()
    if not USERNAME_PATTERN.match(name):
        raise InvalidInput(
            "A user name has 2 to 64 characters: letters, digits, dots, dashes, underscores.",
            code="invalid_username",
        )
    ensure_strong(name, password)
    if find_staff(session, name) is not None:
        raise Conflict(f"User name '{name}' is taken.", code="username_taken")
    staff = Staff(
        id=new_id(),
        username=name,
        display_name=display_name or name,
        role="admin",
        store_id=None,
        active=True,
        password_hash=hash_password(password),
    )
    session.add(staff)
    audit(session, "admin_created", staff_id=staff.id, detail=f"{name} (command line)")
    return staff
