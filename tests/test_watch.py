"""tieline watch: files landing in a watched folder reach the store, stories and timelines."""

from __future__ import annotations

import os
from pathlib import Path

import tieline
from tieline.watch import Watcher, WatchOptions

ARTICLE = """{title}
Published: {day}

The president of Kazakhstan met the president of France in Paris on {weekday} to discuss trade and energy.
The two leaders signed an agreement on uranium supplies, the French foreign ministry said in a statement.
"""


def land(folder: Path, name: str, title: str, day: str = "2021-06-15", weekday: str = "Tuesday") -> Path:
    p = folder / name
    tmp = folder / f".{name}.part"  # written aside and renamed, as a downloader does; hidden meanwhile
    tmp.write_text(ARTICLE.format(title=title, day=day, weekday=weekday), "utf-8")
    os.replace(tmp, p)
    return p


def quiet_watcher(db: Path, folder: Path) -> tuple[Watcher, list[str]]:
    lines: list[str] = []
    return Watcher(str(db), [str(folder)], WatchOptions(interval=0.01), log=lines.append), lines


def sources(db: Path) -> set[str]:
    with tieline.open(db, read_only=True) as t:
        return {s["doc_id"] for entry in t.timeline("KAZ", "FRA") for s in entry.sources}


def test_new_and_changed_files_reach_the_timeline(tmp_path: Path) -> None:
    inbox, db = tmp_path / "inbox", tmp_path / "w.duckdb"
    (inbox / "day1").mkdir(parents=True)
    w, _ = quiet_watcher(db, inbox)
    assert w.start() is None  # an empty folder: nothing to do
    land(inbox / "day1", "talks.txt", "Leaders Meet in Paris")
    assert w.poll() == []  # first sight: its size and time must hold for one poll
    batch = w.poll()
    assert [f.name for f, _, _ in batch] == ["talks.txt"]
    line = w.update(batch)
    assert line and "1 new" in line and "1 analysed" in line
    assert sources(db) == {"day1/talks"}  # the id a run over the folder gives
    assert w.poll() == [] and w.poll() == []  # stored: not read again
    (inbox / "notes.md").write_text("not an article")
    assert w.poll() == []  # unsupported files are not watched
    p = land(inbox / "day1", "talks.txt", "Leaders Meet in Paris Again", weekday="Monday")
    os.utime(p, ns=(p.stat().st_atime_ns, p.stat().st_mtime_ns + 10**9))
    w.poll()
    line = w.update(w.poll())
    assert line and "1 changed" in line


def test_nothing_is_lost_across_a_stop(tmp_path: Path) -> None:
    inbox, db = tmp_path / "inbox", tmp_path / "w.duckdb"
    inbox.mkdir()
    land(inbox, "a.txt", "Leaders Meet in Paris")
    w, _ = quiet_watcher(db, inbox)
    assert w.start() is not None
    # stopped; one file lands meanwhile, and a document was stored but not analysed when it stopped
    land(inbox, "b.txt", "Presidents Hold Talks", day="2021-06-16", weekday="Wednesday")
    with tieline.open(db) as t:
        t.ingest([str(land(tmp_path, "c.txt", "Energy Deal Signed", day="2021-06-17", weekday="Thursday"))])
        assert t.store.pending_count() == 1
    w2, lines = quiet_watcher(db, inbox)
    stop = iter([False, True])
    w2.run(stop=lambda: next(stop))
    assert lines and "1 new" in lines[0] and "1 already stored" in lines[0] and "2 analysed" in lines[0]
    assert {"a", "b", "c"} <= sources(db)


def test_copy_for_the_web_app_is_refreshed_after_each_update(tmp_path: Path) -> None:
    inbox, db, live = tmp_path / "inbox", tmp_path / "w.duckdb", tmp_path / "live.duckdb"
    inbox.mkdir()
    w = Watcher(str(db), [str(inbox)], WatchOptions(interval=0.01, copy=str(live)), log=lambda _: None)
    w.start()
    assert live.exists()
    land(inbox, "a.txt", "Leaders Meet in Paris")
    w.poll()
    w.update(w.poll())
    assert sources(live) == {"a"} and not list(tmp_path.glob(".live*"))


def test_the_command_stops_cleanly_on_ctrl_c(tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    land(inbox, "a.txt", "Leaders Meet in Paris")
    proc = subprocess.Popen([sys.executable, "-c", "from tieline.cli import main; main()", "watch", str(inbox),
                             "--db", str(tmp_path / "w.duckdb"), "--interval", "0.1"],
                            stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    assert proc.stderr is not None
    lines = []
    for line in proc.stderr:
        lines.append(line)
        if line.startswith("watching "):
            break
    proc.send_signal(signal.SIGINT)
    _, rest = proc.communicate(timeout=60)
    assert proc.returncode == 0, lines + [rest]
    assert any("1 new" in line for line in lines) and "stopped" in rest and "Traceback" not in rest
    assert sources(tmp_path / "w.duckdb") == {"a"}
