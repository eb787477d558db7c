"""Story-linking cost as the corpus grows: 1x and 10x the same corpus.

    python bench/linking.py ../shared/corpus/voa/voa_stories.jsonl [--copies 10]

The corpus is analysed once; then k copies of its events are made with new
document ids and dates shifted by whole weeks (so copies are distinct
happenings, not duplicates), and the linker runs over 1x and k x the events.
Prints events, stories and seconds for each size, and the growth ratio of time
to the growth ratio of events (near 1 means near-linear).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import time
from datetime import date, timedelta
from pathlib import Path

from tieline.engines import LocalEngine
from tieline.records import Document, Event
from tieline.stories import StoryLinker


def shift(value: str | None, days: int) -> str | None:
    if not value:
        return value
    parts = value.split("-")
    if len(parts) == 3:
        return (date.fromisoformat(value) + timedelta(days=days)).isoformat()
    if len(parts) == 2:
        y, m = int(parts[0]), int(parts[1]) + days // 28
        y, m = y + (m - 1) // 12, (m - 1) % 12 + 1
        return f"{y:04d}-{m:02d}"
    return str(int(value) + days // 365)


def copies(events: list[Event], docs: dict[str, Document], k: int) -> tuple[list[Event], dict[str, Document]]:
    out_e, out_d = [], {}
    for c in range(k):
        days = 7 * 60 * c  # each copy ~14 months later: its own happenings
        for d in docs.values():
            nid = f"{d.id}~{c}"
            out_d[nid] = dataclasses.replace(d, id=nid, published=shift(d.published, days), text="")
        for e in events:
            out_e.append(dataclasses.replace(e, id=f"{e.id}~{c}", doc_id=f"{e.doc_id}~{c}",
                                             date=shift(e.date, days)))
    return out_e, out_d


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--copies", type=int, default=10)
    args = ap.parse_args()
    docs = {}
    for n, line in enumerate(args.corpus.read_text("utf-8").splitlines()):
        rec = json.loads(line)
        docs[str(rec.get("id", n))] = Document(str(rec.get("id", n)), rec["text"], source=rec.get("source"),
                                               published=(rec.get("published") or "")[:10] or None)
    t0 = time.perf_counter()
    events = [e for batch in LocalEngine().analyze(docs.values()) for a in batch for e in a.events]  # type: ignore[union-attr]
    print(f"analysed {len(docs)} articles into {len(events)} events in {time.perf_counter() - t0:.1f} s")
    base = None
    for k in (1, args.copies):
        evs, ds = copies(events, docs, k)
        t0 = time.perf_counter()
        stories = StoryLinker().link(evs, ds)
        secs = time.perf_counter() - t0
        multi = sum(1 for s in stories if s.sources > 1)
        print(f"{k:>3}x: {len(evs):>7} events -> {len(stories):>6} stories ({multi} with 2+ sources) "
              f"in {secs:.3f} s")
        if base is None:
            base = (len(evs), secs)
        else:
            growth = (secs / base[1]) / (len(evs) / base[0]) if base[1] else float("nan")
            print(f"time grew {secs / base[1]:.1f}x for {len(evs) / base[0]:.0f}x the events "
                  f"(ratio {growth:.2f}; 1.0 = linear)")


if __name__ == "__main__":
    main()
