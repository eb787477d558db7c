"""The ``tieline`` command: a thin layer over :mod:`tieline.api`.

Every command opens a store (``--db``, default ``./tieline.duckdb``) and calls
one method of :class:`tieline.api.Tieline`.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import threading
from pathlib import Path
from types import FrameType, TracebackType
from typing import Any

import click

from tieline import api
from tieline.errors import SetupError
from tieline.ingest import SUPPORTED
from tieline.records import Reject, to_dict
from tieline.report.terminal import safe
from tieline.store import DEFAULT_DB, StoreError
from tieline.words import count

EXIT_REJECTED = 1
EXIT_INTERRUPTED = 130

db_option = click.option("--db", default=DEFAULT_DB, show_default=True, envvar="TIELINE_DB",
                          help="Store: a DuckDB file path or a postgresql://user@host:port/db URL (env TIELINE_DB).")


def _err(msg: str) -> None:
    """A message on stderr, never with terminal control sequences (paths and reasons come from input)."""
    click.echo(safe(msg), err=True)


def _say(text: str) -> None:
    """Text for a person on stdout: control sequences from articles never reach the terminal."""
    click.echo(safe(text))


def _data(line: str) -> None:
    """A data line (JSON) on stdout: exact when it goes to a file or a pipe, made safe for a terminal."""
    click.echo(safe(line) if sys.stdout.isatty() else line)


def _open(db: str, read_only: bool = False) -> api.Tieline:
    try:
        return api.open(db, read_only=read_only)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc


class _Interrupts:
    """Ctrl-C during a long command: the first one stops it at once (what was committed stays, the
    open transaction rolls back), a second one exits on the spot, killing the worker processes.

    ``hit`` tells the command that whatever exception ends it (KeyboardInterrupt, or DuckDB's
    "Query interrupted") came from the user, so it prints one line instead of a traceback.
    """

    def __init__(self) -> None:
        self.hit = False
        self._old: Any = None

    def __enter__(self) -> _Interrupts:
        if threading.current_thread() is threading.main_thread():
            self._old = signal.signal(signal.SIGINT, self._first)
        return self

    def __exit__(self, typ: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._old is not None:
            signal.signal(signal.SIGINT, self._old)

    def _first(self, signum: int, frame: FrameType | None) -> None:
        self.hit = True
        signal.signal(signal.SIGINT, self._force)
        raise KeyboardInterrupt

    @staticmethod
    def _force(signum: int, frame: FrameType | None) -> None:
        import multiprocessing

        for child in multiprocessing.active_children():
            child.kill()
        show_cursor = "\x1b[?25h" if sys.stderr.isatty() else ""  # a progress bar hides it
        os.write(2, f"{show_cursor}\ninterrupted again: stopped at once; rerun to resume\n".encode())
        os._exit(EXIT_INTERRUPTED)


def _interrupted(t: api.Tieline, report: api.RunReport, link: bool = False) -> None:
    """The one line an interrupted run ends with, and its exit status.  With ``link`` the articles
    analysed before the interrupt are linked into stories first (a second Ctrl-C skips that; the
    next run links them), so timelines read meanwhile show them."""
    t.store.rollback()
    try:
        done, total = t.progress_counts()
    except Exception:  # the store is busy rolling back: what this run knows
        done, total = report.analyzed, report.stored + report.changed + report.skipped
    if link and done:
        try:
            t.link_stories()
        except Exception as exc:  # the store is unusable now: the next run links them
            t.store.rollback()
            _err(f"stories not linked ({exc}); the next run links them")
    _err(f"interrupted: {done} of {total} articles stored; rerun to resume")
    sys.exit(EXIT_INTERRUPTED)


def _day(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """An option's date (--from, --to, --on): YYYY, YYYY-MM or YYYY-MM-DD, a real one (as the web API checks)."""
    try:
        return api.check_day(value, param.opts[0] if param.opts else str(param.name))
    except api.BadParam as exc:
        raise click.BadParameter(exc.reason, ctx=ctx, param=param) from exc


def _period(start: str | None, end: str | None) -> None:
    """--from not after --to."""
    try:
        api.check_period(start, end, "--from", "--to")
    except api.BadParam as exc:
        raise click.BadParameter(exc.reason, param_hint="'--from'") from exc


_HINTS = {"a": "'A'", "b": "'B'", "start": "'--from'", "end": "'--to'", "country": "'--country'"}


def _bad(exc: ValueError) -> click.BadParameter:
    """An API error about a value as a usage error (exit 2) naming the argument or option."""
    if isinstance(exc, api.BadParam):
        return click.BadParameter(exc.reason, param_hint=_HINTS.get(exc.param, f"'{exc.param}'"))
    return click.BadParameter(str(exc))


def _print_reject(r: Reject) -> None:
    _err(f"{r.kind if r.kind in ('ignored', 'warning') else 'rejected'} {r.path}: {r.reason}")


