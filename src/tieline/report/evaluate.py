"""``tieline eval``: score the store against gold annotations (format ``tieline-gold/1``).

Implements the matching rule of the gold README so the numbers mean the same
as anyone else's: events match on document, cue inside the predicted
sentence, type in the gold list, and participant countries (plus persons
where the gold names persons); quotes on their beginning and speaker;
stories on the predicted story ids of matched events.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Any

from tieline.records import ActorRef, Event, Quote
from tieline.store import SQLStore


def _norm(s: str) -> str:
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()
    s = s.replace("\u2019", "'").replace("\u2018", "'").lower()
    return re.sub(r"\s+", " ", re.sub(r"[\"\u201c\u201d]", "", s)).strip()


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3),
            "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0}


class _Gold:
    def __init__(self, data: dict[str, Any]) -> None:
        if data.get("format") != "tieline-gold/1":
            raise ValueError("not a tieline-gold/1 file (see gold/README.md)")
        self.data = data
        self.actors: dict[str, dict[str, Any]] = data.get("actors", {})
        self.doc_ids = [d["id"] for d in data.get("documents", [])]

    def countries(self, keys: list[str]) -> set[str]:
        return {self.actors[k]["country"] for k in keys if k in self.actors and self.actors[k].get("country")}

    def is_person(self, key: str) -> bool:
        """Gold actors have no kind: one whose name is a country's is a country, the rest persons."""
        a = self.actors.get(key, {})
        if a.get("roles"):
            return True
        try:
            from tieline.actors import country_code
        except ImportError:  # pragma: no cover
            return False
        return not any(country_code(n) for n in [a.get("name", "")] + a.get("aliases", []))

    def names(self, key: str) -> set[str]:
        a = self.actors.get(key, {})
        return {_norm(x) for x in [a.get("name", "")] + a.get("aliases", []) if x}


def _ref_names(refs: list[ActorRef]) -> set[str]:
    out = set()
    for r in refs:
        for x in (r.name, r.text):
            if x:
                out.add(_norm(x))
                out.add(_norm(x).split()[-1])
    return out


def _event_match(g: dict[str, Any], e: Event, gold: _Gold) -> bool:
    if e.event not in g["event"] or _norm(g["cue"]) not in _norm(e.event_text):
        return False
    ga, gr = gold.countries(g["actor"]), gold.countries(g.get("recipient", []))
    pa = {r.country for r in e.actor if r.country}
    pr = {r.country for r in e.recipient if r.country}
    if "CONSULT" in g["event"] and e.event == "CONSULT":
        if not (ga | gr) <= (pa | pr):
            return False
        sides = [(g["actor"] + g.get("recipient", []), e.actor + e.recipient)]
    else:
        if not (ga <= pa and gr <= pr):
            return False
        sides = [(g["actor"], e.actor), (g.get("recipient", []), e.recipient)]
    for keys, refs in sides:
        names = _ref_names(refs)
        for k in keys:
            if gold.is_person(k) and not (gold.names(k) & names):
                return False
    return True


def _date_ok(gold_date: str | None, e: Event) -> bool:
    if gold_date is None:
        return e.date is None or e.date_source == "published"
    return bool(e.date) and len(e.date) >= len(gold_date) and e.date[: len(gold_date)] == gold_date


