"""New documents attach to the stories already in the store, without relinking the corpus."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import SEEDS, need

import tieline


def test_second_source_joins_the_existing_story(tmp_path: Path) -> None:
    rows = [json.loads(line) for line in need(SEEDS).read_text("utf-8").splitlines()]
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    first.write_text(json.dumps(next(r for r in rows if r["published"])) + "\n")
    second.write_text(json.dumps(next(r for r in rows if not r["published"])) + "\n")
    with tieline.open(tmp_path / "s.duckdb") as t:
        t.run([str(first)])
        before = {s.id: s for s in t.stories()}
        assert all(s.sources == 1 for s in before.values())
        t.run([str(second)])
        after = {s.id: s for s in t.stories()}
        multi = [s for s in after.values() if s.sources == 2]
        assert len(multi) == 1, [s.summary for s in after.values()]
        (visit,) = multi
        assert visit.id in before  # the story kept its id: the new report attached to it
        assert [c.field for c in visit.conflicts] == ["date"]
        untouched = [sid for sid, s in before.items() if s.event_ids == after.get(sid, s).event_ids]
        assert untouched, "stories the new document does not touch stay as they were"
        ids = [e.id for e in t.store.events()]
        assert len(ids) == len(set(ids)) and all(e.story_id for e in t.store.events())
