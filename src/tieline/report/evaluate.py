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
from collections import Counter, defaultdict
from functools import partial
from pathlib import Path
from typing import Any

from tieline.records import ActorRef, Event, Quote
from tieline.store import SQLStore


def _norm(s: str) -> str:
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace("\u02bc", "'")
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()
    return re.sub(r"\s+", " ", re.sub(r"[\"\u201c\u201d]", "", s)).strip().lower()


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3),
            "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0}


# Words that make a multi-word gold name an organization, a body or a group rather than a person.
_ORG_TEXT = (
    "agency alliance army assembly association authorities authority bank board bureau cabinet ceasefire "
    "central coalition command commission committee community congress council court courts department "
    "dialogue embassy federation force forces front fund government group groups guard house institute "
    "journal league media military ministry mission movement nations navy news office organization "
    "parliament party people police press protesters rebels republic security senate service seven state "
    "states summit team the times tribunal union united of and for")
_ORG_WORDS = frozenset(_ORG_TEXT.split())
_NAME_TOKEN = re.compile(r"^[A-Z\u00c0-\u00de][\w\u00c0-\u024f'\u2019.-]*$")


class _Gold:
    def __init__(self, data: dict[str, Any]) -> None:
        if data.get("format") != "tieline-gold/1":
            raise ValueError("not a tieline-gold/1 file (see gold/README.md)")
        self.data = data
        self.actors: dict[str, dict[str, Any]] = data.get("actors", {})
        self.doc_ids = [d["id"] for d in data.get("documents", [])]
        self._person: dict[str, bool] = {}

    def countries(self, keys: list[str]) -> set[str]:
        """The countries the rule checks: an actor whose country is null (IGO, grouping) adds none."""
        return {self.actors[k]["country"] for k in keys if k in self.actors and self.actors[k].get("country")}

    def is_person(self, key: str) -> bool:
        """Whether the gold names a person here (then the rule checks the name too).

        The format has no actor kind: an explicit ``kind`` wins; an actor with dated ``roles`` is a
        person; otherwise a person's canonical name is two to four capitalized words, none of them a
        word of organizations, bodies or groups ("Council", "Court", "State", "military", "of", …), and
        neither the name nor one of its words (longer than three letters) is a country's. Countries, IGOs, groupings, legislatures, armed forces,
        armed groups and media are not persons: their country alone is checked (nothing when null).
        """
        if key not in self._person:
            self._person[key] = self._classify(self.actors.get(key, {}))
        return self._person[key]

    @staticmethod
    def _classify(a: dict[str, Any]) -> bool:
        if a.get("kind"):
            return str(a["kind"]).lower() == "person"
        if a.get("roles"):
            return True
        name = re.sub(r"\s*\(.*?\)\s*", " ", a.get("name") or "").strip()
        tokens = name.split()
        if not 2 <= len(tokens) <= 4 or not all(_NAME_TOKEN.match(t) for t in tokens):
            return False
        if any(t.lower().strip(".") in _ORG_WORDS for t in tokens):
            return False
        try:
            from tieline.actors import country_code
        except ImportError:  # pragma: no cover
            return True
        # a country's name or demonym among the words ("Pakistan Tehreek-e-Insaf"); three-letter words
        # such as "Pak" or "Ken" are given names more often than codes
        return not country_code(name) and not any(len(t) > 3 and country_code(t) for t in tokens)

    def label(self, key: str) -> str:
        """The actor's country, or its key where the country is null (IGO, grouping)."""
        return str(self.actors.get(key, {}).get("country") or key)

    def names(self, key: str) -> set[str]:
        a = self.actors.get(key, {})
        return {_norm(x) for x in [a.get("name", "")] + a.get("aliases", []) if x}


def _ref_names(refs: list[ActorRef]) -> set[str]:
    out = set()
    for r in refs:
        for x in (r.name, r.text):
            if x and _norm(x):
                out.add(_norm(x))
                out.add(_norm(x).split()[-1])
    return out


def _unordered(g: dict[str, Any], e: Event) -> bool:
    """Order is ignored for CONSULT and for joint events (``symmetric: true``); kept for the rest."""
    return bool(g.get("symmetric")) or e.event == "CONSULT"


