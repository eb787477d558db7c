"""``tieline load PARQUET_DIR``: a Parquet output of the Spark engine into a store.

The loader reads the folder chunk by chunk (see :mod:`tieline.engines.parquet`), turns the
rows back into :class:`~tieline.records.Analysis` records and hands them to the store with
the same calls and in the same batches (id order, the run's batch size) as ``tieline run``:
:meth:`~tieline.store.base.SQLStore.put_documents`, then
:meth:`~tieline.store.base.SQLStore.save_analyses` (which also fills ``event_actors`` and
merges ``actors``), :meth:`~tieline.store.base.SQLStore.mark_failed` and
:meth:`~tieline.store.base.SQLStore.add_rejects`.  Only those interface methods are used, so
any backend works.  Story linking and the search index are the API's next steps
(:meth:`tieline.api.Tieline.load`).

Reruns are safe: a document already stored with the same text and metadata and analysed (or
failed) is skipped; one stored under its id with another text or metadata is replaced; one
whose text is stored under another id is rejected as a duplicate, as ``tieline run`` does.
Rejects already in the store are not stored twice.  Each batch commits on its own, so an
interrupted load resumes where it stopped.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from tieline.engines.parquet import (
    ANALYSIS_TABLES,
    document,
    event,
    mention,
    quote,
    read_chunk,
    read_manifest,
    read_rows,
    sentence,
)
from tieline.ingest import WARNING
from tieline.records import Analysis, Reject
from tieline.reports import RunReport


def _key(r: Reject) -> tuple[Any, ...]:
    return r.path, r.reason, r.kind, r.doc_id, r.sha256


def _by_doc(rows: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        grouped[row["doc_id"]].append(row)
    return grouped


def _analysis(row: dict[str, Any], tables: dict[str, dict[str, list[dict[str, Any]]]]) -> Analysis:
    did = row["id"]
    return Analysis(
        document(row),
        sentences=[sentence(r) for r in sorted(tables["sentences"].get(did, []), key=lambda r: r["idx"])],
        mentions=[mention(r) for r in sorted(tables["mentions"].get(did, []), key=lambda r: r["seq"])],
        events=[event(r) for r in sorted(tables["events"].get(did, []), key=lambda r: (r["start"], r["id"]))],
        quotes=[quote(r) for r in sorted(tables["quotes"].get(did, []), key=lambda r: (r["start"], r["id"]))],
    )


class Loader:
    """Loads one Parquet folder into one store; counts go into a RunReport."""

    def __init__(self, store: Any, root: Path, report: Any,
                 on_reject: Callable[[Reject], None] | None = None) -> None:
        self.store = store
        self.root = root
        self.report = report
        self.on_reject = on_reject
        self.manifest = read_manifest(root)
        self._known = {_key(r) for r in store.rejects()}

    def reject(self, r: Reject) -> None:
        """Report a reject; store it unless the store has it already (a rerun)."""
        (self.report.warnings if r.kind == WARNING else self.report.rejects).append(r)
        if self.on_reject:
            self.on_reject(r)
        if _key(r) not in self._known:
            self._known.add(_key(r))
            self.store.add_rejects([r])

    def run(self, progress: Callable[[int, int], None] | None = None) -> Any:
        rows = read_rows(self.root / "rejects")
        cols = ("path", "reason", "kind", "doc_id", "sha256", "detail")
        staged = [(Reject(**{c: r[c] for c in cols}), r["stage"]) for r in rows]
        failed = {r.doc_id for r, stage in staged if stage == "analysis" and r.doc_id}
        for r, stage in staged:
            if stage != "analysis":
                self.reject(r)
        total, done = int(self.manifest["documents"]), 0
        batch = int(self.manifest["batch_size"])
        for chunk in range(int(self.manifest["chunks"])):
            docs = sorted(read_chunk(self.root, "documents", chunk), key=lambda r: r["id"])
            tables = {t: _by_doc(read_chunk(self.root, t, chunk)) for t in ANALYSIS_TABLES if t != "event_actors"}
            for start in range(0, len(docs), batch):
                self._batch(docs[start:start + batch], tables, failed)
                done += len(docs[start:start + batch])
                if progress:
                    progress(done, total)
        for r, stage in staged:
            if stage == "analysis":
                self.reject(r)
        return self.report

    def _batch(self, rows: Sequence[dict[str, Any]], tables: dict[str, dict[str, list[dict[str, Any]]]],
               failed: set[str]) -> None:
        store, report = self.store, self.report
        todo, fingerprints = [], {}
        for row in rows:
            doc = document(row)
            fp = row["fingerprint"] or doc.fingerprint()
            state = store.document_state(doc.id)
            if state and (state[0], state[1]) == (doc.sha256, fp) and state[2] != "ingested":
                report.skipped += 1
                continue
            twin = store.doc_id_for_sha(doc.sha256)
            if twin and twin != doc.id:
                self.reject(Reject(doc.path or doc.id, f"same text as document {twin!r}; not stored again",
                                   "duplicate", doc.id, doc.sha256, detail=twin))
                continue
            if state and (state[0], state[1]) != (doc.sha256, fp):
                report.changed += 1
            else:
                report.stored += 1
            todo.append(row)
            fingerprints[doc.id] = fp
        if not todo:
            return
        store.put_documents([document(r) for r in todo], fingerprints)
        good = [_analysis(r, tables) for r in todo if r["id"] not in failed]
        store.save_analyses(good)
        bad = [r["id"] for r in todo if r["id"] in failed]
        store.mark_failed(bad)
        report.analyzed += len(good)
        report.failed += len(bad)


def load_parquet(store: Any, root: str | Path, *, report: Any = None,
                 on_reject: Callable[[Reject], None] | None = None,
                 progress: Callable[[int, int], None] | None = None) -> Any:
    """Load a Spark engine output folder into ``store``; returns the RunReport (no stories yet)."""

    return Loader(store, Path(root), report or RunReport(), on_reject).run(progress)
