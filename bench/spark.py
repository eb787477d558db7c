"""The same corpus through the local engine (1 and 2 workers) and Spark (local[1], local[2]).

    python bench/spark.py                                  # the VOA corpus (89 articles)
    python bench/spark.py CORPUS.jsonl --repeat 3          # 3 copies with distinct ids and texts
    python bench/spark.py --workers 1,2 --masters "local[1],local[2]"

Every configuration takes the corpus from files to a fresh DuckDB store:

* local N: ``Tieline.run(workers=N)``: ingest, analyse, link stories, index;
* Spark local[N]: ``SparkEngine.run`` (ingest on the driver, analysis on Spark, Parquet out),
  then ``Tieline.load`` (Parquet into the store, link stories, index); both parts are shown.

Fixed start-up costs are left out of articles/s and shown apart: the spaCy model is loaded
in this process before the local runs (forked workers inherit it), and before timing Spark
a warm-up job on a few documents starts the JVM and makes every Python worker load the
pipeline.  The last lines give Spark local[2] articles/s over the local engine's.  Spark
settings follow the tests: SPARK_LOCAL_IP=127.0.0.1, 512 MB driver, UI off.  Figures on a
shared machine are noisy; --rounds keeps the best of several runs.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from scale_rss import VOA, write_corpus

import tieline
from tieline.engines.spark import SparkEngine, spark_session
from tieline.pipeline import Pipeline
from tieline.records import Document


def count(corpus: Path) -> int:
    with corpus.open(encoding="utf-8") as f:
        return sum(1 for line in f if line.strip())


def time_local(corpus: Path, workers: int, tmp: Path) -> float:
    db = tmp / f"local-{workers}-{time.monotonic_ns()}.duckdb"
    t0 = time.perf_counter()
    with tieline.open(db) as t:
        report = t.run([str(corpus)], workers=workers)
    assert report.ok, report.summary()
    return time.perf_counter() - t0


def time_spark(spark: object, corpus: Path, tmp: Path) -> tuple[float, float]:
    out = tmp / f"spark-{time.monotonic_ns()}.parquet"
    t0 = time.perf_counter()
    report = SparkEngine(spark=spark).run([str(corpus)], out)
    assert report.ok, report.summary()
    t1 = time.perf_counter()
    with tieline.open(out.with_suffix(".duckdb")) as t:
        t.load(out)
    return t1 - t0, time.perf_counter() - t1


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path, nargs="?", default=VOA, help="JSONL corpus (default: VOA)")
    ap.add_argument("--repeat", type=int, default=1, help="copies of the corpus (distinct ids and texts)")
    ap.add_argument("--workers", default="1,2", help="local engine worker counts")
    ap.add_argument("--masters", default="local[1],local[2]", help="Spark masters")
    ap.add_argument("--rounds", type=int, default=1, help="time each configuration this many times, keep the best")
    args = ap.parse_args(argv)
    if not args.corpus.exists():
        sys.exit(f"no corpus at {args.corpus}")
    os.environ["SPARK_LOCAL_IP"] = "127.0.0.1"
    os.environ["PYSPARK_PYTHON"] = sys.executable

    with tempfile.TemporaryDirectory(prefix="tieline-bench-spark-") as tmp_name:
        tmp = Path(tmp_name)
        corpus = args.corpus
        if args.repeat > 1:
            (corpus,) = write_corpus(args.corpus, count(args.corpus) * args.repeat, tmp / "corpus")
        n = count(corpus)
        warm = tmp / "warm.jsonl"
        write_corpus(args.corpus, 16, tmp / "warm")[0].rename(warm)
        print(f"corpus: {corpus.name}, {n} articles; {os.cpu_count()} CPUs")

        t0 = time.perf_counter()
        list(Pipeline().pipe([Document("warm", "The minister met the president in the capital.")]))
        print(f"pipeline load (once, excluded): {time.perf_counter() - t0:.1f} s")
        rates: dict[str, float] = {}
        for w in (int(x) for x in args.workers.split(",")):
            best = min(time_local(corpus, w, tmp) for _ in range(args.rounds))
            rates[f"local {w}"] = n / best
            print(f"local engine, {w} worker(s): {best:7.1f} s  {n / best:6.2f} articles/s")

        for master in args.masters.split(","):
            t0 = time.perf_counter()
            spark = spark_session(master, driver_memory="512m", app_name="tieline-bench")
            started = time.perf_counter() - t0
            try:
                t0 = time.perf_counter()  # two chunks of 8 at once: every Python worker loads the pipeline
                SparkEngine(spark=spark, chunk_size=8).run([str(warm)], tmp / "warm.parquet")
                warmup = time.perf_counter() - t0
                runs = [time_spark(spark, corpus, tmp) for _ in range(args.rounds)]
            finally:
                spark.stop()
            analyse, load = min(runs, key=sum)
            rates[f"spark {master}"] = n / (analyse + load)
            print(f"Spark {master}: {analyse + load:7.1f} s  {n / (analyse + load):6.2f} articles/s "
                  f"(run {analyse:.1f} s at {n / analyse:.2f} articles/s + load {load:.1f} s; "
                  f"excluded: start {started:.1f} s, warm-up {warmup:.1f} s)")

        spark2 = rates.get("spark local[2]")
        if spark2:
            for w in (1, 2):
                if f"local {w}" in rates:
                    print(f"ratio Spark local[2] / local engine {w} worker(s): {spark2 / rates[f'local {w}']:.2f}")


if __name__ == "__main__":
    main()
