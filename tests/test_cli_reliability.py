"""Nothing lost, nothing hung, nothing surprising: the CLI under interrupts, bad input and odd
files (issue 18).  Real parts throughout: DuckDB files, subprocesses, a pseudo-terminal."""

from __future__ import annotations

import json
import os
import pty
import re
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

from click.testing import CliRunner
from tests.conftest import ROOT

from tieline.cli import main


def cli(*args: str, input: str | None = None) -> tuple[int, str, str]:
    r = CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)
    return r.exit_code, r.stdout, r.stderr


def stats(db: Path | str) -> dict[str, int]:
    code, out, err = cli("stats", "--json", "--db", str(db))
    assert code == 0, err
    return json.loads(out)


# -- 1. Ctrl-C during a two-worker run ------------------------------------------------------------
def _run_in_terminal(args: list[str], interrupt_at: int, signals: int = 1) -> tuple[int, str, float]:
    """Run ``tieline ARGS`` with stderr on a pseudo-terminal (so the progress bar shows), and send
    SIGINT to its whole process group, as a terminal's Ctrl-C does, once the bar shows
    ``interrupt_at`` documents done.  Returns (exit status, terminal text, seconds from the first
    SIGINT to the exit)."""
    master, slave = pty.openpty()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "TERM": "xterm", "COLUMNS": "100"}
    p = subprocess.Popen([sys.executable, "-m", "tieline.cli", *args], stdin=subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL, stderr=slave, env=env, start_new_session=True)
    os.close(slave)
    buf, sent, start = b"", 0.0, time.monotonic()
    try:
        while p.poll() is None:
            if time.monotonic() - start > 600:
                raise AssertionError("the run did not end: " + buf.decode(errors="replace")[-500:])
            if select.select([master], [], [], 0.1)[0]:
                try:
                    buf += os.read(master, 65536)
                except OSError:
                    break
            done = [int(n) for n in re.findall(rb"(\d+)/\d+", buf)]
            if not sent and done and done[-1] >= interrupt_at:
                sent = time.monotonic()
                for _ in range(signals):
                    os.killpg(p.pid, signal.SIGINT)
                    time.sleep(0.05)
            if sent and time.monotonic() - sent > 30:
                os.killpg(p.pid, signal.SIGKILL)
                raise AssertionError("still running 30 s after Ctrl-C")
        rc = p.wait()
        elapsed = time.monotonic() - sent
        while select.select([master], [], [], 0.1)[0]:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            buf += chunk
    finally:
        os.close(master)
    assert sent, "never interrupted: " + buf.decode(errors="replace")[-500:]
    deadline = time.monotonic() + 5
    while not _no_children_left(p.pid):  # the workers go with their parent
        assert time.monotonic() < deadline, "worker processes outlived the run"
        time.sleep(0.1)
    return rc, buf.decode("utf-8", errors="replace"), elapsed