def _mismatch(g: dict[str, Any], e: Event, gold: _Gold) -> list[str]:
    """Why prediction ``e`` does not match gold event ``g`` under the README rule (empty: it matches)."""
    if e.doc_id != g["doc"]:
        return ["other document"]
    why = []
    if _norm(g["cue"]) not in _norm(e.event_text):
        why.append("cue not in event_text")
    if e.event not in g["event"]:
        why.append(f"type {e.event} not in {'/'.join(g['event'])}")
    g_act, g_rec = list(g.get("actor") or []), list(g.get("recipient") or [])
    ga, gr = gold.countries(g_act), gold.countries(g_rec)
    pa = {r.country for r in e.actor if r.country}
    pr = {r.country for r in e.recipient if r.country}
    if _unordered(g, e):
        if not (ga | gr) <= (pa | pr):
            why.append(f"countries {sorted((ga | gr) - (pa | pr))} missing")
        sides = [(g_act + g_rec, e.actor + e.recipient)]
    else:
        if not ga <= pa:
            why.append(f"actor countries {sorted(ga - pa)} missing")
        if not gr <= pr:
            why.append(f"recipient countries {sorted(gr - pr)} missing")
        sides = [(g_act, e.actor), (g_rec, e.recipient)]
    for keys, refs in sides:
        names = _ref_names(refs)
        for k in keys:
            if gold.is_person(k) and not (gold.names(k) & names):
                why.append(f"person {gold.actors.get(k, {}).get('name', k)} not named")
    return why


def _event_match(g: dict[str, Any], e: Event, gold: _Gold) -> bool:
    return not _mismatch(g, e, gold)


def _trigger_in_cue(g: dict[str, Any], e: Event) -> bool:
    """The prediction's trigger word lies in the gold event's cue: of two events one sentence tells
    with one verb twice ("killed all six attackers ... and later killed 50 militants"), the one
    each cue names (tried first; without a trigger offset, as any other)."""
    at = e.trigger_offset()
    if at is None or not g.get("cue"):
        return False
    cue, text = _norm(g["cue"]), _norm(e.event_text)
    begin = text.find(cue)
    pos = len(_norm(e.event_text[:at] + "x")) - 1  # the trigger's place in the normalised sentence
    return begin >= 0 and begin <= pos < begin + len(cue)


def _max_matching(order: list[str], edges: dict[str, list[str]]) -> dict[str, str]:
    """Maximum bipartite matching gold id → prediction id (augmenting paths, Kuhn).

    Gold events are added in ``order`` (required first): an augmenting path never unmatches a gold
    event, so the required events matched are as many as possible and the whole matching is maximum.
    Each gold event's predictions are tried in the order of ``edges`` (those with the right date
    first), which only chooses among matchings of the same size.
    """
    owner: dict[str, str] = {}  # prediction id -> gold id

    def augment(gid: str, seen: set[str]) -> bool:
        for pid in edges.get(gid, []):  # a free prediction first, in the order given
            if pid not in owner:
                owner[pid] = gid
                return True
        for pid in edges.get(gid, []):
            if pid in seen:
                continue
            seen.add(pid)
            if pid not in owner or augment(owner[pid], seen):
                owner[pid] = gid
                return True
        return False

    for gid in order:
        if edges.get(gid):
            augment(gid, set())
    return {gid: pid for pid, gid in owner.items()}


def _date_ok(gold_date: str | None, e: Event) -> bool:
    """Equal at the gold's precision.  A null gold date says the text gives none: right when the
    prediction claims no date from its own sentence either (none, or one from the context --
    the lede, an earlier sentence, the publication date -- flagged by ``date_source``)."""
    if gold_date is None:
        return e.date is None or e.date_source != "text"
    if not e.date:
        return False
    return len(e.date) >= len(gold_date) and e.date[: len(gold_date)] == gold_date


def _preference(g: dict[str, Any], e: Event) -> tuple[bool, bool]:
    """A sort key that puts first the predictions whose trigger is in the gold's cue, then those with its date."""
    return not _trigger_in_cue(g, e), _date_missed(g.get("date"), e)


def _date_missed(gold_date: str | None, e: Event) -> bool:
    """A sort key that puts the predictions with the gold's date first."""
    return not _date_ok(gold_date, e)


