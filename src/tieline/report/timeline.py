"""Timelines: the stories between countries, in date order, with their evidence."""

from __future__ import annotations

import dataclasses
import json
import threading
from collections import OrderedDict
from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Any, Protocol

from tieline.certainty import strongest
from tieline.daterange import overlaps
from tieline.events.quads import quad
from tieline.records import ActorRef, Event, Quote, Story
from tieline.store import SQLStore
from tieline.store.base import member_event
from tieline.stories.summary import summarize
from tieline.words import count

_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def show_date(value: str | None) -> str:
    """A date at its precision: "2018-01-16", "Feb 2021", "2015" — never a made-up day."""
    if not value:
        return "undated"
    parts = value[:10].split("-")
    if len(parts) == 2:
        return f"{_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    return value[:10]


@dataclass
class Entry:
    date: str | None
    shown: str
    event: str
    summary: str
    story_id: str
    sources: list[dict[str, Any]]
    quote: dict[str, Any] | None = None
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    events: int = 0
    place: str | None = None
    certainty: str | None = None
    quad: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The entry as plain data, its lists and dicts copied (what ``dataclasses.asdict`` gives,
        without its generic deep copy: a timeline page has hundreds of these)."""
        return {f.name: _plain(getattr(self, f.name)) for f in _ENTRY_FIELDS}


_ENTRY_FIELDS = dataclasses.fields(Entry)


def _plain(value: Any) -> Any:
    """A copy of JSON-like data (dicts, lists and tuples of scalars): the containers are new."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_plain(v) for v in value)
    return value


def best_quote(quotes: list[Quote], story: Story, head_doc: str | None,
                members: list[Event]) -> Quote | None:
    """The quote that best speaks for a story: linked to its events, else said by one of its
    participants within a few sentences after one of its events; from its main report first."""
    ids = set(story.event_ids)
    people = {r.actor_id for r in story.actor + story.recipient if r.actor_id}
    where = {(e.doc_id, e.sentence) for e in members}

    def near(q: Quote) -> bool:
        return any((q.doc_id, q.sentence - k) in where for k in range(0, 4))

    def rank(q: Quote) -> tuple[bool, bool, bool, bool, int]:
        by_participant = q.speaker is not None and q.speaker.actor_id in people
        return (bool(set(q.event_ids) & ids), by_participant, q.doc_id == head_doc, q.speaker is not None,
                min(len(q.text), 200))

    pool = [q for q in quotes if set(q.event_ids) & ids or (
        near(q) and q.speaker is not None and q.speaker.actor_id in people)]
    best = max(pool, key=rank, default=None)
    if best is not None and not (rank(best)[0] or rank(best)[1]) and best.doc_id != head_doc:
        return None  # a quote from a background mention in another article would mislead
    return best


@dataclass(frozen=True)
class Subject:
    """One side of a timeline: a country (ISO-3 ``key``) or one actor (registry ``actor_id``)."""

    kind: str  # "country" | "actor"
    key: str
    label: str

    @classmethod
    def country(cls, code: str) -> Subject:
        return cls("country", code, code)


def involves(e: Event, subjects: list[Subject]) -> bool:
    """Whether every subject takes part in the event: a country through a participant's country
    or a standing group it belongs to (C5+1 for KAZ), an actor by its id."""
    from tieline.actors.groups import event_countries, group_of, member_countries

    countries = event_countries(e)
    ids = {r.actor_id for r in e.actor + e.recipient if r.actor_id}
    if not all(s.key in countries if s.kind == "country" else s.key in ids for s in subjects):
        return False
    # two members only through one group that acts on a third party ("the G7 urges Russia") are
    # not an event between them; a group meeting on its own ("the Quad leaders meet") is
    own = {r.country for r in e.actor + e.recipient if r.country and group_of(r) is None}
    keys = {s.key for s in subjects if s.kind == "country"}
    if len(keys) < 2 or keys & own or len(subjects) != len(keys):
        return True
    for side, other in ((e.actor, e.recipient), (e.recipient, e.actor)):
        if keys <= member_countries(side, e.date) and any(r.country or r.actor_id for r in other):
            return False
    return True


