"""The web app's read queries: the store's named read methods (:class:`SQLStore`; no SQL here),
shaped into plain JSON-ready dicts.

Every page and every ``/api`` endpoint is one of these functions; parameters arrive checked
(:mod:`tieline.web.params`) and every list is bounded by ``limit``/``offset``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import fields
from functools import cache
from typing import Any

from tieline.errors import NotFound
from tieline.events.quads import quad
from tieline.records import ActorRef, Story
from tieline.report.timeline import Entry, SelectionCache, Subject, best_quote, show_date
from tieline.store import SQLStore


# -- small helpers ----------------------------------------------------------------------------------
def _loads(raw: str | None, default: Any) -> Any:
    return json.loads(raw) if raw else default


def quad_info(event_type: str | None) -> dict[str, str]:
    """The PLOVER quad of an event type, for colouring: key, label, colour."""
    q = quad(event_type)
    return {"key": q.key, "label": q.label, "colour": q.colour}


@cache
def country_name(code: str | None) -> str | None:
    """A country's name from the actor registry ("KAZ" → "Kazakhstan"), or the code itself."""
    if not code:
        return None
    from tieline.actors import describe

    info = describe(f"country:{code}")
    return info["name"] if info else code


def _ref(r: ActorRef | dict[str, Any]) -> dict[str, Any]:
    d = r if isinstance(r, dict) else {"actor_id": r.actor_id, "name": r.name, "text": r.text,
                                       "country": r.country, "sector": r.sector}
    return {"actor_id": d.get("actor_id"), "name": d.get("name") or d.get("text"), "text": d.get("text"),
            "country": d.get("country"), "sector": d.get("sector")}