def match_events(gold: _Gold, events: list[Event]) -> tuple[dict[str, Event], dict[str, str]]:
    """Matched gold events (gold id → prediction) and used predictions (prediction id → gold id)."""
    gold_events = sorted(gold.data.get("events", []), key=lambda g: not g.get("required", True))
    by_doc: dict[str, list[Event]] = defaultdict(list)
    for e in events:
        by_doc[e.doc_id].append(e)
    edges = {g["id"]: [e.id for e in sorted((e for e in by_doc.get(g["doc"], []) if _event_match(g, e, gold)),
                                            key=partial(_preference, g))]
             for g in gold_events}
    pairs = _max_matching([g["id"] for g in gold_events], edges)
    by_id = {e.id: e for e in events}
    matched = {gid: by_id[pid] for gid, pid in pairs.items()}
    used = {pid: gid for gid, pid in pairs.items()}
    return matched, used


def _brief(e: Event) -> dict[str, Any]:
    def side(refs: list[ActorRef]) -> list[str | None]:
        out: list[str | None] = []
        for r in refs:
            name = r.name or r.text
            out.append(r.country if not name or name == r.country else
                       f"{r.country}:{name}" if r.country else name)
        return out

    return {"id": e.id, "doc": e.doc_id, "sentence": e.sentence, "type": e.event, "actor": side(e.actor),
            "recipient": side(e.recipient), "confidence": e.confidence, "event_text": e.event_text}


def _diagnose(gold: _Gold, events: list[Event], matched: dict[str, Event],
              used: dict[str, str]) -> dict[str, Any]:
    """Per missed required gold event, the predictions in its sentence (and why each fails the rule);
    per prediction that matches no gold event, what it is."""
    missed = []
    for g in gold.data.get("events", []):
        if not g.get("required", True) or g["id"] in matched:
            continue
        cue = _norm(g["cue"])
        here = [e for e in events if e.doc_id == g["doc"] and cue in _norm(e.event_text)]
        missed.append({
            "id": g["id"], "doc": g["doc"], "cue": g["cue"], "event": g["event"],
            "actor": [gold.label(k) for k in g.get("actor") or []],
            "recipient": [gold.label(k) for k in g.get("recipient") or []],
            "symmetric": bool(g.get("symmetric")),
            "predicted_in_sentence": [_brief(e) | {"why_not": "; ".join(_mismatch(g, e, gold))
                                                    or f"matched {used.get(e.id)}"} for e in here],
            "predicted_in_document": sum(e.doc_id == g["doc"] for e in events)})
    unmatched = [_brief(e) for e in events if e.id not in used]
    return {"missed": missed, "unmatched_predictions": unmatched}


def score_sentences(gold: _Gold, events: list[Event]) -> dict[str, Any]:
    """Sentence-level scores, one unit per required gold event: its sentence is the predictions of the
    same document whose ``event_text`` contains the gold cue. ``any_event``: share of units with at
    least one prediction there; ``best_type``: share whose best prediction (highest confidence, the
    earlier one on ties) has a type in the gold list, over all units (no prediction counts as wrong);
    ``best_type_when_found``: the same over the units with a prediction. On a gold of one-sentence
    documents with one event each (the PLOVER gold records) a unit is a sentence."""
    by_doc: dict[str, list[Event]] = defaultdict(list)
    for e in sorted(events, key=lambda e: (e.doc_id, e.start)):
        by_doc[e.doc_id].append(e)
    units = [g for g in gold.data.get("events", []) if g.get("required", True)]
    found = right = 0
    confusion: dict[str, Counter[str]] = defaultdict(Counter)
    for g in units:
        cue = _norm(g["cue"])
        here = [e for e in by_doc.get(g["doc"], []) if cue in _norm(e.event_text)]
        if not here:
            confusion[g["event"][0]]["(none)"] += 1
            continue
        found += 1
        best = max(here, key=lambda e: e.confidence)
        right += best.event in g["event"]
        confusion[g["event"][0]][best.event if best.event not in g["event"] else g["event"][0]] += 1
    n = len(units)
    return {"gold": n, "found": found, "right": right,
            "any_event": round(found / n, 3) if n else 0.0,
            "best_type": round(right / n, 3) if n else 0.0,
            "best_type_when_found": round(right / found, 3) if found else 0.0,
            "confusion": {t: dict(c.most_common()) for t, c in sorted(confusion.items())}}


