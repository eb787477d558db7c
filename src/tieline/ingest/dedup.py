"""Storing read documents: new and changed ones are stored, the same text again is skipped, and a
second copy of a text (under another id, or the same id with another text) is rejected as a duplicate.

:func:`store_inputs` is the ingest step of ``tieline run`` and ``tieline ingest``
(:meth:`tieline.api.Tieline.ingest`), of ``tieline watch`` and of the Spark engine's scratch store.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from tieline.ingest.checks import MAX_BYTES, MAX_ID_CHARS
from tieline.ingest.readers import IGNORED, WARNING, read_inputs
from tieline.records import Document, Reject
from tieline.reports import RunReport
from tieline.store import SQLStore

__all__ = ["store_inputs"]


def store_inputs(store: SQLStore, inputs: Sequence[str], *, report: RunReport | None = None,
                 check_language: bool = True, encoding: str | None = None, max_bytes: int = MAX_BYTES,
                 on_reject: Callable[[Reject], None] | None = None, batch: int = 64,
                 items: Iterable[Document | Reject] | None = None) -> RunReport:
    """Read ``inputs`` into ``store``, ``batch`` documents per write; the counts and rejects go into
    ``report`` (a new one when not given), which is returned.  ``items`` (already read Documents and
    Rejects) replaces reading ``inputs``."""
    report = report or RunReport()
    pending: dict[str, Document] = {}
    fingerprints: dict[str, str] = {}
    shas: dict[str, str] = {}

    def flush() -> None:
        store.put_documents(pending.values(), fingerprints)
        pending.clear()
        fingerprints.clear()

    def reject(r: Reject) -> None:
        report.rejects.append(r)
        store.add_rejects([r])
        if on_reject:
            on_reject(r)

    if items is None:
        items = read_inputs(list(inputs), check_language=check_language, encoding=encoding,
                            max_bytes=max_bytes)
    for item in items:
        if isinstance(item, Reject):
            if item.kind == IGNORED:
                report.ignored += 1
                if on_reject:
                    on_reject(item)
            elif item.kind == WARNING:
                report.warnings.append(item)
                store.add_rejects([item])
                if on_reject:
                    on_reject(item)
            else:
                reject(item)
            continue
        doc = item
        if len(doc.id) > MAX_ID_CHARS:
            reject(Reject(doc.path or doc.id[:MAX_ID_CHARS], f"id is {len(doc.id)} characters long; ids may "
                          f"have at most {MAX_ID_CHARS} (give the record a shorter 'id')", "id",
                          doc.id[:MAX_ID_CHARS] + "…", doc.sha256))
            continue
        if doc.id in pending:  # the same id twice in this input (e.g. a .txt and a .jsonl copy)
            first = pending[doc.id]
            if first.sha256 == doc.sha256:
                first.merge(doc)  # fills gaps; the fingerprint stays that of the first version
            else:
                reject(Reject(doc.path or doc.id, f"id {doc.id!r} given twice with different texts; "
                              "kept the first", "duplicate", doc.id, doc.sha256))
            continue
        state = store.document_state(doc.id)
        if state and state[0] == doc.sha256:
            # Same text.  The stored fingerprint is that of the version read first (from the
            # same path on a rerun): unchanged means skip.  Another copy of the text (a .txt
            # beside a .jsonl) only fills gaps in the stored metadata, so reruns never flip.
            if doc.fingerprint() == state[1]:
                report.skipped += 1
                continue
            stored = store.documents([doc.id])[0]
            if stored.path != doc.path:
                before = stored.fingerprint()
                stored.merge(doc)
                if stored.fingerprint() == before:
                    report.skipped += 1
                    continue
                doc = stored
        twin = shas.get(doc.sha256) or store.doc_id_for_sha(doc.sha256)
        if twin and twin != doc.id:
            reject(Reject(doc.path or doc.id, f"same text as document {twin!r}; not stored again",
                          "duplicate", doc.id, doc.sha256, detail=twin))
            continue
        if state:
            report.changed += 1
        else:
            report.stored += 1
        shas[doc.sha256] = doc.id
        fingerprints[doc.id] = doc.fingerprint()
        pending[doc.id] = doc
        if len(pending) >= batch:
            flush()
    flush()
    return report