def _doc_meta(store: SQLStore, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    if not ids:
        return {}
    rows = store.document_meta(ids)
    return {r["id"]: {"doc_id": r["id"], "title": r["title"], "source": r["source"], "url": r["url"],
                      "published": r["published"]} for r in rows}


def _source(meta: dict[str, dict[str, Any]], doc_id: str) -> dict[str, Any]:
    return meta.get(doc_id) or {"doc_id": doc_id, "title": None, "source": None, "url": None, "published": None}


# -- home -----------------------------------------------------------------------------------------------
def stats(store: SQLStore) -> dict[str, int]:
    """Counts of what the store holds."""
    return {k: int(v) for k, v in store.stats().items()}


def top_dyads(store: SQLStore, limit: int, include: Sequence[str] = ()) -> list[dict[str, Any]]:
    """Country pairs by the number of stories with an event between them, most first (events that
    count by :mod:`tieline.certainty`: never negated ones; planned and hedged when ``include`` asks)."""
    rows = store.top_dyads(limit, include)
    return [{"a": r["a"], "b": r["b"], "a_name": country_name(r["a"]), "b_name": country_name(r["b"]),
             "stories": int(r["stories"]), "events": int(r["events"])} for r in rows]


def facets(store: SQLStore) -> dict[str, Any]:
    """What the filters can choose from: event types with their quads, certainties, sources."""
    from tieline.web.params import CERTAINTIES, event_types

    outlets = store.source_counts(200)
    return {"event_types": [{"type": t, "quad": quad_info(t)} for t in event_types()],
            "certainties": list(CERTAINTIES),
            "sources": [{"source": r["source"], "documents": int(r["n"])} for r in outlets]}


# -- timeline ---------------------------------------------------------------------------------------
def side_name(side: Subject) -> str:
    """How a page names a timeline side: a country's name, an actor's."""
    return (country_name(side.key) or side.key) if side.kind == "country" else side.label


def timeline(store: SQLStore, a: Subject | str, b: Subject | str, *, start: str | None = None, end: str | None = None,
             events: Sequence[str] = (), certainty: Sequence[str] = (), sources: Sequence[str] = (),
             min_sources: int = 1, conflicts_only: bool = False, limit: int = 50,
             offset: int = 0, cache: SelectionCache | None = None) -> dict[str, Any]:
    """One page of the stories between sides ``a`` and ``b`` (countries or actors, as subjects or as
    the CLI takes them), in date order,
    with their evidence: the library's timeline (:meth:`tieline.api.Tieline.timeline_page`, what
    ``tieline timeline`` prints), as JSON.  The filters are those of
    :class:`tieline.report.timeline.Filters`."""
    from tieline.api import Tieline

    t = Tieline(store)
    sa, sb = t.subject(a), t.subject(b)
    page = t.timeline_page(
        sa, sb, start=start, end=end, events=tuple(events), certainty=tuple(certainty), sources=tuple(sources),
        min_sources=min_sources, conflicts_only=conflicts_only, limit=limit, offset=offset, cache=cache)
    return {"a": sa.key, "b": sb.key, "a_name": side_name(sa), "b_name": side_name(sb), "a_kind": sa.kind,
            "b_kind": sb.kind, "total": page.total, "limit": limit, "offset": offset,
            "items": [entry_json(e) for e in page.entries]}


def entry_json(e: Entry) -> dict[str, Any]:
    """A timeline entry as the web shows it: the entry, its quad with its colour, and each
    conflicting value with the titles of the documents that give it."""
    titles = {s["doc_id"]: s["title"] or s["doc_id"] for s in e.sources}
    # the entry's own fields as they are (no copy: the entry was made for this answer, and its
    # conflicts, the one field shared with a cached selection, are rebuilt below)
    return {**{f.name: getattr(e, f.name) for f in fields(e)}, "quad": quad_info(e.event),
            "conflicts": [{"field": c["field"],
                           "values": [{"value": v.get("value"), "doc_ids": list(v.get("doc_ids", [])),
                                       "titles": [titles.get(d, d) for d in v.get("doc_ids", [])]}
                                      for v in c["values"]]} for c in e.conflicts]}


# -- story --------------------------------------------------------------------------------------------
def _conflicts(s: Story, meta: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Where a story's sources disagree: per field, each value with the documents (and their titles)."""
    return [{"field": c.field,
             "values": [{"value": v.get("value"), "doc_ids": list(v.get("doc_ids", [])),
                         "titles": [_source(meta, d)["title"] or d for d in v.get("doc_ids", [])]}
                        for v in c.values]} for c in s.conflicts]


def segments(text: str, spans: Sequence[tuple[int, int]]) -> list[tuple[str, list[int]]]:
    """``text`` cut at every span boundary: (piece, indices of the spans covering it), in order.

    Spans may overlap and nest; offsets outside the text are clipped.  One sweep, so a long
    article with thousands of mentions costs O(n log n).
    """
    n = len(text)
    edges: list[tuple[int, int, int]] = []  # (position, 0 = close before 1 = open, span index)
    for i, (s, e) in enumerate(spans):
        s, e = max(0, min(s, n)), max(0, min(e, n))
        if e > s:
            edges += [(s, 1, i), (e, 0, i)]
    edges.sort()
    out: list[tuple[str, list[int]]] = []
    active: set[int] = set()
    at = 0
    for pos, opening, i in edges:
        if pos > at:
            out.append((text[at:pos], sorted(active)))
            at = pos
        if opening:
            active.add(i)
        else:
            active.discard(i)
    if at < n:
        out.append((text[at:], []))
    return out


def _marked(text: str, spans: list[tuple[int, int, str]]) -> list[dict[str, Any]]:
    """``text`` cut into segments, each with the names of the spans that cover it."""
    return [{"text": piece, "marks": sorted({spans[i][2] for i in idx})}
            for piece, idx in segments(text, [(s, e) for s, e, _ in spans])]


def story(store: SQLStore, story_id: str) -> dict[str, Any]:
    """A story with every report of it side by side: per source document, the events with their
    sentences (the event and its date expression marked), the conflicts and the quotes."""
    found = store.stories([story_id])
    if not found:
        raise NotFound("story", story_id)
    s = found[0]
    members = store.events(story_ids=[s.id])
    meta = _doc_meta(store, s.doc_ids)
    sent_keys = sorted({(e.doc_id, e.sentence) for e in members})
    sentences: dict[tuple[str, int], dict[str, Any]] = {}
    for doc_id in s.doc_ids:
        idx = sorted({i for d, i in sent_keys if d == doc_id})
        if idx:
            for r in store.sentences_at(doc_id, idx):
                sentences[(doc_id, int(r["idx"]))] = r
    reports = []
    for doc_id in s.doc_ids:
        items = []
        for e in (e for e in members if e.doc_id == doc_id):
            sent = sentences.get((e.doc_id, e.sentence))
            text = sent["text"] if sent else e.event_text
            base = int(sent["start_char"]) if sent else e.start
            spans = [(e.start - base, e.end - base, "event")]
            if e.date_text and e.date_text in text:
                at = text.find(e.date_text)
                spans.append((at, at + len(e.date_text), "date"))
            if e.trigger:
                at = e.trigger_start - base if e.trigger_start is not None else text.find(e.trigger, max(0, e.start - base))
                if 0 <= at < len(text):
                    spans.append((at, at + len(e.trigger), "trigger"))
            items.append({
                "event_id": e.id, "event": e.event, "quad": quad_info(e.event), "date": e.date,
                "shown": show_date(e.date), "date_text": e.date_text, "date_source": e.date_source,
                "certainty": e.certainty, "trigger": e.trigger, "sentence": e.sentence,
                "place": e.event_loc.name if e.event_loc else None,
                "actor": [_ref(r) for r in e.actor], "recipient": [_ref(r) for r in e.recipient],
                "segments": _marked(text, spans)})
        reports.append({**_source(meta, doc_id), "events": items})
    quotes = store.quotes(s.doc_ids)
    ids = set(s.event_ids)
    head = next((e.doc_id for e in members if s.event_ids and e.id == s.event_ids[0]), None)
    best = best_quote(quotes, s, s.doc_ids[0] if len(s.doc_ids) == 1 else head, members)
    linked = [q for q in quotes if set(q.event_ids) & ids or (best and q.id == best.id)]
    return {
        "story_id": s.id, "event": s.event, "quad": quad_info(s.event), "date": s.date,
        "shown": show_date(s.date), "summary": s.summary, "place": s.place, "sources": s.sources,
        "actor": [_ref(r) for r in s.actor], "recipient": [_ref(r) for r in s.recipient],
        "conflicts": _conflicts(s, meta),
        "reports": reports,
        "quotes": [_quote_dict(q) for q in linked],
    }


def _quote_dict(q: Any) -> dict[str, Any]:
    return {"id": q.id, "doc_id": q.doc_id, "text": q.text, "cue": q.cue, "start": q.start, "end": q.end,
            "speaker": _ref(q.speaker) if q.speaker else None}


# -- actors --------------------------------------------------------------------------------------------
def actors(store: SQLStore, q: str | None, country: str | None, limit: int, offset: int) -> dict[str, Any]:
    """Actors in the store, most mentioned first; ``q`` matches the name (case-insensitive)."""
    total = store.actor_count(q, country)
    rows = store.actor_page(q, country, limit, offset)
    return {"total": total, "limit": limit, "offset": offset,
            "items": [{**r, "mentions": int(r["mentions"])} for r in rows]}


def actor(store: SQLStore, actor_id: str, ties_limit: int = 50, include: Sequence[str] = ()) -> dict[str, Any]:
    """An actor's profile: registry roles, roles seen in the articles over time, and ties (the
    other actors in its events, with the event types; events that count by :mod:`tieline.certainty`)."""
    r = store.actor_row(actor_id)
    if r is None:
        raise NotFound("actor", actor_id)
    from tieline.actors import describe

    registry = describe(actor_id) or {}
    seen = store.actor_roles_seen(actor_id)
    ties = store.actor_ties(actor_id, include)
    by_actor: dict[str, dict[str, Any]] = {}
    for t in ties:
        d = by_actor.setdefault(t["actor_id"], {"actor_id": t["actor_id"], "name": t["name"],
                                                "country": t["country"], "events": 0, "types": {},
                                                "first": t["first"], "last": t["last"]})
        d["events"] += int(t["events"])
        d["types"][t["event"]] = d["types"].get(t["event"], 0) + int(t["events"])
        d["first"] = min(x for x in (d["first"], t["first"]) if x) if d["first"] or t["first"] else None
        d["last"] = max(x for x in (d["last"], t["last"]) if x) if d["last"] or t["last"] else None
    ranked = sorted(by_actor.values(), key=lambda d: (-d["events"], d["actor_id"]))[:ties_limit]
    for d in ranked:
        d["types"] = [{"event": k, "count": v, "quad": quad_info(k)}
                      for k, v in sorted(d["types"].items(), key=lambda kv: (-kv[1], kv[0]))]
    counts = store.actor_counts(actor_id)
    return {
        "actor_id": r["actor_id"], "name": r["name"], "kind": r["kind"], "country": r["country"],
        "country_name": country_name(r["country"]), "sector": r["sector"],
        "aliases": _loads(r["aliases"], []),
        "registry_roles": [{k: role.get(k) for k in ("title", "role", "country", "start", "end")}
                           for role in registry.get("roles", [])],
        "roles_seen": [{"role": x["role"], "country": x["country"], "first": x["first"], "last": x["last"],
                        "mentions": int(x["mentions"])} for x in seen],
        "ties": ranked,
        "counts": counts,
    }


def actor_events(store: SQLStore, actor_id: str, limit: int, offset: int) -> dict[str, Any]:
    """The events an actor takes part in (either side), in date order."""
    _exists(store, actor_id)
    total = store.actor_event_count(actor_id)
    rows = store.actor_event_page(actor_id, limit, offset)
    items = []
    for r in rows:
        actor_side = [_ref(x) for x in _loads(r["actor"], [])]
        items.append({"event_id": r["id"], "doc_id": r["doc_id"], "event": r["event"],
                      "quad": quad_info(r["event"]), "date": r["date"], "shown": show_date(r["date"]),
                      "certainty": r["certainty"], "story_id": r["story_id"],
                      "side": "actor" if any(x["actor_id"] == actor_id for x in actor_side) else "recipient",
                      "actor": actor_side, "recipient": [_ref(x) for x in _loads(r["recipient"], [])],
                      "text": r["event_text"]})
    return {"total": total, "limit": limit, "offset": offset, "items": items}


def actor_quotes(store: SQLStore, actor_id: str, limit: int, offset: int) -> dict[str, Any]:
    """What an actor said, with the document it was reported in (newest document first)."""
    _exists(store, actor_id)
    total = store.speaker_quote_count(actor_id)
    rows = store.speaker_quote_page(actor_id, limit, offset)
    return {"total": total, "limit": limit, "offset": offset, "items": rows}


def _exists(store: SQLStore, actor_id: str) -> None:
    if not store.has_actor(actor_id):
        raise NotFound("actor", actor_id)


# -- search ---------------------------------------------------------------------------------------
def search(store: SQLStore, text: str, kind: str | None, limit: int, offset: int) -> dict[str, Any]:
    """Full-text search over sentences and quotes (the backend's index, best first); a backend
    without one gets a case-insensitive substring match."""
    engine = getattr(store, "search", None)
    if engine is not None:
        hits = engine(text, limit=offset + limit + 1, kind=kind)
    else:
        hits = store.substring_search(text, kind, offset + limit + 1)
    page = hits[offset: offset + limit]
    meta = _doc_meta(store, sorted({h["doc_id"] for h in page}))
    items = [{"kind": h["kind"], "doc_id": h["doc_id"], "start": int(h["start_char"] or 0),
              "end": int(h["start_char"] or 0) + len(h["text"] or ""), "text": h["text"],
              "score": float(h["score"]) if h.get("score") is not None else None,
              "title": _source(meta, h["doc_id"])["title"]} for h in page]
    return {"q": text, "kind": kind, "limit": limit, "offset": offset, "has_more": len(hits) > offset + limit,
            "items": items}


# -- documents ----------------------------------------------------------------------------------------
def document(store: SQLStore, doc_id: str) -> dict[str, Any]:
    """An article with what was extracted from it: mention, event and quote spans (character
    offsets into ``text``), each with what it was resolved or coded to."""
    d = store.document_row(doc_id)
    if d is None:
        raise NotFound("document", doc_id)
    mentions = store.document_mentions(doc_id)
    spans: list[dict[str, Any]] = [
        {"kind": "mention", "start": int(m["start_char"]), "end": int(m["end_char"]), "text": m["text"],
         "label": m["label"], "actor_id": m["actor_id"], "name": m["name"], "country": m["country"],
         "role": m["role"]} for m in mentions]
    for e in store.events(doc_ids=[doc_id]):
        spans.append({"kind": "event", "start": e.start, "end": e.end, "event_id": e.id, "event": e.event,
                      "quad": quad_info(e.event), "date": e.date, "certainty": e.certainty,
                      "story_id": e.story_id, "trigger": e.trigger,
                      "actor": [_ref(r) for r in e.actor], "recipient": [_ref(r) for r in e.recipient]})
    for q in store.quotes([doc_id]):
        spans.append({"kind": "quote", "start": q.start, "end": q.end, "quote_id": q.id,
                      "speaker": _ref(q.speaker) if q.speaker else None, "cue": q.cue})
    spans.sort(key=lambda s: (s["start"], -s["end"], s["kind"]))
    return {"doc_id": d["id"], "title": d["title"], "source": d["source"], "url": d["url"],
            "published": d["published"], "status": d["status"], "text": d["text"], "spans": spans}
