"""Time from an article landing in a watched folder to its story showing in the timeline.

    python bench/watch_latency.py ../shared/corpus/voa/voa_stories.jsonl [--files 20] [--interval 0.5]

Runs ``tieline watch INBOX --db DB`` as a separate process and drops the corpus's stories into
INBOX one at a time, each as a ``.json`` file written aside and renamed in (as a downloader does).
For each it measures the seconds until ``Tieline.timeline(A, B)`` (what ``tieline timeline A B``
prints) lists the document among a story's sources, A and B being a dyad of one of its events
found by a first analysis of the same stories in a scratch store (stories without a two-country
event are passed over).  Prints each latency and the median; at the end it runs the
``tieline timeline`` command once to show the last story from the shell.  Figures, never pass/fail.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import tieline
from tieline.store import StoreError


def dyads(records: list[dict], folder: Path, want: int) -> list[tuple[dict, str, str]]:
    """(record, A, B) for the first ``want`` records whose analysis gives a two-country event."""
    src = folder / "probe.jsonl"
    out: list[tuple[dict, str, str]] = []
    with tieline.open(folder / "probe.duckdb") as t:
        for start in range(0, len(records), want):
            chunk = records[start:start + want]
            src.write_text("".join(json.dumps(r) + "\n" for r in chunk), "utf-8")
            t.run([str(src)])
            for r in chunk:
                pair = next(((a.country, b.country) for e in t.store.events(doc_ids=[r["id"]])
                             for a in e.actor for b in e.recipient
                             if a.country and b.country and a.country != b.country and e.story_id), None)
                if pair:
                    out.append((r, *pair))
            if len(out) >= want:
                return out[:want]
    return out


def shows(db: Path, a: str, b: str, doc_id: str) -> bool:
    try:
        with tieline.open(db, read_only=True) as t:
            return any(s["doc_id"] == doc_id for entry in t.timeline(a, b) for s in entry.sources)
    except StoreError:  # no store yet, or the watcher holds it for an update
        return False


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--files", type=int, default=20)
    ap.add_argument("--interval", type=float, default=0.5, help="the watcher's --interval")
    ap.add_argument("--timeout", type=float, default=120.0, help="give up on one file after this long")
    args = ap.parse_args()
    records = [json.loads(line) for line in args.corpus.read_text("utf-8").splitlines() if line.strip()]
    tieline_cmd = [sys.executable, "-c", "from tieline.cli import main; main()"]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        t0 = time.perf_counter()
        picked = dyads(records, folder, args.files)
        print(f"{len(picked)} stories with a two-country event (probe {time.perf_counter() - t0:.0f} s)")
        inbox, db = folder / "inbox", folder / "watch.duckdb"
        inbox.mkdir()
        watcher = subprocess.Popen([*tieline_cmd, "watch", str(inbox), "--db", str(db),
                                    "--interval", str(args.interval)], stderr=subprocess.PIPE, text=True)
        try:
            assert watcher.stderr is not None
            for line in watcher.stderr:  # start-up (imports, model) is not part of a file's latency
                if line.startswith("watching "):
                    break
            latencies = []
            for n, (rec, a, b) in enumerate(picked, 1):
                part, final = inbox / f".{rec['id']}.part", inbox / f"{rec['id']}.json"
                part.write_text(json.dumps(rec), "utf-8")
                os.replace(part, final)
                landed = time.perf_counter()
                while not shows(db, a, b, rec["id"]):
                    if time.perf_counter() - landed > args.timeout or watcher.poll() is not None:
                        break
                    time.sleep(0.1)
                else:
                    latencies.append(time.perf_counter() - landed)
                    print(f"{n:3d} {rec['id']} {a}-{b}: {latencies[-1]:.2f} s", flush=True)
                    continue
                print(f"{n:3d} {rec['id']} {a}-{b}: not shown within {args.timeout:.0f} s", flush=True)
        finally:
            watcher.send_signal(signal.SIGINT)
            try:
                _, err = watcher.communicate(timeout=60)
            except subprocess.TimeoutExpired:
                watcher.kill()
                _, err = watcher.communicate()
        print(f"watcher exit status after Ctrl-C: {watcher.returncode}; its last line: "
              f"{(err.strip().splitlines() or [''])[-1]}")
        if latencies:
            print(f"median {statistics.median(latencies):.2f} s, max {max(latencies):.2f} s, "
                  f"{len(latencies)}/{len(picked)} shown")
            rec, a, b = picked[-1]
            t1 = time.perf_counter()
            out = subprocess.run([*tieline_cmd, "timeline", a, b, "--format", "json", "--db", str(db)],
                                 capture_output=True, text=True, check=False)
            found = rec["id"] in out.stdout
            print(f"`tieline timeline {a} {b}` from the shell: {time.perf_counter() - t1:.1f} s, "
                  f"last story {'shown' if found else 'NOT shown'}")


if __name__ == "__main__":
    main()
