"""What the web app computes from its store and reuses across requests, keyed on the store's
generation (:meth:`tieline.store.SQLStore.generation`: a token every committed write changes), so
that nothing cached outlives the data it was computed from, whichever process wrote it.

- :class:`TTLCache` and :class:`Scoped` (from :mod:`tieline.cache`, where the library keeps
  them): a timeline, paged through 50 at a time, and what a timeline side's name means;
- :class:`ResponseCache`: ASGI middleware that replays whole ``GET /api/...`` answers for the
  same address, query and generation.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Hashable
from urllib.parse import parse_qsl

import anyio
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tieline.cache import Scoped as Scoped  # re-exports: the web app's caches are the library's
from tieline.cache import TTLCache as TTLCache

log = logging.getLogger("tieline.web")


def request_key(scope: Scope) -> tuple[str, tuple[tuple[str, str], ...]]:
    """The address and the query parameters of a request, the parameters ordered by name (the
    order of one parameter's repeated values is kept: it can matter)."""
    pairs = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
    return scope["path"], tuple(sorted(pairs, key=lambda kv: kv[0]))


class ResponseCache:
    """Pure ASGI middleware: the successful answers to ``GET`` requests under ``prefix``, replayed
    for the same address and query while ``generation()`` (the store's) stays the same (at most
    ``size`` answers and ``max_total`` bytes of them, per server process).

    The store is read-only to the app, so an answer depends on nothing else.  An answer bigger
    than ``max_bytes``, or anything but a 200, is not kept; when the generation cannot be read
    (every store connection busy) the request is answered without the cache."""

    def __init__(self, app: ASGIApp, generation: Callable[[], str], size: int = 512, ttl: float = 3600.0,
                 max_bytes: int = 1 << 20, max_total: int = 64 << 20, prefix: str = "/api/") -> None:
        self.app = app
        self.generation = generation
        self.cache = TTLCache(size, ttl, weigh=lambda answer: len(answer[2]), max_weight=max_total)
        self.max_bytes = max_bytes
        self.prefix = prefix
        self._flights: dict[Hashable, anyio.Event] = {}  # requests being answered (on the event loop)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or not scope["path"].startswith(self.prefix):
            await self.app(scope, receive, send)
            return
        try:
            generation = await run_in_threadpool(self.generation)
        except Exception:  # the app itself says what is wrong (503 when the store is busy)
            log.debug("no store generation: answering without the cache", exc_info=True)
            await self.app(scope, receive, send)
            return
        key = (generation, request_key(scope))
        hit = self.cache.get(key)
        if hit is None and key in self._flights:  # the same request is being answered: wait for it
            await self._flights[key].wait()
            hit = self.cache.get(key)
        if hit is not None:
            status, headers, body = hit
            await send({"type": "http.response.start", "status": status, "headers": list(headers)})
            await send({"type": "http.response.body", "body": body, "more_body": False})
            return
        done = self._flights.setdefault(key, anyio.Event())
        try:
            await self._answer(key, scope, receive, send)
        finally:
            if self._flights.get(key) is done:
                del self._flights[key]
            done.set()

    async def _answer(self, key: Hashable, scope: Scope, receive: Receive, send: Send) -> None:
        """Answer with the app, keeping a successful answer under ``key``."""
        start: Message | None = None
        chunks: list[bytes] = []
        size = 0

        async def keep(message: Message) -> None:
            nonlocal start, size
            if message["type"] == "http.response.start":
                start = message
            elif message["type"] == "http.response.body" and start is not None and start["status"] == 200:
                body = message.get("body", b"")
                size += len(body)
                if size <= self.max_bytes:
                    chunks.append(body)
                if not message.get("more_body", False) and size <= self.max_bytes:
                    self.cache.put(key, (200, tuple(start.get("headers", [])), b"".join(chunks)))
            await send(message)

        await self.app(scope, receive, keep)
