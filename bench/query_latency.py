"""Timeline latency on a large store: ``Tieline.timeline("KAZ", "USA")`` over ~1M events.

    python bench/query_latency.py                                   # DuckDB, $TMPDIR/tieline-latency.duckdb
    python bench/query_latency.py --backend postgres --db postgresql://user@127.0.0.1:5432/bench
    python bench/query_latency.py --events 200000 --runs 20 --rebuild

Builds (once; reused while it holds at least ``--events`` events, ``--rebuild`` to start again) a
store of synthetic but realistically shaped rows: documents, events with their ``event_actors``
rows (one actor and one recipient country each, over ~100 countries with a skewed, news-like
frequency: many pairs, a few hundred events between KAZ and USA), stories of 1-4 events from
different documents (some with a date conflict) and quotes.  Rows go in through the store's own
bulk path (Arrow for DuckDB, COPY for PostgreSQL), one transaction per chunk.  Then it times the
real API call N times after a warm-up and prints p50 / p95 / max in milliseconds: ``--cold`` with
the timeline cache emptied before each call (what a pair's first request costs), else repeated
calls answered from it.  Like ``tieline serve`` once warm, the process freezes what it has loaded
out of the garbage collector's way first (``--no-freeze``: not).
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tieline.api import Tieline
from tieline.records import stable_id
from tieline.store import SQLStore, open_store

# A skewed, news-like spread of countries: the first appear far more often than the last.
_COUNTRY_LIST = (
    "USA CHN RUS GBR FRA DEU UKR IRN ISR IND JPN TUR SAU PRK KOR PAK SYR EGY BRA CAN ITA AUS MEX IRQ AFG "
    "VEN QAT ESP POL ZAF NGA ETH KEN IDN PHL VNM THA MYS SGP BGD LKA MMR NPL ARG CHL COL PER CUB NLD BEL "
    "SWE NOR FIN DNK CHE AUT CZE HUN ROU BGR GRC SRB HRV BLR GEO ARM AZE KAZ UZB KGZ TJK TKM MNG JOR LBN "
    "ARE OMN KWT BHR YEM LBY TUN DZA MAR SDN SSD SOM UGA TZA RWA COD AGO ZWE ZMB MOZ GHA CIV SEN MLI NER "
    "TCD CMR BFA NZL PNG FJI ISL IRL PRT"
)
COUNTRIES = _COUNTRY_LIST.split()
PAIR = ("KAZ", "USA")
TYPES = ["CONSULT", "AGREE", "COOPERATE", "SUPPORT", "REQUEST", "ACCUSE", "AID", "SANCTION", "THREATEN",
         "PROTEST", "REJECT", "MOBILIZE"]
STORY_SIZES = ([1] * 50) + ([2] * 25) + ([3] * 15) + ([4] * 10)  # events per story, mean 1.85


def ref(code: str) -> dict[str, Any]:
    return {"actor_id": f"country:{code}", "name": f"Country {code}", "text": code, "country": code,
            "sector": "GOV"}


class Synth:
    """Deterministic synthetic rows, produced chunk by chunk (so memory stays flat)."""

    def __init__(self, events: int, pair_events: int, seed: int = 7) -> None:
        self.rng = random.Random(seed)
        self.target = events
        self.docs = max(events // 10, 1)
        self.weights = [1 / (rank + 1) ** 0.9 for rank in range(len(COUNTRIES))]
        self.pair_p = pair_events / events  # chance that an event is planted between PAIR
        self.n_events = self.n_stories = self.n_quotes = 0

    def documents(self, start: int, stop: int) -> list[list[Any]]:
        rows = []
        for i in range(start, stop):
            day = f"{self.rng.randint(2000, 2024)}-{self.rng.randint(1, 12):02d}-{self.rng.randint(1, 28):02d}"
            rows.append([f"d{i:07d}", f"Report {i} on talks between two governments", f"Wire {i % 40}",
                         f"https://news.example/{i}", day, f"{self.rng.getrandbits(256):064x}", None, None,
                         "jsonl", "en", "Body text. " * 30, "analyzed", None, None])
        return rows

    def _pair(self) -> tuple[str, str]:
        if self.rng.random() < self.pair_p:  # per story: pair_p x stories x 1.85 events = pair_events
            return PAIR if self.rng.random() < 0.5 else PAIR[::-1]
        a, b = self.rng.choices(COUNTRIES, self.weights, k=2)
        while b == a or {a, b} == set(PAIR):  # the pair's share is --pair-events, not chance
            a, b = self.rng.choices(COUNTRIES, self.weights, k=2)
        return a, b

    def chunk(self, stories: int) -> dict[str, list[list[Any]]]:
        out: dict[str, list[list[Any]]] = {"events": [], "event_actors": [], "stories": [], "quotes": []}
        rng = self.rng
        for _ in range(stories):
            if self.n_events >= self.target:
                break
            sid = stable_id("story", self.n_stories)  # hashed ids, as the pipeline makes them
            self.n_stories += 1
            a, b = self._pair()
            kind = rng.choice(TYPES)
            date = f"{rng.randint(2000, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            docs = sorted({f"d{rng.randrange(self.docs):07d}" for _ in range(rng.choice(STORY_SIZES))})
            conflict = len(docs) > 1 and rng.random() < 0.1
            eids = []
            for n, doc in enumerate(docs):
                eid = stable_id(doc, self.n_events)
                self.n_events += 1
                eids.append(eid)
                day = date if not (conflict and n == 1) else date[:8] + f"{int(date[8:]) + 1:02d}"
                sent = rng.randrange(40)
                text = f"Country {a} and Country {b} held {kind.lower()} talks on trade and security."
                out["events"].append([
                    eid, doc, kind, None, None, json.dumps([ref(a)]), json.dumps([ref(b)]), day, "on Tuesday",
                    "text", None, text, sent * 150, sent * 150 + len(text), sent, "asserted", "[]", "[]", sid,
                    0.8, "held", f"|{min(a, b)}|{max(a, b)}|", "rules"])
                out["event_actors"] += [[eid, doc, "actor", f"country:{a}", f"Country {a}", a, "GOV"],
                                        [eid, doc, "recipient", f"country:{b}", f"Country {b}", b, "GOV"]]
                if rng.random() < 0.3:
                    qid = stable_id(doc, "quote", self.n_quotes)
                    self.n_quotes += 1
                    out["quotes"].append([qid, doc, f"We had good {kind.lower()} talks with Country {b}.",
                                          sent * 150 + 200, sent * 150 + 250, json.dumps(ref(a)), f"country:{a}",
                                          a, "said", sent + 1, json.dumps([eid] if rng.random() < 0.5 else [])])
            conflicts = [{"field": "date", "values": [{"value": date, "doc_ids": docs[:1]},
                                                      {"value": out["events"][-len(docs) + 1][7],
                                                       "doc_ids": docs[1:2]}]}] if conflict else []
            out["stories"].append([sid, kind, date, json.dumps([ref(a)]), json.dumps([ref(b)]), json.dumps(eids),
                                   json.dumps(docs), len(docs), f"{kind} — Country {a} and Country {b} held talks",
                                   json.dumps(conflicts), None])
        return out


def build(store: SQLStore, events: int, pair_events: int, chunk: int = 50_000) -> dict[str, Any]:
    synth = Synth(events, pair_events)
    t0 = time.perf_counter()
    for table in ("events", "event_actors", "stories", "quotes", "documents"):
        store.execute(f"{'TRUNCATE' if store.backend == 'postgres' else 'DELETE FROM'} {table}")
    for start in range(0, synth.docs, chunk * 2):
        store.begin()
        store.insert("documents", synth.documents(start, min(start + chunk * 2, synth.docs)))
        store.commit()
    while synth.n_events < events:
        rows = synth.chunk(chunk)
        store.begin()
        for table, batch in rows.items():
            store.insert(table, batch)
        store.commit()
        print(f"  {synth.n_events:,} events", end="\r", file=sys.stderr, flush=True)
    if store.backend == "postgres":
        store.execute("ANALYZE")  # fresh statistics, as autovacuum would give a long-lived store
    return {"events": synth.n_events, "stories": synth.n_stories, "quotes": synth.n_quotes,
            "documents": synth.docs, "seconds": time.perf_counter() - t0}


def percentile(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, max(0, round(p / 100 * len(s) + 0.5) - 1))]


def timings(t: Tieline, runs: int, warmup: int, cold: bool = False) -> Iterator[float]:
    """Milliseconds of each call after ``warmup`` ones; ``cold``: the Tieline's timeline cache is
    emptied before each, so every call reads the store (what a pair's first request costs)."""
    for i in range(warmup + runs):
        if cold:
            t.cache.clear()
        t0 = time.perf_counter()
        t.timeline(*PAIR)
        ms = (time.perf_counter() - t0) * 1000
        if i >= warmup:
            yield ms


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--backend", choices=["duckdb", "postgres"], default="duckdb")
    ap.add_argument("--db", help="DuckDB file (default $TMPDIR/tieline-latency.duckdb) or PostgreSQL URL")
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--pair-events", type=int, default=300, help="events planted between KAZ and USA")
    ap.add_argument("--runs", type=int, default=50)
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--rebuild", action="store_true", help="rebuild the store even if it is big enough")
    ap.add_argument("--cold", action="store_true",
                    help="empty the timeline cache before each call (default: repeated calls, answered from it)")
    ap.add_argument("--no-freeze", action="store_true",
                    help="leave the loaded objects to the garbage collector (a server freezes them once warm: "
                         "tieline.web.app.warm_up); its full collections then pause some calls")
    args = ap.parse_args()
    default = str(Path(tempfile.gettempdir()) / "tieline-latency.duckdb")
    db = args.db or (default if args.backend == "duckdb" else None)
    if not db:
        ap.error("--backend postgres needs --db postgresql://user@host:port/database")
    if (args.backend == "postgres") != db.startswith(("postgres://", "postgresql://")):
        ap.error(f"--db {db} does not fit --backend {args.backend}")
    if args.backend == "duckdb":
        Path(db).parent.mkdir(parents=True, exist_ok=True)
        if args.rebuild:  # a new file: deleting a million indexed rows takes longer than writing them
            for path in (Path(db), Path(db + ".wal")):
                path.unlink(missing_ok=True)
    store = open_store(db)
    have = int(store.query("SELECT count(*) AS n FROM events")[0]["n"])
    if args.rebuild or have < args.events:
        print(f"building {args.events:,} synthetic events in {store.url} ...", file=sys.stderr)
        info = build(store, args.events, args.pair_events)
        print(f"built: {info['events']:,} events, {info['stories']:,} stories, {info['quotes']:,} quotes, "
              f"{info['documents']:,} documents in {info['seconds']:.1f} s")
    else:
        print(f"reusing {store.url}: {have:,} events (--rebuild to build again)")
    t = Tieline(store)
    with t:
        entries = t.timeline(*PAIR)
        if not args.no_freeze:  # what `tieline serve` does once warm: the loaded registry out of the GC's way
            gc.freeze()
        ms = list(timings(t, args.runs, args.warmup, args.cold))
    how = "cold" if args.cold else "cached"
    print(f"{store.backend}: timeline {PAIR[0]} {PAIR[1]} -> {len(entries)} entries; {args.runs} {how} runs: "
          f"p50 {statistics.median(ms):.1f} ms, p95 {percentile(ms, 95):.1f} ms, max {max(ms):.1f} ms")


if __name__ == "__main__":
    main()
