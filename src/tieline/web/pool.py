"""A small pool of read-only store connections, one per request at a time.

A DB-API connection must not be used by two threads at once, and the server answers requests on a
thread pool: each request borrows a connection and gives it back.  Connections are opened lazily
(at most ``size``) with ``read_only=True``; a request that waits longer than ``timeout`` seconds for
one gets :class:`Busy` (HTTP 503).
"""

from __future__ import annotations

import contextlib
import queue
import threading
from collections.abc import Callable, Iterator

from tieline.store import SQLStore, open_store


class Busy(RuntimeError):
    """Every connection stayed in use for the whole wait."""


class StorePool:
    def __init__(self, db: str, size: int = 4, timeout: float = 30.0,
                 opener: Callable[[str], SQLStore] | None = None) -> None:
        if size < 1:
            raise ValueError("a pool holds at least one connection")
        self.db = db
        self.size = size
        self.timeout = timeout
        self._open = opener or (lambda url: open_store(url, read_only=True))
        self._idle: queue.LifoQueue[SQLStore] = queue.LifoQueue()
        self._all: list[SQLStore] = []
        self._lock = threading.Lock()
        self._closed = False
        self._idle.put(self._new())  # open one now: a bad --db fails at start, not on a request

    def _new(self) -> SQLStore:
        store = self._open(self.db)
        self._all.append(store)
        return store

    def _take(self) -> SQLStore:
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            pass
        with self._lock:
            if self._closed:
                raise Busy("the store is closed")
            if len(self._all) < self.size:
                return self._new()
        try:
            return self._idle.get(timeout=self.timeout)
        except queue.Empty:
            raise Busy(f"all {self.size} store connections stayed busy for {self.timeout:g} s") from None

    @contextlib.contextmanager
    def store(self) -> Iterator[SQLStore]:
        """Borrow a connection for the length of the ``with`` block."""
        store = self._take()
        try:
            yield store
        except BaseException:
            store.rollback()  # a backend that aborts the transaction on an error needs this
            raise
        finally:
            self._idle.put(store)

    def close(self) -> None:
        with self._lock:
            self._closed = True
            for store in self._all:
                with contextlib.suppress(Exception):
                    store.close()
            self._all.clear()
