"""Throughput of the same articles delivered as a WARC archive vs as JSON lines (issue 19).

    python bench/warc_ingest.py ../shared/corpus/voa/voa_stories.jsonl [--pages 267] [--repeat 5]
                                [--run] [--run-repeat 3] [--keep DIR]

Builds a ``.warc.gz`` of ``--pages`` HTML pages (the corpus's stories, cycled with a copy number so
no text repeats, each a news page: nav, an <article> with the title as <h1> and the text in
paragraphs of a few sentences, a footer) and a ``.jsonl`` of the same articles (the text, title,
url and date of each).  A page's document is its title line, then its paragraphs, a line each; the
JSON text is the same lines (``--jsonl-without-title``: the text alone, as a corpus usually has
it, which leaves the JSON run a line less to parse per article), so both formats give the
pipeline the same text and the comparison is of the formats alone.  Then it measures:

- ingest: ``Tieline.ingest`` of each into a fresh DuckDB store, in this process (read, extract,
  check, store), ``--repeat`` times, JSONL and WARC taking turns;
- with ``--run``: the whole ``tieline run FILE --db NEW.duckdb -q`` a user types (start-up, ingest,
  spaCy parse, events, quotes, stories, index), as a child process, ``--run-repeat`` times, taking
  turns.

For each it prints the median wall time and CPU time (user + system, of all processes involved)
and the WARC/JSONL throughput ratio by each: wall is what a user waits, CPU is the work and is
steadier on a busy machine (on a machine run flat out by other jobs it still rises with their
load, and more for the WARC, whose lxml trees and inflated archive are the more cache-hungry work).
For ingest it adds the CPU of this process alone: pages that are costly to extract (those
trafilatura must read) go to other processes where there are two cores or more, and then this
process is what the wall time waits for where a core is free; the VOA pages stay in this process.
Figures, never pass/fail.
"""

from __future__ import annotations

import argparse
import html
import io
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# a break between sentences: end punctuation after a lower-case word, then a capital (not "U.S. and")
SENTENCE_END = re.compile(r"(?<=[a-z]{2}[.!?]) (?=[A-Z])")


def paragraphs(text: str, per: int = 3) -> list[str]:
    sentences = SENTENCE_END.split(text)
    return [" ".join(sentences[i:i + per]) for i in range(0, len(sentences), per)]


def page(title: str, text: str, published: str) -> str:
    paras = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs(text))
    return (f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{html.escape(title)}</title>"
            f"<meta property=\"article:published_time\" content=\"{published}\"></head><body>"
            f"<nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav><article><h1>{html.escape(title)}"
            f"</h1>{paras}</article><footer>Contact us</footer></body></html>")


def build(corpus: Path, pages: int, folder: Path, title_in_text: bool = True) -> tuple[Path, Path]:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    recs = [json.loads(line) for line in corpus.read_text("utf-8").splitlines() if line.strip()]
    warc, jsonl = folder / "pages.warc.gz", folder / "pages.jsonl"
    with warc.open("wb") as fh, jsonl.open("w", encoding="utf-8") as jf:
        w = WARCWriter(fh, gzip=True)
        for i in range(pages):
            r = recs[i % len(recs)]
            copy = i // len(recs)
            text = r["text"] + (f" This is copy {copy} of the story." if copy else "")
            url = r["url"] + (f"?copy={copy}" if copy else "")
            published = r["published"].replace(" ", "T")
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            body = page(r["title"], text, published).encode("utf-8")
            w.write_record(w.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http,
                                                warc_headers_dict={"WARC-Date": "2025-03-15T00:00:00Z"}))
            body_text = "\n".join([r["title"], *paragraphs(text)]) if title_in_text else text  # the page's document
            jf.write(json.dumps({"id": f"{r['id']}-{copy}", "title": r["title"], "text": body_text, "url": url,
                                 "published": r["published"]}) + "\n")
    return warc, jsonl


def _cpu(who: int) -> float:
    u = resource.getrusage(who)
    return u.ru_utime + u.ru_stime


def _cpu_all() -> float:
    """This process's CPU and that of its children that have ended (a WARC's extraction processes)."""
    return _cpu(resource.RUSAGE_SELF) + _cpu(resource.RUSAGE_CHILDREN)


MAIN_CPU: dict[str, list[float]] = {}  # ingest CPU of this process alone, by format