class _Group(click.Group):
    """The command group; an error message (which may quote input) is cleaned like any other text."""

    def make_context(self, info_name: str | None, args: list[str], parent: click.Context | None = None,
                     **extra: Any) -> click.Context:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.ClickException as exc:
            # click declares ``message`` Final, but cleaning it in place keeps the exception's own kind
            # (a UsageError with its context and hint) that a new exception would lose.
            exc.message = safe(exc.message)  # type: ignore[misc]
            raise

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except SetupError as exc:  # the machine cannot run it (no language model...): one line, exit 1
            raise click.ClickException(safe(exc.message)) from exc
        except click.ClickException as exc:
            # click declares ``message`` Final, but cleaning it in place keeps the exception's own kind
            # (a UsageError with its context and hint) that a new exception would lose.
            exc.message = safe(exc.message)  # type: ignore[misc]
            raise


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="tieline")
def main() -> None:
    """tieline: who met, thanked, pressed or threatened whom — from news articles.

    \b
    Typical session:
      tieline run articles/                  # ingest + analyse + link stories
      tieline timeline KAZ USA               # the US–Kazakhstan timeline
      tieline export --format jsonl out/     # records for other tools
      tieline stats                          # what the store holds

    Everything is stored in one DuckDB file (--db, default ./tieline.duckdb) or, with
    --db postgresql://user@host:port/db, in a PostgreSQL database; reruns skip what is stored and resume where an interrupted run stopped.
    """