def dyad_headline(story: Story, events: list[Event], subjects: list[Subject]) -> Event | None:
    """The event that headlines a story in a timeline between these subjects: the story's own
    headline when it is between them, else the first of its events that is (its headline's type
    first); None when none is (Kerry meeting Karimov is not a KAZ-USA event: the story is not in
    that dyad)."""
    between = [e for e in events if involves(e, subjects)]
    if not between:
        return None
    order = {eid: i for i, eid in enumerate(story.event_ids)}
    return min(between, key=lambda e: (order.get(e.id) != 0, e.event != story.event, order.get(e.id, len(order))))


def dyad_summary(story: Story, head: Event) -> str:
    """The story's summary, or, when a dyad headlines it by another of its events, that event's."""
    if story.event_ids and head.id == story.event_ids[0]:
        return story.summary
    return summarize(_group_names(head), story.date, story.place)


def _group_names(e: Event) -> Event:
    """The event with an unresolved participant that is a standing group ("Central Asian") named as
    the group ("the five Central Asian countries"), for a summary that reads."""
    from tieline.actors.groups import group_of

    def named(refs: list[ActorRef]) -> list[ActorRef]:
        out = []
        for r in refs:
            g = None if r.actor_id else group_of(r)
            out.append(dataclasses.replace(r, name=g.name) if g is not None else r)
        return out

    return dataclasses.replace(e, actor=named(e.actor), recipient=named(e.recipient))


def story_ids_for(store: SQLStore, subjects: list[Subject]) -> list[str]:
    """Stories with at least one event in which every subject takes part."""
    if not subjects:
        raise ValueError("a timeline needs at least one country or actor")
    return store.story_ids_with(countries=[s.key for s in subjects if s.kind == "country"],
                                actor_ids=[s.key for s in subjects if s.kind != "country"])


@dataclass(frozen=True)
class Filters:
    """What a timeline keeps besides its subjects: a date range (:mod:`tieline.daterange`: a date
    overlapping it is kept), headline ``events`` types, the story's ``certainty`` (one of these),
    ``sources`` (outlets, one of the story's documents from one of them), at least ``min_sources``
    documents, only stories whose sources disagree."""

    start: str | None = None
    end: str | None = None
    events: tuple[str, ...] = ()
    certainty: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    min_sources: int = 1
    conflicts_only: bool = False


@dataclass
class Page:
    """One page of a timeline: ``total`` entries match, ``entries`` from ``offset`` on."""

    total: int
    entries: list[Entry]
    limit: int | None
    offset: int


@dataclass
class _Head:
    story: Story
    event: str
    summary: str
    certainty: str | None
    head: Event | None
    rows: list[dict[str, Any]]  # the story's events as SQLStore.story_members rows

    @property
    def members(self) -> list[Event]:
        return [member_event(r) for r in self.rows]


def _story_kept(s: Story, f: Filters) -> bool:
    """Whether a story passes the filters on its own fields: its date overlaps the range (the
    one rule of :mod:`tieline.daterange`), enough sources, conflicts when only those are asked."""
    return overlaps(s.date, f.start, f.end) and s.sources >= f.min_sources and (bool(s.conflicts)
                                                                              or not f.conflicts_only)


def _head_kept(h: _Head, f: Filters) -> bool:
    """Whether a story passes the filters on what it is in this timeline: its headline's type
    and its certainty (a story without one counts as asserted)."""
    return (not f.events or h.event in f.events) and (not f.certainty or (h.certainty or "asserted") in f.certainty)


def _from_outlets(store: SQLStore, stories: list[Story], outlets: tuple[str, ...]) -> list[Story]:
    """The stories with at least one document from one of these outlets."""
    wanted_outlets = set(outlets)
    docs = store.document_meta(sorted({d for s in stories for d in s.doc_ids}))
    wanted = {d["id"] for d in docs if d["source"] in wanted_outlets}
    return [s for s in stories if wanted.intersection(s.doc_ids)]


