"""Load test of the web app's timeline API, bounded and on loopback only.

    python bench/web_load.py                       # builds a store from the seed articles
    python bench/web_load.py --db big.duckdb       # or uses yours (read-only)
    python bench/web_load.py --requests 4000 --clients 20 --copies 600

Without ``--db`` it analyses the seed articles once, then replicates every derived row (documents,
sentences, mentions, events, event_actors, quotes, stories) ``--copies`` times with new ids and
dates shifted by whole weeks, so the store holds at least 10,000 events.  It then starts
``tieline serve`` on 127.0.0.1 (a free port), sends a fixed number of requests from ``--clients``
concurrent clients (httpx, async) at ``/api/timeline/A/B`` with rotating offsets and filters, and
prints p50/p95/p99 latency, throughput and the error count.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds" / "seeds.jsonl"
HOST = "127.0.0.1"  # loopback only, by design


# -- a store with many events -----------------------------------------------------------------------
def shift(value: str | None, days: int) -> str | None:
    """An ISO date at its precision moved by ``days`` (months and years move by whole units)."""
    if not value:
        return value
    parts = value[:10].split("-")
    if len(parts) == 3:
        return (date.fromisoformat(value[:10]) + timedelta(days=days)).isoformat()
    if len(parts) == 2:
        y, m = int(parts[0]), int(parts[1]) + days // 28
        y, m = y + (m - 1) // 12, (m - 1) % 12 + 1
        return f"{y:04d}-{m:02d}"
    return str(int(parts[0]) + days // 365)


def _ids(raw: str | None, suffix: str) -> str | None:
    return None if raw is None else json.dumps([f"{x}{suffix}" for x in json.loads(raw)])


def replicate(db: Path, copies: int) -> dict[str, int]:
    """Add ``copies`` copies of every analysed row, with ids suffixed ``~k`` and dates k weeks later."""
    import tieline

    with tieline.open(db) as t:
        store = t.store
        rows = {name: store.query(f"SELECT * FROM {name}") for name in
                ("documents", "sentences", "mentions", "events", "event_actors", "quotes", "stories")}
        for k in range(1, copies + 1):
            sx, days = f"~{k}", 7 * k
            out: dict[str, list[list[Any]]] = {}
            out["documents"] = [list({**r, "id": r["id"] + sx, "published": shift(r["published"], days)}.values())
                                for r in rows["documents"]]
            for name in ("sentences", "mentions"):
                out[name] = [list({**r, "doc_id": r["doc_id"] + sx}.values()) for r in rows[name]]
            out["events"] = [list({**r, "id": r["id"] + sx, "doc_id": r["doc_id"] + sx, "date": shift(r["date"], days),
                                   "quote_ids": _ids(r["quote_ids"], sx),
                                   "story_id": r["story_id"] and r["story_id"] + sx}.values())
                             for r in rows["events"]]
            out["event_actors"] = [list({**r, "event_id": r["event_id"] + sx, "doc_id": r["doc_id"] + sx}.values())
                                   for r in rows["event_actors"]]
            out["quotes"] = [list({**r, "id": r["id"] + sx, "doc_id": r["doc_id"] + sx,
                                   "event_ids": _ids(r["event_ids"], sx)}.values()) for r in rows["quotes"]]
            stories = []
            for r in rows["stories"]:
                conflicts = json.loads(r["conflicts"] or "[]")
                for c in conflicts:
                    for v in c["values"]:
                        v["doc_ids"] = [d + sx for d in v["doc_ids"]]
                        if c["field"] == "date":
                            v["value"] = shift(v["value"], days)
                stories.append(list({**r, "id": r["id"] + sx, "date": shift(r["date"], days),
                                     "event_ids": _ids(r["event_ids"], sx), "doc_ids": _ids(r["doc_ids"], sx),
                                     "conflicts": json.dumps(conflicts)}.values()))
            out["stories"] = stories
            store.begin()
            for name, new in out.items():
                store.insert(name, new)
            store.commit()
        return store.stats()


def build_store(folder: Path, copies: int) -> Path:
    import tieline

    db = folder / "load.duckdb"
    if not SEEDS.exists():
        sys.exit(f"{SEEDS} is not there: give --db STORE")
    with tieline.open(db) as t:
        t.run([str(SEEDS)])
    stats = replicate(db, copies)
    print(f"store: {db} ({stats['events']} events, {stats['stories']} stories, {stats['documents']} documents)")
    return db


# -- the server ---------------------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def start_server(db: Path, port: int) -> subprocess.Popen[bytes]:
    cmd = [sys.executable, "-m", "tieline.cli", "serve", "--db", str(db), "--host", HOST, "--port", str(port)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit(f"server exited: {proc.stderr.read().decode() if proc.stderr else ''}")
        try:
            if httpx.get(f"http://{HOST}:{port}/api/stats", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    sys.exit("server did not start in 60 s")


# -- the load -------------------------------------------------------------------------------------------
def plan(total_stories: int, n: int, a: str, b: str) -> list[str]:
    """``n`` request paths: pages across the whole timeline, some of them filtered."""
    filters = ["", "&conflicts=true", "&event=CONSULT,AGREE", "&start=2020&end=2024", "&certainty=asserted"]
    pages = max(1, total_stories // 50)
    return [f"/api/timeline/{a}/{b}?limit=50&offset={(i % pages) * 50}{filters[i % len(filters)]}"
            for i in range(n)]


async def fire(base: str, paths: list[str], clients: int) -> tuple[list[float], int, float]:
    """Send ``paths`` from ``clients`` concurrent clients; each request's latency, the errors, the wall time.

    The clients are made before the clock starts: making an ``httpx.AsyncClient`` blocks the
    event loop for tens of milliseconds (its TLS context), which, made inside the load, counted
    in the latency of every request then in flight (the first wave's seconds were the client's)."""
    latencies: list[float] = []
    errors = 0
    queue: asyncio.Queue[str] = asyncio.Queue()
    for p in paths:
        queue.put_nowait(p)
    https = [httpx.AsyncClient(base_url=base, timeout=60) for _ in range(clients)]

    async def client(http: httpx.AsyncClient) -> None:
        nonlocal errors
        while True:
            try:
                path = queue.get_nowait()
            except asyncio.QueueEmpty:
                return
            t0 = time.perf_counter()
            try:
                r = await http.get(path)
                ok = r.status_code == 200 and "items" in r.json()
            except httpx.HTTPError:
                ok = False
            latencies.append(time.perf_counter() - t0)
            errors += not ok

    try:
        start = time.perf_counter()
        await asyncio.gather(*(client(http) for http in https))
        return latencies, errors, time.perf_counter() - start
    finally:
        for http in https:
            await http.aclose()


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1] if len(values) > 1 else values[0]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", type=Path, help="an existing store (default: build one from the seed articles)")
    ap.add_argument("--copies", type=int, default=550, help="copies of the seed analyses (550 → 11,000 events)")
    ap.add_argument("--requests", type=int, default=2000, help="total requests (fixed)")
    ap.add_argument("--clients", type=int, default=20, help="concurrent clients")
    ap.add_argument("--dyad", nargs=2, default=["KAZ", "USA"], metavar=("A", "B"))
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="tieline-load-") as tmp:
        t0 = time.perf_counter()
        db = args.db or build_store(Path(tmp), args.copies)
        if not args.db:
            print(f"built in {time.perf_counter() - t0:.1f} s")
        port = free_port()
        server = start_server(db, port)
        base = f"http://{HOST}:{port}"
        try:
            first = httpx.get(f"{base}/api/timeline/{args.dyad[0]}/{args.dyad[1]}?limit=1", timeout=60).json()
            events = httpx.get(f"{base}/api/stats", timeout=60).json()["counts"]["events"]
            paths = plan(first["total"], args.requests, *args.dyad)
            latencies, errors, wall = asyncio.run(fire(base, paths, args.clients))
        finally:
            server.terminate()
            server.wait(timeout=30)
    ms = [x * 1000 for x in latencies]
    print(f"store: {events} events; timeline {args.dyad[0]}-{args.dyad[1]}: {first['total']} stories, "
          "pages of 50")
    print(f"requests: {len(ms)} from {args.clients} clients in {wall:.1f} s -> {len(ms) / wall:.1f} req/s "
          f"(cpu count {os.cpu_count()})")
    print(f"latency ms: p50 {percentile(ms, 50):.1f}  p95 {percentile(ms, 95):.1f}  p99 {percentile(ms, 99):.1f}  "
          f"max {max(ms):.1f}")
    print(f"errors: {errors}")
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
