"""An httpx transport that loses requests or responses on purpose (the only fake in these tests).

It forwards to a real HTTP transport; a rule decides per request whether the request never
leaves (like a dead network), or the server handles it but the answer is lost (like a timeout
after the server committed), or the request is delivered twice.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

import httpx

Action = Literal["drop_request", "drop_response", "duplicate"] | None


@dataclass
class FaultyTransport(httpx.AsyncBaseTransport):
    rule: Callable[[httpx.Request], Action] = field(default=lambda request: None)
    offline: bool = False
    inner: httpx.AsyncBaseTransport = field(default_factory=httpx.AsyncHTTPTransport)
    seen: list[tuple[str, str, dict[str, str]]] = field(default_factory=list)
    delivered: int = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.seen.append((request.method, request.url.path, dict(request.url.params)))
        action = None if self.offline else self.rule(request)
        if self.offline or action == "drop_request":
            raise httpx.ConnectError("injected: network down", request=request)
        response = await self.inner.handle_async_request(request)
        self.delivered += 1
        if action == "drop_response":
            await response.aread()
            await response.aclose()
            raise httpx.ReadError("injected: response lost", request=request)
        if action == "duplicate":
            await response.aread()
            await response.aclose()
            response = await self.inner.handle_async_request(request)
            self.delivered += 1
        return response

    async def aclose(self) -> None:
        await self.inner.aclose()


def nth(path_end: str, numbers: set[int], action: Action) -> Callable[[httpx.Request], Action]:
    """Apply ``action`` to the n-th (1-based) requests whose path ends with ``path_end``."""
    count = 0

    def rule(request: httpx.Request) -> Action:
        nonlocal count
        if request.url.path.endswith(path_end):
            count += 1
            if count in numbers:
                return action
        return None

    return rule


def after(path_end: str, n: int, action: Action) -> Callable[[httpx.Request], Action]:
    """Apply ``action`` to every request to ``path_end`` after the first ``n``."""
    count = 0

    def rule(request: httpx.Request) -> Action:
        nonlocal count
        if request.url.path.endswith(path_end):
            count += 1
            if count > n:
                return action
        return None

    return rule
