"""The wire schema shared by the tablet app and the sync server.

Both sides import these models, so a field added here is a field both understand; the
``PROTOCOL_VERSION`` handshake catches a tablet that is older than the server.
"""

PROTOCOL_VERSION = 2
PROTOCOL_HEADER = "X-Clienteling-Protocol"
API_PREFIX = "/api/v1"
