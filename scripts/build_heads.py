#!/usr/bin/env python3
"""Merge the compact tables of heads of state and government into leaders.jsonl.

The tables (scripts/heads/*.txt) hold one role a line::

    ISO|CODE|START|END|Name|alias; alias|Title

END empty: still in office (as far as the table's author knew).  Aliases and title are
optional ("@Name": the record of that name in another country; "-Name" in the aliases: that Phoenix person is someone else); the title defaults to "<Office> of <Country>".  CODE says the role and its flags:

    P   president, head of state           PX  president, head of state and government
    P0  president without the flags (a co-president, a rival claimant)
    PM  prime minister, head of government PM0 prime minister without the flag
    K   monarch, head of state             KX  monarch, head of state and government
    K0  monarch without the flag (a co-prince who is another country's head of state)
    CH  chancellor, head of government     VP  vice president
    HS  head of state of another title     HX  head of state and government of another title
    HG  head of government of another title (role head_of_government)
    FM  foreign minister                   GS  leader of the ruling party

A person already in leaders.jsonl (same country, name or alias) gets the roles added to
the record; anyone else gets a new curated record.  The Phoenix name of the same person
(same country, same first and last word) is added as an alias, so that the registry merges
the two.  Roles already present (same role, country and start) are left alone.  Overlapping
holders of one role in one country are reported and stop the build.

Usage: python scripts/build_heads.py [--check]
"""
from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "tieline" / "actors" / "data"
TABLES = Path(__file__).resolve().parent / "heads"

CODES: dict[str, tuple[str, bool, bool, str]] = {
    # code: (role, head_of_state, head_of_government, title prefix)
    "P": ("president", True, False, "President"),
    "PX": ("president", True, True, "President"),
    "P0": ("president", False, False, "President"),
    "PM": ("prime_minister", False, True, "Prime Minister"),
    "PM0": ("prime_minister", False, False, "Prime Minister"),
    "K": ("monarch", True, False, "King"),
    "KX": ("monarch", True, True, "King"),
    "K0": ("monarch", False, False, "King"),
    "CH": ("chancellor", False, True, "Chancellor"),
    "VP": ("vice_president", False, False, "Vice President"),
    "HS": ("head_of_state", True, False, "Head of State"),
    "HX": ("head_of_state", True, True, "Head of State"),
    "HG": ("head_of_government", False, True, "Head of Government"),
    "FM": ("foreign_minister", False, False, "Minister of Foreign Affairs"),
    "GS": ("party_leader", False, False, "General Secretary"),
}
#: Country names as they read after "President of" (the countries file has some in other forms).
OF_NAMES = {"USA": "the United States", "GBR": "the United Kingdom", "NLD": "the Netherlands",
            "PHL": "the Philippines", "COD": "the Democratic Republic of the Congo",
            "COG": "the Republic of the Congo", "CAF": "the Central African Republic",
            "DOM": "the Dominican Republic", "CZE": "the Czech Republic", "MDV": "the Maldives",
            "BHS": "the Bahamas", "GMB": "the Gambia", "SLB": "the Solomon Islands",
            "MHL": "the Marshall Islands", "ARE": "the United Arab Emirates", "COM": "the Comoros",
            "SYC": "Seychelles", "FSM": "the Federated States of Micronesia"}


def slug(name: str) -> str:
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return "person:" + "-".join(re.findall(r"[a-z0-9]+", s))


def key(name: str) -> str:
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
    return " ".join(re.findall(r"[a-z0-9]+", s))