def evaluate(store: SQLStore, path: Path) -> dict[str, Any]:
    gold = _Gold(json.loads(path.read_text("utf-8")))
    events = [e for e in store.events(doc_ids=gold.doc_ids)]
    quotes = store.quotes(doc_ids=gold.doc_ids)
    stored = {d.id for d in store.documents(gold.doc_ids, text=False)}
    missing_docs = [d for d in gold.doc_ids if d not in stored]

    # events: greedy, required gold first, each prediction used once
    gold_events = sorted(gold.data.get("events", []), key=lambda g: not g.get("required", True))
    used: dict[str, str] = {}
    matched: dict[str, Event] = {}
    for g in gold_events:
        for e in events:
            if e.id not in used and e.doc_id == g["doc"] and _event_match(g, e, gold):
                used[e.id] = g["id"]
                matched[g["id"]] = e
                break
    required = [g for g in gold_events if g.get("required", True)]
    tp_req = sum(1 for g in required if g["id"] in matched)
    res: dict[str, Any] = {"missing_documents": missing_docs}
    res["events"] = {**_prf(len(used), len(events), len(required)), "recall": round(
        tp_req / len(required), 3) if required else 0.0, "predicted": len(events), "matched": len(used),
        "required": len(required), "required_found": tp_req}
    p, r = res["events"]["precision"], res["events"]["recall"]
    res["events"]["f1"] = round(2 * p * r / (p + r), 3) if p + r else 0.0
    dated = [(g, matched[g["id"]]) for g in gold_events if g["id"] in matched]
    res["dates"] = {"accuracy": round(sum(_date_ok(g.get("date"), e) for g, e in dated) / len(dated), 3)
                    if dated else 0.0, "scored": len(dated)}
    per_type: dict[str, dict[str, int]] = defaultdict(lambda: {"pred": 0, "tp": 0, "gold": 0, "found": 0})
    for e in events:
        per_type[e.event]["pred"] += 1
        if e.id in used:
            per_type[e.event]["tp"] += 1
    for g in required:
        t = matched[g["id"]].event if g["id"] in matched else g["event"][0]
        per_type[t]["gold"] += 1
        per_type[t]["found"] += g["id"] in matched
    res["per_type"] = {}
    for t, v in sorted(per_type.items()):
        pt = v["tp"] / v["pred"] if v["pred"] else 0.0
        rt = v["found"] / v["gold"] if v["gold"] else 0.0
        res["per_type"][t] = {"precision": round(pt, 3), "recall": round(rt, 3),
                              "f1": round(2 * pt * rt / (pt + rt), 3) if pt + rt else 0.0,
                              "predicted": v["pred"], "gold": v["gold"]}
    res["missed_events"] = [g["id"] for g in required if g["id"] not in matched]
    res["quotes"] = _quotes(gold, quotes, store)
    res["stories"] = _stories(gold, gold_events, matched, store)
    return res


def _quotes(gold: _Gold, quotes: list[Quote], store: SQLStore) -> dict[str, Any]:
    alias_ids: dict[str, set[str]] = defaultdict(set)
    for m in store.query("SELECT text, actor_id FROM mentions WHERE actor_id IS NOT NULL"):
        alias_ids[_norm(m["text"])].add(m["actor_id"])
    gq = gold.data.get("quotes", [])
    used: set[str] = set()
    found = right = 0
    required = [g for g in gq if g.get("required", True)]
    missed = []
    for g in sorted(gq, key=lambda g: not g.get("required", True)):
        start = _norm(g["starts_with"])
        q = next((q for q in quotes if q.id not in used and q.doc_id == g["doc"]
                  and _norm(q.text).startswith(start)), None)
        if q is None:
            if g.get("required", True):
                missed.append(g["id"])
            continue
        used.add(q.id)
        names = gold.names(g["speaker"])
        ids = {i for n in names for i in alias_ids.get(n, set())}
        ok = q.speaker is not None and (_norm(q.speaker.name or q.speaker.text or "") in names
                                        or (q.speaker.actor_id is not None and q.speaker.actor_id in ids))
        if g.get("required", True):
            found += 1
            right += ok
        if not ok and g.get("required", True):
            missed.append(g["id"] + " (speaker)")
    p = len(used) / len(quotes) if quotes else 0.0
    r = found / len(required) if required else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
            "speaker_accuracy": round(right / found, 3) if found else 0.0,
            "predicted": len(quotes), "required": len(required), "found": found, "missed": missed}


def _stories(gold: _Gold, gold_events: list[dict[str, Any]], matched: dict[str, Event],
             store: SQLStore) -> dict[str, Any]:
    by_story: dict[str, list[str | None]] = defaultdict(list)
    for g in gold_events:
        if g.get("story") and g["id"] in matched:
            by_story[g["story"]].append(matched[g["id"]].story_id)
    owner: dict[str, set[str]] = defaultdict(set)
    for sid, pids in by_story.items():
        for p in pids:
            if p:
                owner[p].add(sid)
    stories = {s.id: s for s in store.stories()}
    correct, details = 0, {}
    # a gold story is scored when it has a required event: the others are background, like their events
    scored = {g["story"] for g in gold_events if g.get("story") and g.get("required", True)}
    for gs in [x for x in gold.data.get("stories", []) if x["id"] in scored]:
        pids = by_story.get(gs["id"], [])
        one = len(pids) > 0 and len(set(pids)) == 1 and pids[0] is not None
        alone = one and owner[pids[0]] == {gs["id"]}  # type: ignore[index]
        conflicts_ok = True
        if one and gs.get("conflicts"):
            s = stories.get(pids[0])  # type: ignore[arg-type]
            want = {(c["field"], tuple(sorted(c["values"]))) for c in gs["conflicts"]}
            have = {(c.field, tuple(sorted(v["value"] for v in c.values))) for c in (s.conflicts if s else [])}
            conflicts_ok = want <= have
        ok = bool(one and alone and conflicts_ok)
        correct += ok
        details[gs["id"]] = {"events_matched": len(pids), "one_story": one, "not_shared": alone,
                             "conflicts": conflicts_ok, "ok": ok}
    n = len(scored)
    return {"accuracy": round(correct / n, 3) if n else 0.0, "correct": correct, "gold": n, "detail": details}


