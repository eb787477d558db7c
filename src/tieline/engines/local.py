"""The local engine: the pipeline in this process, or in a pool of worker processes.

Workers load the model once (pool initializer) and receive documents in
batches; results come back in input order.  Memory stays bounded: at most
``workers * batch_size * 2`` documents are in flight at any moment, and the input is
read lazily (``Tieline.analyze`` pages pending documents out of the store by id), so a
corpus of any size streams through, and what was saved stays saved if the run stops.
"""

from __future__ import annotations

import multiprocessing as mp
import signal
import sys
import traceback
from collections import deque
from collections.abc import Generator, Iterable, Sequence
from itertools import islice
from multiprocessing.pool import AsyncResult
from typing import Any

from tieline.errors import SetupError
from tieline.pipeline import DEFAULT_COMPONENTS, Pipeline
from tieline.records import Analysis, Document, Reject

_WORKER_PIPELINE: Pipeline | None = None


def _init_worker(components: Sequence[str], config: dict[str, Any] | None) -> None:
    global _WORKER_PIPELINE
    # Ctrl-C reaches every process of the terminal's group: the parent alone decides what it
    # means (stop, keep what is committed) and terminates the pool; a worker that took it would
    # die with a traceback, possibly holding the task queue's lock, and hang the parent's exit.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _WORKER_PIPELINE = Pipeline(components, config)


def run_batch(pipeline: Pipeline, docs: list[Document]) -> list[Analysis | Reject]:
    """Analyse a batch; a document that makes a stage fail becomes a Reject, the rest go on.  A
    :class:`~tieline.errors.SetupError` (the language model missing...) is no document's fault: it
    stops the run, and the documents stay pending for the next one."""
    try:
        return list(pipeline.pipe(docs))
    except SetupError:
        raise
    except Exception:
        if len(docs) == 1:
            exc = sys.exc_info()[1]
            doc = docs[0]
            return [Reject(doc.path or doc.id, f"analysis failed: {type(exc).__name__}: {exc}", "error",
                           doc.id, doc.sha256, detail=traceback.format_exc(limit=3))]
        return [r for d in docs for r in run_batch(pipeline, [d])]


def _run_batch(docs: list[Document]) -> list[Analysis | Reject]:
    assert _WORKER_PIPELINE is not None
    return run_batch(_WORKER_PIPELINE, docs)


class LocalEngine:
    def __init__(self, workers: int = 1, batch_size: int = 8,
                 components: Sequence[str] = DEFAULT_COMPONENTS,
                 config: dict[str, Any] | None = None) -> None:
        if workers < 1:
            raise ValueError("--workers must be at least 1")
        self.workers = workers
        self.batch_size = batch_size
        self.components = tuple(components)
        self.config = config
        self._pipeline: Pipeline | None = None

    @property
    def pipeline(self) -> Pipeline:
        if self._pipeline is None:
            self._pipeline = Pipeline(self.components, self.config)
        return self._pipeline

    def analyze(self, docs: Iterable[Document]) -> Generator[list[Analysis | Reject], None, None]:
        """Analyses (or Rejects for documents that failed), one batch at a time, in input order."""
        it = iter(docs)
        if self.workers == 1:
            while batch := list(islice(it, self.batch_size)):
                yield run_batch(self.pipeline, batch)
            return
        ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
        with ctx.Pool(self.workers, initializer=_init_worker,
                      initargs=(self.components, self.config)) as pool:
            # A sliding window: a new batch goes out as soon as the oldest comes back, so no
            # worker waits for the slowest batch of a round, and at most `window` batches are in
            # flight.  (pool.imap would read the whole input ahead: the corpus in memory.)
            window = self.workers * 2
            in_flight: deque[AsyncResult[list[Analysis | Reject]]] = deque()
            while True:
                while len(in_flight) < window and (batch := list(islice(it, self.batch_size))):
                    in_flight.append(pool.apply_async(_run_batch, (batch,)))
                if not in_flight:
                    break
                yield in_flight.popleft().get()