def _ingest_options(f: Any) -> Any:
    f = click.option("--encoding", default=None, help="Decode files with this encoding instead of UTF-8.")(f)
    f = click.option("--max-size", "max_mb", default=20.0, show_default=True, type=float,
                     help="Reject files larger than this many MB.")(f)
    f = click.option("--no-language-check", is_flag=True,
                     help="Keep texts that do not look like English.")(f)
    return f


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@db_option
@click.option("--workers", "-w", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Worker processes for the analysis.")
@click.option("--batch-size", default=8, show_default=True, type=click.IntRange(1, 1024),
              help="Documents per batch sent to a worker.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar, no summary.")
@click.option("--engine", type=click.Choice(["local", "spark"]), default="local", show_default=True,
              help="local: this machine (--workers); spark: a Spark cluster, writing Parquet to --out.")
@click.option("--master", default=None, help="Spark master URL for --engine spark: local[N] or "
              "spark://HOST:PORT.  [default: local[*]]")
@click.option("--out", type=click.Path(file_okay=False), default=None,
              help="Parquet folder the Spark engine writes (load it with `tieline load`, or give --db).")
@_ingest_options
@click.pass_context
def run(ctx: click.Context, inputs: tuple[str, ...], db: str, workers: int, batch_size: int, quiet: bool,
        engine: str, master: str | None, out: str | None, encoding: str | None, max_mb: float,
        no_language_check: bool) -> None:
    """Ingest INPUTS, analyse them, and link stories across sources.

    INPUTS are folders (read recursively), files ({suffixes}) or - for standard input.  Bad files are recorded in the store's rejects table and
    reported on stderr; the run goes on.  Exit status: 0 all stored, 1 some
    input rejected, 130 interrupted (rerun to resume).

    \b
    Examples:
      tieline run examples/
      tieline run ../shared/corpus/seeds/seeds.jsonl --db seeds.duckdb
      cat article.txt | tieline run -
      tieline run corpus/ --workers 2
      tieline run corpus.jsonl --engine spark --master local[2] --out corpus.parquet
      tieline run corpus/ --engine spark --master spark://head:7077 --out /shared/c.parquet --db c.duckdb

    With --engine spark the analysis runs on Spark and lands in the Parquet folder
    --out; the store (--db) is only filled when --db (or TIELINE_DB) is given, else
    later with `tieline load`.
    """
    if engine == "spark":
        load_db = db if ctx.get_parameter_source("db") is not click.core.ParameterSource.DEFAULT else None
        _run_spark(list(inputs), out, master or "local[*]", load_db, workers, batch_size, quiet,
                   encoding=encoding, max_bytes=int(max_mb * 1024 * 1024), check_language=not no_language_check)
        return
    if out or master:
        raise click.UsageError("--out and --master are for --engine spark")
    with _open(db) as t, _Interrupts() as stop:
        report = api.RunReport()
        try:
            t.ingest(list(inputs), report=report, check_language=not no_language_check, encoding=encoding,
                     max_bytes=int(max_mb * 1024 * 1024), on_reject=_print_reject)
            _analyze(t, report, workers, batch_size, quiet)
            report.stories = t.link_stories()
            t.index()
        except (KeyboardInterrupt, Exception):
            if not stop.hit:
                raise
            _interrupted(t, report, link=True)
        if not quiet:
            _err(report.summary())
    sys.exit(0 if report.ok else EXIT_REJECTED)


run.help = (run.help or "").replace("{suffixes}", " ".join(SUPPORTED))  # every suffix the readers take


def _run_spark(inputs: list[str], out: str | None, master: str, db: str | None, workers: int, batch_size: int,
               quiet: bool, **ingest: Any) -> None:
    """``tieline run --engine spark``: Parquet into --out, then (with --db) into the store."""
    from tieline.engines.spark import SparkEngine, SparkEngineError

    if not out:
        raise click.UsageError("--engine spark writes Parquet: give --out PARQUET_DIR")
    if workers != 1:
        raise click.UsageError("--workers is for the local engine; with Spark give --master local[N]")
    try:
        report = SparkEngine(master, batch_size=batch_size).run(inputs, out, on_reject=_print_reject, **ingest)
    except SparkEngineError as exc:
        raise click.ClickException(str(exc)) from exc
    except KeyboardInterrupt:
        _err("interrupted: the Parquet folder is unfinished; rerun to write it again")
        sys.exit(EXIT_INTERRUPTED)
    if not quiet:
        _err(f"{report.summary()}; written to {out.rstrip('/') or '/'}/")
    if db:
        with _open(db) as t:
            loaded = _load(t, out, quiet, shown=report.rejects)
        report.rejects += [r for r in loaded.rejects if r not in report.rejects]
    sys.exit(0 if report.ok else EXIT_REJECTED)


def _load(t: api.Tieline, src: str, quiet: bool, shown: list[Reject] | None = None) -> api.RunReport:
    from tieline.engines.parquet import ParquetLayoutError

    def on_reject(r: Reject) -> None:
        if not quiet and r not in (shown or ()):
            _print_reject(r)

    try:
        report = t.load(src, on_reject=on_reject)
    except ParquetLayoutError as exc:
        raise click.ClickException(str(exc)) from exc
    except KeyboardInterrupt:
        _err("interrupted: what was committed is kept — rerun `tieline load` to resume")
        sys.exit(EXIT_INTERRUPTED)
    if not quiet:
        _err(f"loaded into {t.store.url}: {report.summary()}")
    return report


@main.command()
@click.argument("parquet_dir", type=click.Path(exists=True, file_okay=False))
@db_option
@click.option("--quiet", "-q", is_flag=True, help="No summary and no reject lines.")
def load(parquet_dir: str, db: str, quiet: bool) -> None:
    """Load PARQUET_DIR, written by `tieline run --engine spark --out`, into the store.

    Then links stories and builds the search index, as `tieline run` does.  Reruns
    skip the documents already stored.  Exit status: 0 all stored, 1 the folder
    holds rejected inputs or failed documents, 130 interrupted (rerun to resume).

    \b
    Examples:
      tieline load corpus.parquet
      tieline load corpus.parquet --db corpus.duckdb
      tieline run corpus.jsonl --engine spark --out corpus.parquet && tieline load corpus.parquet -q
    """
    with _open(db) as t:
        report = _load(t, parquet_dir, quiet)
    sys.exit(0 if report.ok else EXIT_REJECTED)


def _analyze(t: api.Tieline, report: api.RunReport, workers: int, batch_size: int, quiet: bool) -> None:
    total = t.store.pending_count()
    if quiet or not total or not sys.stderr.isatty():
        t.analyze(workers=workers, batch_size=batch_size, report=report)
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(TextColumn("analysing"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("analyse", total=total)
        t.analyze(workers=workers, batch_size=batch_size, report=report,
                  progress=lambda done, _total: bar.update(task, completed=done))


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@db_option
@_ingest_options
def ingest(inputs: tuple[str, ...], db: str, encoding: str | None, max_mb: float,
           no_language_check: bool) -> None:
    """Store INPUTS without analysing them (``tieline run`` analyses them later).

    \b
    Examples:
      tieline ingest articles/ feed.jsonl
      tieline ingest - < article.html
    """
    with _open(db) as t, _Interrupts() as stop:
        report = api.RunReport()
        try:
            t.ingest(list(inputs), report=report, check_language=not no_language_check, encoding=encoding,
                     max_bytes=int(max_mb * 1024 * 1024), on_reject=_print_reject)
        except (KeyboardInterrupt, Exception):
            if not stop.hit:
                raise
            _interrupted(t, report)
        _err(report.summary())
    sys.exit(0 if report.ok else EXIT_REJECTED)


def _emit(data: str | bytes, out: str | None, what: str, human: bool = False) -> None:
    """Write a rendered report to ``--out`` or stdout (binary formats never to a terminal).  Text for
    people (``human``) never holds control sequences; data formats are cleaned only for a terminal."""
    if isinstance(data, str) and human:
        data = safe(data)
    if out:
        Path(out).write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        _err(f"wrote {what} to {out}")
    elif isinstance(data, bytes):
        if sys.stdout.isatty():
            raise click.UsageError(f"{what} is binary: give --out FILE or redirect stdout to a file")
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        _data(data)


include_option = click.option(
    "--include", default=None, metavar="planned,hedged",
    help="Also count planned and/or hedged events (negated ones never count; they are listed as not counted).")
out_option = click.option("-o", "--out", default=None, type=click.Path(dir_okay=False),
                          help="Write to this file instead of stdout.")


@main.command()
@click.argument("a", required=False)
@click.argument("b", required=False)
@db_option
@click.option("--from", "start", default=None, callback=_day, help="First date (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--to", "end", default=None, callback=_day, help="Last date.")
@click.option("--query", "-q", default=None, help="A topic timeline: the most important dates for this text.")
@click.option("--limit", default=10, show_default=True, type=click.IntRange(1, 1000),
              help="With --query: how many dates to keep.")
@click.option("--format", "fmt", type=click.Choice(["text", "md", "html", "json"]), default="text",
              show_default=True, help="html: one self-contained file with plots, readable offline.")
@out_option
def timeline(a: str | None, b: str | None, db: str, start: str | None, end: str | None, query: str | None,
             limit: int, fmt: str, out: str | None) -> None:
    """The timeline of ties between A and B: countries (ISO-3 codes or names) or persons.

    One entry per story (a real happening, merged across sources) with its
    date at the precision the sources support, a one-line summary, the best
    quote, the sources, and a [!] mark where sources disagree.  With only A,
    every story A takes part in.

    With --query instead of A and B: a topic timeline, the --limit most
    important dates for the text: the days that matching sentences name (and,
    less, the days matching articles were published), ranked by sources and
    sentences; one JSON line per date with date, summary, sources, stories and
    score under --format json.

    \b
    Examples:
      tieline timeline KAZ USA
      tieline timeline Kazakhstan "United States" --from 2018 --to 2019
      tieline timeline Nazarbayev Trump
      tieline timeline KAZ USA --format html -o kaz-usa.html
      tieline timeline KAZ USA --format json | jq .summary
      tieline timeline --query "nuclear talks" --limit 5 --format json
    """
    _period(start, end)
    if query is not None:
        if a or b:
            raise click.UsageError("give either A [B] or --query, not both")
        if fmt in ("md", "html"):
            raise click.UsageError("topic timelines come as text or json")
        from tieline.report import topic

        with _open(db, read_only=True) as t:
            try:
                dates = t.topic_timeline(query, limit, start=start, end=end)
            except ValueError as exc:
                raise _bad(exc) from exc
        _emit(topic.render_json(dates) if fmt == "json" else topic.render_text(dates, query), out, "timeline",
              human=fmt != "json")
        return
    if not a:
        raise click.UsageError("give one or two countries or persons (tieline timeline KAZ USA), or --query")
    from tieline.report.timeline import render_json, render_markdown, render_text

    with _open(db, read_only=True) as t:
        try:
            sa = t.subject(a, "a")
            sb = t.subject(b, "b") if b else None
        except ValueError as exc:
            raise _bad(exc) from exc
        entries = t.timeline(a, b, start=start, end=end)
    stats = None
    if sb is not None and fmt == "html":
        from tieline.report.dyad import dyad_stats

        stats = dyad_stats(entries, sa.label, sb.label)  # from these entries: no second timeline
    title = f"{sa.label} \u2013 {sb.label} timeline" if sb else f"{sa.label} timeline"
    if fmt == "json":
        _emit(render_json(entries), out, "timeline")
    elif fmt == "md":
        _emit(render_markdown(entries, title), out, "timeline", human=True)
    elif fmt == "html":
        from tieline.report.html import render_timeline_html

        _emit(render_timeline_html(entries, title, stats), out, "timeline")
    else:
        _emit(render_text(entries, title), out, "timeline", human=True)


@main.command()
@click.argument("a")
@click.argument("b")
@db_option
@click.option("--from", "start", default=None, callback=_day, help="First date (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--to", "end", default=None, callback=_day, help="Last date.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "png"]), default="text", show_default=True,
              help="png: stories per year by PLOVER quad, and the cooperation balance.")
@include_option
@out_option
def dyad(a: str, b: str, db: str, start: str | None, end: str | None, fmt: str, include: str | None,
         out: str | None) -> None:
    """Summary statistics of the ties between A and B: counts by type and year, and the
    cooperation/conflict balance over time ((coop - conflict) / (coop + conflict), PLOVER quads).

    \b
    Examples:
      tieline dyad KAZ USA
      tieline dyad KAZ USA --format json | jq .balance_by_year
      tieline dyad KAZ RUS --format png -o kaz-rus.png
      tieline dyad KAZ USA --include planned,hedged
    """
    _period(start, end)
    from tieline.report import dyad as report

    with _open(db, read_only=True) as t:
        try:
            st = t.dyad(a, b, start=start, end=end, include=include)
        except ValueError as exc:
            raise _bad(exc) from exc
    if fmt == "png":
        from tieline.report.plots import balance_plot

        _emit(balance_plot(st), out, "plot")
    else:
        _emit(report.render_json(st) if fmt == "json" else report.render_text(st), out, "statistics",
              human=fmt != "json")


@main.command()
@db_option
@click.option("--country", default=None, help="Only ties in events this country (code or name) takes part in.")
@click.option("--from", "start", default=None, callback=_day, help="First date (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--to", "end", default=None, callback=_day, help="Last date.")
@click.option("--level", type=click.Choice(["country", "actor"]), default="country", show_default=True,
              help="Nodes are countries, or actors (persons, organizations).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "graphml", "png", "html"]), default="text",
              show_default=True, help="json: node-link (d3); graphml: Gephi, Cytoscape; html: one offline page.")
@include_option
@out_option
def graph(db: str, country: str | None, start: str | None, end: str | None, level: str, fmt: str,
          include: str | None, out: str | None) -> None:
    """The actor graph: who has ties with whom.  Edges are weighted by stories and
    coloured by their dominant PLOVER quad (verbal/material cooperation/conflict).

    \b
    Examples:
      tieline graph --country KAZ
      tieline graph --country KAZ --from 2018 --to 2019 --format png -o kaz.png
      tieline graph --level actor --format graphml -o ties.graphml
      tieline graph --format json | jq '.edges[] | select(.balance < 0)'
      tieline graph --country KAZ --include planned
    """
    _period(start, end)
    from tieline.report import graph as report

    with _open(db, read_only=True) as t:
        try:
            g = t.graph(country, start=start, end=end, level=level, include=include)
        except ValueError as exc:
            raise _bad(exc) from exc
    title = f"Ties of {country}" if country else "Ties"
    if start or end:
        title += f", {start or '…'} to {end or '…'}"
    if fmt == "png":
        from tieline.report.plots import graph_plot

        _emit(graph_plot(g, title), out, "graph")
    elif fmt == "json":
        _emit(report.to_json(g), out, "graph")
    elif fmt == "graphml":
        _emit(report.to_graphml(g), out, "graph")
    elif fmt == "html":
        _emit(report.render_html(g, title), out, "graph")
    else:
        _emit(report.render_text(g), out, "graph", human=True)


@main.command()
@click.argument("out", type=click.Path(file_okay=False))
@db_option
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet", "cameo", "polecat"]),
              default="jsonl", show_default=True,
              help="jsonl|csv|parquet: the record contract; cameo|polecat: one event table (TSV).")
def export(out: str, db: str, fmt: str) -> None:
    """Write documents, actors, events, quotes and stories into OUT/ (record contract).

    --format cameo writes OUT/events.cameo.tsv (ICEWS/GDELT-style rows with CAMEO
    codes and Goldstein scores); --format polecat writes OUT/events.polecat.tsv
    (POLECAT's columns).

    \b
    Examples:
      tieline export out/
      tieline export --format parquet out/
      tieline export --format csv out/ && head out/events.csv
      tieline export --format cameo out/ && head out/events.cameo.tsv
    """
    with _open(db, read_only=True) as t:
        counts = t.export(out, fmt)
    _err(", ".join(f"{n} {k}" for k, n in counts.items()) + f" written to {out.rstrip('/') or '/'}/")


@main.command()
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def stats(db: str, as_json: bool) -> None:
    """Counts of what the store holds."""
    with _open(db, read_only=True) as t:
        s = t.stats()
    if as_json:
        _data(json.dumps(s))
    else:
        for k, v in s.items():
            _say(f"{k:<10} {v}")


@main.command()
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON lines.")
def rejects(db: str, as_json: bool) -> None:
    """Inputs that were not stored (or failed analysis), with the reason."""
    with _open(db, read_only=True) as t:
        rows = t.rejects()
    if not rows and not as_json:
        _err("no rejects")
    for r in rows:
        if as_json:
            _data(json.dumps(to_dict(r), ensure_ascii=False))
        else:
            _say(f"{r.kind:<10} {r.path}: {r.reason}")


@main.command("eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the full scores as JSON.")
@click.option("--query", "-q", default=None,
              help="Score the topic timeline for this text against GOLD as a reference timeline.")
@click.option("--limit", default=None, type=click.IntRange(1, 1000),
              help="With --query: dates to select (default: as many as the reference has).")
@click.option("--show", type=click.Choice(["misses"]), default=None,
              help="misses: each missed required gold event with the predictions of its sentence (and why "
                   "each fails the rule), then each prediction matching no gold event.")
@click.option("--verbose", "-v", is_flag=True, help="Same as --show misses.")
def eval_(gold: str, db: str, as_json: bool, query: str | None, limit: int | None, show: str | None,
          verbose: bool) -> None:
    """Score the store against gold annotations (tieline-gold/1; see gold/README.md).

    With --query, GOLD is a reference timeline instead (JSON lines with a
    "date" field, or the Timeline17 text layout) and the topic timeline for
    the query is scored on date selection: precision, recall and F1 of exact
    days, as timeline-summarization papers report it.

    \b
    Examples:
      tieline run ../shared/corpus/seeds/seeds.jsonl --db seeds.duckdb
      tieline eval ../shared/gold/seeds.gold.json --db seeds.duckdb
      tieline eval ../shared/gold/voa-dev.gold.json --show misses --db dev.duckdb
      tieline eval egypt-timeline.jsonl --query "Egypt protests" --db news.duckdb
    """
    from tieline.report.evaluate import render, render_timeline

    with _open(db, read_only=True) as t:
        try:
            res = (t.evaluate_timeline(gold, query, limit) if query
                   else t.evaluate(gold, diagnostics=verbose or show == "misses"))
        except (ValueError, KeyError) as exc:
            raise click.ClickException(f"cannot read {gold}: {exc}") from exc
    if query:
        _data(json.dumps(res, indent=2)) if as_json else _say(render_timeline(res))
        return
    _data(json.dumps(res, indent=2)) if as_json else _say(render(res))


@main.command()
@click.argument("text", required=False)
@click.option("--published", default=None, help="Publication date the relative dates resolve against.")
@click.option("--input", "input_path", default=None, metavar="FILE.jsonl",
              help="Many texts in one run: JSON lines with id, text and published (- for stdin); "
                   "prints one JSON object per expression, with its id.")
@click.option("--future", is_flag=True, help="Read weekdays and month-days without a year as future.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON lines.")
def dates(text: str | None, published: str | None, input_path: str | None, future: bool, as_json: bool) -> None:
    """Every time expression in TEXT (a string, a file, or - for stdin) with its ISO value.

    Each expression has a precision (day, week, month, quarter, year, decade), a
    date_end for ranges, and approximate for hedged ones ("about three weeks ago").

    \b
    Examples:
      tieline dates "On Thursday the two leaders met." --published 2018-01-18
      tieline dates article.txt --json
      tieline dates --input stories.jsonl > times.jsonl
    """
    from tieline.ingest import parse_published
    from tieline.nlp.dates import find_times

    def row(t: Any) -> dict[str, Any]:
        return {"text": t.text, "value": t.value, "precision": t.precision, "date_end": t.date_end,
                "approximate": t.approximate, "relative": t.relative, "start": t.start, "end": t.end}

    def pub_date(value: str | None, hint: str) -> str | None:
        try:
            return parse_published(value)
        except Exception as exc:
            raise click.BadParameter(str(exc), param_hint=hint) from exc

    tense = True if future else None
    default_pub = pub_date(published, "--published")
    if input_path is not None:
        if text is not None:
            raise click.UsageError("give TEXT or --input, not both")
        bad = 0
        with click.open_file(input_path, encoding="utf-8") as stream:
            for n, line in enumerate(stream, start=1):
                if not line.strip():
                    continue
                try:
                    obj = json.loads(line)
                    body, doc_id = obj["text"], obj.get("id", n)
                    pub = parse_published(obj.get("published")) or default_pub
                except Exception as exc:  # one bad line does not stop the batch
                    _err(f"{input_path}:{n}: skipped: {exc}")
                    bad += 1
                    continue
                for t in find_times(body, pub, tense):
                    _data(json.dumps({"id": doc_id, **row(t)}, ensure_ascii=False))
        if bad:
            sys.exit(1)
        return
    if text is None:
        raise click.UsageError("give TEXT (a string, a file or -) or --input FILE.jsonl")
    if text == "-":
        text = sys.stdin.read()
    elif Path(text).is_file():
        text = Path(text).read_text("utf-8")
        if default_pub is None:  # the article's own Published: line, as `tieline run` reads it
            from tieline.ingest.checks import InputError
            from tieline.ingest.readers import read_txt

            try:
                default_pub = read_txt(text, "dates", "dates", warn=lambda m: _err(f"warning: {m}")).published
            except InputError:  # no text at all: nothing to find dates in either
                default_pub = None
    for t in find_times(text, default_pub, tense):
        if as_json:
            _data(json.dumps(row(t), ensure_ascii=False))
        else:
            extra = (f" (to {t.date_end})" if t.date_end else "") + (" ~" if t.approximate else "")
            _say(f"{t.start:>6}-{t.end:<6} {t.value or '?':<11} {t.precision or '-':<7} {t.text}{extra}")


@main.command()
@click.argument("a", required=False)
@click.argument("b", required=False)
@db_option
@click.option("--conflicts", is_flag=True, help="Only stories where sources disagree.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON lines (the stories record).")
def stories(a: str | None, b: str | None, db: str, conflicts: bool, as_json: bool) -> None:
    """Stories (one real happening each) with members, source counts and conflicts.

    \b
    Examples:
      tieline stories
      tieline stories KAZ USA --conflicts
      tieline stories --json | jq -c '{date, summary, sources}'
    """
    with _open(db, read_only=True) as t:
        try:
            codes = [t.country_code(x, p) for x, p in ((a, "A"), (b, "B")) if x]
        except ValueError as exc:
            raise _bad(exc) from exc
        rows = t.list_stories(*codes, conflicts_only=conflicts)
    for s in rows:
        if as_json:
            _data(json.dumps(to_dict(s), ensure_ascii=False))
            continue
        mark = "  [!]" if s.conflicts else ""
        _say(f"{s.id}  {s.summary}  ({count(len(s.event_ids), 'event')}, {count(s.sources, 'source')}){mark}")
        for c in s.conflicts:
            vals = " vs ".join(f"{v['value']} ({', '.join(v['doc_ids'])})" for v in c.values)
            _say(f"    ! {c.field}: {vals}")


@main.command()
@db_option
@click.option("--speaker", default=None, help="Only quotes by this speaker (name or part of it).")
@click.option("--about", default=None, help="Only quotes in documents that mention this country.")
@click.option("--from", "start", default=None, callback=_day, help="Only documents published on or after this date.")
@click.option("--to", "end", default=None, callback=_day, help="Only documents published on or before this date.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON lines (the quotes record).")
def quotes(db: str, speaker: str | None, about: str | None, start: str | None, end: str | None,
           as_json: bool) -> None:
    """Direct quotations with their speakers and sources.

    \b
    Examples:
      tieline quotes --speaker Trump
      tieline quotes --about KAZ --json
      tieline quotes --speaker Tokayev --from 2019 --to 2020-06
    """
    _period(start, end)
    with _open(db, read_only=True) as t:
        try:
            rows = t.list_quotes(speaker=speaker, about=t.country_code(about, "--about") if about else None,
                                 start=start, end=end)
        except ValueError as exc:
            raise _bad(exc) from exc
    for q in rows:
        if as_json:
            _data(json.dumps(to_dict(q), ensure_ascii=False))
        else:
            who = (q.speaker.name or q.speaker.text) if q.speaker else "unattributed"
            _say(f"{q.doc_id}: \u201c{q.text}\u201d \u2014 {who}" + (f" ({q.cue})" if q.cue else ""))


@main.command()
@click.argument("text")
@db_option
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 1000))
@click.option("--kind", type=click.Choice(["sentence", "quote"]), default=None, help="Only sentences or quotes.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON lines.")
def search(text: str, db: str, limit: int, kind: str | None, as_json: bool) -> None:
    """Full-text search over every stored sentence and quote (BM25, best first).

    \b
    Examples:
      tieline search "nuclear weapons"
      tieline search sanctions --kind quote --limit 5
    """
    with _open(db, read_only=True) as t:
        rows = t.search(text, limit=limit, kind=kind)
    for r in rows:
        if as_json:
            _data(json.dumps(r, ensure_ascii=False, default=str))
        else:
            _say(f"{r['score']:6.2f}  {r['kind']:<8} {r['doc_id']}: {' '.join(str(r['text']).split())[:150]}")


