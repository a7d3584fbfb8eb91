"""Calls a store manager makes with her own sign-in (not the tablet's device token).

Manager actions (assignments, campaigns, exports, GDPR requests, the audit log) change data
for the whole store or reveal it in bulk, so the server checks the person's role on each call;
the staff tokens live only in memory (``StaffAuth``), which refreshes the short-lived access
token transparently.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from clienteling.sync.client import ApiClient, SyncError
from clienteling.sync.staff_auth import StaffAuth

SegmentSpec = dict[str, Any]


class NeedsOnlineSignIn(SyncError):
    """The manager signed in offline (no staff token): online actions must wait."""


class ManagerApi:
    """Thin typed wrappers over the manager endpoints; errors are ``SyncError`` subclasses."""

    def __init__(self, api: ApiClient, auth: StaffAuth | None) -> None:
        self.api = api
        self.auth = auth

    @property
    def signed_in_online(self) -> bool:
        """False when she signed in offline (or signed out): online actions must wait."""
        return self.auth is not None and not self.auth.ended

    async def _call(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        params: dict[str, Any] | None = None,
    ) -> Any:
        response = await self._raw(method, path, json=json, params=params)
        return response.json()

    async def _raw(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        params: dict[str, Any] | None = None,
    ) -> Any:
        if self.auth is None or self.auth.ended:
            raise NeedsOnlineSignIn(
                "You signed in while the server was unreachable. Sign in again while online "
                "to do this.",
                code="needs_online_sign_in",
            )
        clean = {k: v for k, v in (params or {}).items() if v is not None}
        api = self.api
        return await self.auth.call(
            api,
            lambda token: api._request(method, path, json=json, params=clean or None, bearer=token),
        )

    # --- assignments and segments --------------------------------------------------------------

    async def assign(
        self,
        store_code: str,
        customer_ids: list[str],
        staff_id: str,
        *,
        task_title: str | None = None,
        due_in_days: int = 2,
    ) -> dict[str, Any]:
        body: dict[str, Any] = {
            "customer_ids": customer_ids,
            "staff_id": staff_id,
            "due_in_days": due_in_days,
        }
        if task_title:
            body["task_title"] = task_title
        result: dict[str, Any] = await self._call(
            "POST", f"/stores/{store_code}/assignments", json=body
        )
        return result

    async def segment_preview(self, store_code: str, segment: SegmentSpec) -> dict[str, Any]:
        result: dict[str, Any] = await self._call(
            "POST",
            "/outreach/segment-preview",
            json={"store_code": store_code, "segment": segment},
        )
        return result

    # --- campaigns -----------------------------------------------------------------------------

    async def campaigns(self, store_code: str) -> list[dict[str, Any]]:
        result: list[dict[str, Any]] = await self._call(
            "GET", "/outreach/campaigns", params={"store_code": store_code}
        )
        return result

    async def create_campaign(self, body: dict[str, Any]) -> dict[str, Any]:
        result: dict[str, Any] = await self._call("POST", "/outreach/campaigns", json=body)
        return result

    async def campaign(self, campaign_id: str) -> dict[str, Any]:
        result: dict[str, Any] = await self._call("GET", f"/outreach/campaigns/{campaign_id}")
        return result

    async def update_campaign(self, campaign_id: str, patch: dict[str, Any]) -> dict[str, Any]:
        result: dict[str, Any] = await self._call(
            "PATCH", f"/outreach/campaigns/{campaign_id}", json=patch
        )
        return result

    async def send_campaign(self, campaign_id: str) -> dict[str, Any]:
        result: dict[str, Any] = await self._call("POST", f"/outreach/campaigns/{campaign_id}/send")
        return result

    async def invitations(self, campaign_id: str) -> list[dict[str, Any]]:
        result: list[dict[str, Any]] = await self._call(
            "GET", f"/outreach/campaigns/{campaign_id}/invitations"
        )
        return result

    async def update_invitation(
        self, campaign_id: str, customer_id: str, patch: dict[str, Any]
    ) -> dict[str, Any]:
        """RSVP and/or attendance of one invited customer (invitations are keyed by customer)."""
        result: dict[str, Any] = await self._call(
            "PATCH",
            f"/outreach/campaigns/{campaign_id}/invitations/{customer_id}",
            json=patch,
        )
        return result

    async def cart_calls(self, body: dict[str, Any]) -> dict[str, Any]:
        result: dict[str, Any] = await self._call("POST", "/outreach/cart-calls", json=body)
        return result

    async def outreach_kpis(
        self, store_code: str, start: date, end: date, window_days: int | None = None
    ) -> dict[str, Any]:
        result: dict[str, Any] = await self._call(
            "GET",
            "/outreach/kpis",
            params={
                "store_code": store_code,
                "from": start.isoformat(),
                "to": end.isoformat(),
                "window_days": window_days,
            },
        )
        return result

    async def retention_preview(
        self, store_code: str, inactive_days: int | None = None
    ) -> dict[str, Any]:
        """How many of the store's customers the retention job would erase (erases nothing)."""
        result: dict[str, Any] = await self._call(
            "GET",
            "/outreach/retention-preview",
            params={"store_code": store_code, "inactive_days": inactive_days},
        )
        return result

    # --- exports, GDPR and the audit log -------------------------------------------------------

    async def export_customers_csv(
        self,
        store_code: str,
        customer_ids: list[str],
        *,
        channel: str = "email",
        purpose: str = "marketing",
    ) -> bytes:
        """CSV of those of ``customer_ids`` who consented to ``channel`` for ``purpose``."""
        response = await self._raw(
            "POST",
            "/exports/customers.csv",
            json={
                "store_code": store_code,
                "customer_ids": customer_ids,
                "channel": channel,
                "purpose": purpose,
            },
        )
        content: bytes = response.content
        return content

    async def export_customer(self, customer_id: str) -> dict[str, Any]:
        """Everything held about one customer (GDPR access request)."""
        result: dict[str, Any] = await self._call("GET", f"/customers/{customer_id}/export")
        return result

    async def erase_customer(self, customer_id: str) -> dict[str, Any]:
        result: dict[str, Any] = await self._call("POST", f"/customers/{customer_id}/erase")
        return result

    async def audit_log(self, **filters: Any) -> list[dict[str, Any]]:
        result: list[dict[str, Any]] = await self._call("GET", "/audit", params=filters)
        return result

    # --- outreach messages ---------------------------------------------------------------------

    async def messages(
        self,
        store_code: str,
        *,
        campaign_id: str | None = None,
        customer_id: str | None = None,
        status: str | None = None,
        channel: str | None = None,
        limit: int = 200,
    ) -> list[dict[str, Any]]:
        """The store's outreach log, newest first; skipped and failed ones carry the reason."""
        result: list[dict[str, Any]] = await self._call(
            "GET",
            "/outreach/messages",
            params={
                "store_code": store_code,
                "campaign_id": campaign_id,
                "customer_id": customer_id,
                "status": status,
                "channel": channel,
                "limit": limit,
            },
        )
        return result
