"""Topic timelines: the most important dates for a subject given as free text.

``tieline timeline --query "nuclear talks" --limit 10`` builds a timeline the way the
timeline-summarization literature does (Martschat & Markert 2018; Ghalandari & Ifrim 2020,
"date selection by date mentions and publication dates"), over every sentence that matches
the query, not only the political events found in it:

1. **Search.**  Sentences matching the query (full-text, BM25 on DuckDB, ``ts_rank_cd`` on
   PostgreSQL; every word of the query required, any word when no sentence has all), each
   weighted by its score over the best one.
2. **Dates.**  Each hit sentence votes for the days it mentions (the project's time tagger,
   :func:`tieline.nlp.dates.find_times`, against the article's publication date; day precision
   only; days after publication are plans, not happenings, and are skipped).  A hit sentence
   also votes for its article's publication day, with :data:`PUB_WEIGHT` of its weight, unless
   it names that day itself.  The other sentences of a matching article vote for the days they
   name with :data:`CONTEXT_WEIGHT` times how much of the article matches (at most 1).
3. **Ranking.**  Per day and source, the votes of that source's sentences add up to ``c``; the
   day's score is ``sum(min(c, 1)) + sum(log(1 + c))`` over its sources: distinct sources
   first (each counted at most once, less when only weak hits name the day), then how many
   matching sentences name it, with diminishing returns so one long article cannot carry a day.
   Ties: more sources, then the earlier day.
4. **Summary.**  The ``limit`` best days, in date order; per day the best matching sentence
   that names it (failing that, the earliest good one from an article published that day),
   trimmed to one readable sentence, with the sources (title, url) and the event stories told in the hit
   sentences on that day, if any.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import asdict, dataclass, field
from typing import Any

from tieline.daterange import overlaps
from tieline.nlp.dates import find_times
from tieline.store import SQLStore
from tieline.words import count

#: How many search hits to read before ranking (a bound on work, not on the result).
MAX_HITS = 2000
#: What another sentence of a matching article weighs (times how much of the article matches).
CONTEXT_WEIGHT = 0.25
#: What a hit sentence's vote for its article's publication day weighs, against one for a day it names.
PUB_WEIGHT = 0.5
#: Summaries longer than this are cut at a clause or word boundary.
SUMMARY_CHARS = 280
#: A hit shorter than this is a fragment (a sentence split at "U.S."): a summary only if nothing else is.
_FRAGMENT = 40
_ENDS = ('.', '!', '?', '"', '\u201d', '\u2019', "'", ')', '\u2026')


@dataclass
class DateEntry:
    date: str
    summary: str
    sources: list[dict[str, Any]]
    stories: list[str] = field(default_factory=list)
    score: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class _Hit:
    doc_id: str
    sentence: int
    text: str
    weight: float


def _day(published: str | None) -> str | None:
    return published[:10] if published and re.match(r"\d{4}-\d{2}-\d{2}", published) else None


def _days_named(text: str, published: str | None) -> set[str]:
    """Days (ISO) the sentence names, none after its publication day."""
    pub = _day(published)
    return {t.value for t in find_times(text, published)
            if t.precision == "day" and t.value and len(t.value) == 10 and not (pub and t.value > pub)}


def _in_range(day: str, start: str | None, end: str | None) -> bool:
    return overlaps(day, start, end)


def readable(text: str, limit: int = SUMMARY_CHARS) -> str:
    """One sentence to show: whitespace collapsed, a capital first, cut at a clause or word boundary
    (with an ellipsis) when longer than ``limit``, and a full stop when it has no end mark."""
    s = " ".join(text.split()).strip()
    if not s:
        return s
    s = s[0].upper() + s[1:]
    if len(s) > limit:
        cut = s[:limit]
        at = max(cut.rfind(", "), cut.rfind("; "), cut.rfind(" \u2014 "), cut.rfind(" - "))
        cut = cut[:at] if at > limit // 2 else cut[: cut.rfind(" ")] if " " in cut else cut
        return cut.rstrip(" ,;:\u2014-") + "\u2026"
    return s if s.endswith(_ENDS) else s.rstrip(" ,;:") + "."


def _hits(store: SQLStore, query: str) -> list[_Hit]:
    """Sentences with every word of the query (any of them when none has all), weighted by their
    score over the best one's."""
    rows = store.search(query, limit=MAX_HITS, kind="sentence", all_words=True)
    if not rows:
        rows = store.search(query, limit=MAX_HITS, kind="sentence", all_words=False)
    best = max((float(r["score"] or 0.0) for r in rows), default=0.0) or 1.0
    out = []
    for r in rows:
        doc, idx = str(r["id"])[2:].rsplit(":", 1)
        out.append(_Hit(doc, int(idx), str(r["text"] or ""), float(r["score"] or 0.0) / best))
    return out


def _vote(votes: dict[str, dict[str, float]], day: str, doc: str, weight: float) -> None:
    by_doc = votes.setdefault(day, {})
    by_doc[doc] = by_doc.get(doc, 0.0) + weight