def _no_children_left(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return True
    return False


def test_ctrl_c_during_a_two_worker_run_stops_at_once_and_the_rerun_finishes(
        tmp_path: Path, voa_sample: Path) -> None:
    db = tmp_path / "c.duckdb"
    rc, screen, seconds = _run_in_terminal(["run", str(voa_sample), "--db", str(db), "--workers", "2",
                                            "--batch-size", "1"], interrupt_at=2)
    assert rc == 130, screen
    assert seconds < 10, seconds
    assert "Traceback" not in screen and "KeyboardInterrupt" not in screen, screen
    line = [x for x in screen.replace("\r", "\n").splitlines() if "interrupted" in x]
    assert len(line) == 1 and re.search(r"interrupted: \d+ of 12 articles stored; rerun to resume", line[0])
    partial = stats(db)
    assert partial["documents"] == 12 and 0 < partial["pending"] < 12, partial
    import tieline

    with tieline.open(db, read_only=True) as t:  # what was analysed is in stories before any rerun
        assert t.store.query("SELECT count(*) AS n FROM events")[0]["n"] > 0
        assert not t.store.query("SELECT id FROM events WHERE story_id IS NULL")
    code, _, err = cli("run", str(voa_sample), "--db", str(db))
    assert code == 0, err
    after = stats(db)
    assert after["documents"] == 12 and after["pending"] == 0
    import tieline

    with tieline.open(db, read_only=True) as t:
        ids = [r["id"] for r in t.store.query("SELECT id FROM documents")]
        assert len(ids) == len(set(ids)) == 12
        events = [r["id"] for r in t.store.query("SELECT id FROM events")]
        assert events and len(events) == len(set(events))
        assert not t.store.query("SELECT id FROM events WHERE story_id IS NULL")


def test_a_second_ctrl_c_forces_the_exit(tmp_path: Path, voa_sample: Path) -> None:
    db = tmp_path / "c.duckdb"
    rc, screen, seconds = _run_in_terminal(["run", str(voa_sample), "--db", str(db), "--workers", "2",
                                            "--batch-size", "1"], interrupt_at=1, signals=2)
    assert rc == 130 and seconds < 10, (rc, seconds, screen)
    assert "Traceback" not in screen, screen
    code, _, err = cli("run", str(voa_sample), "--db", str(db))
    assert code == 0, err
    assert stats(db)["pending"] == 0 and stats(db)["documents"] == 12


# -- 2. standard input -----------------------------------------------------------------------------
ARTICLE_A = ("Ministers meet on river water\n\n" + "The water ministers of the two neighbouring states met on "
             "Monday to share the river's flow, and agreed to build a joint monitoring station. " * 3)
ARTICLE_B = ("Rail link talks resume\n\n" + "Transport officials resumed talks on a freight rail link across "
             "the mountains and said the first trains could run within three years. " * 3)


def test_two_texts_piped_one_after_the_other_are_both_kept(tmp_path: Path) -> None:
    db = str(tmp_path / "s.duckdb")
    for text in (ARTICLE_A, ARTICLE_B):
        p = subprocess.run([sys.executable, "-m", "tieline.cli", "ingest", "-", "--db", db], input=text,
                           capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
                           timeout=300)
        assert p.returncode == 0 and "1 new, 0 changed" in p.stderr, p.stderr
    code, _, err = cli("ingest", "-", "--db", db, input=ARTICLE_A)  # the same text again: nothing changes
    assert code == 0 and "0 new, 0 changed, 1 already stored" in err, err
    import tieline

    with tieline.open(db, read_only=True) as t:
        docs = t.documents()
    assert sorted(d.title for d in docs) == ["Ministers meet on river water", "Rail link talks resume"]
    assert all(re.fullmatch(r"stdin-[0-9a-f]{12}", d.id) for d in docs) and docs[0].id != docs[1].id


# -- 3 and 4. a bad publication date is a warning; reruns do not pile up rejects ---------------------
def test_bad_published_date_keeps_the_article_and_reruns_record_each_problem_once(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    (d / "feed.jsonl").write_text(json.dumps({"id": "water", "text": ARTICLE_A, "published": "2018-13-45"}) + "\n"
                                  + json.dumps({"id": "rail", "text": ARTICLE_B, "published": "2019-05-02"}) + "\n"
                                  + "{broken\n")
    (d / "empty.txt").write_text("")
    (d / "copy.txt").write_text(ARTICLE_B)  # the same text as the record "rail"
    db = str(tmp_path / "r.duckdb")
    for _ in range(3):
        code, _, err = cli("ingest", str(d), "--db", db)
        assert code == 1 and "warning" in err and "2018-13-45" in err
    s = stats(db)
    assert s["documents"] == 2 and s["rejects"] == 3 and s["warnings"] == 1, s
    code, out, _ = cli("rejects", "--db", db)
    assert sorted(line.split()[0] for line in out.splitlines()) == ["duplicate", "empty", "json", "warning"]
    import tieline

    with tieline.open(db, read_only=True) as t:
        water = t.store.documents(["water"])[0]
    assert water.published is None


# -- 5. read-only commands create nothing ------------------------------------------------------------
READERS = [["stats"], ["rejects"], ["timeline", "KAZ", "USA"], ["dyad", "KAZ", "USA"], ["graph"],
           ["stories"], ["quotes"], ["search", "water"], ["export", "OUT"], ["eval", "GOLD"], ["serve"]]


def test_read_only_commands_on_a_missing_store_say_so_and_create_nothing(tmp_path: Path) -> None:
    gold = tmp_path / "gold.json"
    gold.write_text("{}")
    db = tmp_path / "no" / "such" / "x.duckdb"
    for args in READERS:
        args = [str(tmp_path / "out") if a == "OUT" else str(gold) if a == "GOLD" else a for a in args]
        code, out, err = cli(*args, "--db", str(db))
        assert code != 0 and out == "", args
        assert err.strip().splitlines() == [f"Error: no store at {db}: run `tieline run ARTICLES/ --db {db}` first"]
        assert sorted(p.name for p in tmp_path.iterdir()) == ["gold.json"], args


# -- 6. a file that is not a tieline store ------------------------------------------------------------
def test_run_into_a_sqlite_file_is_refused_in_one_line(tmp_path: Path) -> None:
    import sqlite3

    db = tmp_path / "app.sqlite"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE documents (id INTEGER)")
    conn.commit()
    conn.close()
    before = db.read_bytes()
    code, out, err = cli("ingest", "-", "--db", str(db), input=ARTICLE_A)
    assert code == 1 and "Traceback" not in err
    assert err.strip() == f"Error: {db} is not a tieline store: it holds a SQLite database, not a DuckDB " \
                          "database; give --db a new file"
    assert db.read_bytes() == before


# -- 7. terminal control sequences from articles never reach the terminal -----------------------------
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def test_control_sequences_in_articles_are_not_printed(tmp_path: Path) -> None:
    title = "Talks in Astana \x1b]0;owned window\x07 end \x1b[2J\x9b31m"
    text = (f"{title}\n\nKazakhstan and the United States signed an agreement on nuclear safety in Astana on "
            "Monday, officials said. \"We will work together \x1b]52;c;SGVsbG8=\x07 on this,\" the Kazakh "
            "foreign minister said. The United States praised Kazakhstan for its cooperation.")
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "esc", "title": title, "text": text, "published": "2019-03-04",
                                "source": "Wire \x1b[5m"}) + "\n")
    bad = tmp_path / "in"
    bad.mkdir()
    (bad / "evil\x1b]0;title\x07.txt").write_text("")
    db = str(tmp_path / "e.duckdb")
    code, _, err = cli("run", str(feed), str(bad), "--db", db)
    assert code == 1 and "rejected" in err and not CONTROL.search(err.replace("\n", "")), repr(err)
    outputs = []
    for args in (["timeline", "KAZ", "USA"], ["timeline", "KAZ", "USA", "--format", "md"], ["timeline", "KAZ"],
                 ["stories"], ["quotes"], ["search", "cooperation"], ["rejects"], ["graph"]):
        code, out, err = cli(*args, "--db", db)
        assert code == 0, (args, err)
        outputs.append(out)
    printed = "\n".join(outputs)
    assert "Talks in Astana  end" in printed and "We will work together  on this" in printed
    assert not CONTROL.search(printed.replace("\n", "").replace("\t", "")), repr(printed)
    assert "owned window" not in printed and "SGVsbG8" not in printed
    code, out, _ = cli("quotes", "--json", "--db", db)  # data to a file or pipe stays exact
    assert "\\u001b]52;c;SGVsbG8=\\u0007" in out


