"""Peak memory and throughput of `tieline run` on a large corpus made from a small one.

    python bench/scale_rss.py                              # 10,000 articles, 1 worker (~30 min, 2 cores)
    python bench/scale_rss.py --articles 200 --workers 2   # try it small first
    python bench/scale_rss.py --articles 2000 --files 10   # the corpus as 10 JSONL files

The corpus repeats ../shared/corpus/voa/voa_stories.jsonl with distinct ids (``ID-rK``) and
distinct texts (copy K ends in K spaces, so the sha256 differs and nothing is a duplicate),
streamed to a temporary JSONL (never held in memory).  `tieline run` then runs in a child
process while this script samples the whole process tree (the CLI and its workers) every
``--interval`` seconds: with psutil when installed, else from /proc.  It prints the peak of
the summed RSS (an upper bound: forked workers share pages) and, where /proc gives it, of
the summed PSS (shared pages split between the processes: the honest total), the peak of the
largest single process, the wall time and articles/s.  Figures, never pass/fail.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VOA = ROOT.parent / "shared" / "corpus" / "voa" / "voa_stories.jsonl"


def write_corpus(src: Path, articles: int, dest: Path, files: int = 1) -> list[Path]:
    """``articles`` records from ``src`` repeated with distinct ids and texts, over ``files`` JSONL files."""
    lines = [line for line in src.read_text("utf-8").splitlines() if line.strip()]  # the small source only
    dest.mkdir(parents=True, exist_ok=True)
    paths = [dest / f"corpus-{i:03d}.jsonl" for i in range(files)]
    per_file = -(-articles // files)
    handles = [p.open("w", encoding="utf-8") for p in paths]
    try:
        for n in range(articles):
            copy, i = divmod(n, len(lines))
            rec = json.loads(lines[i])
            rec["id"] = f"{rec['id']}-r{copy}"
            rec["text"] = rec["text"] + " " * copy
            handles[n // per_file].write(json.dumps(rec, ensure_ascii=False) + "\n")
    finally:
        for h in handles:
            h.close()
    return paths


# -- memory of a process tree -------------------------------------------------------------------------
def _children_proc(pid: int) -> list[int]:
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(")") + 2:].split()[1])
        parents.setdefault(ppid, []).append(int(entry))
    tree, todo = [], [pid]
    while todo:
        p = todo.pop()
        tree.append(p)
        todo += parents.get(p, [])
    return tree


def _proc_kb(pid: int, path: str, key: str) -> int:
    try:
        with open(f"/proc/{pid}/{path}") as f:
            for line in f:
                if line.startswith(key):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_memory(pid: int) -> tuple[int, int, int]:
    """(summed RSS, summed PSS, largest RSS) of a process and all its descendants, in kB."""
    try:
        import psutil

        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
        rss = []
        for p in procs:
            try:
                rss.append(p.memory_info().rss // 1024)
            except psutil.Error:
                rss.append(0)
        pids = [p.pid for p in procs]
    except ImportError:
        pids = _children_proc(pid)
        rss = [_proc_kb(p, "status", "VmRSS:") for p in pids]
    pss = sum(_proc_kb(p, "smaps_rollup", "Pss:") for p in pids)
    return sum(rss), pss, max(rss, default=0)


def run_sampled(cmd: list[str], interval: float) -> tuple[int, float, tuple[int, int, int], str]:
    """Run ``cmd``; (exit status, wall seconds, peak (rss, pss, largest) in kB, stderr tail)."""
    t0 = time.perf_counter()
    with tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err)
        peak = (0, 0, 0)
        while proc.poll() is None:
            now = tree_memory(proc.pid)
            peak = tuple(max(a, b) for a, b in zip(peak, now, strict=True))  # type: ignore[assignment]
            time.sleep(interval)
        wall = time.perf_counter() - t0
        err.seek(0)
        tail = err.read()[-2000:]
    return proc.returncode, wall, peak, tail


def _mb(kb: int) -> str:
    return f"{kb / 1024:8.0f} MB"


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=10_000, help="corpus size (default 10000)")
    ap.add_argument("--workers", type=int, default=1, help="tieline run --workers")
    ap.add_argument("--batch-size", type=int, default=8, help="tieline run --batch-size")
    ap.add_argument("--files", type=int, default=1, help="split the corpus over this many JSONL files")
    ap.add_argument("--source", type=Path, default=VOA, help="the JSONL corpus to repeat")
    ap.add_argument("--interval", type=float, default=0.25, help="seconds between memory samples")
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder (corpus and store)")
    args = ap.parse_args(argv)
    if not args.source.exists():
        sys.exit(f"no corpus at {args.source}: give --source CORPUS.jsonl")

    tmp = Path(tempfile.mkdtemp(prefix="tieline-scale-"))
    try:
        t0 = time.perf_counter()
        paths = write_corpus(args.source, args.articles, tmp / "corpus", args.files)
        size = sum(p.stat().st_size for p in paths)
        print(f"corpus: {args.articles} articles from {args.source.name}, {len(paths)} file(s), "
              f"{size / 2**20:.1f} MB, written in {time.perf_counter() - t0:.1f} s")
        max_mb = max(20.0, max(p.stat().st_size for p in paths) / 2**20 + 1)
        cmd = [sys.executable, "-m", "tieline.cli", "run", str(tmp / "corpus"), "--db", str(tmp / "scale.duckdb"),
               "--workers", str(args.workers), "--batch-size", str(args.batch_size), "--quiet",
               "--max-size", f"{max_mb:.0f}"]
        code, wall, (rss, pss, largest), err = run_sampled(cmd, args.interval)
        print(f"tieline run --workers {args.workers}: exit {code}, {wall:.1f} s, "
              f"{args.articles / wall:.2f} articles/s")
        print(f"  peak RSS, whole tree (sum) {_mb(rss)}")
        if pss:
            print(f"  peak PSS, whole tree (sum) {_mb(pss)}")
        print(f"  peak RSS, largest process  {_mb(largest)}")
        if code not in (0, 1):
            print(err, file=sys.stderr)
        stats = subprocess.run([sys.executable, "-m", "tieline.cli", "stats", "--json", "--db",
                                str(tmp / "scale.duckdb")], capture_output=True, text=True)
        print(f"  store: {stats.stdout.strip()}")
    finally:
        if args.keep:
            print(f"kept {tmp}")
        else:
            import shutil

            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
