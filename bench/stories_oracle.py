"""The story linker alone, on the gold's own events: how many gold stories it gets right when every
event, actor and date is the annotator's.

    python bench/stories_oracle.py STORE.duckdb ../shared/gold/voa-dev.gold.json [--required] [--show]

The store only lends each gold document's sentences and publication date (any store that ran the
gold documents).  Each gold event becomes an Event: its first type, its actors (a gold person is a
``person:`` actor, an actor with a country that country), the sentence holding its cue, its date
(read in the text when the gold gives one, else the publication date).  The linker runs without a
parse; a gold story is right as in ``tieline eval``: its events share one story and no other gold
story's events are in it.  ``--required`` keeps the required events only.  Separates what the
linker does from what the event coder finds.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

from tieline.actors import country_code
from tieline.records import ActorRef, Event
from tieline.report.evaluate import _Gold
from tieline.store import open_store
from tieline.stories import StoryLinker


def gold_events(gold: _Gold, sentences: dict[str, list[dict[str, Any]]], published: dict[str, str],
                required_only: bool) -> list[Event]:
    def ref(key: str) -> ActorRef:
        a = gold.actors.get(key, {})
        code = country_code(a.get("name") or "")
        aid = (f"person:{key}" if gold.is_person(key) else f"country:{code}" if code and code == a.get("country")
               else f"gold:{key}")
        return ActorRef(aid, a.get("name") or key, (a.get("aliases") or [key])[0], a.get("country"), a.get("sector"))

    out = []
    for g in gold.data.get("events", []):
        if required_only and not g.get("required", True):
            continue
        sent = next((s for s in sentences.get(g["doc"], []) if g["cue"] in s["text"]), None)
        if sent is None:  # a cue across a sentence break of the store's splitter: the cue itself
            sent = {"text": g["cue"], "start_char": 0, "idx": 0}
        date = g.get("date")
        out.append(Event(g["id"], g["doc"], g["event"][0], [ref(k) for k in g.get("actor") or []],
                         [ref(k) for k in g.get("recipient") or []], sent["text"], sent["start_char"],
                         sent["start_char"] + len(sent["text"]), sentence=sent["idx"],
                         date=date or published.get(g["doc"]), date_source="text" if date else "published",
                         certainty=g.get("certainty") or "asserted"))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("db")
    ap.add_argument("gold", type=Path)
    ap.add_argument("--required", action="store_true", help="the required gold events only")
    ap.add_argument("--show", action="store_true", help="list the gold stories and why each fails")
    args = ap.parse_args()
    gold = _Gold(json.loads(args.gold.read_text("utf-8")))
    store = open_store(args.db, read_only=True)
    docs = {d.id: d for d in store.documents(gold.doc_ids, text=False)}
    sentences: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for doc_id in gold.doc_ids:
        sentences[doc_id] = store.query("SELECT idx, start_char, text FROM sentences WHERE doc_id = ? ORDER BY idx",
                                        [doc_id])
    published = {d: (docs[d].published or "")[:10] for d in docs}
    events = gold_events(gold, sentences, published, args.required)
    stories = StoryLinker(parse=False).link(events, docs)
    story_of = {eid: s.id for s in stories for eid in s.event_ids}
    by_gold: dict[str, set[str]] = defaultdict(set)
    owners: dict[str, set[str]] = defaultdict(set)
    for e, g in zip(events, [x for x in gold.data["events"] if not args.required or x.get("required", True)],
                    strict=True):
        if g.get("story"):
            by_gold[g["story"]].add(story_of[e.id])
            owners[story_of[e.id]].add(g["story"])
    scored = [s["id"] for s in gold.data.get("stories", [])
              if any(g.get("story") == s["id"] and g.get("required", True) for g in gold.data["events"])]
    right = 0
    for sid in scored:
        ids = by_gold.get(sid, set())
        split = len(ids) > 1
        shared = sorted({o for i in ids for o in owners[i]} - {sid})
        ok = bool(ids) and not split and not shared
        right += ok
        if args.show and not ok:
            print(f"  {sid}: {'split in ' + str(len(ids)) if split else ''} {'shared with ' + ', '.join(shared) if shared else ''}")
    print(f"oracle stories {right}/{len(scored)} right ({len(events)} gold events, {len(stories)} predicted stories)")


if __name__ == "__main__":
    main()
