"""Topic timelines: the most important dates for a subject given as free text.

``tieline timeline --query "nuclear talks" --limit 10`` searches sentences and quotes
(full-text, BM25), maps the hits to the stories told in those sentences, and ranks the
dates those stories fall on by how many sources report them and how well they match.
The result has the shape timeline-summarization benchmarks (Timeline17, Crisis) use:
one entry per date with a short summary and its sources, in date order.

Ranking, per date (day precision where the stories have it):

* ``sources``  - distinct documents reporting a matching story on that date;
* ``salience`` - the summed search scores of the hits that led to those stories,
  normalized by the best hit, so the query's own wording counts;

and dates are ordered by ``sources + salience`` (ties: more stories, then earlier).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

from tieline.records import Story
from tieline.store import SQLStore

#: How many search hits to read before ranking (a bound on work, not on the result).
MAX_HITS = 2000


@dataclass
class DateEntry:
    date: str
    summary: str
    sources: list[dict[str, Any]]
    stories: list[str] = field(default_factory=list)
    score: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _hit_stories(store: SQLStore, hits: list[dict[str, Any]]) -> dict[str, float]:
    """story_id -> summed normalized score of the hits whose sentence or quote tells it."""
    if not hits:
        return {}
    best = max(float(h["score"] or 0.0) for h in hits) or 1.0
    by_sentence: dict[tuple[str, int], float] = {}
    by_quote: dict[str, float] = {}
    for h in hits:
        s = float(h["score"] or 0.0) / best
        hid = str(h["id"])
        if h["kind"] == "sentence":
            doc, idx = hid[2:].rsplit(":", 1)
            by_sentence[(doc, int(idx))] = by_sentence.get((doc, int(idx)), 0.0) + s
        else:
            by_quote[hid[2:]] = by_quote.get(hid[2:], 0.0) + s
    out: dict[str, float] = {}
    docs = sorted({d for d, _ in by_sentence} | {str(h["doc_id"]) for h in hits})
    for e in store.events(doc_ids=docs):
        if not e.story_id:
            continue
        score = by_sentence.get((e.doc_id, e.sentence), 0.0) + sum(by_quote.get(q, 0.0) for q in e.quote_ids)
        if score:
            out[e.story_id] = out.get(e.story_id, 0.0) + score
    return out


def topic_timeline(store: SQLStore, query: str, limit: int = 10, start: str | None = None,
                   end: str | None = None) -> list[DateEntry]:
    """The ``limit`` most important dates for ``query``, in date order."""
    if not query.strip():
        raise ValueError("the topic query is empty")
    if limit < 1:
        raise ValueError("--limit must be at least 1")
    hits = store.search(query, limit=MAX_HITS)  # type: ignore[attr-defined]
    scores = _hit_stories(store, hits)
    stories: list[Story] = [s for s in store.stories(sorted(scores)) if s.date]
    stories = [s for s in stories if not (start and s.date < start[: len(s.date)])  # type: ignore[operator]
               and not (end and s.date[: len(end)] > end)]  # type: ignore[index]
    by_date: dict[str, list[Story]] = {}
    for s in stories:
        by_date.setdefault(str(s.date), []).append(s)
    docs = {d.id: d for d in store.documents(sorted({d for s in stories for d in s.doc_ids}), text=False)}

    ranked = []
    for date, group in by_date.items():
        group.sort(key=lambda s: (-s.sources, -scores[s.id], s.id))
        doc_ids = list(dict.fromkeys(d for s in group for d in s.doc_ids))
        salience = sum(scores[s.id] for s in group)
        ranked.append((len(doc_ids) + salience, len(group), date, group, doc_ids))
    ranked.sort(key=lambda r: (-r[0], -r[1], r[2]))

    out = []
    for score, _, date, group, doc_ids in ranked[:limit]:
        summary = "; ".join(s.summary.split(" \u2014 ", 1)[-1] for s in group[:2])
        sources = [{"doc_id": d, "title": docs[d].title if d in docs else None,
                    "url": docs[d].url if d in docs else None,
                    "source": docs[d].source if d in docs else None} for d in doc_ids]
        out.append(DateEntry(date=date, summary=summary, sources=sources, stories=[s.id for s in group],
                             score=round(score, 3)))
    out.sort(key=lambda e: e.date)
    return out


def render_json(entries: list[DateEntry]) -> str:
    return "\n".join(json.dumps(e.to_dict(), ensure_ascii=False) for e in entries)


def render_text(entries: list[DateEntry], query: str) -> str:
    lines = [f"Topic timeline for {query!r}: {len(entries)} dates", ""]
    for e in entries:
        lines.append(f"{e.date:<11} {e.summary}  [{len(e.sources)} source{'s' if len(e.sources) != 1 else ''}]")
        for s in e.sources:
            lines.append(f"{'':12}source: {s['title'] or s['doc_id']}" + (f" ({s['url']})" if s["url"] else ""))
    return "\n".join(lines)