@main.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but loopback lets others read the store.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--workers", default=None, type=click.IntRange(1, 64),
              help="Server processes over the store (default: one per core, at most 4).")
def serve(db: str, host: str, port: int, workers: int | None) -> None:
    """Explore the store in a browser: timelines, stories, actors, search, articles.

    The store is opened read-only; the pages and their JSON API (/api/..., docs at /docs, schema at
    /openapi.json) are served until Ctrl-C.

    \b
    Examples:
      tieline serve                               # http://127.0.0.1:8000/
      tieline serve --db voa.duckdb --port 8080 --workers 2
      curl 'http://127.0.0.1:8000/api/timeline/KAZ/USA?conflicts=true'
    """
    from tieline.web import serve as run_server
    from tieline.web.app import default_workers

    try:
        run_server(db, host=host, port=port, workers=workers or default_workers())
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc


@main.group()
def actors() -> None:
    """The actor registry: who a name is on a date, and adding your own actors.

    \b
    Examples:
      tieline actors show Nazarbayev --on 2018-01-16
      tieline actors show "the Kazakh president" --on 2020-06-01 --json
      tieline actors add my_actors.yaml
    """


@actors.command("show")
@click.argument("name", required=False)
@click.option("--on", "on", default=None, callback=_day, help="The date (YYYY, YYYY-MM or YYYY-MM-DD); default: today.")
@click.option("--context", default=None, help="Text the name appears in (a sentence or the story).")
@click.option("--db", default=None, envvar="TIELINE_DB",
              help="Also look the name up among this store's actors (those its articles named), when the "
                   "registry does not know it.  [default: ./tieline.duckdb when it exists; env TIELINE_DB]")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (actor_id, name, country, sector, role, ...).")
