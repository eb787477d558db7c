"""The Python API behind every command: ``tieline.open(db).timeline("KAZ", "USA")``.

The CLI is a thin layer over :class:`Tieline`; everything it prints can be had
from here as records.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tieline import lookup
from tieline.cache import timeline_cache
from tieline.daterange import overlaps
from tieline.errors import BadParam as BadParam  # re-export: its old home
from tieline.errors import ModelNotInstalled
from tieline.ingest import MAX_BYTES
from tieline.ingest.dedup import store_inputs
from tieline.records import Analysis, Document, Event, Mention, Quote, Reject, Story
from tieline.reports import RunReport
from tieline.store import DEFAULT_DB, SQLStore, open_store

if TYPE_CHECKING:
    from tieline.report.timeline import Subject

# Analysis failures of the machine, not of the document (the reject reasons engines.local.run_batch
# wrote before a missing model stopped the run): each run analyses those documents again.
RETRIED_FAILURES: tuple[str, ...] = tuple(f"analysis failed: {cls.__name__}: " for cls in (ModelNotInstalled,))



_DAY = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def check_day(value: str | None, param: str) -> str | None:
    """A date as YYYY, YYYY-MM or YYYY-MM-DD (a real calendar date), or None when not given."""
    if value is None or value == "":
        return None
    m = _DAY.match(value.strip())
    if not m:
        raise BadParam(param, f"{value!r} is not a date; use YYYY, YYYY-MM or YYYY-MM-DD")
    try:
        date(int(m[1]), int(m[2] or 1), int(m[3] or 1))
    except ValueError:
        raise BadParam(param, f"{value!r} is not a calendar date") from None
    return value.strip()


def check_period(start: str | None, end: str | None, start_param: str = "start",
                 end_param: str = "end") -> tuple[str | None, str | None]:
    """Both ends of a period checked, and the first not after the last (2019-05 to 2019 is fine)."""
    first, last = check_day(start, start_param), check_day(end, end_param)
    if first and last and first[: len(last)] > last:
        raise BadParam(start_param, f"{first} is after {end_param} {last}")
    return first, last


@cache
def known_countries() -> dict[str, str]:
    """ISO-3 code -> name of every country the actor registry knows (``actors/data/countries.jsonl``)."""
    raw = resources.files("tieline.actors").joinpath("data/countries.jsonl").read_text("utf-8")
    rows = [json.loads(line) for line in raw.splitlines() if line.strip()]
    return {r["iso3"]: r["name"] for r in rows}


def suggest(value: str, names: Iterable[str], n: int = 3) -> list[str]:
    """Close matches for a mistyped value: names holding it as a word first, then difflib's."""
    names = list(dict.fromkeys(x for x in names if x))
    needle = value.strip().casefold()
    words = [x for x in names if needle in x.casefold().split()]
    folded = {x.casefold(): x for x in names}
    close = [folded[m] for m in difflib.get_close_matches(needle, list(folded), n=n, cutoff=0.6)]
    by_word: dict[str, str] = {}  # a surname alone ("Trmp" for Donald Trump)
    for x in names:
        for w in x.casefold().split():
            by_word.setdefault(w, x)
    close += [by_word[m] for m in difflib.get_close_matches(needle, list(by_word), n=n, cutoff=0.75)]
    return list(dict.fromkeys(words + close))[:n]


