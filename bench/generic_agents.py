"""Generic agents, parties, armed groups and IGOs of the VOA development stories: country and sector.

Runs the parse, dates and actors stages on the 14 development stories (ids in
``SHARED/gold/voa-dev.gold.json``, texts in ``SHARED/corpus/voa/voa_stories.jsonl``) and scores
every occurrence, in its own document, of a surface form (alias) the gold gives to an actor that
is neither a state nor a person: bodies, armed forces, armed groups, parties, IGOs, media,
generic agents ("the police", "rebels", "civilians").  An occurrence is right on country when the
resolver's mention over it has the gold country (null for IGOs and groupings), and on sector when
it has the gold sector; an occurrence no mention covers is wrong on both ("no mention").

Which aliases are read in which document: those of the gold actors that the document's events
and quotes use.  All of them (states and persons too) are matched longest first, so "Somali"
inside "Somali security forces" is that body, and only the target actors' occurrences are scored.
A form two target actors of one document share with different answers is left out.

Persons the gold gives no dated role (analysts, lawyers, reporters' sources) are scored apart
(``persons`` line): the country the gold gives them and the sector (mostly null); so are the
officials with dated roles (``officials`` line: leaders, ministers, UN officials).

``--honest`` drops the curated organisations (orgs.jsonl) whose name or alias is one the gold
gives (news outlets, armed groups: name lists, unlike the Taliban's dated standing, which is kept),
so the figure says what the resolver knows without names read in these stories.

Usage: python bench/generic_agents.py [SHARED_DIR] [--honest] [--errors] [--by-actor]
"""

from __future__ import annotations

import json
import re
import shutil
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
#: Head words that make a run of capitalised words an organisation's name, not a person's.
_ORG_WORDS = frozenset({"State", "Union", "Fund", "Nations", "Command", "Agency", "Ministry", "Council", "Party",
                        "Army", "Forces", "Group", "Court", "Commission", "Military", "Mission", "Front"})


def _gold_classes(gold: dict[str, Any], reg: Any) -> tuple[set[str], set[str], set[str]]:
    """(states, persons, targets) among the gold actor keys: a person has dated roles or a name of two
    or more capitalised words none of which is an organisation's head word; a state is a GOV actor
    one of whose names the registry knows as a country."""
    states: set[str] = set()
    persons: set[str] = set()
    for key, a in gold["actors"].items():
        if a.get("roles"):
            persons.add(key)
            continue
        if a.get("sector") == "GOV" and any(reg.country(x) is not None for x in [a["name"], *a["aliases"]]
                                            if x and x[0].isupper() and len(x) > 3):
            states.add(key)
            continue
        words = a["name"].split()
        if len(words) >= 2 and all(re.fullmatch(r"[A-Z][\w'’-]*", w) for w in words) \
                and words[0] != "The" and not _ORG_WORDS.intersection(words):
            persons.add(key)
    targets = set(gold["actors"]) - states - persons
    return states, persons, targets


def _doc_actors(gold: dict[str, Any]) -> dict[str, set[str]]:
    used: dict[str, set[str]] = defaultdict(set)
    for ev in gold["events"]:
        used[ev["doc"]].update(ev.get("actor") or [])
        used[ev["doc"]].update(ev.get("recipient") or [])
    for q in gold["quotes"]:
        if q.get("speaker"):
            used[q["doc"]].add(q["speaker"])
    return used


def _occurrences(text: str, keys: set[str], gold: dict[str, Any]) -> list[tuple[int, int, str]]:
    """(start, end, actor key) of every alias occurrence, longest first, not overlapping."""
    forms: dict[str, set[str]] = defaultdict(set)
    for k in keys:
        a = gold["actors"][k]
        for f in {a["name"], *a["aliases"]}:
            if f:
                forms[f].add(k)
    taken = [False] * len(text)
    found: list[tuple[int, int, str]] = []
    for form in sorted(forms, key=len, reverse=True):
        answers = {(gold["actors"][k].get("country"), gold["actors"][k].get("sector")) for k in forms[form]}
        for m in re.finditer(r"(?<![\w-])" + re.escape(form) + r"(?![\w-])", text):
            s, e = m.span()
            if any(taken[s:e]):
                continue
            for i in range(s, e):
                taken[i] = True
            if len(answers) == 1:
                found.append((s, e, sorted(forms[form])[0]))
    return sorted(found)


def _mention_at(mentions: list[Any], s: int, e: int) -> Any | None:
    best = None
    best_overlap = 0
    for m in mentions:
        overlap = min(e, m.end) - max(s, m.start)
        if overlap > best_overlap or (overlap == best_overlap and overlap > 0 and best is not None
                                      and (m.end - m.start) > (best.end - best.start)):
            best, best_overlap = m, overlap
    return best


