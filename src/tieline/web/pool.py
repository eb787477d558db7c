"""A small pool of read-only store connections, one per request at a time.

A DB-API connection must not be used by two threads at once, and the server answers requests on a
thread pool: each request borrows a connection and gives it back.  Connections are opened lazily
(at most ``size``) with ``read_only=True``; a request that waits longer than ``timeout`` seconds for
one gets :class:`Busy` (HTTP 503).

A DuckDB file replaced under the server (``tieline watch --copy`` swaps in a fresh copy after each
update) is noticed on the next borrow: connections to the old file are closed as they come back
and new ones open the new file (once no request still reads the old one), so the app shows new
stories without a restart.
"""

from __future__ import annotations

import contextlib
import os
import queue
import threading
from collections.abc import Callable, Iterator

from tieline.errors import Busy as Busy  # re-export: its old home
from tieline.store import SQLStore, open_store


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
        self._stamp = self._file_stamp()
        self._generation = 0
        self._born: dict[int, int] = {}  # id(store) -> the generation it was opened in
        self._generations: dict[int, str] = {}  # a DuckDB file's store generation, by file generation
        self._gen_store: SQLStore | None = None  # a server's: read on a connection of its own
        self._gen_lock = threading.Lock()
        self._idle.put(self._new())  # open one now: a bad --db fails at start, not on a request

    def _new(self) -> SQLStore:
        store = self._open(self.db)
        # DuckDB shares one database instance among the connections of a process to one path: while
        # a connection to the replaced file is still out, a new one reads the old file too, so it
        # counts as old and is closed when it comes back.
        stale = any(born != self._generation for born in self._born.values())
        self._all.append(store)
        self._born[id(store)] = -1 if stale else self._generation
        return store

    def _file_stamp(self) -> tuple[int, int] | None:
        """(inode, mtime) of a DuckDB file store; None for a server URL or a missing file."""
        if "://" in self.db:
            return None
        try:
            st = os.stat(self.db)
        except OSError:
            return None
        return st.st_ino, st.st_mtime_ns

    def _refresh(self) -> None:
        """A new file in place of the store's (a refreshed copy): retire every connection to the old one."""
        stamp = self._file_stamp()
        if stamp is None or stamp == self._stamp:
            return
        with self._lock:
            if stamp == self._stamp:
                return
            self._stamp = stamp
            self._generation += 1
            while True:
                try:
                    self._retire(self._idle.get_nowait())
                except queue.Empty:
                    break

    def _retire(self, store: SQLStore) -> None:
        with contextlib.suppress(Exception):
            store.close()
        with contextlib.suppress(ValueError):
            self._all.remove(store)
        self._born.pop(id(store), None)

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
        self._refresh()
        store = self._take()
        try:
            yield store
        except BaseException:
            store.rollback()  # a backend that aborts the transaction on an error needs this
            raise
        finally:
            if self._born.get(id(store)) != self._generation:
                with self._lock:
                    self._retire(store)  # opened on a file since replaced
            else:
                self._idle.put(store)

    def generation(self) -> str:
        """A token that changes when the store's content may have: a new file swapped in, or a
        write committed to the store (:meth:`SQLStore.generation`).  What the app caches is keyed
        on it, so it is read without waiting for a request's connection: a DuckDB file's once per
        file (no one writes it while it is open read-only), a server's on a connection of its own."""
        self._refresh()
        if "://" not in self.db:  # a DuckDB file
            current = self._generation
            known = self._generations.get(current)
            if known is not None:
                return f"{current}:{known}"
            with self.store() as store:
                born, known = self._born.get(id(store)), store.generation()
            if born == self._generation:
                self._generations = {born: known}
            return f"{born}:{known}"
        with self._gen_lock:
            if self._gen_store is None:
                self._gen_store = self._open(self.db)
            try:
                return f"{self._generation}:{self._gen_store.generation()}"
            except Exception:
                with contextlib.suppress(Exception):
                    self._gen_store.close()
                self._gen_store = None  # a dropped connection: opened again next time
                raise

    def close(self) -> None:
        with self._gen_lock:
            if self._gen_store is not None:
                with contextlib.suppress(Exception):
                    self._gen_store.close()
                self._gen_store = None
        with self._lock:
            self._closed = True
            for store in self._all:
                with contextlib.suppress(Exception):
                    store.close()
            self._all.clear()