def test_error_messages_quoting_input_are_cleaned(tmp_path: Path) -> None:
    code, _, err = cli("stats", "--db", str(tmp_path / "x\x1b]0;title\x07y.duckdb"))
    assert code == 1 and err.startswith("Error: no store at ") and "xy.duckdb" in err
    assert not CONTROL.search(err.replace("\n", "")), repr(err)


# -- 8. the CLI checks what it is given, as the web API does ----------------------------------------
def _usage_error(args: list[str]) -> str:
    code, out, err = cli(*args)
    assert code == 2 and out == "", (args, code, out, err)
    return err.strip().splitlines()[-1]


def test_unknown_countries_and_persons_are_errors_with_close_matches(seeds_db: Path) -> None:
    db = ["--db", str(seeds_db)]
    msg = _usage_error(["timeline", "KAZ", "UAS", *db])
    assert "Invalid value for 'B'" in msg and "unknown country or actor 'UAS'" in msg and "USA" in msg
    assert "Donald Trump" in _usage_error(["timeline", "Trmp", *db])
    assert "'Kim'" in _usage_error(["timeline", "Kim", *db])
    assert "Kazakhstan" in _usage_error(["stories", "Kazakstn", *db])
    assert "'--about'" in _usage_error(["quotes", "--about", "XQZ", *db])
    assert "'--country'" in _usage_error(["graph", "--country", "Narnia", *db])
    for args in (["timeline", "KAZ", "USA"], ["timeline", "Nazarbayev", "Trump"], ["timeline", "kazakhstan"]):
        code, out, err = cli(*args, *db)
        assert code == 0 and "timeline:" in out, (args, err)


def test_dates_are_checked_and_named(seeds_db: Path) -> None:
    db = ["--db", str(seeds_db)]
    assert _usage_error(["timeline", "KAZ", "USA", "--from", "2025-13", *db]) == \
        "Error: Invalid value for '--from': '2025-13' is not a calendar date"
    assert _usage_error(["dyad", "KAZ", "USA", "--to", "last year", *db]) == \
        "Error: Invalid value for '--to': 'last year' is not a date; use YYYY, YYYY-MM or YYYY-MM-DD"
    assert _usage_error(["graph", "--from", "2020", "--to", "2019", *db]) == \
        "Error: Invalid value for '--from': 2020 is after --to 2019"
    assert "'--from'" in _usage_error(["quotes", "--from", "2019-02-30", *db])
    assert _usage_error(["actors", "show", "Trump", "--on", "notadate"]) == \
        "Error: Invalid value for '--on': 'notadate' is not a date; use YYYY, YYYY-MM or YYYY-MM-DD"
    code, _, err = cli("timeline", "KAZ", "USA", "--from", "2018-01", "--to", "2018", *db)
    assert code == 0, err


def test_the_python_api_and_the_web_api_share_the_date_check(seeds_db: Path) -> None:
    import pytest

    import tieline
    from tieline.api import BadParam
    from tieline.web import params

    with tieline.open(seeds_db, read_only=True) as t, pytest.raises(BadParam, match="start: 2020 is after end 2019"):
        t.timeline("KAZ", "USA", start="2020", end="2019")
    with pytest.raises(params.BadParam, match="start: '2025-13' is not a calendar date"):
        params.period("2025-13", None)
