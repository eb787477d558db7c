"""Throughput of the tieline pipeline against spaCy's own parse of the same texts.

    python bench/throughput.py ../shared/corpus/voa/voa_stories.jsonl [--repeat 2] [--workers 1]
        [--components nlp,dates,actors,events,quotes] [--store]

Prints articles/s, words/s and peak RSS for spaCy's ``nlp.pipe`` alone and for
the tieline pipeline on the same texts in the same process, and their ratio.
With --store the pipeline also writes into a temporary DuckDB store (the whole
``tieline run`` path minus ingest). Figures, never pass/fail: this is not a test.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

from tieline.engines import LocalEngine
from tieline.nlp import load_model
from tieline.pipeline import DEFAULT_COMPONENTS
from tieline.records import Document


def peak_rss_mb() -> float:
    self_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    child_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(self_kb, child_kb) / 1024


def load(path: Path, repeat: int) -> list[Document]:
    docs = []
    for r in range(repeat):
        for n, line in enumerate(path.read_text("utf-8").splitlines()):
            if line.strip():
                rec = json.loads(line)
                docs.append(Document(f"{rec.get('id', n)}-{r}", rec["text"], title=rec.get("title"),
                                     published=(rec.get("published") or "")[:10] or None))
    return docs


def stage_costs(docs: list[Document], comps: tuple[str, ...]) -> None:
    """Each stage's own time, run stage by stage over the same documents, as a share of the parse."""
    from tieline.pipeline import Pipeline
    from tieline.records import Analysis

    pipeline = Pipeline(comps)
    analyses = [Analysis(d) for d in docs]
    costs: dict[str, float] = {}
    for name, comp in zip(pipeline.names, pipeline.components, strict=True):
        t0 = time.perf_counter()
        pipe = getattr(comp, "pipe", None)
        analyses = list(pipe(analyses)) if name == "nlp" and pipe else [comp(a) for a in analyses]
        costs[name] = time.perf_counter() - t0
    parse = costs.get("nlp") or 1.0
    for name, secs in costs.items():
        print(f"  stage {name:<8} {1000 * secs / len(docs):8.1f} ms/article  {100 * secs / parse:6.1f}% of the parse")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path, help="JSONL with a 'text' field per line")
    ap.add_argument("--repeat", type=int, default=1, help="read the corpus this many times")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--batch-size", type=int, default=8)
    ap.add_argument("--components", default=",".join(DEFAULT_COMPONENTS))
    ap.add_argument("--store", action="store_true", help="also write the analyses into a DuckDB store")
    ap.add_argument("--skip-spacy", action="store_true", help="do not time spaCy alone")
    ap.add_argument("--stages", action="store_true",
                    help="also time each stage alone over parsed documents (cost of each, e.g. actors)")
    ap.add_argument("--rounds", type=int, default=2,
                    help="time each side this many times, alternating, and keep the best (less noise)")
    args = ap.parse_args()

    docs = load(args.corpus, args.repeat)
    words = sum(len(d.text.split()) for d in docs)
    print(f"corpus: {args.corpus} x{args.repeat}: {len(docs)} articles, {words} words")
    nlp = load_model()
    nlp("warm up")

    comps = tuple(c for c in args.components.split(",") if c)
    engine = LocalEngine(workers=args.workers, batch_size=args.batch_size, components=comps)
    store = None
    if args.store:
        from tieline.store import open_store

        store = open_store(Path(tempfile.mkdtemp()) / "bench.duckdb")
        store.put_documents(docs)

    def run_spacy() -> float:
        t0 = time.perf_counter()
        for _ in nlp.pipe((d.text for d in docs), batch_size=args.batch_size):
            pass
        return time.perf_counter() - t0

    def run_tieline() -> tuple[float, int]:
        n_events = 0
        t0 = time.perf_counter()
        for batch in engine.analyze(docs):
            n_events += sum(len(getattr(a, "events", [])) for a in batch)
            if store is not None:
                store.save_analyses([a for a in batch if hasattr(a, "events")])
        return time.perf_counter() - t0, n_events

    spacy_times, tl_times, n_events = [], [], 0
    for _ in range(max(args.rounds, 1)):  # alternate, so drift in machine speed hits both sides
        if not args.skip_spacy:
            spacy_times.append(run_spacy())
        secs, n_events = run_tieline()
        tl_times.append(secs)
    spacy_s = min(spacy_times) if spacy_times else None
    tl_s = min(tl_times)
    if spacy_s:
        print(f"spaCy nlp.pipe : {len(docs) / spacy_s:8.2f} articles/s  {words / spacy_s:10.0f} words/s  "
              f"(best of {len(spacy_times)}: {spacy_s:.2f} s)")
    print(f"tieline ({'+'.join(comps)}, workers={args.workers}{', store' if store else ''}): "
          f"{len(docs) / tl_s:8.2f} articles/s  {words / tl_s:10.0f} words/s  (best of {len(tl_times)}: "
          f"{tl_s:.2f} s)  events {n_events}")
    print(f"peak RSS {peak_rss_mb():.0f} MB")
    if spacy_s:
        print(f"ratio to spaCy's own throughput: {spacy_s / tl_s:.2f}")
    if args.stages:
        stage_costs(docs, comps)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