def _heads(store: SQLStore, subjects: list[Subject], f: Filters) -> list[_Head]:
    """The stories of a timeline that pass the filters, each with the event that headlines it
    there, in date order (undated last).

    The stories are found by their events' country sets (:meth:`SQLStore.story_ids_with`) and
    filtered on their own fields first; only then are their events read, as light rows by primary
    key (:meth:`SQLStore.story_members`); a story's own
    headline is checked first and only when it is not between the subjects are its other
    matching events decoded (:func:`dyad_headline` would choose the headline first anyway)."""
    if not subjects:
        raise ValueError("a timeline needs at least one country or actor")
    countries = [s.key for s in subjects if s.kind == "country"]
    actor_ids = [s.key for s in subjects if s.kind != "country"]
    stories = [s for s in store.stories(store.story_ids_with(countries=countries, actor_ids=actor_ids))
               if _story_kept(s, f)]
    if f.sources:
        stories = _from_outlets(store, stories, f.sources)
    by_story: dict[str, list[dict[str, Any]]] = {}
    for r in store.story_members(stories, countries, actor_ids):
        by_story.setdefault(r["story_id"], []).append(r)
    out: list[_Head] = []
    rewrite: list[int] = []
    for s in stories:
        mine_rows = by_story.get(s.id, [])
        first = s.event_ids[0] if s.event_ids else None
        at = next((i for i, r in enumerate(mine_rows) if r["id"] == first), 0 if mine_rows else None)
        head = member_event(mine_rows[at]) if at is not None else None
        kind, summary = s.event, s.summary
        if len(subjects) > 1 and mine_rows:
            chosen = None
            if at is not None and mine_rows[at]["matches"]:
                full = member_event(mine_rows[at], refs=True)
                chosen = full if involves(full, subjects) else None
            if chosen is None:
                matching = [member_event(r, refs=True) for r in mine_rows if r["matches"]]
                chosen = dyad_headline(s, matching, subjects)
            if chosen is None:
                continue
            if chosen.id != (head.id if head else None):
                head, kind = chosen, chosen.event
                summary = ""  # the chosen event's, from its full record (below)
        # the story's certainty: the strongest among its events of the headline type
        certainty = strongest([r["certainty"] for r in mine_rows if r["event"] == kind]) or (
            head.certainty if head else None)
        h = _Head(s, kind, summary, certainty, head, mine_rows)
        if not _head_kept(h, f):
            continue
        if not summary and head is not None:
            rewrite.append(len(out))
        out.append(h)
    if rewrite:
        heads = [hd for i in rewrite if (hd := out[i].head) is not None]
        full_events = {e.id: e for e in store.events(ids=[hd.id for hd in heads])}
        for i in rewrite:
            h = out[i]
            if h.head is not None and h.head.id in full_events:
                h.head = full_events[h.head.id]
                h.summary = dyad_summary(h.story, h.head)
    out.sort(key=lambda h: (h.story.date or "9999", h.story.id))
    return out


def _entries(store: SQLStore, heads: list[_Head]) -> list[Entry]:
    """Timeline entries for these stories: sources, the quote that speaks for each, conflicts."""
    doc_ids = sorted({d for h in heads for d in h.story.doc_ids})
    docs = {r["id"]: r for r in store.document_meta(doc_ids)}
    # by document: a story's quotes are in its own documents; only those best_quote can choose
    # (linked to events, or said by a participant) are read
    people = sorted({r.actor_id for h in heads for r in h.story.actor + h.story.recipient if r.actor_id})
    quotes_in: dict[str, list[Quote]] = {}
    for quote in store.quote_candidates(doc_ids, people) if doc_ids else []:
        quotes_in.setdefault(quote.doc_id, []).append(quote)
    entries = []
    for h in heads:
        s, head, members = h.story, h.head, h.members
        pool = [x for d in sorted({*s.doc_ids, *(e.doc_id for e in members)}) for x in quotes_in.get(d, [])]
        q = best_quote(pool, s, s.doc_ids[0] if len(s.doc_ids) == 1 else (head.doc_id if head else None),
                       members)
        entries.append(Entry(
            date=s.date, shown=show_date(s.date), event=h.event, summary=h.summary, story_id=s.id,
            sources=[{"doc_id": d, "title": docs[d]["title"] if d in docs else None,
                      "source": docs[d]["source"] if d in docs else None,
                      "url": docs[d]["url"] if d in docs else None,
                      "published": docs[d]["published"] if d in docs else None} for d in s.doc_ids],
            quote={"id": q.id, "text": q.text, "speaker": (q.speaker.name or q.speaker.text) if q.speaker else None,
                   "speaker_id": q.speaker.actor_id if q.speaker else None, "doc_id": q.doc_id} if q else None,
            conflicts=[{"field": c.field, "values": c.values} for c in s.conflicts],
            events=len(s.event_ids), place=s.place, certainty=h.certainty, quad=quad(h.event).label))
    return entries


