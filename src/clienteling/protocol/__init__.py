"""The wire schema shared by the tablet app and the sync server.

Both sides import these models, so a field added here is a field both understand; the
``PROTOCOL_VERSION`` handshake catches a tablet that is older than the server.
"""

PROTOCOL_VERSION = 2
PROTOCOL_HEADER = "X-Clienteling-Protocol"
API_PREFIX = "/api/v1"
# On ``/auth/login`` and ``/auth/refresh``: the tablet's device token, binding the sign-in to it.
DEVICE_HEADER = "X-Clienteling-Device"
# On device calls made for a signed-in assistant: her staff access token.
STAFF_HEADER = "X-Clienteling-Staff"

# Shared-tablet defaults, the same on both sides (the server's settings start from these and its
# handshake tells each tablet the values in force): an assistant may sign in with her PIN for
# this many days after her last online sign-in on a tablet, and a tablet that has not synced for
# this many days hides its customer data until it syncs again.
DEFAULT_OFFLINE_SIGNIN_DAYS = 7
DEFAULT_STALE_SYNC_LOCK_DAYS = 14
