#!/usr/bin/env python3
"""Validate the built-in actor dictionaries in src/tieline/actors/data/*.jsonl.

Record types are recognised by shape:
  * country  - has "iso3" (countries.jsonl)
  * igo      - "id" starts with "igo:"
  * person   - "kind" == "person"
Anything else is checked for the generic fields (id, name, aliases) only.

Errors (exit status 1): bad JSON, missing/mistyped fields, bad ISO-3 codes,
bad dates, start >= end, duplicate ids / iso3 codes, a country name or alias
(or capital) that belongs to two different countries, dangling parent/org
references, the same person id with conflicting name or country.
Warnings (reported, exit status unaffected): shared adjectives/demonyms,
country surface forms that are also IGO aliases, persons split over several
files, overlapping holders of the same IGO head role, unknown keys.

Usage: python scripts/check_actor_data.py [DATA_DIR] [-q]
"""
from __future__ import annotations

import datetime as _dt
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DIR = ROOT / "src" / "tieline" / "actors" / "data"

ISO3 = re.compile(r"^[A-Z]{3}$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
IGO_ID = re.compile(r"^igo:[a-z0-9_]+$")
PERSON_ID = re.compile(r"^person:[a-z0-9]+(?:-[a-z0-9]+)*$")

COUNTRY_STATUS = {"member", "observer", "other"}
HEAD_ROLES = {
    "secretary_general", "president", "director_general", "chair",
    "high_representative", "managing_director", "prosecutor",
}
COUNTRY_KEYS = {"iso3", "name", "aliases", "adjectives", "demonyms", "capitals",
                "seats", "military_seats", "legislature_seats", "status"}
COUNTRY_OPTIONAL_LISTS = ("seats", "military_seats", "legislature_seats")
IGO_KEYS = {"id", "name", "aliases", "kind", "sector", "head_title", "head_role", "parent"}
PERSON_KEYS = {"id", "name", "kind", "country", "aliases", "roles", "source"}
ROLE_KEYS = {"title", "role", "org", "country", "sector", "start", "end"}
#: Optional role fields the registry reads (flags of the head roles; an ambassador's posting).
ROLE_OPTIONAL = {"head_of_state", "head_of_government", "to"}


def norm(s: str) -> str:
    return " ".join(s.casefold().split())


class Checker:
    def __init__(self) -> None:
        self.errors: list[str] = []
        self.warnings: list[str] = []
        self.counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        self.countries: dict[str, tuple[str, dict]] = {}   # iso3 -> (where, rec)
        self.igos: dict[str, tuple[str, dict]] = {}        # id -> (where, rec)
        self.persons: dict[str, list[tuple[str, dict]]] = defaultdict(list)
        self.others: dict[str, list[tuple[str, str]]] = defaultdict(list)  # id -> [(file, where)]

    # -- helpers -----------------------------------------------------------
    def err(self, where: str, msg: str) -> None:
        self.errors.append(f"{where}: {msg}")

    def warn(self, where: str, msg: str) -> None:
        self.warnings.append(f"{where}: {msg}")

    def need_str(self, rec: dict, key: str, where: str, nullable: bool = False) -> bool:
        if key not in rec:
            self.err(where, f"missing field {key!r}")
            return False
        v = rec[key]
        if v is None and nullable:
            return True
        if not isinstance(v, str) or not v.strip():
            self.err(where, f"field {key!r} must be a non-empty string"
                     + (" or null" if nullable else "") + f", got {v!r}")
            return False
        if v != v.strip():
            self.warn(where, f"field {key!r} has surrounding whitespace: {v!r}")
        return True

    def need_list(self, rec: dict, key: str, where: str, required: bool = True) -> list[str]:
        if key not in rec:
            if required:
                self.err(where, f"missing field {key!r}")
            return []
        v = rec[key]
        if not isinstance(v, list):
            self.err(where, f"field {key!r} must be a list, got {type(v).__name__}")
            return []
        out = []
        seen = set()
        for i, x in enumerate(v):
            if not isinstance(x, str) or not x.strip():
                self.err(where, f"{key}[{i}] must be a non-empty string, got {x!r}")
                continue
            if x != x.strip():
                self.warn(where, f"{key}[{i}] has surrounding whitespace: {x!r}")
            if x in seen:
                self.warn(where, f"{key} lists {x!r} twice")
            seen.add(x)
            out.append(x)
        if not required and not v:
            self.warn(where, f"optional field {key!r} is empty (omit it instead)")
        return out

    def check_date(self, v, where: str, key: str):
        if v is None:
            return None
        if not isinstance(v, str) or not DATE.match(v):
            self.err(where, f"{key} must be YYYY-MM-DD or null, got {v!r}")
            return None
        try:
            return _dt.date.fromisoformat(v)
        except ValueError:
            self.err(where, f"{key} is not a valid date: {v!r}")
            return None

    def check_iso3(self, v, where: str, key: str, nullable: bool) -> None:
        if v is None and nullable:
            return
        if not isinstance(v, str) or not ISO3.match(v):
            self.err(where, f"{key} must match ^[A-Z]{{3}}$" + (" or be null" if nullable else "")
                     + f", got {v!r}")

    # -- record types ------------------------------------------------------
    def check_country(self, rec: dict, where: str) -> None:
        for k in rec:
            if k not in COUNTRY_KEYS:
                self.warn(where, f"unknown country field {k!r}")
        iso = rec.get("iso3")
        self.check_iso3(iso, where, "iso3", nullable=False)
        self.need_str(rec, "name", where)
        aliases = self.need_list(rec, "aliases", where)
        for k in ("adjectives", "demonyms", "capitals"):
            self.need_list(rec, k, where)
        for k in COUNTRY_OPTIONAL_LISTS:
            self.need_list(rec, k, where, required=False)
        if rec.get("status") not in COUNTRY_STATUS:
            self.err(where, f"status must be one of {sorted(COUNTRY_STATUS)}, got {rec.get('status')!r}")
        if isinstance(rec.get("name"), str) and rec["name"] in aliases:
            self.warn(where, f"name {rec['name']!r} repeated in aliases")
        if isinstance(iso, str) and ISO3.match(iso):
            if iso in self.countries:
                self.err(where, f"duplicate iso3 {iso} (first at {self.countries[iso][0]})")
            else:
                self.countries[iso] = (where, rec)

    def check_igo(self, rec: dict, where: str) -> None:
        for k in rec:
            if k not in IGO_KEYS:
                self.warn(where, f"unknown igo field {k!r}")
        rid = rec.get("id")
        if not isinstance(rid, str) or not IGO_ID.match(rid):
            self.err(where, f"igo id must match {IGO_ID.pattern}, got {rid!r}")
        self.need_str(rec, "name", where)
        aliases = self.need_list(rec, "aliases", where)
        self.need_str(rec, "kind", where)
        self.need_str(rec, "sector", where)
        for k in ("head_title", "head_role", "parent"):
            if k not in rec:
                self.err(where, f"missing field {k!r} (use null if none)")
        if "head_title" in rec:
            self.need_str(rec, "head_title", where, nullable=True)
        hr = rec.get("head_role")
        if hr is not None and hr not in HEAD_ROLES:
            self.err(where, f"head_role must be one of {sorted(HEAD_ROLES)} or null, got {hr!r}")
        p = rec.get("parent")
        if p is not None and (not isinstance(p, str) or not IGO_ID.match(p)):
            self.err(where, f"parent must be an igo id or null, got {p!r}")
        if isinstance(rec.get("name"), str) and rec["name"] in aliases:
            self.warn(where, f"name {rec['name']!r} repeated in aliases")
        if isinstance(rid, str):
            if rid in self.igos:
                self.err(where, f"duplicate id {rid} (first at {self.igos[rid][0]})")
            else:
                self.igos[rid] = (where, rec)

    def check_person(self, rec: dict, where: str) -> None:
        for k in rec:
            if k not in PERSON_KEYS:
                self.warn(where, f"unknown person field {k!r}")
        rid = rec.get("id")
        if not isinstance(rid, str) or not PERSON_ID.match(rid):
            self.err(where, f"person id must match {PERSON_ID.pattern}, got {rid!r}")
        self.need_str(rec, "name", where)
        if "country" not in rec:
            self.err(where, "missing field 'country' (use null if unknown)")
        self.check_iso3(rec.get("country"), where, "country", nullable=True)
        aliases = self.need_list(rec, "aliases", where)
        if isinstance(rec.get("name"), str) and rec["name"] in aliases:
            self.warn(where, f"name {rec['name']!r} repeated in aliases")
        self.need_str(rec, "source", where)
        roles = rec.get("roles")
        if not isinstance(roles, list):
            self.err(where, "field 'roles' must be a list")
            roles = []
        for i, role in enumerate(roles):
            w = f"{where} roles[{i}]"
            if not isinstance(role, dict):
                self.err(w, "role must be an object")
                continue
            for k in role:
                if k not in ROLE_KEYS and k not in ROLE_OPTIONAL:
                    self.warn(w, f"unknown role field {k!r}")
            for k in ("head_of_state", "head_of_government"):
                if k in role and role[k] is not True:
                    self.warn(w, f"{k} is a flag: true, or left out")
            for k in ROLE_KEYS:
                if k not in role:
                    self.err(w, f"missing field {k!r} (use null if none)")
            self.need_str(role, "title", w)
            self.need_str(role, "role", w, nullable=True)
            self.need_str(role, "org", w, nullable=True)
            self.need_str(role, "sector", w, nullable=True)
            self.check_iso3(role.get("country"), w, "country", nullable=True)
            s = self.check_date(role.get("start"), w, "start")
            e = self.check_date(role.get("end"), w, "end")
            if s and e and not s < e:
                self.err(w, f"start {role['start']} is not before end {role['end']}")
        if isinstance(rid, str):
            self.persons[rid].append((where, rec))

    def check_other(self, rec: dict, where: str, fname: str) -> None:
        self.warn(where, "record type not recognised (no iso3, not igo:, kind != person); generic checks only")
        self.need_str(rec, "id", where)
        self.need_str(rec, "name", where)
        self.need_list(rec, "aliases", where, required=False)
        if isinstance(rec.get("id"), str):
            self.others[rec["id"]].append((fname, where))

    # -- files ---------------------------------------------------------------
    def load(self, path: Path) -> None:
        fname = path.name
        prev_iso = None
        with path.open(encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                where = f"{fname}:{n}"
                if not line.strip():
                    self.warn(where, "blank line")
                    continue
                try:
                    rec = json.loads(line)
                except json.JSONDecodeError as exc:
                    self.err(where, f"invalid JSON: {exc}")
                    continue
                if not isinstance(rec, dict):
                    self.err(where, "line is not a JSON object")
                    continue
                if "iso3" in rec:
                    self.counts[fname]["country"] += 1
                    self.check_country(rec, where)
                    iso = rec.get("iso3")
                    if isinstance(iso, str) and prev_iso is not None and iso < prev_iso:
                        self.warn(where, f"not sorted by iso3 ({iso} after {prev_iso})")
                    prev_iso = iso if isinstance(iso, str) else prev_iso
                elif isinstance(rec.get("id"), str) and rec["id"].startswith("igo:"):
                    self.counts[fname]["igo"] += 1
                    self.check_igo(rec, where)
                elif rec.get("kind") == "person":
                    self.counts[fname]["person"] += 1
                    self.check_person(rec, where)
                else:
                    self.counts[fname]["other"] += 1
                    self.check_other(rec, where, fname)

    # -- cross-record checks ------------------------------------------------
    def cross_checks(self) -> None:
        # country surface forms -> iso3
        def index(keys):
            idx: dict[str, dict[str, str]] = defaultdict(dict)
            for iso, (_where, rec) in self.countries.items():
                for k in keys:
                    vals = rec.get(k)
                    if isinstance(vals, str):
                        vals = [vals]
                    for v in vals or []:
                        if isinstance(v, str):
                            idx[norm(v)].setdefault(iso, v)
            return idx

        names = index(("name", "aliases"))
        for form, owners in sorted(names.items()):
            if len(owners) > 1:
                self.err("countries", f"alias {form!r} maps to several countries: "
                         + ", ".join(f"{iso} ({v!r})" for iso, v in sorted(owners.items())))
        places = index(("capitals", "seats", "military_seats", "legislature_seats"))
        for form, owners in sorted(places.items()):
            if len(owners) > 1:
                self.err("countries", f"capital/seat {form!r} maps to several countries: "
                         + ", ".join(sorted(owners)))
            other = set(names.get(form, {})) - set(owners)
            if other:
                self.err("countries", f"capital/seat {form!r} of {sorted(owners)} is a name/alias of {sorted(other)}")
        for keys in (("adjectives",), ("demonyms",)):
            for form, owners in sorted(index(keys).items()):
                if len(owners) > 1:
                    self.warn("countries", f"{keys[0][:-1]} {form!r} shared by "
                              + ", ".join(sorted(owners)) + " (ambiguous)")

        # igo references and alias clashes
        igo_forms: dict[str, set[str]] = defaultdict(set)
        for rid, (where, rec) in self.igos.items():
            p = rec.get("parent")
            if isinstance(p, str) and p not in self.igos:
                self.err(where, f"parent {p!r} is not a known igo id")
            if p == rid:
                self.err(where, "igo is its own parent")
            for v in [rec.get("name")] + list(rec.get("aliases") or []):
                if isinstance(v, str):
                    igo_forms[norm(v)].add(rid)
        for form, ids in sorted(igo_forms.items()):
            if len(ids) > 1:
                self.err("igos", f"alias {form!r} maps to several igos: {', '.join(sorted(ids))}")
            if form in names:
                self.warn("igos", f"alias {form!r} of {', '.join(sorted(ids))} is also a country form "
                          f"of {', '.join(sorted(names[form]))}")

        # persons: duplicates, references, overlapping head roles
        holders: dict[tuple[str, str], list[tuple[str, str, _dt.date, _dt.date | None]]] = defaultdict(list)
        for pid, entries in self.persons.items():
            files = [w.split(":")[0] for w, _ in entries]
            same_file = {f for f in files if files.count(f) > 1}
            for f in sorted(same_file):
                self.err(f, f"duplicate person id {pid} within the file")
            if len(set(files)) > 1:
                recs = [r for _, r in entries]
                name_set = {r.get("name") for r in recs}
                ctry_set = {r.get("country") for r in recs} - {None}
                where = ", ".join(w for w, _ in entries)
                if len(name_set) > 1 or len(ctry_set) > 1:
                    self.err(where, f"person id {pid} defined in several files with different "
                             f"name/country: {sorted(map(str, name_set))} {sorted(ctry_set)}")
                else:
                    self.warn(where, f"person id {pid} defined in several files (roles must be merged)")
            for where, rec in entries:
                for i, role in enumerate(rec.get("roles") or []):
                    if not isinstance(role, dict):
                        continue
                    w = f"{where} roles[{i}]"
                    org = role.get("org")
                    if isinstance(org, str) and org.startswith("igo:") and self.igos and org not in self.igos:
                        self.err(w, f"org {org!r} is not a known igo id")
                    c = role.get("country")
                    if isinstance(c, str) and ISO3.match(c) and self.countries and c not in self.countries:
                        self.warn(w, f"role country {c!r} not in countries file")
                    if isinstance(org, str) and org.startswith("igo:") and role.get("role") in HEAD_ROLES:
                        try:
                            s = _dt.date.fromisoformat(role.get("start") or "")
                        except ValueError:
                            continue
                        e = None
                        if role.get("end"):
                            try:
                                e = _dt.date.fromisoformat(role["end"])
                            except ValueError:
                                continue
                        holders[(org, role["role"])].append((pid, w, s, e))
                c = rec.get("country")
                if isinstance(c, str) and ISO3.match(c) and self.countries and c not in self.countries:
                    self.warn(where, f"person country {c!r} not in countries file")
        big = _dt.date.max
        for (org, role), hs in sorted(holders.items()):
            hs.sort(key=lambda h: h[2])
            for a in range(len(hs)):
                for b in range(a + 1, len(hs)):
                    pa, wa, sa, ea = hs[a]
                    pb, wb, sb, eb = hs[b]
                    if pa != pb and sb < (ea or big) and sa < (eb or big):
                        self.warn(wb, f"{pb} overlaps {pa} ({wa}) as {role} of {org}")

        # ids shared between record types / unknown records
        for rid, locs in self.others.items():
            if len(locs) > 1:
                self.err(", ".join(w for _, w in locs), f"duplicate id {rid}")
            if rid in self.igos or rid in self.persons:
                self.err(locs[0][1], f"id {rid} also used by an igo/person record")

    # -- report ----------------------------------------------------------------
    def report(self, quiet: bool) -> int:
        print("Actor data summary")
        for fname in sorted(self.counts):
            parts = ", ".join(f"{n} {k}" for k, n in sorted(self.counts[fname].items()))
            print(f"  {fname}: {parts}")
        status = defaultdict(int)
        for _, rec in self.countries.values():
            status[rec.get("status")] += 1
        if self.countries:
            print("  countries by status: " + ", ".join(f"{k}={v}" for k, v in sorted(status.items(), key=str)))
        print(f"  totals: {len(self.countries)} countries, {len(self.igos)} igos, {len(self.persons)} persons")
        if self.warnings:
            print(f"\n{len(self.warnings)} warning(s)" + (" (use without -q to list)" if quiet else ":"))
            if not quiet:
                for w in self.warnings:
                    print("  WARN  " + w)
        if self.errors:
            print(f"\n{len(self.errors)} error(s):")
            for e in self.errors:
                print("  ERROR " + e)
            return 1
        print("\nOK: no errors")
        return 0


def main(argv: list[str]) -> int:
    quiet = "-q" in argv
    args = [a for a in argv if a != "-q"]
    data_dir = Path(args[0]) if args else DEFAULT_DIR
    files = sorted(data_dir.glob("*.jsonl"))
    if not files:
        print(f"no *.jsonl files in {data_dir}")
        return 1
    ck = Checker()
    for path in files:
        if path.name.endswith("agents.jsonl"):  # generic agents (phrase -> sector), not actors
            for n, line in enumerate(path.open(encoding="utf-8"), 1):
                try:
                    r = json.loads(line)
                except json.JSONDecodeError as exc:
                    ck.err(f"{path.name}:{n}", f"bad JSON: {exc.msg}")
                    continue
                if not isinstance(r.get("agent"), str) or not re.fullmatch(r"[A-Z]{3}", str(r.get("sector"))):
                    ck.err(f"{path.name}:{n}", "an agent needs 'agent' (text) and 'sector' (3 letters)")
            continue
        ck.load(path)
    ck.cross_checks()
    return ck.report(quiet)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