def _subjects(countries: list[str] | list[Subject]) -> list[Subject]:
    return [c if isinstance(c, Subject) else Subject.country(c) for c in countries]


class SelectionCache(Protocol):
    """Where a long-running reader keeps timelines between calls (a :class:`tieline.cache.TTLCache`:
    a :class:`tieline.api.Tieline` has one, the web app one per process).  What is kept is keyed
    on the store's generation, so a write committed to the store is never answered from it."""

    def get(self, key: Hashable) -> Any: ...

    def put(self, key: Hashable, value: Any) -> None: ...


class Cached:
    """A timeline for one store generation: every story between its subjects with its headline,
    in date order, whatever the filters (they are applied in memory: :meth:`select`, the last
    few selections kept), and the entries made so far, by story (an entry depends on its story
    and the subjects alone)."""

    SELECTIONS = 32  # filtered selections kept (a list of references each)
    BLOCK = 256  # entries are made for this many stories of the timeline at once

    def __init__(self, heads: list[_Head]) -> None:
        self.heads = heads
        self._entries: dict[str, Entry] = {}
        self._selections: OrderedDict[Filters, list[_Head]] = OrderedDict()
        self._at: dict[str, int] | None = None  # a story's place in the timeline
        self._lock = threading.Lock()

    @property
    def weight(self) -> int:
        """What it costs a cache to keep: its stories (an entry each, at most, comes on top)."""
        return max(1, len(self.heads))

    def select(self, store: SQLStore, f: Filters) -> list[_Head]:
        """The stories that pass the filters, in date order: what :func:`_heads` gives for ``f``."""
        if f == _NO_FILTERS:
            return self.heads
        with self._lock:
            found = self._selections.get(f)
            if found is not None:
                self._selections.move_to_end(f)
                return found
        kept = [h for h in self.heads if _story_kept(h.story, f) and _head_kept(h, f)]
        if f.sources:
            ids = {s.id for s in _from_outlets(store, [h.story for h in kept], f.sources)}
            kept = [h for h in kept if h.story.id in ids]
        with self._lock:
            self._selections[f] = kept
            while len(self._selections) > self.SELECTIONS:
                self._selections.popitem(last=False)
        return kept

    def entries(self, store: SQLStore, heads: list[_Head]) -> list[Entry]:
        """The entries of these stories (copies: the caller may change them), made once each, a
        block of the timeline at a time: the next pages, and other filters' pages, mostly find
        theirs made (two reads for a block of stories cost little more than for a page)."""
        with self._lock:
            missing = [h for h in heads if h.story.id not in self._entries]
            if missing:
                if self._at is None:
                    self._at = {h.story.id: i for i, h in enumerate(self.heads)}
                blocks = sorted({self._at.get(h.story.id, 0) // self.BLOCK for h in missing})
                block = [x for b in blocks for x in self.heads[b * self.BLOCK:(b + 1) * self.BLOCK]]
                missing = list({h.story.id: h for h in missing + block if h.story.id not in self._entries}.values())
        if missing:
            made = _entries(store, missing)
            with self._lock:
                for h, e in zip(missing, made, strict=True):
                    self._entries.setdefault(h.story.id, e)
        with self._lock:
            return [_copy(self._entries[h.story.id]) for h in heads]


_NO_FILTERS = Filters()


def _copy(e: Entry) -> Entry:
    """An entry whose lists and dicts are its own (what :func:`_plain` gives, for an entry's shape)."""
    return Entry(date=e.date, shown=e.shown, event=e.event, summary=e.summary, story_id=e.story_id,
                 sources=[dict(x) for x in e.sources], quote=dict(e.quote) if e.quote is not None else None,
                 conflicts=_plain(e.conflicts) if e.conflicts else [], events=e.events, place=e.place,
                 certainty=e.certainty, quad=e.quad)


def weight(value: Any) -> int:
    """How much of a cache's budget a value takes: a timeline its stories, anything else 1."""
    return value.weight if isinstance(value, Cached) else 1


def timeline_page(store: SQLStore, subjects: list[str] | list[Subject], filters: Filters | None = None,
                  limit: int | None = None, offset: int = 0, cache: SelectionCache | None = None) -> Page:
    """One page of the timeline: every story is selected and filtered (so ``total`` is exact),
    and only the page's entries get their sources and quotes.

    With a ``cache``, the timeline between these subjects is computed once for the store's
    generation, whatever the filters (:class:`Cached`): filters and pages are then applied in
    memory, and each story's entry is made once."""
    sides, f = _subjects(subjects), filters or Filters()
    if cache is None:
        heads = _heads(store, sides, f)
        chosen = heads[offset: None if limit is None else offset + limit]
        return Page(total=len(heads), entries=_entries(store, chosen), limit=limit, offset=offset)
    key = ("timeline", store.generation(), tuple(sides))
    once = getattr(cache, "get_or_compute", None)  # a cache that computes a key once for concurrent callers
    if once is not None:
        timeline = once(key, lambda: Cached(_heads(store, sides, _NO_FILTERS)))
    else:
        timeline = cache.get(key)
        if timeline is None:
            timeline = Cached(_heads(store, sides, _NO_FILTERS))
            cache.put(key, timeline)
    heads = timeline.select(store, f)
    chosen = heads[offset: None if limit is None else offset + limit]
    return Page(total=len(heads), entries=timeline.entries(store, chosen), limit=limit, offset=offset)


def build_timeline(store: SQLStore, countries: list[str] | list[Subject], start: str | None = None,
                   end: str | None = None, filters: Filters | None = None,
                   cache: SelectionCache | None = None) -> list[Entry]:
    """Timeline entries (one per story) for stories whose events involve all the subjects.

    ``countries`` are ISO-3 codes or :class:`Subject` values (countries or actors); ``start`` and
    ``end`` narrow ``filters`` (see :class:`Filters`)."""
    f = filters or Filters()
    if start or end:
        f = dataclasses.replace(f, start=start or f.start, end=end or f.end)
    return timeline_page(store, countries, f, cache=cache).entries


def _clip(text: str, n: int = 160) -> str:
    text = " ".join(text.split()).rstrip(" ,;:")  # "…on its own," reads as "…on its own"
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def render_text(entries: list[Entry], title: str) -> str:
    lines = [f"{title}: {count(len(entries), 'entry')}", ""]
    for e in entries:
        mark = " [!] sources disagree" if e.conflicts else ""
        lines.append(f"{e.shown:<11} {e.event:<10} {e.summary.split(' — ', 1)[-1]}  "
                     f"[{count(len(e.sources), 'source')}]{mark}")
        pad = " " * 12
        for c in e.conflicts:
            vals = " vs ".join(f"{v['value']} ({', '.join(v['doc_ids'])})" for v in c["values"])
            lines.append(f"{pad}! {c['field']}: {vals}")
        if e.quote:
            who = e.quote["speaker"] or "unattributed"
            lines.append(f"{pad}\u201c{_clip(e.quote['text'])}\u201d \u2014 {who}")
        for s in e.sources:
            label = s["title"] or s["doc_id"]
            extra = ", ".join(x for x in (s["source"], s["url"]) if x)
            lines.append(f"{pad}source: {label}" + (f" ({extra})" if extra else ""))
        lines.append("")
    return "\n".join(lines)


def render_markdown(entries: list[Entry], title: str) -> str:
    lines = [f"# {title}", ""]
    for e in entries:
        mark = " **⚠ sources disagree**" if e.conflicts else ""
        lines.append(f"## {e.shown} — {e.summary.split(' — ', 1)[-1]}{mark}")
        lines.append(f"*{e.event}*, {count(len(e.sources), 'source')}")
        for c in e.conflicts:
            vals = "; ".join(f"`{v['value']}` in {', '.join(v['doc_ids'])}" for v in c["values"])
            lines.append(f"- conflicting {c['field']}: {vals}")
        if e.quote:
            lines.append(f"> {_clip(e.quote['text'], 300)} — {e.quote['speaker'] or 'unattributed'}")
        for s in e.sources:
            name = s["title"] or s["doc_id"]
            lines.append(f"- [{name}]({s['url']})" if s["url"] else f"- {name}")
        lines.append("")
    return "\n".join(lines)


def render_json(entries: list[Entry]) -> str:
    return "\n".join(json.dumps(e.to_dict(), ensure_ascii=False) for e in entries)
