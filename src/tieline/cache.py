"""Small thread-safe caches for what readers compute from a store and reuse, keyed on the
store's generation (:meth:`tieline.store.SQLStore.generation`: a token every committed write
changes), so that nothing cached outlives the data it was computed from.

- :class:`TTLCache`: at most ``size`` values for at most ``ttl`` seconds, least recently used
  out first, optionally within a total weight (the timelines a :class:`tieline.api.Tieline` or
  the web app keeps: :func:`tieline.report.timeline.timeline_page`);
- :class:`Scoped`: a view of one whose keys carry a scope (a generation).
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

TIMELINE_STORIES = 20_000  # stories a reader keeps timelines of, in all (a few KB each)


def weight(value: Any) -> int:
    """How much of a cache's budget a value takes: its own ``weight`` (a timeline: its stories), else 1."""
    return int(getattr(value, "weight", 1))


def timeline_cache(size: int = 32, ttl: float = float("inf"), stories: int = TIMELINE_STORIES) -> TTLCache:
    """A cache for timelines (:func:`tieline.report.timeline.timeline_page`): at most ``size``
    values and ``stories`` stories in all, least recently used out first."""
    return TTLCache(size, ttl, weigh=weight, max_weight=stories)


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