def read_tables() -> list[dict[str, Any]]:
    rows = []
    for path in sorted(TABLES.glob("*.txt")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            parts = [p.strip() for p in line.split("|")]
            parts += [""] * (7 - len(parts))
            iso, code, start, end, name, aliases, title = parts[:7]
            if code not in CODES:
                raise SystemExit(f"{path.name}:{n}: unknown code {code!r}")
            rows.append({"where": f"{path.name}:{n}", "iso": iso, "code": code, "start": start or None,
                         "end": end or None, "name": name,
                         "aliases": [a.strip() for a in aliases.split(";") if a.strip() and a.strip()[0] != "-"],
                         "not": [a.strip()[1:].strip() for a in aliases.split(";") if a.strip()[:1] == "-"],
                         "title": title})
    return rows


def main() -> int:
    check_only = "--check" in sys.argv
    countries = {json.loads(x)["iso3"]: json.loads(x) for x in (DATA / "countries.jsonl").open()}
    leaders = [json.loads(x) for x in (DATA / "leaders.jsonl").open(encoding="utf-8")]
    phoenix: dict[str, list[str]] = defaultdict(list)  # country -> names
    for x in (DATA / "phoenix_persons.jsonl").open(encoding="utf-8"):
        r = json.loads(x)
        phoenix[r.get("country") or ""].append(r["name"])
    by_name: dict[tuple[str, str], dict[str, Any]] = {}
    ids = {r["id"]: r for r in leaders}
    for r in leaders:
        for n in [r["name"], *r["aliases"]]:
            by_name.setdefault((r["country"] or "", key(n)), r)
    added_people = 0
    added_roles = 0
    for row in read_tables():
        iso = row["iso"]
        if iso not in countries:
            raise SystemExit(f"{row['where']}: unknown country {iso}")
        role, hos, hog, prefix = CODES[row["code"]]
        cname = OF_NAMES.get(iso, countries[iso]["name"])
        title = row["title"] or f"{prefix} of {cname}"
        anywhere = row["name"].startswith("@")  # "@Name": the person of another country of that name
        row["name"] = row["name"].lstrip("@")
        rec = by_name.get((iso, key(row["name"])))
        if rec is None and anywhere:
            rec = next((r for (c, k), r in by_name.items() if k == key(row["name"])), None)
        if rec is None:  # the same person listed under another country (a monarch of several realms)
            rec = next((r for (c, k), r in by_name.items() if k == key(row["name"]) and r["id"] in ids
                        and any(ro.get("role") == role for ro in r["roles"])), None)
        if rec is None:
            pid = slug(row["name"])
            if pid in ids:
                pid = f"{pid}-{iso.lower()}"
            rec = {"id": pid, "name": row["name"], "kind": "person", "country": iso, "aliases": [],
                   "roles": [], "source": "curated"}
            leaders.append(rec)
            ids[pid] = rec
            added_people += 1
        for a in row["aliases"]:
            if a != rec["name"] and a not in rec["aliases"]:
                rec["aliases"].append(a)
        words = key(row["name"]).split()
        for pn in phoenix.get(iso, []):
            pw = key(pn).split()
            if pn != rec["name"] and pn not in rec["aliases"] and pn not in row["not"] and len(words) >= 2 and len(pw) >= 2 \
                    and pw[0] == words[0] and pw[-1] == words[-1]:
                rec["aliases"].append(pn)
        for n in [rec["name"], *rec["aliases"]]:
            by_name.setdefault((rec["country"] or "", key(n)), rec)
        if any(ro.get("role") == role and ro.get("country") == iso and ro.get("start") == row["start"]
               for ro in rec["roles"]):
            continue
        new: dict[str, Any] = {"title": title, "role": role}
        if hos:
            new["head_of_state"] = True
        if hog:
            new["head_of_government"] = True
        new.update({"country": iso, "sector": "GOV", "org": None, "start": row["start"], "end": row["end"]})
        rec["roles"].append(new)
        added_roles += 1
    # overlapping holders of one role in one country
    spans: dict[tuple[str, str], list[tuple[str, str, str]]] = defaultdict(list)
    for r in leaders:
        for ro in r["roles"]:
            flagged = ro.get("head_of_state") or ro.get("head_of_government") or ro.get("role") == "foreign_minister"
            if flagged and ro.get("country") and ro.get("start"):
                spans[(ro["role"], ro["country"])].append((ro["start"], ro.get("end") or "9999-12-31", r["name"]))
    bad = 0
    for (role, iso), ss in sorted(spans.items()):
        if iso == "YEM" or iso == "VEN":  # rival claimants, recorded as such
            continue
        ss.sort()
        for i, b in enumerate(ss):
            for a in ss[:i]:
                if b[0] < a[1] and a[2] != b[2]:
                    print(f"overlap {role} {iso}: {a} / {b}")
                    bad += 1
    print(f"{added_people} new persons, {added_roles} new roles, {bad} overlaps")
    if bad:
        return 1
    if not check_only:
        with (DATA / "leaders.jsonl").open("w", encoding="utf-8") as fh:
            for r in leaders:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