@click.option("--input", "input_path", type=click.Path(dir_okay=False, allow_dash=True), default=None,
              help="Batch: a JSON Lines file of {id, name, on?, context?} objects ('-' = stdin); prints one "
                   "JSON object per line with the same id (use with --json).")
def actors_show(name: str | None, on: str | None, context: str | None, db: str | None, as_json: bool,
                input_path: str | None) -> None:
    """The actor NAME resolves to on a date, with country, sector, role and the evidence.

    A role or body with a country but no person ("the Mongolian president" where no holder is
    known, "Pakistani soldiers") answers with the country and sector.
    """
    from tieline.lookup import known, show, show_many

    if input_path is not None:
        if name:
            raise click.UsageError("give NAME or --input, not both")
        if not as_json:
            raise click.UsageError("--input prints JSON Lines: add --json")
        fh = click.open_file(input_path, encoding="utf-8")

        def items():
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as exc:
                    yield {"id": None, "name": None, "_error": f"line {n}: {exc.msg}"}
                    continue
                if not isinstance(obj, dict):
                    yield {"id": None, "name": None, "_error": f"line {n}: not an object"}
                    continue
                if on and not obj.get("on"):
                    obj["on"] = on
                yield obj

        with fh:
            for it in items():
                if "_error" in it:
                    _data(json.dumps({"id": None, "error": it["_error"]}))
                    continue
                for out in show_many([it]):
                    _data(json.dumps(out, ensure_ascii=False, default=str))
        return
    if not name:
        raise click.UsageError("give NAME (or --input FILE --json)")
    info = show(name, on, context)
    if not known(info) and (db or Path(DEFAULT_DB).is_file()):
        with _open(db or DEFAULT_DB, read_only=True) as t:
            info = t.stored_actor(name, on) or info
    if not known(info):
        raise click.ClickException(f"no actor known as {name!r}" + (f" on {on}" if on else ""))
    if as_json:
        _data(json.dumps(info, ensure_ascii=False, default=str))
        return
    for key in ("actor_id", "name", "country", "sector", "role"):
        _say(f"{key:<9} {info.get(key)}")
    if info.get("evidence"):
        _say(f"evidence  {json.dumps(info['evidence'], ensure_ascii=False, default=str)}")


