"""A signed-in staff member's tokens, held in memory only, renewed when they expire.

The access token lives minutes; this holder refreshes it shortly before it expires, or when
the server says it expired, and retries the call once. Refresh tokens are single-use, so
concurrent calls share one refresh (a lock, and "has someone renewed it meanwhile?"). Sign-out
ends the sign-in on the server; offline, it simply ends here (the server's session expires on
its own). No Qt: the app's session and the CLI use it alike.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

from clienteling.sync.client import (
    AccessTokenExpired,
    ApiClient,
    LoginResult,
    SignInRequired,
    SyncError,
)

log = logging.getLogger(__name__)
T = TypeVar("T")
# Renew this long before the access token's end, so a call does not race its expiry.
RENEW_MARGIN_SECONDS = 30.0


class StaffAuth:
    """Tokens of one sign-in; pass the ``ApiClient`` to use on each call (it can change)."""

    def __init__(
        self, login: LoginResult, *, monotonic: Callable[[], float] = time.monotonic
    ) -> None:
        self.session_id = login.session_id
        self.staff = login.staff
        self._monotonic = monotonic
        self._device_bound = login.device_id is not None
        self._lock = asyncio.Lock()
        self.ended = False
        self._take(login)

    def _take(self, login: LoginResult) -> None:
        self._access = login.access_token
        self._refresh = login.refresh_token
        self._renew_at = self._monotonic() + max(0.0, login.expires_in - RENEW_MARGIN_SECONDS)

    def _ensure_signed_in(self) -> None:
        if self.ended:
            raise SignInRequired(
                "You are signed out: sign in again while online to do this.",
                code="signed_out",
            )

    async def access_token(self, api: ApiClient) -> str:
        """A valid access token, refreshed first when it is about to expire."""
        self._ensure_signed_in()
        if self._monotonic() >= self._renew_at:
            return await self._renew(api, stale=self._access)
        return self._access

    async def call(self, api: ApiClient, request: Callable[[str], Awaitable[T]]) -> T:
        """Run ``request(access_token)``; on "token expired", refresh once and retry."""
        token = await self.access_token(api)
        try:
            return await request(token)
        except AccessTokenExpired:
            return await request(await self._renew(api, stale=token))

    async def _renew(self, api: ApiClient, *, stale: str) -> str:
        async with self._lock:
            self._ensure_signed_in()
            if self._access != stale:
                return self._access  # another call renewed it while this one waited
            device = api.token if self._device_bound else None
            try:
                login = await api.refresh(self._refresh, device_token=device)
            except SignInRequired:
                self.ended = True
                raise
            self._take(login)
            return self._access

    async def sign_out(self, api: ApiClient) -> None:
        """End the sign-in on the server; offline it still ends here."""
        if self.ended:
            return
        self.ended = True
        try:
            await api.logout(self._refresh)
        except SyncError as exc:
            log.info("sign-out not confirmed by the server: %s", exc.message)
