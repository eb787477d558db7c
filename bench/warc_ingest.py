"""Ingest throughput of the same articles as a WARC archive vs as JSON lines.

    python bench/warc_ingest.py ../shared/corpus/voa/voa_stories.jsonl [--pages 267] [--repeat 3] [--run]

Builds, in a temporary folder, a ``.warc.gz`` of ``--pages`` HTML pages (the corpus's stories wrapped
in a simple news page, cycled with a copy number so no text repeats) and a ``.jsonl`` of the same
articles, then times ``Tieline.ingest`` of each into a fresh DuckDB store (best of ``--repeat``).
With ``--run`` it also times the whole ``tieline run`` path (ingest, analysis, stories) once each,
which is what a user waits for. Prints pages/s and the WARC/JSONL ratio. Figures, never pass/fail.
"""

from __future__ import annotations

import argparse
import html
import io
import json
import sys
import tempfile
import time
from pathlib import Path

import tieline


def page(title: str, text: str, published: str) -> str:
    paras = "".join(f"<p>{html.escape(s.strip())}.</p>" for s in text.split(". ") if s.strip())
    return (f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{html.escape(title)}</title>"
            f"<meta property=\"article:published_time\" content=\"{published}\"></head><body>"
            f"<nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav><article><h1>{html.escape(title)}"
            f"</h1>{paras}</article><footer>Contact us</footer></body></html>")


def build(corpus: Path, pages: int, folder: Path) -> tuple[Path, Path]:
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
            jf.write(json.dumps({"id": f"{r['id']}-{copy}", "title": r["title"], "text": text, "url": url,
                                 "published": r["published"]}) + "\n")
    return warc, jsonl


def time_ingest(path: Path, folder: Path, tag: str, whole_run: bool) -> tuple[float, int]:
    db = folder / f"{tag}-{time.monotonic_ns()}.duckdb"
    with tieline.open(db) as t:
        start = time.perf_counter()
        report = t.run([str(path)]) if whole_run else t.ingest([str(path)])
        elapsed = time.perf_counter() - start
    if report.rejects:
        print(f"  {tag}: {len(report.rejects)} rejected, e.g. {report.rejects[0].reason}", file=sys.stderr)
    return elapsed, report.stored


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--pages", type=int, default=267)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--run", action="store_true", help="also time the whole run (ingest, analysis, stories)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        warc, jsonl = build(args.corpus, args.pages, folder)
        print(f"{args.pages} pages: WARC {warc.stat().st_size / 1e6:.2f} MB, JSONL {jsonl.stat().st_size / 1e6:.2f} MB")
        time_ingest(jsonl, folder, "warmup", False)  # imports and the first store
        time_ingest(warc, folder, "warmup", False)
        modes = [("ingest", False)] + ([("run", True)] if args.run else [])
        for name, whole in modes:
            reps = args.repeat if not whole else 1
            tj = min(time_ingest(jsonl, folder, "jsonl", whole)[0] for _ in range(reps))
            tw, n = min(time_ingest(warc, folder, "warc", whole) for _ in range(reps))
            print(f"{name:6s} JSONL {args.pages / tj:8.1f} pages/s | WARC {args.pages / tw:8.1f} pages/s "
                  f"({n} stored) | WARC/JSONL {tj / tw:.0%}")


if __name__ == "__main__":
    main()