@actors.command("add")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
def actors_add(file: str) -> None:
    """Add the actors in FILE (.jsonl, .json, .yaml or .csv) to your registry.

    The file is checked, then copied into the user actors folder (TIELINE_ACTORS_DIR,
    default ~/.local/share/tieline/actors); later runs resolve names with it.

    \b
    CSV columns: id,name,kind,country,sector,aliases,role,title,start,end
    (aliases separated by |; several rows with one id give one actor with several roles).
    """
    import shutil

    from tieline.actors.registry import USER_SUFFIXES, Registry, user_actors_dir

    src = Path(file)
    if src.suffix.lower() not in USER_SUFFIXES:
        raise click.BadParameter(f"use one of {', '.join(USER_SUFFIXES)}", param_hint="FILE")
    try:
        probe = Registry()
        from tieline.actors.registry import _read_records  # the loader's own reader, for the check

        added = probe.add(_read_records(src))
    except Exception as exc:
        raise click.ClickException(f"cannot read actors from {file}: {exc}") from exc
    if not added:
        raise click.ClickException(f"no actors found in {file}")
    dest = user_actors_dir()
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dest / src.name)
    _err(f"{len(added)} actors from {file} added ({dest / src.name})")


@main.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option("--interval", default=1.0, show_default=True, type=click.FloatRange(0.05, 3600),
              help="Seconds between two looks at the paths.")
