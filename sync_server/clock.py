"""The server's notion of "now", injectable so tests move time instead of sleeping."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from clienteling.protocol.types import utcnow

Clock = Callable[[], datetime]
system_clock: Clock = utcnow
