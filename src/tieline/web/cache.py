"""What the web app computes from its store and reuses across requests, keyed on the store's
generation (:meth:`tieline.store.SQLStore.generation`: a token every committed write changes), so
that nothing cached outlives the data it was computed from, whichever process wrote it.

- :class:`TTLCache`: a small thread-safe cache with a size and an age limit (a timeline's
  selection, paged through 50 at a time; :class:`Scoped` puts the generation in its keys);
- :class:`ResponseCache`: ASGI middleware that replays whole ``GET /api/...`` answers for the
  same address, query and generation.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any
from urllib.parse import parse_qsl

import anyio
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("tieline.web")


class TTLCache:
    """At most ``size`` values, each for at most ``ttl`` seconds, least recently used out first;
    with ``weigh``, also at most ``max_weight`` in all (bytes of the answers kept, say)."""

    def __init__(self, size: int = 32, ttl: float = 60.0, weigh: Callable[[Any], int] | None = None,
                 max_weight: int = 0) -> None:
        if size < 1 or ttl <= 0:
            raise ValueError("a cache holds at least one value for some time")
        self.size = size
        self.ttl = ttl
        self.weigh = weigh
        self.max_weight = max_weight
        self._weight = 0
        self._items: OrderedDict[Hashable, tuple[float, Any]] = OrderedDict()
        self._lock = threading.Lock()
        self._flights: dict[Hashable, threading.Lock] = {}  # keys being computed (get_or_compute)

    def get(self, key: Hashable) -> Any:
        """The value stored under ``key`` if it is younger than ``ttl``, else None."""
        with self._lock:
            item = self._items.get(key)
            if item is None:
                return None
            if time.monotonic() - item[0] > self.ttl:
                self._drop(key)
                return None
            self._items.move_to_end(key)
            return item[1]

    def put(self, key: Hashable, value: Any) -> None:
        with self._lock:
            if key in self._items:
                self._drop(key)
            self._items[key] = (time.monotonic(), value)
            if self.weigh is not None:
                self._weight += self.weigh(value)
            while len(self._items) > self.size or (self.weigh is not None and self._weight > self.max_weight
                                                   and self._items):
                self._drop(next(iter(self._items)))

    def _drop(self, key: Hashable) -> None:
        _, value = self._items.pop(key)
        if self.weigh is not None:
            self._weight -= self.weigh(value)

    def get_or_compute(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """The value under ``key``, computed by ``compute()`` and kept when missing; concurrent
        callers for the same key wait for the first one's value instead of computing it again
        (twenty clients opening the same timeline at once make one selection, not twenty)."""
        found = self.get(key)
        if found is not None:
            return found
        with self._lock:
            flight = self._flights.setdefault(key, threading.Lock())
        with flight:
            found = self.get(key)
            if found is None:
                found = compute()
                self.put(key, found)
        with self._lock:
            self._flights.pop(key, None)
        return found

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._weight = 0

    def __len__(self) -> int:
        with self._lock:
            return len(self._items)


class Scoped:
    """A view of a cache whose keys carry ``scope`` (a store generation): values computed from
    another generation are never found, and age out of the underlying cache."""

    def __init__(self, cache: TTLCache, scope: Hashable) -> None:
        self.cache = cache
        self.scope = scope

    def get(self, key: Hashable) -> Any:
        return self.cache.get((self.scope, key))

    def put(self, key: Hashable, value: Any) -> None:
        self.cache.put((self.scope, key), value)

    def get_or_compute(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        return self.cache.get_or_compute((self.scope, key), compute)


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