def _honest_registry(gold: dict[str, Any]) -> Any:
    from tieline.actors.registry import DATA_DIR, Registry

    forms = {f.casefold() for a in gold["actors"].values() for f in [a["name"], *a["aliases"]] if f}
    tmp = Path(tempfile.mkdtemp(prefix="tieline-honest-"))
    for p in DATA_DIR.iterdir():
        if p.is_file():
            shutil.copy(p, tmp / p.name)
    kept = []
    dropped = 0
    for line in (DATA_DIR / "orgs.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        if not rec.get("roles") and any(x.casefold() in forms for x in [rec["name"], *rec.get("aliases", [])]):
            dropped += 1
            continue
        kept.append(line)
    (tmp / "orgs.jsonl").write_text("\n".join(kept) + "\n", encoding="utf-8")
    reg = Registry.load(data_dir=tmp, use_cache=False)
    shutil.rmtree(tmp, ignore_errors=True)
    print(f"(honest: {dropped} curated organisations named in the gold left out)")
    return reg


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    shared = Path(args[0]) if args else ROOT.parent / "shared"
    gold = json.loads((shared / "gold" / "voa-dev.gold.json").read_text(encoding="utf-8"))
    ids = {d["id"]: d for d in gold["documents"]}
    recs = {}
    for line in (shared / "corpus" / "voa" / "voa_stories.jsonl").open(encoding="utf-8"):
        if line.strip():
            r = json.loads(line)
            if r["id"] in ids:
                recs[r["id"]] = r

    from tieline.actors import ActorResolver
    from tieline.actors.registry import Registry
    from tieline.ingest.readers import from_record
    from tieline.nlp import Parser
    from tieline.nlp.dates import TimeTagger
    from tieline.records import Analysis

    reg = _honest_registry(gold) if "--honest" in argv else Registry.default()
    parser, tagger, resolver = Parser(), TimeTagger(), ActorResolver(registry=reg)
    states, persons, targets = _gold_classes(gold, reg)
    used = _doc_actors(gold)

    t0 = time.perf_counter()
    totals: dict[str, Counter[str]] = {"target": Counter(), "persons": Counter(), "officials": Counter()}
    by_actor: dict[str, Counter[str]] = defaultdict(Counter)
    errors: list[str] = []
    for doc_id in ids:
        doc = from_record(recs[doc_id], doc_id, "voa", "jsonl")
        analysis = resolver(tagger(parser(Analysis(doc))))
        text = doc.text
        for s, e, key in _occurrences(text, used[doc_id], gold):
            if key in targets:
                cls = "target"
            elif key in persons:
                cls = "officials" if gold["actors"][key].get("roles") else "persons"
            else:
                continue
            a = gold["actors"][key]
            m = _mention_at(analysis.mentions, s, e)
            c = totals[cls]
            c["n"] += 1
            by_actor[key]["n"] += 1
            if m is None:
                c["none"] += 1
                by_actor[key]["none"] += 1
                got = "no mention"
                ok_c = ok_s = False
            else:
                ok_c = m.country == a.get("country")
                ok_s = m.sector == a.get("sector")
                got = f"{m.country}/{m.sector} [{m.text!r} {m.method}]"
            c["country"] += ok_c
            c["sector"] += ok_s
            by_actor[key]["country"] += ok_c
            by_actor[key]["sector"] += ok_s
            if not (ok_c and ok_s):
                ctx = text[max(0, s - 60):e + 40].replace("\n", " ")
                errors.append(f"  {cls} {doc_id} {key}: {text[s:e]!r} got {got}, want "
                              f"{a.get('country')}/{a.get('sector')}  …{ctx}…")
    secs = time.perf_counter() - t0
    for cls, c in totals.items():
        n = c["n"] or 1
        label = {"target": "generic agents, parties, armed groups, IGOs", "persons": "persons without a role",
                 "officials": "persons with dated roles"}[cls]
        print(f"{label}: {c['n']} occurrences  country {c['country'] / n:.3f}  sector {c['sector'] / n:.3f}  "
              f"no mention {c['none']}")
    print(f"({len(ids)} stories, {secs:.1f}s)")
    if "--by-actor" in argv:
        for key, c in sorted(by_actor.items(), key=lambda kv: kv[1]["country"] - kv[1]["n"]):
            print(f"  {key:30} n={c['n']:3}  country {c['country']:3}  sector {c['sector']:3}  none {c['none']}")
    if "--errors" in argv:
        print("\n".join(errors))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