@click.option("--workers", "-w", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Worker processes for the analysis.")
@click.option("--copy", "copy_to", default=None, type=click.Path(dir_okay=False),
              help="After each update, refresh this copy of a DuckDB store (serve it: tieline serve --db COPY).")
@_ingest_options
def watch(paths: tuple[str, ...], db: str, interval: float, workers: int, copy_to: str | None,
          encoding: str | None, max_mb: float, no_language_check: bool) -> None:
    """Follow PATHS (folders, article or feed files) and keep the store current.

    New and changed files are stored, analysed and linked into stories as they
    land; timelines show them within seconds.  The store is opened only while an
    update runs, so `tieline timeline` can read a DuckDB store meanwhile.  Ctrl-C
    stops; what was stored is kept, and the next start picks up what landed since.

    \b
    Examples:
      tieline watch inbox/
      tieline watch inbox/ feeds/world.rss --interval 5 --db news.duckdb
      tieline watch inbox/ --copy live.duckdb & tieline serve --db live.duckdb
    """
    from tieline.watch import Watcher, WatchOptions

    for p in paths:
        if not Path(p).exists():
            raise click.BadParameter(f"no such file or folder: {p}", param_hint="PATHS")
    if copy_to and "://" in db:
        raise click.UsageError("--copy is for a DuckDB file store; serve a PostgreSQL store as it is")
    options = WatchOptions(interval=interval, workers=workers, check_language=not no_language_check,
                           encoding=encoding, max_bytes=int(max_mb * 1024 * 1024), copy=copy_to)
    watcher = Watcher(db, list(paths), options, log=_err, on_reject=_print_reject)
    _err("loading the model and reading what is there...")
    try:
        watcher.run()
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc
    except KeyboardInterrupt:
        _err("stopped; everything stored so far is kept")


if __name__ == "__main__":  # pragma: no cover
    main()
