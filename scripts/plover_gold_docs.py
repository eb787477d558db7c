"""Convert the PLOVER gold standard records (``PLOVER_GSR_CAMEO.txt``) into tieline input documents and
a ``tieline-gold/1`` file, so ``tieline eval`` scores tieline on them.

Source: ``../shared/reference/plover/PLOVER_GSR_CAMEO.txt`` — the example sentences of the CAMEO
1.1b3 manual coded in PLOVER 0.5b1 by the Open Event Data Alliance (Parus Analytics), licensed
CC BY-SA 4.0. The generated files are derived from it and carry the same licence; they are written
at run time to the folder given (never into ``shared/``) and are not part of the repository.

Each record with a sentence becomes one document (``id`` = the record id, ``title`` null, ``text`` =
the sentence, ``published`` = the record's date, a placeholder 2000-01-01) and one required gold
event in that document; a sentence that several records code is one document with several gold
events, and an id the file gives twice gets a ``-2`` suffix the second time:

- ``event``: the record's type mapped from PLOVER 0.5 to the 2021 types tieline codes (PLOVER
  manual, section "CAMEO to PLOVER translation"; the 0.5 names that changed are listed in
  ``TYPE_MAP``); records whose type has no 2021 equivalent (``DOCUMENT``, the file's own
  documentation record) are left out.
- ``cue``: the first ``(EVT: …)`` span of the record's markup when it is a substring of the
  sentence, else the whole sentence.
- ``actor`` / ``recipient``: the record's ``source`` / ``target`` actors, with their ISO-3 code as
  country (``IGO``, ``NGO``, ``IMG`` and other non-country codes give a null country, which the
  matching rule does not check; the manual's ``JAP`` and ``ITL`` are read as ``JPN`` and ``ITA``).
  Every actor is given ``"kind": "group"`` so only its country is checked, not its name: the records
  name actors by descriptions ("Former Socialist prime minister …"), not by canonical names.
- ``symmetric``: records whose markup has ``SRC/TAR`` (joint events: "A and B agreed …") list every
  party in ``recipient`` with an empty ``actor``, as the gold README prescribes.
- ``date``: null (the records carry no real date).

``tieline eval`` prints the sentence-level scores the issue targets (the records are one sentence
each): sentences with an event, share where tieline found any event, and share where the best
(highest-confidence) predicted event has the gold type.

Usage::

    python scripts/plover_gold_docs.py OUT_DIR [--source PATH]
    tieline run OUT_DIR/plover_gsr.jsonl --db plover.duckdb
    tieline eval OUT_DIR/plover_gsr.gold.json --db plover.duckdb
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = ROOT.parent / "shared" / "reference" / "plover" / "PLOVER_GSR_CAMEO.txt"

# PLOVER 0.5 (the records' version) → PLOVER 2021 (tieline's types). Every other 0.5 type keeps its
# name: AGREE, CONSULT, SUPPORT, CONCEDE, COOPERATE, AID, RETREAT, REJECT, THREATEN, PROTEST,
# MOBILIZE, SANCTION, COERCE, ASSAULT.
TYPE_MAP: dict[str, str | None] = {
    "DEMAND": "REQUEST",  # CAMEO 10 DEMAND → REQUEST ("all requests, demands, and orders")
    "DISAPPROVE": "ACCUSE",  # CAMEO 11 DISAPPROVE → ACCUSE, mode disapprove
    "INVESTIGATE": "ACCUSE",  # CAMEO 09 INVESTIGATE → ACCUSE, mode investigate
    "FIGHT": "ASSAULT",  # CAMEO 19 FIGHT (and 20 mass violence) → ASSAULT
    "CRIME": None,  # no 2021 type tieline codes (none in the records)
    "DOCUMENT": None,  # the file's documentation record, not an event
}
PLOVER_2021 = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
               "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
CODE_FIX = {"JAP": "JPN", "ITL": "ITA"}
NOT_COUNTRY = {"IGO", "NGO", "IMG", "MNC", "UNK"}


def plover_2021(t: str) -> str | None:
    t = t.strip().upper()
    out = TYPE_MAP.get(t, t)
    return out if out in PLOVER_2021 else None


def _country(code: Any) -> str | None:
    if not isinstance(code, str):
        return None
    c = CODE_FIX.get(code.strip().upper(), code.strip().upper())
    return c if re.fullmatch(r"[A-Z]{3}", c) and c not in NOT_COUNTRY else None


def _actors(x: Any) -> list[dict[str, Any]]:
    items = x if isinstance(x, list) else [x] if x else []
    out = []
    for a in items:
        if isinstance(a, dict):
            out.append(a)
        elif isinstance(a, str):  # a bare code
            out.append({"actorText": a, "code": a})
    return out


def _markup(rec: dict[str, Any]) -> str:
    ti = rec.get("textInfo")
    if isinstance(ti, dict):
        return str(ti.get("markup") or "")
    return str(ti or "")


def convert(records: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], dict[str, Any], Counter[str]]:
    """The documents, the gold (tieline-gold/1) and the count of records per type mapping."""
    docs: list[dict[str, Any]] = []
    actors: dict[str, dict[str, Any]] = {}
    events: list[dict[str, Any]] = []
    mapped: Counter[str] = Counter()
    doc_of_text: dict[str, str] = {}
    seen_ids: Counter[str] = Counter()
    for rec in records:
        text = (rec.get("text") or "").strip()
        etype = plover_2021(str(rec.get("event") or ""))
        mapped[f"{rec.get('event')} -> {etype}"] += 1
        if not text or etype is None:
            continue
        rid = str(rec["id"])
        seen_ids[rid] += 1
        if seen_ids[rid] > 1:  # the file gives a few ids twice
            rid = f"{rid}-{seen_ids[rid]}"
        if text not in doc_of_text:  # a sentence coded twice is one document with two gold events
            doc_of_text[text] = rid
            docs.append({"id": rid, "title": None, "text": text,
                         "published": rec.get("date") or "2000-01-01"})
        doc = doc_of_text[text]
        markup = _markup(rec)
        spans = [s.strip() for s in re.findall(r"\(EVT:\s*([^)}]*)[)}]", markup)]
        cue = next((s for s in spans if s and s in text), text)

        def keys(side: list[dict[str, Any]], role: str, rid: str = rid) -> list[str]:
            out = []
            for i, a in enumerate(side):
                k = f"{rid}/{role}{i}"
                name = str(a.get("actorText") or a.get("code") or k).strip()
                actors[k] = {"name": name, "aliases": [name], "country": _country(a.get("code")),
                             "sector": a.get("sector") or None, "kind": "group"}
                out.append(k)
            return out

        src, tar = keys(_actors(rec.get("source")), "src"), keys(_actors(rec.get("target")), "tar")
        ev: dict[str, Any] = {"id": rid, "doc": doc, "event": [etype], "date": None, "actor": src,
                              "recipient": tar, "cue": cue, "certainty": "asserted", "required": True}
        if "SRC/TAR" in markup:
            ev |= {"actor": [], "recipient": src + tar, "symmetric": True}
        if rec.get("mode"):
            ev["mode"] = rec["mode"]
        events.append(ev)
    gold = {
        "format": "tieline-gold/1",
        "about": ("Converted by scripts/plover_gold_docs.py from PLOVER_GSR_CAMEO.txt (OEDA, CC BY-SA "
                  "4.0): one document per gold standard record, its event type mapped from PLOVER 0.5 "
                  "to 2021 (DEMAND→REQUEST, DISAPPROVE→ACCUSE, INVESTIGATE→ACCUSE, FIGHT→ASSAULT)."),
        "documents": [{"id": d["id"], "published": d["published"]} for d in docs],
        "actors": actors, "events": events, "quotes": [], "stories": [],
    }
    return docs, gold, mapped


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path, help="folder for plover_gsr.jsonl and plover_gsr.gold.json")
    ap.add_argument("--source", type=Path, default=DEFAULT_SOURCE, help="PLOVER_GSR_CAMEO.txt")
    ap.add_argument("--quiet", "-q", action="store_true")
    args = ap.parse_args(argv)
    records = json.loads(args.source.read_text("utf-8"))
    docs, gold, mapped = convert(records)
    args.out.mkdir(parents=True, exist_ok=True)
    with (args.out / "plover_gsr.jsonl").open("w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
    (args.out / "plover_gsr.gold.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1), "utf-8")
    if not args.quiet:
        print(f"{len(docs)} documents, {len(gold['events'])} gold events -> {args.out}", file=sys.stderr)
        for k, n in sorted(mapped.items()):
            print(f"  {k}: {n}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