def time_ingest(path: Path, folder: Path, tag: str) -> tuple[float, float, int]:
    import tieline

    db = folder / f"{tag}-{time.monotonic_ns()}.duckdb"
    with tieline.open(db) as t:
        cpu, mine, start = _cpu_all(), _cpu(resource.RUSAGE_SELF), time.perf_counter()
        report = t.ingest([str(path)])
        elapsed, used = time.perf_counter() - start, _cpu_all() - cpu
        MAIN_CPU.setdefault(tag, []).append(_cpu(resource.RUSAGE_SELF) - mine)
    if report.rejects:
        print(f"  {tag}: {len(report.rejects)} rejected, e.g. {report.rejects[0].reason}", file=sys.stderr)
    return elapsed, used, report.stored


def time_run(path: Path, folder: Path, tag: str) -> tuple[float, float, int]:
    """The whole ``tieline run`` as a user starts it, in a child process (same interpreter and path)."""
    db = folder / f"{tag}-{time.monotonic_ns()}.duckdb"
    cmd = [sys.executable, "-c", "import sys; from tieline.cli import main; sys.exit(main())",
           "run", str(path), "--db", str(db), "-q"]
    cpu, start = _cpu(resource.RUSAGE_CHILDREN), time.perf_counter()
    subprocess.run(cmd, check=True, env=os.environ.copy(), stdout=subprocess.DEVNULL)
    elapsed, used = time.perf_counter() - start, _cpu(resource.RUSAGE_CHILDREN) - cpu
    import duckdb

    with duckdb.connect(str(db), read_only=True) as con:
        row = con.execute("select count(*) from documents").fetchone()
    return elapsed, used, int(row[0]) if row else 0


def compare(name: str, pages: int, timer: object, jsonl: Path, warc: Path, folder: Path, n: int) -> None:
    runs: dict[str, list[tuple[float, float, int]]] = {"jsonl": [], "warc": []}
    for _ in range(n):  # the two take turns, so a busy spell on the machine falls on both
        runs["jsonl"].append(timer(jsonl, folder, "jsonl"))  # type: ignore[operator]
        runs["warc"].append(timer(warc, folder, "warc"))  # type: ignore[operator]
    med = {k: (statistics.median(r[0] for r in v), statistics.median(r[1] for r in v), v[-1][2])
           for k, v in runs.items()}
    (jw, jc, jn), (ww, wc, wn) = med["jsonl"], med["warc"]
    print(f"{name:6s} median of {n}: JSONL {jw:6.2f} s wall {jc:6.2f} s CPU ({jn} stored) | "
          f"WARC {ww:6.2f} s wall {wc:6.2f} s CPU ({wn} stored) | "
          f"WARC/JSONL throughput {jw / ww:.0%} by wall, {jc / wc:.0%} by CPU")
    if name == "ingest":  # with extraction processes (costly pages), this one's CPU is the critical path
        jm, wm = statistics.median(MAIN_CPU["jsonl"][-n:]), statistics.median(MAIN_CPU["warc"][-n:])
        print(f"       CPU of this process alone: JSONL {jm:.2f} s, WARC {wm:.2f} s: {jm / wm:.0%}")
    print(f"       pages/s: JSONL {pages / jw:.1f}, WARC {pages / ww:.1f}; "
          f"walls JSONL {[round(r[0], 2) for r in runs['jsonl']]} WARC {[round(r[0], 2) for r in runs['warc']]}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--pages", type=int, default=267)
    ap.add_argument("--repeat", type=int, default=5, help="ingest measurements of each format")
    ap.add_argument("--run", action="store_true", help="also time the whole `tieline run` of each")
    ap.add_argument("--run-repeat", type=int, default=3, help="whole runs of each format")
    ap.add_argument("--keep", type=Path, help="build the files in this folder and leave them there")
    ap.add_argument("--jsonl-without-title", action="store_true",
                    help="JSON text without the title line a page's document starts with (less text to parse)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        warc, jsonl = build(args.corpus, args.pages, args.keep or folder, not args.jsonl_without_title)
        print(f"{args.pages} pages: WARC {warc.stat().st_size / 1e6:.2f} MB, JSONL {jsonl.stat().st_size / 1e6:.2f} MB;"
              f" {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}")
        time_ingest(jsonl, folder, "warmup")  # imports and the first store
        time_ingest(warc, folder, "warmup")
        compare("ingest", args.pages, time_ingest, jsonl, warc, folder, args.repeat)
        if args.run:
            compare("run", args.pages, time_run, jsonl, warc, folder, args.run_repeat)


if __name__ == "__main__":
    main()
