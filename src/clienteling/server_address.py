"""Which sync server addresses the app will talk to: HTTPS, or plain HTTP on this machine only.

Over plain ``http://`` a manager's password, the device token and every customer's data would
cross the store's network in clear text. Loopback addresses (the demo's embedded server,
127.0.0.0/8, ``::1``, ``localhost``) never leave the machine, so they are allowed; anything else
needs ``https://`` or the explicit ``allow_insecure_http`` setting (a test lab). No Qt here: the
CLI, the sync client and the app share it; the app shows its own translation of the message.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain"})


def is_loopback(host: str) -> bool:
    host = host.strip("[]").lower().rstrip(".")
    if host in LOOPBACK_NAMES or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def is_insecure(url: str, *, allow_insecure_http: bool = False) -> bool:
    """True when the app must refuse ``url``: plain HTTP to another machine, not allowed."""
    parts = urlsplit(url.strip())
    if parts.scheme.lower() != "http" or allow_insecure_http:
        return False
    return not is_loopback(parts.hostname or "")


def insecure_message(url: str) -> str:
    """Why ``url`` is refused, for logs and the command line (the app translates its own)."""
    return (
        f"The server address {url} uses plain http://, which would send passwords and customer "
        "data unencrypted. Use its https:// address; only for a test server, set "
        "allow_insecure_http = true (or CLIENTELING_ALLOW_INSECURE_HTTP=1)."
    )
