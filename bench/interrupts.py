"""Interrupting two-worker runs: nothing lost, nothing stored twice, nothing left unlinked.

    python bench/interrupts.py ../shared/corpus/voa/voa_stories.jsonl [--docs 40] [--kills 5]
        [--sigints 3] [--seed 1]

Takes the first --docs records into a temporary folder, then:

* --kills times: ``tieline run --workers 2`` killed with SIGKILL (the whole process group) at a
  random moment between 1 s and the length of a full run, then run again with the next kill;
* --sigints times: the same run on a second store stopped with SIGINT to the group, as a terminal's Ctrl-C does,
  timing SIGINT to exit and checking the exit status (130) and that no worker is left;
* a last uninterrupted run; then every document must be stored once, none pending, event ids
  unique, and every event with a story.

Prints figures; exits 1 when a check fails.  Not a test: the moments are random.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
STARTUP = 10.0  # seconds a run takes before its first batch is stored (models loading), about


def tieline(*args: str, stderr: int | None = subprocess.DEVNULL) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    return subprocess.Popen([sys.executable, "-m", "tieline.cli", *args], stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=stderr, env=env, start_new_session=True)


def group_gone(pgid: int, wait: float = 5.0) -> bool:
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.05)
    return False


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--docs", type=int, default=40)
    ap.add_argument("--kills", type=int, default=5)
    ap.add_argument("--sigints", type=int, default=3)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    with tempfile.TemporaryDirectory(prefix="tieline-interrupts-") as tmp:
        feed = Path(tmp) / "in" / "feed.jsonl"
        feed.parent.mkdir()
        lines = [x for x in a.corpus.read_text("utf-8").splitlines() if x.strip()][: a.docs]
        feed.write_text("\n".join(lines) + "\n", "utf-8")
        db = str(Path(tmp) / "i.duckdb")
        args = ["run", str(feed.parent), "--db", db, "--workers", "2", "--batch-size", "2", "-q"]
        clean = str(Path(tmp) / "clean.duckdb")
        t0 = time.monotonic()
        assert tieline(*args[:3], clean, *args[4:]).wait() == 0
        full = time.monotonic() - t0
        print(f"uninterrupted run of {len(lines)} documents: {full:.1f} s")
        ok = True
        per_doc = max(0.1, (full - STARTUP) / len(lines))

        def moment(path: str, low: float) -> float:
            """A random moment within what is left of a run on this store (pending documents)."""
            left = len(lines)
            if Path(path).exists():
                import duckdb

                with duckdb.connect(path, read_only=True) as conn:
                    left = int(conn.execute("SELECT count(*) FROM documents WHERE status = 'ingested'"
                                            ).fetchone()[0])  # type: ignore[index]
            return rng.uniform(low, max(low + 1, STARTUP + left * per_doc))

        for k in range(a.kills):
            at = moment(db, 1.0)
            p = tieline(*args)
            time.sleep(at)
            if p.poll() is None:
                os.killpg(p.pid, signal.SIGKILL)
            rc = p.wait()
            print(f"kill -9 #{k + 1} at {at:.1f} s: exit {rc}")
        exits = []
        sig_db = str(Path(tmp) / "sigint.duckdb")
        for k in range(a.sigints):
            at = moment(sig_db, STARTUP)
            p = tieline(*args[:3], sig_db, *args[4:], stderr=subprocess.PIPE)
            time.sleep(at)
            if p.poll() is not None:
                print(f"SIGINT #{k + 1}: the run had ended before {at:.1f} s")
                continue
            sent = time.monotonic()
            os.killpg(p.pid, signal.SIGINT)
            _, err = p.communicate(timeout=60)
            exits.append(time.monotonic() - sent)
            left = not group_gone(p.pid)
            line = err.decode(errors="replace").strip()
            good = p.returncode == 130 and not left and "Traceback" not in line and line.startswith("interrupted:")
            ok &= good
            print(f"SIGINT #{k + 1} at {at:.1f} s: exit {p.returncode} after {exits[-1]:.2f} s, "
                  f"workers left: {left}, stderr: {line!r}")
        if exits:
            print(f"SIGINT to exit: median {statistics.median(exits):.2f} s, max {max(exits):.2f} s")
        assert tieline(*args).wait() == 0
        assert tieline(*args[:3], sig_db, *args[4:]).wait() == 0
        import duckdb

        with duckdb.connect(db, read_only=True) as conn:
            def one(sql: str) -> int:
                return int(conn.execute(sql).fetchone()[0])  # type: ignore[index]

            checks = {
                "documents": one("SELECT count(*) FROM documents") == len(lines),
                "documents once": one("SELECT count(DISTINCT id) FROM documents") == len(lines),
                "none pending": one("SELECT count(*) FROM documents WHERE status = 'ingested'") == 0,
                "event ids unique": one("SELECT count(*) - count(DISTINCT id) FROM events") == 0,
                "every event linked": one("SELECT count(*) FROM events WHERE story_id IS NULL") == 0,
            }
        with duckdb.connect(sig_db, read_only=True) as conn:
            checks["after Ctrl-C: every document once, none pending"] = conn.execute(
                "SELECT count(*) = count(DISTINCT id) AND count(*) = ? AND count(*) FILTER "
                "(WHERE status = 'ingested') = 0 FROM documents", [len(lines)]).fetchone()[0]  # type: ignore[index]
            events = one("SELECT count(*) FROM events")
        with duckdb.connect(clean, read_only=True) as conn:
            checks["same events as an uninterrupted run"] = events == int(
                conn.execute("SELECT count(*) FROM events").fetchone()[0])  # type: ignore[index]
        print(json.dumps(checks))
        ok &= all(checks.values())
    print("ok" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