def topic_timeline(store: SQLStore, query: str, limit: int = 10, start: str | None = None,
                   end: str | None = None) -> list[DateEntry]:
    """The ``limit`` most important dates for ``query``, in date order."""
    if not query.strip():
        raise ValueError("the topic query is empty")
    if limit < 1:
        raise ValueError("--limit must be at least 1")
    hits = _hits(store, query)
    if not hits:
        return []
    weight = {(h.doc_id, h.sentence): h for h in hits}
    relevance: dict[str, float] = {}  # doc -> how much of it matches (1: at least one best hit's worth)
    for h in hits:
        relevance[h.doc_id] = min(1.0, relevance.get(h.doc_id, 0.0) + h.weight)

    votes: dict[str, dict[str, float]] = {}  # day -> doc -> summed votes
    named: dict[str, list[tuple[bool, _Hit]]] = {}  # day -> (a hit?, sentence) naming it
    published: dict[str, list[_Hit]] = {}  # day -> hits from articles published that day
    pub_of: dict[str, str | None] = {}
    for row in store.sentences(sorted(relevance)):
        doc, pub = str(row["doc_id"]), row["published"]
        pub_of[doc] = _day(pub)
        hit = weight.get((doc, int(row["idx"])))
        text = str(row["text"] or "")
        days = _days_named(text, pub)
        w = hit.weight if hit else CONTEXT_WEIGHT * relevance[doc]
        for d in days:
            _vote(votes, d, doc, w)
            named.setdefault(d, []).append((hit is not None, hit or _Hit(doc, int(row["idx"]), text, w)))
        if hit and pub_of[doc]:
            published.setdefault(pub_of[doc], []).append(hit)  # type: ignore[arg-type]
            if pub_of[doc] not in days:
                _vote(votes, pub_of[doc], doc, PUB_WEIGHT * hit.weight)  # type: ignore[arg-type]

    ranked = []
    for day, by_doc in votes.items():
        if not _in_range(day, start, end):
            continue
        score = sum(min(c, 1.0) + math.log1p(c) for c in by_doc.values())
        ranked.append((score, len(by_doc), day))
    ranked.sort(key=lambda r: (-r[0], -r[1], r[2]))
    chosen = ranked[:limit]
    stories = _stories_by_day(store, hits, {day for _, _, day in chosen})
    docs = {d.id: d for d in store.documents(sorted({d for _, _, day in chosen for d in votes[day]}), text=False)}

    out = []
    for score, _, day in chosen:
        best = _summary_sentence(named.get(day, []), published.get(day, []))
        by_doc = votes[day]
        sources = [{"doc_id": d, "title": docs[d].title if d in docs else None,
                    "url": docs[d].url if d in docs else None,
                    "source": docs[d].source if d in docs else None}
                   for d in sorted(by_doc, key=lambda d: (-by_doc[d], d))]
        out.append(DateEntry(date=day, summary=readable(best.text) if best else "", sources=sources,
                             stories=stories.get(day, []), score=round(score, 3)))
    out.sort(key=lambda e: e.date)
    return out


def _summary_sentence(named: list[tuple[bool, _Hit]], published: list[_Hit]) -> _Hit | None:
    """The best matching sentence naming the day; else the best other sentence of a matching article
    naming it; else, from the articles published that day, the earliest matching sentence among the
    good ones (at least half the best score: news puts what happened first).  Fragments last."""
    def key(h: _Hit) -> tuple[bool, float, int]:
        return (len(h.text.strip()) >= _FRAGMENT, h.weight, -h.sentence)

    for pool in ([h for is_hit, h in named if is_hit], [h for _, h in named]):
        if pool:
            return max(pool, key=key)
    if not published:
        return None
    good = max(h.weight for h in published) / 2
    return max(published, key=lambda h: (len(h.text.strip()) >= _FRAGMENT, h.weight >= good, -h.sentence,
                                         h.weight))


def _stories_by_day(store: SQLStore, hits: list[_Hit], days: set[str]) -> dict[str, list[str]]:
    """day -> ids of the event stories on that day told in the hit sentences."""
    if not days:
        return {}
    said = {(h.doc_id, h.sentence) for h in hits}
    story_ids = sorted({e.story_id for e in store.events(doc_ids=sorted({h.doc_id for h in hits}))
                        if e.story_id and (e.doc_id, e.sentence) in said})
    out: dict[str, list[str]] = {}
    for s in store.stories(story_ids) if story_ids else []:
        if s.date and s.date[:10] in days:
            out.setdefault(s.date[:10], []).append(s.id)
    return out


def render_json(entries: list[DateEntry]) -> str:
    return "\n".join(json.dumps(e.to_dict(), ensure_ascii=False) for e in entries)


def render_text(entries: list[DateEntry], query: str) -> str:
    lines = [f"Topic timeline for {query!r}: {count(len(entries), 'date')}", ""]
    for e in entries:
        lines.append(f"{e.date:<11} {e.summary}  [{count(len(e.sources), 'source')}]")
        for s in e.sources:
            lines.append(f"{'':12}source: {s['title'] or s['doc_id']}" + (f" ({s['url']})" if s["url"] else ""))
    return "\n".join(lines)
