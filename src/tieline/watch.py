"""``tieline watch PATH…``: follow folders and files, and keep the store current as articles land.

A polling loop (no platform file-event API, so it works on network drives and in containers):
every ``interval`` seconds the paths are listed; a supported file that is new or changed, and
whose size and modification time have held still for one poll (so a file still being written is
not read half-way), is read with the id a ``tieline run`` over its folder would give it, stored,
analysed, and its events linked into stories incrementally (:meth:`Tieline.link_stories` touches
only the stories of the countries involved); the full-text index is refreshed.

The store is opened for each update and closed between them, so ``tieline timeline`` (or
``tieline serve`` on PostgreSQL) can read a DuckDB store between two updates, and with
``copy`` a fresh copy of the DuckDB file is swapped in after each update for ``tieline serve
--db COPY``, which notices the new file and shows the new stories without a restart; an update that finds
the store locked by a reader waits and retries.  Stopping (Ctrl-C) keeps everything committed;
the first pass of the next start reads every path again, skips what is stored and analyses what
was left pending, so nothing that landed while it was stopped is lost.
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tieline import api
from tieline.ingest import MAX_BYTES, SUPPORTED
from tieline.ingest.readers import file_suffix, iter_files, read_path
from tieline.pipeline import Pipeline
from tieline.records import Document, Reject
from tieline.reports import RunReport
from tieline.store import StoreError

Signature = tuple[int, int]  # (mtime_ns, size)


def warm_up() -> None:
    """Load the model and the tables now, so the first article to land does not wait for them."""
    list(Pipeline().pipe([Document("warm-up", "The minister met the ambassador on Tuesday.")]))


@dataclass
class WatchOptions:
    interval: float = 1.0  # seconds between polls
    workers: int = 1
    check_language: bool = True
    encoding: str | None = None
    max_bytes: int = MAX_BYTES
    lock_wait: float = 60.0  # how long an update waits for a store that a reader holds
    copy: str | None = None  # a DuckDB file refreshed after each update, for `tieline serve --db COPY`


@dataclass
class Watcher:
    """The polling state: what was seen, and what was stored, per file."""

    db: str
    paths: Sequence[str]
    options: WatchOptions = field(default_factory=WatchOptions)
    log: Callable[[str], None] = lambda msg: print(msg, file=sys.stderr)
    on_reject: Callable[[Reject], None] | None = None
    _done: dict[Path, Signature] = field(default_factory=dict)  # stored at this signature
    _seen: dict[Path, Signature] = field(default_factory=dict)  # last poll's signature

    def files(self) -> Iterator[tuple[Path, Path, Signature]]:
        """(file, the folder its id is relative to, signature) of every supported file under the paths."""
        for raw in self.paths:
            p = Path(raw)
            candidates: Iterator[tuple[Path, Path]]
            if p.is_dir():
                candidates = ((f, p) for f in iter_files(p))
            elif p.is_file():
                candidates = iter([(p, p.parent)])
            else:
                continue
            for f, root in candidates:
                if file_suffix(f) not in SUPPORTED:
                    continue
                try:
                    st = f.stat()
                except OSError:  # removed between the listing and now
                    continue
                yield f, root, (st.st_mtime_ns, st.st_size)

    def poll(self) -> list[tuple[Path, Path, Signature]]:
        """Files new or changed since they were stored, whose signature held since the last poll."""
        ready = []
        seen: dict[Path, Signature] = {}
        for f, root, sig in self.files():
            seen[f] = sig
            if self._done.get(f) != sig and self._seen.get(f) == sig:
                ready.append((f, root, sig))
        self._seen = seen
        return ready

    def update(self, batch: list[tuple[Path, Path, Signature]]) -> str | None:
        """Store, analyse and link the files of ``batch``; a one-line summary (None if nothing to do)."""
        t = self._open()
        try:
            report = RunReport()
            o = self.options
            items: Iterator[Document | Reject] = (
                item for f, root, _ in batch
                for item in read_path(f, root, check_language=o.check_language, encoding=o.encoding,
                                      max_bytes=o.max_bytes))
            t.ingest([], report=report, items=items, on_reject=self.on_reject)
            t.analyze(workers=o.workers, report=report)
            report.stories = t.link_stories()
            t.index()
        finally:
            t.close()
        for f, _, sig in batch:
            self._done[f] = sig
        if self.options.copy:
            self.refresh_copy()
        if not (report.stored or report.changed or report.analyzed or report.rejects):
            return None
        names = ", ".join(f.name for f, _, _ in batch[:3]) + (f" and {len(batch) - 3} more" if len(batch) > 3 else "")
        return f"{time.strftime('%H:%M:%S')} {names}: {report.summary()}"

    def start(self) -> str | None:
        """The first pass: every file under the paths (what is stored is skipped, what was left
        pending by an earlier stop is analysed)."""
        batch = list(self.files())
        self._seen = {f: sig for f, _, sig in batch}
        return self.update(batch)

    def refresh_copy(self) -> None:
        """Swap a fresh copy of the DuckDB store in at ``options.copy`` (written aside, then renamed,
        so a reader sees the old copy or the new one, never half of one)."""
        assert self.options.copy
        if "://" in self.db:
            raise ValueError("--copy is for a DuckDB file store; a PostgreSQL store is served as it is")
        dest = Path(self.options.copy)
        tmp = dest.with_name(f".{dest.name}.tmp")
        shutil.copyfile(self.db, tmp)
        os.replace(tmp, dest)

    def _open(self) -> api.Tieline:
        deadline = time.monotonic() + self.options.lock_wait
        while True:
            try:
                return api.open(self.db)
            except StoreError as exc:
                if "lock" not in str(exc).lower() or time.monotonic() > deadline:
                    raise
                time.sleep(0.1)  # a reader (tieline timeline) holds the DuckDB file: wait for it

    def run(self, stop: Callable[[], bool] = lambda: False) -> None:
        """Poll until ``stop()`` says so (or Ctrl-C, which the caller catches)."""
        warm_up()
        if (line := self.start()) is not None:
            self.log(line)
        self.log(f"watching {', '.join(map(str, self.paths))} (every {self.options.interval:g} s; Ctrl-C stops)")
        while not stop():
            time.sleep(self.options.interval)
            batch = self.poll()
            if batch and (line := self.update(batch)) is not None:
                self.log(line)
