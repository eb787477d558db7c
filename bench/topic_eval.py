"""Date-F1 of topic timelines on the hand-written VOA reference timelines, with a naive baseline.

For each reference in tests/report/fixtures/topic_*.jsonl (query in the table below), prints the
precision, recall and F1 of exact days for

* ``topic``: ``tieline timeline --query`` (as many dates as the reference has), and
* ``busiest``: the baseline of the timeline-summarization literature, the publication days with
  the most articles that name the query (case-insensitive, in the title or text; ties: earlier).

Usage: PYTHONPATH=src python bench/topic_eval.py [--db /tmp/topic/voa.duckdb]
(the store from ``tieline run ../shared/corpus/voa/voa_stories.jsonl --db ...``).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

import tieline
from tieline.report.evaluate import read_reference_timeline

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "report" / "fixtures"
QUERIES = {"topic_north_korea.jsonl": "North Korea", "topic_tariffs.jsonl": "tariffs",
           "topic_somalia.jsonl": "Somalia"}


def prf(pred: list[str], ref: list[str]) -> dict[str, float]:
    tp = len(set(pred) & set(ref))
    p = tp / len(set(pred)) if pred else 0.0
    r = tp / len(ref) if ref else 0.0
    return {"p": round(p, 3), "r": round(r, 3), "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0}


def busiest(t: tieline.Tieline, query: str, k: int) -> list[str]:
    q = query.lower()
    names = q[:-1] if q.endswith("s") else q  # "tariffs" also names "tariff"
    days = Counter(d.published[:10] for d in t.store.documents()
                   if d.published and names in f"{d.title or ''} {d.text}".lower())
    return [d for d, _ in sorted(days.items(), key=lambda x: (-x[1], x[0]))[:k]]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", default="/tmp/topic/voa.duckdb")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    rows = []
    with tieline.open(args.db, read_only=True) as t:
        for name, query in QUERIES.items():
            ref = read_reference_timeline(FIXTURES / name)
            topic = [e.date[:10] for e in t.topic_timeline(query, len(ref))]
            rows.append({"query": query, "reference": len(ref), "topic": prf(topic, ref),
                         "busiest": prf(busiest(t, query, len(ref)), ref)})
    if args.json:
        print(json.dumps(rows, indent=2))
        return
    print(f"{'query':<12} {'ref':>3}  {'topic P/R/F1':<20} {'busiest P/R/F1':<20}")
    for r in rows:
        tp, bp = r["topic"], r["busiest"]
        print(f"{r['query']:<12} {r['reference']:>3}  {tp['p']:.2f}/{tp['r']:.2f}/{tp['f1']:.3f}      "
              f"{bp['p']:.2f}/{bp['r']:.2f}/{bp['f1']:.3f}")


if __name__ == "__main__":
    main()