def render(res: dict[str, Any]) -> str:
    ev, dt, q, st = res["events"], res["dates"], res["quotes"], res["stories"]
    lines = []
    if res["missing_documents"]:
        lines.append(f"warning: gold documents not in the store: {', '.join(res['missing_documents'])}")
    lines.append("per type:        P      R      F1    pred gold")
    for t, v in res["per_type"].items():
        r, f = (f"{v['recall']:>6.3f}", f"{v['f1']:>6.3f}") if v["gold"] else ("     -", "     -")
        lines.append(f"  {t:<12} {v['precision']:>6.3f} {r} {f} {v['predicted']:>5} {v['gold']:>4}")
    if res["missed_events"]:
        lines.append("missed required events: " + ", ".join(res["missed_events"]))
    if q["missed"]:
        lines.append("missed required quotes: " + ", ".join(q["missed"]))
    lines.append(f"events   precision {ev['precision']:.3f}  recall {ev['recall']:.3f}  f1 {ev['f1']:.3f}  "
                 f"({ev['matched']} matched of {ev['predicted']} predicted; {ev['required_found']}/"
                 f"{ev['required']} required)")
    lines.append(f"dates    accuracy {dt['accuracy']:.3f} on {dt['scored']} matched events")
    lines.append(f"quotes   precision {q['precision']:.3f}  recall {q['recall']:.3f}  f1 {q['f1']:.3f}  "
                 f"speaker accuracy {q['speaker_accuracy']:.3f}")
    lines.append(f"stories  {st['correct']}/{st['gold']} gold stories right (accuracy {st['accuracy']:.3f})")
    return "\n".join(lines)


# -- topic timelines against reference timelines --------------------------------------------------
_DAY = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})\s*$")


def read_reference_timeline(path: Path) -> list[str]:
    """The dates of a reference timeline: JSON lines or a JSON list of objects with ``date``, or the
    Timeline17/Crisis text layout (a date line, its summary sentences, a line of dashes)."""
    raw = path.read_text("utf-8")
    stripped = raw.lstrip()
    if stripped.startswith("["):
        items = json.loads(raw)
    elif stripped.startswith("{"):
        items = [json.loads(line) for line in raw.splitlines() if line.strip()]
    else:
        items = [{"date": m.group(1)} for line in raw.splitlines() if (m := _DAY.match(line))]
    dates = sorted({str(i["date"])[:10] for i in items if i.get("date")})
    if not dates:
        raise ValueError("no dates found (JSON lines with a 'date' field, or Timeline17 text)")
    return dates


def evaluate_timeline(store: SQLStore, path: Path, query: str, limit: int | None = None) -> dict[str, Any]:
    """Date selection against a reference timeline, as timeline-summarization papers score it:
    precision, recall and F1 of exact days; the topic timeline keeps as many dates as the reference
    has unless ``limit`` says otherwise."""
    from tieline.report.topic import topic_timeline

    ref = read_reference_timeline(path)
    pred = [e.date[:10] for e in topic_timeline(store, query, limit=limit or len(ref))]
    tp = len(set(pred) & set(ref))
    return {"query": query, "dates": _prf(tp, len(set(pred)), len(ref)) | {"matched": tp},
            "predicted": pred, "reference": ref}


def render_timeline(res: dict[str, Any]) -> str:
    d = res["dates"]
    return (f"topic {res['query']!r}: date precision {d['precision']:.3f}  recall {d['recall']:.3f}  "
            f"f1 {d['f1']:.3f}  ({d['matched']} of {len(res['predicted'])} predicted dates in the "
            f"{len(res['reference'])}-date reference)")
