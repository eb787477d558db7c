from __future__ import annotations

import json
from pathlib import Path

from tieline.engines import LocalEngine
from tieline.records import Document, Reject, to_dict


def _docs(path: Path) -> list[Document]:
    return [Document(r["id"], r["text"], published=r["published"][:10])
            for r in map(json.loads, path.read_text("utf-8").splitlines()[:6])]


def _flat(batches: object) -> list[dict]:
    return [to_dict(a.events) for b in batches for a in b]  # type: ignore[attr-defined]


def test_two_workers_give_the_same_records_in_the_same_order(voa_sample: Path) -> None:
    docs = _docs(voa_sample)
    one = list(LocalEngine(workers=1, batch_size=2).analyze(docs))
    two = list(LocalEngine(workers=2, batch_size=2).analyze(docs))
    assert [a.doc.id for b in two for a in b] == [d.id for d in docs]  # type: ignore[union-attr]
    assert _flat(one) == _flat(two)


def test_a_failing_document_becomes_a_reject_and_the_rest_go_on(boom: str) -> None:
    engine = LocalEngine(workers=1, batch_size=4, components=("nlp", boom))
    docs = [Document("ok1", "Fine text."), Document("bad", "Please explode."), Document("ok2", "Fine too.")]
    (batch,) = list(engine.analyze(docs))
    kinds = [type(x).__name__ for x in batch]
    assert sorted(kinds) == ["Analysis", "Analysis", "Reject"]
    bad = next(x for x in batch if isinstance(x, Reject))
    assert bad.doc_id == "bad" and "component failed" in bad.reason
