"""The Clienteling sync server: golden customer records, ingestion, analytics and device sync."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("clienteling")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"
