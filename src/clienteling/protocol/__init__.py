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