class Tieline:
    """One store, and everything you can do with it.

    Timelines (and the dyad statistics made from them) are kept in ``cache`` for the store's
    generation (:meth:`SQLStore.generation`, which every committed write changes): asking again
    for the same sides, with whatever filters and pages, reads nothing but that token.  A write
    made with raw SQL outside :meth:`SQLStore.commit` does not change the generation: clear the
    cache after one (``t.cache.clear()``)."""

    def __init__(self, store: SQLStore, cache: Any = None) -> None:
        self.store = store
        self.cache = cache if cache is not None else timeline_cache()

    # -- lifecycle -----------------------------------------------------------------------------
    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Tieline:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- ingest --------------------------------------------------------------------------------
    def ingest(self, inputs: Sequence[str], *, report: RunReport | None = None,
               check_language: bool = True, encoding: str | None = None, max_bytes: int = MAX_BYTES,
               on_reject: Callable[[Reject], None] | None = None, batch: int = 64,
               items: Iterable[Document | Reject] | None = None) -> RunReport:
        """Read inputs into the store: new and changed documents are stored, the rest skipped or rejected
        (see :func:`tieline.ingest.dedup.store_inputs`).  ``items`` (already read Documents and Rejects)
        replaces reading ``inputs``: ``tieline watch`` reads each changed file with the ids a run over
        its folder gives."""
        return store_inputs(self.store, inputs, report=report, check_language=check_language,
                            encoding=encoding, max_bytes=max_bytes, on_reject=on_reject, batch=batch,
                            items=items)

    # -- analyse -------------------------------------------------------------------------------
    def analyze(self, *, workers: int = 1, batch_size: int = 8, report: RunReport | None = None,
                progress: Callable[[int, int], None] | None = None) -> RunReport:
        """Run the pipeline on every stored document not analysed yet; commits batch by batch."""
        from tieline.engines import LocalEngine

        report = report or RunReport()
        report.retried += self.store.requeue_failed(RETRIED_FAILURES)
        total = self.store.pending_count()
        if not total:
            return report
        engine = LocalEngine(workers=workers, batch_size=batch_size)
        done = 0
        batches = engine.analyze(self._pending_stream())
        try:
            for batch in batches:
                good = [a for a in batch if isinstance(a, Analysis)]
                bad = [r for r in batch if isinstance(r, Reject)]
                self.store.save_analyses(good)
                if bad:
                    self.store.add_rejects(bad)
                    self.store.mark_failed([r.doc_id for r in bad if r.doc_id])
                    report.rejects.extend(bad)
                    report.failed += len(bad)
                report.analyzed += len(good)
                done += len(batch)
                if progress:
                    progress(done, total)
        finally:
            batches.close()  # an interrupted run stops its worker pool now, not at garbage collection
        return report

    def progress_counts(self) -> tuple[int, int]:
        """(documents analysed, documents stored): how far the store is, e.g. after an interrupt."""
        total = self.store.document_count()
        return total - self.store.pending_count(), total

    def _pending_stream(self, page: int = 256) -> Iterator[Document]:
        last = ""
        while True:
            docs = self.store.pending_documents(limit=page, after=last)
            if not docs:
                return
            yield from docs
            last = docs[-1].id

    # -- stories -------------------------------------------------------------------------------
    def link_stories(self) -> int:
        """Attach events without a story to stories (new or existing); returns stories touched."""
        from tieline.stories import StoryLinker

        new = self.store.events(unlinked=True)
        if not new:
            return 0
        countries = sorted({r.country for e in new for r in e.actor + e.recipient if r.country})
        related = self.store.events(any_country=countries) if countries else []
        touched = {e.story_id for e in related if e.story_id}
        scope = {e.id: e for e in related + new}
        if touched:
            for e in self.store.events(story_ids=sorted(touched)):
                scope[e.id] = e
        events = list(scope.values())
        docs = {d.id: d for d in self.store.documents(sorted({e.doc_id for e in events}), text=False)}
        stories = StoryLinker().link(events, docs, self._mentions(sorted({e.doc_id for e in events
                                                                          if not e.actor})),
                                     previous=self.store.stories(sorted(touched)) if touched else ())
        self.store.replace_stories(sorted(touched), stories)
        return len(stories)

    def _mentions(self, doc_ids: Sequence[str]) -> list[Mention]:
        """Resolved mentions of these documents (what a story summary may name as its subject)."""
        return [Mention(r["doc_id"], int(r["sentence"]), int(r["start_char"]), int(r["end_char"]), r["text"],
                        r["label"], r["actor_id"], r["name"], r["country"], r["sector"])
                for r in self.store.resolved_mentions(doc_ids)]

    # -- the whole job ---------------------------------------------------------------------------
    def run(self, inputs: Sequence[str], *, workers: int = 1, batch_size: int = 8,
            check_language: bool = True, encoding: str | None = None, max_bytes: int = MAX_BYTES,
            on_reject: Callable[[Reject], None] | None = None,
            progress: Callable[[int, int], None] | None = None) -> RunReport:
        """Ingest the inputs, analyse everything not analysed yet, link stories."""
        report = self.ingest(inputs, check_language=check_language, encoding=encoding,
                             max_bytes=max_bytes, on_reject=on_reject)
        try:
            self.analyze(workers=workers, batch_size=batch_size, report=report, progress=progress)
        except KeyboardInterrupt:  # what was analysed goes into stories before the interrupt goes on
            self.store.rollback()
            self.link_stories()
            raise
        report.stories = self.link_stories()
        self.index()
        return report

    def load(self, parquet_dir: str | Path, *, report: RunReport | None = None,
             on_reject: Callable[[Reject], None] | None = None,
             progress: Callable[[int, int], None] | None = None) -> RunReport:
        """Load the Parquet folder of ``tieline run --engine spark --out DIR``, then link stories
        and index, as :meth:`run` does; rerunning it skips what is stored."""
        from tieline.engines.load import load_parquet

        report = load_parquet(self.store, parquet_dir, report=report or RunReport(), on_reject=on_reject,
                              progress=progress)
        report.stories = self.link_stories()
        self.index()
        return report

    def index(self) -> None:
        """Rebuild the full-text index over sentences and quotes (where the backend has one)."""
        rebuild = getattr(self.store, "rebuild_search", None)
        if rebuild is not None:
            rebuild()

    def search(self, text: str, limit: int = 20, kind: str | None = None) -> list[dict[str, Any]]:
        """Full-text search over sentences and quotes: ``t.search("nuclear weapons")``."""
        return self.store.search(text, limit=limit, kind=kind)

    # -- reading ---------------------------------------------------------------------------------
    def documents(self) -> list[Document]:
        return self.store.documents()

    def events(self, *countries: str) -> list[Event]:
        return self.store.events(countries=[self.country_code(c) for c in countries] or None)

    def quotes(self) -> list[Quote]:
        return self.store.quotes()

    def stories(self) -> list[Story]:
        return self.store.stories()

    def list_stories(self, *countries: str, conflicts_only: bool = False) -> list[Story]:
        """Stories, optionally only those with events involving all the given countries."""
        if countries:
            ids = sorted({e.story_id for e in self.store.events(countries=list(countries)) if e.story_id})
            found = self.store.stories(ids)
        else:
            found = self.store.stories()
        return [s for s in found if s.conflicts or not conflicts_only]

    def list_quotes(self, speaker: str | None = None, about: str | None = None, start: str | None = None,
                    end: str | None = None) -> list[Quote]:
        """Quotes, by speaker name (case-insensitive substring), documents about a country, and
        publication date of their document (``start``/``end`` as YYYY, YYYY-MM or YYYY-MM-DD, the
        rule of :mod:`tieline.daterange`; a quote from an undated document is left out)."""
        start, end = check_period(start, end)
        qs = self.store.quotes()
        if start or end:
            pub = {d.id: d.published_date for d in self.store.documents(text=False)}
            qs = [q for q in qs if (p := pub.get(q.doc_id)) and overlaps(p, start, end)]
        if speaker:
            needle = speaker.casefold()
            qs = [q for q in qs if q.speaker and needle in f"{q.speaker.name} {q.speaker.text}".casefold()]
        if about:
            docs = self.store.docs_mentioning_country(about)
            qs = [q for q in qs if q.doc_id in docs]
        return qs

    def rejects(self) -> list[Reject]:
        return self.store.rejects()

    def stats(self) -> dict[str, int]:
        return self.store.stats()

    def subject(self, name: str | Subject, param: str = "subject") -> Any:
        """What a timeline side means: a country (code or name) or one actor (a person or an
        organization the registry or the store knows: "Nazarbaev", "NATO", or its registry id
        "person:nursultan-nazarbayev").  A :class:`~tieline.report.timeline.Subject` is itself."""
        from tieline.report.timeline import Subject

        if isinstance(name, Subject):
            return name
        if name.startswith("country:"):
            name = name.split(":", 1)[1]
        elif ":" in name:  # a registry id, as the web app's addresses name persons
            shown = self.store.event_actor_name(name.strip())
            if shown is not None:
                return Subject("actor", name.strip(), shown)
        try:
            code = self.country_code(name)
        except BadParam:
            code = None
        if code and self.store.has_country_events(code):
            return Subject.country(code)
        actor = self._actor_named(name)
        if actor is not None:
            return actor
        if code:
            return Subject.country(code)
        people = self.store.event_actor_names()
        raise BadParam(param, f"unknown country or actor {name!r}{self._did_you_mean(name, people)}; give an "
                              "ISO-3 code (KAZ, USA), a country name, or the name of a person in the store")

    def _actor_named(self, name: str) -> Any:
        from tieline.actors import Registry
        from tieline.report.timeline import Subject

        candidates = [e.id for e in Registry.default().lookup(name) if not e.id.startswith("country:")]
        needle = name.strip().casefold()
        for r in self.store.actor_names():
            names = [r["name"] or ""] + r["aliases"]
            if any(needle == n.casefold() or n.casefold().endswith(" " + needle) for n in names):
                candidates.append(r["actor_id"])
        for actor_id in dict.fromkeys(candidates):
            shown = self.store.event_actor_name(actor_id)
            if shown is not None:
                return Subject("actor", actor_id, shown)
        return None

    def stored_actor(self, name: str, on: str | None = None) -> dict[str, Any] | None:
        """The actor the store's ``actors`` table knows by this id, name or alias (case-insensitive),
        in the form of :func:`show_actor`; None when the store knows no such actor."""
        needle = name.strip().casefold()
        if not needle:
            return None
        for r in self.store.actors():
            names = [r["actor_id"] or "", r["name"] or ""] + r["aliases"]
            if needle not in {n.casefold() for n in names}:
                continue
            roles = [x for x in r["roles"] if isinstance(x, dict)]
            held = [x for x in roles if on is None or overlaps(on, x.get("start"), x.get("end"))]
            role = (held[0].get("title") or held[0].get("role")) if held else None
            return {"actor_id": r["actor_id"], "name": r["name"], "kind": r["kind"], "country": r["country"],
                    "sector": r["sector"], "role": role, "on": on,
                    "evidence": {"text": name.strip(), "method": "store", "label": None, "confidence": None}}
        return None

    def timeline(self, a: str | Subject, b: str | Subject | None = None, *, start: str | None = None,
                 end: str | None = None, **filters: Any) -> list[Any]:
        """Stories between two sides, in date order, with their evidence.  A side is a country
        (ISO-3 code or name) or an actor (a person's name, or a registry id such as
        ``person:donald-trump``): ``timeline("KAZ", "USA")``.  ``filters`` are the fields of
        :class:`tieline.report.timeline.Filters` (``events``, ``certainty``, ``sources``,
        ``min_sources``, ``conflicts_only``); dates follow :mod:`tieline.daterange`."""
        return self.timeline_page(a, b, start=start, end=end, **filters).entries

    def timeline_page(self, a: str | Subject, b: str | Subject | None = None, *, start: str | None = None,
                      end: str | None = None, limit: int | None = None, offset: int = 0,
                      cache: Any = None, **filters: Any) -> Any:
        """One page of :meth:`timeline` (a :class:`tieline.report.timeline.Page`: ``total`` and the
        ``entries`` from ``offset``); only the page's entries are given sources and quotes.  A
        ``cache`` (:class:`tieline.report.timeline.SelectionCache`) keeps the selection between
        pages; by default the Tieline's own."""
        from tieline.report.timeline import Filters, timeline_page

        start, end = check_period(start, end)
        subjects = [self.subject(a, "a")] + ([self.subject(b, "b")] if b else [])
        given: dict[str, Any] = {k: tuple(v) if isinstance(v, list | tuple) else v for k, v in filters.items()}
        f = Filters(start=start, end=end, **given)
        return timeline_page(self.store, subjects, f, limit=limit, offset=offset,
                             cache=self.cache if cache is None else cache)

    def topic_timeline(self, query: str, limit: int = 10, *, start: str | None = None,
                       end: str | None = None) -> list[Any]:
        """The ``limit`` most important dates for a topic (full-text ``query``), in date order."""
        from tieline.report.topic import topic_timeline

        start, end = check_period(start, end)
        return topic_timeline(self.store, query, limit=limit, start=start, end=end)

    def dyad(self, a: str | Subject, b: str | Subject, *, start: str | None = None, end: str | None = None,
             include: str | Sequence[str] | None = None) -> Any:
        """Summary statistics of the ties between two sides: counts by type and year, and the
        cooperation/conflict balance over time.  Negated stories never count; ``include``
        ("planned,hedged" or a list) counts planned and hedged ones too (:mod:`tieline.certainty`)."""
        from tieline.report.dyad import dyad_stats
        from tieline.report.timeline import build_timeline

        start, end = check_period(start, end)
        sa, sb = self.subject(a, "a"), self.subject(b, "b")
        entries = build_timeline(self.store, [sa, sb], start=start, end=end, cache=self.cache)
        return dyad_stats(entries, sa.label, sb.label, include=include)

    def graph(self, country: str | None = None, *, start: str | None = None, end: str | None = None,
              level: str = "country", include: str | Sequence[str] | None = None) -> Any:
        """The actor graph (networkx ``DiGraph``): countries or actors as nodes, ties as edges
        weighted by events and coloured by cooperation vs conflict (PLOVER quads).  Negated events
        never count; ``include`` ("planned,hedged") counts planned and hedged ones too."""
        from tieline.report.graph import build_graph

        start, end = check_period(start, end)
        return build_graph(self.store, country=self.country_code(country) if country else None,
                           start=start, end=end, level=level, include=include)

    def export(self, out: str | Path, fmt: str = "jsonl") -> dict[str, int]:
        from tieline.report.export import export

        return export(self.store, Path(out), fmt)

    def evaluate(self, gold: str | Path, diagnostics: bool = False) -> dict[str, Any]:
        """Scores against a tieline-gold/1 file; ``diagnostics`` adds the missed gold events with the
        predictions of their sentences, and the predictions that match nothing."""
        from tieline.report.evaluate import evaluate

        return evaluate(self.store, Path(gold), diagnostics)

    def evaluate_timeline(self, reference: str | Path, query: str, limit: int | None = None) -> dict[str, Any]:
        """Date precision/recall/F1 of the topic timeline for ``query`` against a reference timeline."""
        from tieline.report.evaluate import evaluate_timeline

        return evaluate_timeline(self.store, Path(reference), query, limit)

    def country_code(self, name: str, param: str = "country") -> str:
        """ISO-3 code for a code or a country name ("kaz", "Kazakhstan", "Kazakh" → "KAZ").  A code
        is one the registry knows or one in the store's events; anything else is a :class:`BadParam`
        that suggests close matches ("UAS": did you mean USA?)."""
        from tieline.actors import country_code

        s = name.strip()
        code = country_code(s) if 0 < len(s) <= 100 else None
        if code:
            return code
        if len(s) == 3 and s.isalpha() and self.store.has_country_events(s.upper()):
            return s.upper()  # a code the registry does not know, in a user's store
        raise BadParam(param, f"unknown country {name!r}{self._did_you_mean(name)}; give an ISO-3 code "
                              "(KAZ, USA) or a country name")

    @staticmethod
    def _did_you_mean(name: str, people: Iterable[str] = ()) -> str:
        countries = known_countries()
        s = name.strip()
        found = suggest(s, list(people) + list(countries.values()))
        if len(s) == 3 and s.isupper():  # a mistyped code: codes first
            found = [c for c in suggest(s, countries) if c != s] + found
        return f" (did you mean {' or '.join(dict.fromkeys(found[:4]))}?)" if found else ""


def show_actor(name: str, on: str | None = None, context: str | None = None) -> dict[str, Any]:
    """What ``tieline actors show`` answers: the actor ``name`` means on ``on`` (read in ``context``,
    a sentence or story, when given), with country, sector, role and the evidence.  A role or body
    with no person ("Pakistani soldiers") answers with its country and sector; nothing known: all None."""
    return lookup.show(name, on, context)


def show_actors(items: Iterable[Mapping[str, Any]]) -> Iterator[dict[str, Any]]:
    """The batch form of :func:`show_actor`: one answer, with the item's ``id``, per
    ``{"id", "name", "on"?, "context"?}`` object; the model and the registry are loaded once."""
    return lookup.show_many(items)


def open(db: str | Path = DEFAULT_DB, read_only: bool = False) -> Tieline:  # noqa: A001 - the API's name
    """Open (or create) a store: ``tieline.open("tieline.duckdb").timeline("KAZ", "USA")``."""
    return Tieline(open_store(db, read_only=read_only))
