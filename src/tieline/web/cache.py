"""A small, thread-safe cache with an age limit, for what the web app computes from its
read-only store and reuses across requests (a timeline's selection, paged through 50 at a time).

A DuckDB file opened read-only cannot change while it is served; a PostgreSQL store written by
another process is seen at most ``ttl`` seconds late.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Hashable
from typing import Any


class TTLCache:
    def __init__(self, size: int = 32, ttl: float = 60.0) -> None:
        if size < 1 or ttl <= 0:
            raise ValueError("a cache holds at least one value for some time")
        self.size = size
        self.ttl = ttl
        self._items: OrderedDict[Hashable, tuple[float, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> Any:
        """The value stored under ``key`` if it is younger than ``ttl``, else None."""
        with self._lock:
            item = self._items.get(key)
            if item is None:
                return None
            if time.monotonic() - item[0] > self.ttl:
                del self._items[key]
                return None
            self._items.move_to_end(key)
            return item[1]

    def put(self, key: Hashable, value: Any) -> None:
        with self._lock:
            self._items[key] = (time.monotonic(), value)
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