def score_events(gold: _Gold, events: list[Event], diagnostics: bool = False) -> dict[str, Any]:
    """Event, date and per-type scores of ``events`` against the gold (no store needed)."""
    gold_events = sorted(gold.data.get("events", []), key=lambda g: not g.get("required", True))
    matched, used = match_events(gold, events)
    required = [g for g in gold_events if g.get("required", True)]
    tp_req = sum(1 for g in required if g["id"] in matched)
    res: dict[str, Any] = {}
    p = len(used) / len(events) if events else 0.0
    r = tp_req / len(required) if required else 0.0
    res["events"] = {"precision": round(p, 3), "recall": round(r, 3),
                     "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
                     "predicted": len(events), "matched": len(used),
                     "required": len(required), "required_found": tp_req}
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
    res["sentences"] = score_sentences(gold, events)
    res["_matched"] = matched
    if diagnostics:
        res["diagnostics"] = _diagnose(gold, events, matched, used)
    return res


def evaluate(store: SQLStore, path: Path, diagnostics: bool = False) -> dict[str, Any]:
    gold = _Gold(json.loads(path.read_text("utf-8")))
    events = list(store.events(doc_ids=gold.doc_ids))
    quotes = store.quotes(doc_ids=gold.doc_ids)
    stored = {d.id for d in store.documents(gold.doc_ids, text=False)}
    missing_docs = [d for d in gold.doc_ids if d not in stored]
    scored = score_events(gold, events, diagnostics)
    matched = scored.pop("_matched")
    gold_events = gold.data.get("events", [])
    res: dict[str, Any] = {"missing_documents": missing_docs}
    res.update({k: scored[k] for k in ("events", "dates", "per_type", "missed_events", "sentences")})
    res["quotes"] = _quotes(gold, quotes, store)
    res["stories"] = _stories(gold, gold_events, matched, store)
    if diagnostics:
        res["diagnostics"] = scored["diagnostics"]
    return res


def _quotes(gold: _Gold, quotes: list[Quote], store: SQLStore) -> dict[str, Any]:
    alias_ids: dict[str, set[str]] = defaultdict(set)
    for m in store.mention_actor_ids():
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
            # the gold lists the fields on which the sources disagree; its values are the annotator's
            # prose ("at least 5 killed (lawmaker Jesow, 8006503)"), so the fields are what can be compared
            want = {c["field"] for c in gs["conflicts"]}
            have = {c.field for c in (s.conflicts if s else [])}
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
    if "sentences" in res:
        sn = res["sentences"]
        lines.append(f"sentences {sn['gold']} with a required event: some event on {sn['any_event']:.3f}, "
                     f"best event's type right {sn['best_type']:.3f} ({sn['best_type_when_found']:.3f} "
                     f"of those with one)")
    lines.append(f"quotes   precision {q['precision']:.3f}  recall {q['recall']:.3f}  f1 {q['f1']:.3f}  "
                 f"speaker accuracy {q['speaker_accuracy']:.3f}")
    lines.append(f"stories  {st['correct']}/{st['gold']} gold stories right (accuracy {st['accuracy']:.3f})")
    if "diagnostics" in res:
        lines[:0] = render_diagnostics(res["diagnostics"])
    return "\n".join(lines)


def _side(xs: list[str]) -> str:
    return ",".join(xs) or "-"


def render_diagnostics(diag: dict[str, Any]) -> list[str]:
    """``--show misses``: each missed required gold event with the predictions of its sentence,
    then each prediction that matches no gold event."""
    lines = [f"== missed required events ({len(diag['missed'])})"]
    for m in diag["missed"]:
        arrow = "<->" if m["symmetric"] else "->"
        lines.append(f"- {m['id']} [{m['doc']}] {'/'.join(m['event'])} {_side(m['actor'])} {arrow} "
                     f"{_side(m['recipient'])}  cue: {m['cue']!r}")
        if not m["predicted_in_sentence"]:
            lines.append(f"    no prediction in that sentence ({m['predicted_in_document']} in the document)")
        for p in m["predicted_in_sentence"]:
            lines.append(f"    predicted {p['type']} {_side(p['actor'])} -> {_side(p['recipient'])} "
                         f"(conf {p['confidence']:.2f}): {p['why_not']}")
            lines.append(f"      {p['event_text']}")
    lines.append(f"== predictions matching no gold event ({len(diag['unmatched_predictions'])})")
    for p in diag["unmatched_predictions"]:
        lines.append(f"- [{p['doc']}#{p['sentence']}] {p['type']} {_side(p['actor'])} -> {_side(p['recipient'])}: "
                     f"{p['event_text']}")
    lines.append("== scores")
    return lines


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
