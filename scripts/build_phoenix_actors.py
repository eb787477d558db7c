#!/usr/bin/env python3
"""Convert the Phoenix/PETRARCH actor dictionaries into tieline person records.

Input  (MIT-licensed, Open Event Data Alliance):
    /work/shared/reference/phoenix/Phoenix.Countries.actors.txt
    /work/shared/reference/phoenix/Phoenix.International.actors.txt
Output:
    src/tieline/actors/data/phoenix_persons.jsonl   (one JSON object per line)

Dictionary format (TABARI/PETRARCH .actors):
    NURSULTAN_NAZARBAYEV_  # CountryInfo.txt      <- entry name (underscores = spaces)
    +NAZARBAYEV_                                   <- "+" line: synonym of the entry
        [KAZELI 580101-000101]                     <- code valid in a date range
        [KAZGOV >900424]                           <- ">" = from that date on
        [USRKAZ <911216]                           <- "<" = until that date
        [KAZELI]                                   <- bare code: default when no range applies
  * codes may also follow the name on the same line, several per line, and are
    followed by an optional "# comment";
  * consecutive name lines with no code line between them are treated as
    synonyms of one entry (e.g. IVO_JOSIPOVIC_ / PRESIDENT_JOSIPOVIC_ / JOSIPOVIC_);
  * a code is 3 letters of country (or IGO/NGO/MNC) followed by 3-letter
    sub-codes (GOV, MIL, ELI, OPP, BUS, REB, LEG, JUD, COP, SPY, ... or a territory);
  * dates are YYMMDD (00-29 -> 20xx, 30-99 -> 19xx) or YYYYMMDD; "[---]" = no code.

Which entries are persons (judgement, documented here):
  * every entry whose header comment names CountryInfo.txt or IGOrulers.txt (those
    source lists hold rulers and office holders only), and
  * any other entry that has at least one dated code AND whose name looks like a
    person's: letters/initials only, no organisation/role word (ARMY, PARTY, MINISTRY,
    COUNCIL, UNION, INC, ...), and at least two name tokens.
  Country header entries ("KAZAKHSTAN_ [KAZ]"), institutions and companies carry no
  dates and are therefore left out.

Output record (same person format as leaders.jsonl; checked by scripts/check_actor_data.py):
    {"id": "person:...", "name": ..., "kind": "person", "country": ISO3|null,
     "aliases": [...], "roles": [...], "source": "phoenix"}
  role: {"title": <the Phoenix code, e.g. "KAZGOV">, "role": null, "org": null|"igo:...",
         "country": ISO3|null, "sector": "GOV"|"ELI"|..., "start": ISO|null, "end": ISO|null}
  * role is null (Phoenix has no office titles); title carries the raw CAMEO code
    (the data checker requires a non-empty title);
  * a bare (undated) code becomes a role with start = end = null and the title
    "<CODE> (default)": it applies only when no dated role does (roles are written
    dated first, defaults last);
  * sector = first sub-code that is a CAMEO sector (GOVBUS -> GOV); IGO codes get
    country null, sector "IGO" and, where obvious, org igo:un / igo:nato / igo:eu;
  * ">" dates are open-ended as of the dictionary's date (January 2014), so such
    roles may be stale: curated data (leaders.jsonl) must win over these records.

Persons already in leaders.jsonl (same normalised full name or a shared multi-word
alias; a shared one-word alias only if the country is the same) are skipped.
Malformed codes/dates are skipped and counted.

Organisations and agents (second and third outputs, same run):
    src/tieline/actors/data/phoenix_orgs.jsonl     organisations, IGOs/NGOs, armed groups
    src/tieline/actors/data/phoenix_agents.jsonl   generic agents ("soldier" -> MIL)
  * orgs: every non-person entry of Phoenix.Countries.actors.txt (ministries, parties,
    agencies, armies: a name with an institution word, or one word), of
    Phoenix.International.actors.txt (IGO and NGO codes and the few national ones; the
    ~4,400 multinational companies [MNC...] are left out: company names are mostly
    ordinary words and rarely political actors) and of Phoenix.MilNonState.actors.txt
    (armed groups, parties, militias). Country header entries ("PAKISTAN_ [PAK]" and its
    city synonyms) are left out: countries.jsonl is curated.
    record: {"id": "org:<slug>", "name", "kind": "organization"|"group", "country": ISO3|null,
             "sector", "aliases", "code": <the Phoenix code>, "source": "phoenix"}
    country: the code's first 3 letters when countries.jsonl knows that ISO-3 code, else null
    (regions such as MEA/WEU/SAS, IGO/NGO, IMG "international militarized group");
    sector: the first CAMEO sector sub-code (REB, PTY, SPY, IGO, NGO, IMG...); armed
    groups (REB, IMG, SEP, RAD, INS) are kind "group".  The default (undated) code wins,
    else the latest dated one.  Names are title-cased; vowel-less or short one-word names
    and "(ABC)" tails are acronyms kept in capitals (matched only in capitals).  Aliases
    that are already keys of the curated files (countries.jsonl, igos.jsonl, leaders.jsonl, orgs.jsonl)
    and one-word aliases that are ordinary title or institution words are dropped.
  * agents: every "NOUN {PLURALS} [~SECTOR]" line of Phoenix.agents.txt, with the
    !PERSON!/!MINIST! substitution sets expanded and regular plurals added (PETRARCH
    generates them); record {"agent": "border patrol agent", "forms": [...], "sector": "COP"};
    religious sub-codes (CHR, MUS, JEW, BUD, HIN...) map to REL; stems ("MINISTR ")
    and entries with a non-sector code are dropped.

Usage: python scripts/build_phoenix_actors.py [--src DIR] [--out FILE] [--leaders FILE]
                                              [--orgs FILE] [--agents FILE]
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "tieline" / "actors" / "data"
SRC = Path("/work/shared/reference/phoenix")
FILES = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt")

SECTORS = {
    "GOV", "MIL", "ELI", "OPP", "BUS", "REB", "LEG", "JUD", "COP", "SPY", "CVL", "MED", "EDU",
    "AGR", "HLH", "DEV", "LAB", "ENV", "HRI", "REL", "REF", "RAD", "MOD", "PTY", "CRM", "INS",
    "SEP", "UAF", "IMG", "NGO", "IGO", "MNC", "SET", "AMN",
}
NONSTATE = {"IGO", "NGO", "MNC"}
IGO_ORG = {"UNO": "igo:un", "WSTNAT": "igo:nato", "EUR": "igo:eu"}
# CAMEO country codes that differ from ISO 3166 alpha-3 (as used in countries.jsonl)
CAMEO_TO_ISO = {"TMP": "TLS", "KSV": "XKX", "ROM": "ROU", "ZAR": "COD"}
FICTIONAL = {"KNT"}   # "Kinakuta", the made-up country of the CAMEO/TABARI test suite

ORG_WORDS = set(["ARMY", "ARMED", "FORCE", "FORCES", "PARTY", "PARTIES", "MINISTRY", "MINISTRIES", "MINISTER", "MINISTERS", "COUNCIL", "COMMITTEE", "COMMISSION", "COMMISSIONER", "GOVERNMENT", "GOVT", "GOVERNOR", "ASSEMBLY", "PARLIAMENT", "CONGRESS", "SENATE", "COURT", "BANK", "UNION", "FRONT", "MOVEMENT", "ORGANIZATION", "ORGANISATION", "ASSOCIATION", "AGENCY", "OFFICE", "DEPARTMENT", "SERVICE", "SERVICES", "POLICE", "GUARD", "GUARDS", "BRIGADE", "BRIGADES", "BATTALION", "MILITIA", "INSTITUTE", "UNIVERSITY", "SCHOOL", "COMPANY", "CORPORATION", "CORP", "INC", "LTD", "LLC", "PLC", "GROUP", "FEDERATION", "LEAGUE", "NETWORK", "CENTER", "CENTRE", "FOUNDATION", "FUND", "PROGRAM", "PROGRAMME", "SOCIETY", "TRUST", "REPUBLIC", "KINGDOM", "STATE", "STATES", "NATIONAL", "INTERNATIONAL", "UNITED", "NATIONS", "PEOPLE", "PEOPLES", "WORLD", "BOARD", "AUTHORITY", "ADMINISTRATION", "HOUSE", "PALACE", "EMBASSY", "MISSION", "DELEGATION", "TRIBUNAL", "SECRETARIAT", "SECRETARY", "PRESIDENT", "PRESIDENTIAL", "CABINET", "REBELS", "REBEL", "INSURGENTS", "TERRORISTS", "SOLDIERS", "TROOPS", "OFFICIALS", "OFFICIAL", "PROTESTERS", "STUDENTS", "WORKERS", "MEDIA", "NEWS", "TIMES", "RADIO", "TELEVISION", "AIRLINES", "AIRWAYS", "OIL", "GAS", "ENERGY", "HOLDINGS", "INDUSTRIES", "GLOBAL", "PARTNERS", "PROJECT", "CAMPAIGN", "ALLIANCE", "COALITION", "BLOC", "CAUCUS", "CARTEL", "CLAN", "TRIBE", "TRIBES", "JIHAD", "ISLAMIC", "REVOLUTIONARY", "LIBERATION", "DEMOCRATIC", "SOCIALIST", "COMMUNIST", "CONSERVATIVE", "LIBERAL", "LABOUR", "LABOR", "CHURCH", "MOSQUE", "DIOCESE", "YARD", "STREET", "CITY", "PROVINCE", "REGION", "DISTRICT", "COUNTY", "MUNICIPALITY", "BORDER", "NAVY", "AIR", "SECURITY", "INTELLIGENCE", "DEFENSE", "DEFENCE", "AFFAIRS", "FOREIGN", "INTERIOR", "JUSTICE", "FINANCE", "TRADE", "HEALTH", "EDUCATION", "AGRICULTURE", "COMMERCE", "CHAMBER", "EXCHANGE", "MARKET", "MARKETS", "INDEX", "PRESS", "AGENCIES", "CHIEF", "CHIEFS", "HEAD", "LEADER", "LEADERS", "SPOKESMAN", "SPOKESWOMAN", "AMBASSADOR", "ENVOY", "CONSUL", "PRIME", "OPPOSITION", "REGIME", "JUNTA", "MONARCHY", "CROWN", "EMPIRE", "SULTANATE", "EMIRATE", "CALIPHATE", "JAISH", "JAYSH", "KATAEB", "KATIBA", "LIWA", "HARAKAT", "ANSAR", "JABHAT", "AHRAR", "FAYLAQ", "SARAYA", "OBSERVATORY", "HUMAN", "RIGHTS", "INTERNET", "AMRO", "SOVIET", "SFSR", "NATIONALITIES", "KURDISTAN", "SUDAN", "TIMOR", "LESTE", "SRPSKA", "HERZEGOVINA", "MONTENEGRO", "AND", "FOR", "OF", "THE"])
# ruler lists (CountryInfo/IGOrulers) hold office holders: only clear institution words reject a name
STRONG_ORG_WORDS = set(["ARMY", "FORCES", "PARTY", "MINISTRY", "COUNCIL", "COMMITTEE", "COMMISSION", "GOVERNMENT", "ASSEMBLY", "PARLIAMENT", "CONGRESS", "SENATE", "COURT", "BANK", "UNION", "FRONT", "MOVEMENT", "ORGANIZATION", "ORGANISATION", "ASSOCIATION", "AGENCY", "OFFICE", "DEPARTMENT", "REPUBLIC", "KINGDOM", "CABINET", "JUNTA", "REGIME", "OF", "FOR", "AND", "THE"])
# leading words dropped from a name (kept as an alias): titles and office descriptions
LEAD_WORDS = {"ACTING", "FOREIGN", "DEPUTY", "VICE", "CHIEF", "CROWN", "AIR", "DATO", "DATUK", "PEHIN",
              "HAJI", "HAJJI", "MINISTER", "PRESIDENT", "PRIME", "PREMIER", "KING", "QUEEN", "SHEIKH",
              "SHEIK", "GENERAL", "GEN", "GEN.", "DR", "DR.", "SIR", "DAME", "LORD", "LADY", "PRINCE",
              "PRINCESS", "EMIR", "SULTAN", "AYATOLLAH", "MULLAH", "COLONEL", "COL", "COL.", "MARSHAL",
              "FIELD", "CHANCELLOR", "SENATOR", "SEN", "SEN.", "AMBASSADOR", "REV", "REV.", "FATHER",
              "POPE", "CARDINAL", "BISHOP", "ARCHBISHOP", "JUDGE", "JUSTICE", "SECRETARY-GENERAL",
              "SECRETARY", "BARON", "BARONESS", "VISCOUNT", "COUNT", "COUNTESS", "DUKE", "EARL",
              "MARQUESS", "HIS", "HER", "HOJATOLISLAM", "HOJJATOLESLAM", "HOJATOLESLAM", "SAYYED", "SAYYID", "SEYYED", "EXCELLENCY", "HIGHNESS", "MAJESTY", "HON", "HON.", "HONOURABLE"}
PARTICLES = {"AL", "EL", "BIN", "BINT", "IBN", "DE", "DA", "DI", "DO", "DOS", "DAS", "DEL", "DELLA",
             "DER", "DEN", "VAN", "VON", "LA", "LE", "DU", "Y", "UL", "UD", "ET", "OF", "THE", "AND"}
ROMAN = {"II", "III", "IV", "VI", "VII", "VIII", "IX", "XI", "XII", "XIII", "XIV", "XV", "XVI"}

CODE_RE = re.compile(r"\[([^\]]*)\]")
NAME_TOKEN_RE = re.compile(r"^[^\W\d_]+(?:[.'\-][^\W\d_]*)*\.?$")


# --------------------------------------------------------------------------- names
_FOLD_EXTRA = str.maketrans({"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D",
                             "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "’": "'", "‘": "'", "ʼ": "'"})


def fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s.translate(_FOLD_EXTRA))
    return "".join(c for c in s if not unicodedata.combining(c))


def norm(s: str) -> str:
    s = fold(s).casefold().replace("-", " ").replace("'", "").replace(".", " ")
    return " ".join(s.split())


def slug(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(s).lower()).strip("-")


def raw_tokens(raw: str) -> list[str]:
    return [t for t in re.split(r"[_\s]+", raw.strip()) if t]


def cap_part(p: str, first: bool) -> str:
    if not p:
        return p
    up = p.upper()
    if up in ROMAN:
        return up
    if up.rstrip(".") in {"JR", "SR"}:
        return up.rstrip(".").capitalize() + "."
    if re.fullmatch(r"(?:[^\W\d_]\.)+", p):            # initials: H.W.
        return up
    if not first and up in PARTICLES:
        return p.lower()
    if "'" in p:                                         # D'ALEMA, O'NEILL, MA'RUF
        a, b = p.split("'", 1)
        if len(a) == 1:
            return a.upper() + "'" + cap_part(b, True)
        return cap_part(a, first) + "'" + b.lower()
    if up.startswith("MC") and len(p) > 3:
        return "Mc" + p[2:].capitalize()
    return p[:1].upper() + p[1:].lower()


def title_case(tokens: list[str]) -> str:
    out = []
    for i, t in enumerate(tokens):
        parts = t.split("-")
        out.append("-".join(cap_part(p, i == 0 and j == 0) for j, p in enumerate(parts)))
    return " ".join(out)


def looks_like_person(tokens: list[str], min_tokens: int, max_tokens: int = 6,
                      stop: set[str] = ORG_WORDS) -> bool:
    if not (min_tokens <= len(tokens) <= max_tokens):
        return False
    for t in tokens:
        if not NAME_TOKEN_RE.match(t):
            return False
        if t.upper().strip(".") in stop:
            return False
    return not all(len(t.strip(".")) <= 1 for t in tokens)


def strip_title(tokens: list[str]) -> list[str]:
    """Drop leading titles/office words (PRESIDENT_, ACTING_MINISTER_, SIR_ ...), keeping >= 1 token."""
    i = 0
    while i < len(tokens) - 1 and tokens[i].upper() in LEAD_WORDS:
        i += 1
    return tokens[i:]


def clean_name(raw: str) -> tuple[str, list[str]] | None:
    """Normalise an entry name: backticks, quoted nicknames, '(ACTING_' tails, ', BARON_X'
    suffixes. Returns (main name, extra alias names) or None when it holds control characters."""
    if any(ord(c) < 32 for c in raw):
        return None
    raw = raw.replace("`", "'")
    raw = re.sub(r'"[^"]*"', " ", raw)
    raw = raw.split("(")[0]
    main, *extra = [p.strip(" _") for p in raw.split(",")]
    return main, [x for x in extra if x]


# --------------------------------------------------------------------------- codes
def parse_date(s: str) -> str | None:
    if len(s) == 6:
        yy = int(s[:2])
        year = 2000 + yy if yy <= 29 else 1900 + yy
        md = s[2:]
    elif len(s) == 8:
        year, md = int(s[:4]), s[4:]
    else:
        return None
    try:
        return dt.date(year, int(md[:2]), int(md[2:])).isoformat()
    except ValueError:
        return None


class Stats(Counter):
    pass


def parse_code(text: str, stats: Stats) -> dict | None:
    """'KAZGOV >900424' -> role dict; None when empty/'---' or unparsable (counted)."""
    text = text.strip()
    if not text or set(text) <= {"-"}:
        stats["codes_empty"] += 1
        return None
    m = re.fullmatch(r"([A-Z]{3,})\s*(?:(\d+)\s*-\s*(\d+)|>\s*(\d+)|<\s*(\d+))?", text)
    if not m or len(m.group(1)) % 3:
        stats["codes_unparsed"] += 1
        return None
    code = m.group(1)
    start = end = None
    dated = False
    if m.group(2):
        start, end = parse_date(m.group(2)), parse_date(m.group(3))
        if start is None or end is None or not start < end:
            stats["codes_unparsed"] += 1
            return None
        dated = True
    elif m.group(4):
        start = parse_date(m.group(4))
        if start is None:
            stats["codes_unparsed"] += 1
            return None
        dated = True
    elif m.group(5):
        end = parse_date(m.group(5))
        if end is None:
            stats["codes_unparsed"] += 1
            return None
        dated = True
    chunks = [code[i:i + 3] for i in range(0, len(code), 3)]
    primary, rest = chunks[0], chunks[1:]
    org = None
    if primary in SECTORS - NONSTATE:          # e.g. a bare [ELI]: sector only, no country
        country, sector = None, primary
    elif primary in NONSTATE:
        country = None
        sector = primary if primary != "MNC" else "BUS"
        if primary == "IGO":
            key = "".join(rest[:2])
            org = IGO_ORG.get(key) or IGO_ORG.get(rest[0] if rest else "")
    else:
        country = CAMEO_TO_ISO.get(primary, primary)
        sector = next((c for c in rest if c in SECTORS), None)
    return {"title": code if dated else f"{code} (default)", "role": None, "org": org,
            "country": country, "sector": sector, "start": start, "end": end, "_dated": dated}


# --------------------------------------------------------------------------- reader
def read_entries(path: Path, stats: Stats):
    """Return the dictionary entries of one file as dicts (name, aliases, codes, comment)."""
    entry = None
    out = []

    def flush():
        nonlocal entry
        e, entry = entry, None
        return e

    with path.open(encoding="utf-8", errors="replace") as f:
        for raw in f:
            line = raw.rstrip("\n")
            if not line.strip():
                e = flush()
                if e:
                    out.append(e)
                continue
            if line.lstrip().startswith("#"):
                continue
            body, _, comment = line.partition("#")
            stripped = body.strip()
            if not stripped:
                continue
            if stripped.startswith("+") or stripped.startswith("="):
                if entry is None:
                    stats["orphan_lines"] += 1
                    continue
                name_part = CODE_RE.sub("", stripped[1:]).strip()
                if name_part:
                    entry["aliases"].append(name_part)
                entry["codes"].extend(CODE_RE.findall(stripped))
                entry["comment"] += " " + comment
                continue
            if stripped.startswith("["):
                if entry is None:
                    stats["orphan_lines"] += 1
                    continue
                entry["codes"].extend(CODE_RE.findall(stripped))
                entry["comment"] += " " + comment
                continue
            # a name line (maybe with codes on it)
            name_part = CODE_RE.sub("", stripped).strip()
            codes = CODE_RE.findall(stripped)
            if entry is not None and not entry["codes"] and name_part:
                # consecutive name lines without codes: synonyms of one entry
                entry["aliases"].append(name_part)
                entry["codes"].extend(codes)
                entry["comment"] += " " + comment
                continue
            e = flush()
            if e:
                out.append(e)
            entry = {"name": name_part, "aliases": [], "codes": codes, "comment": comment,
                     "file": path.name}
    e = flush()
    if e:
        out.append(e)
    return out


# --------------------------------------------------------------------------- organisations
ORG_FILES = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt",
             "Phoenix.MilNonState.actors.txt")
GROUP_SECTORS = {"REB", "IMG", "SEP", "RAD", "INS", "CRM"}
RELIGION_CODES = {"CHR", "MUS", "JEW", "BUD", "HIN", "SHI", "SUN", "CTH", "PRO", "ORT", "JAN", "SIK",
                  "ZRO", "TAO", "CON", "BAH", "DRZ", "ALE", "ITH", "MOS", "SFI", "MAR", "COP", "ATH"}
# title words of a role ("GENERAL_SECRETARY_OF_THE_..._PARTY" is an office, not a body)
ROLE_WORDS = {"SECRETARY", "SECRETARY-GENERAL", "CHIEF", "CHIEFS", "PRESIDENT", "MINISTER", "MINISTERS",
              "LEADER", "LEADERS", "HEAD", "SPOKESMAN", "SPOKESWOMAN", "CHAIRMAN", "CHAIRWOMAN",
              "DIRECTOR", "COMMANDER", "GOVERNOR", "AMBASSADOR", "ENVOY", "KING", "QUEEN", "PRINCE",
              "PREMIER", "CHANCELLOR", "SENATOR", "GENERAL", "EMIR", "SHEIKH"}
VOWELS = set("AEIOUY")
# entries whose name is a common noun, not one body's name
GENERIC_NAMES = {"ngo", "ngos", "igo", "igos", "mnc", "un agency", "charity", "charities"}
# a name with one of these is no person's ("DOCTORS_WITHOUT_BORDERS", "SAVE_THE_CHILDREN")
FUNCTION_WORDS = {"WITHOUT", "WITH", "FOR", "OF", "AND", "THE", "IN", "ON", "AT", "TO", "FROM", "AGAINST",
                  "BEYOND", "ACROSS", "OVER", "UNDER", "SANS", "POUR", "FUR", "SAVE", "WATCH", "AID", "RELIEF"}
NOUN_ENDINGS = ("TION", "SION", "ISM", "ERS", "ISTS", "ITY", "ANCE", "ENCE", "MENT", "SHIP", "HOOD", "NESS",
                "ICS", "REN", "ORS", "IES", "AGE")


SPECIFIC = ("LEG", "JUD", "MIL", "COP", "SPY")


def specific_sector(code: str, sector: str | None) -> str | None:
    """A government body's own sector: USAGOVLEG (the Congress) -> LEG, GOVMIL (a junta) -> MIL."""
    chunks = [code[i:i + 3] for i in range(0, len(code), 3)]
    if sector == "GOV":
        return next((c for c in chunks if c in SPECIFIC), sector)
    return sector


def is_person_entry(e: dict, tokens: list[str], roles: list[dict]) -> bool:
    """The person rule of main() (kept in step with it)."""
    ruler_list = "CountryInfo.txt" in e["comment"] or "IGOrulers.txt" in e["comment"]
    if ruler_list:
        return True
    return any(r["_dated"] for r in roles) and looks_like_person(tokens, 2)


def acronym(tok: str, single: bool) -> bool:
    t = tok.strip(".")
    if not t.isalpha() or not t.isupper() or len(t) < 2:
        return False
    return not (set(t) & VOWELS) or (single and len(t) <= 4)


LOWER_WORDS = {"OF", "THE", "AND", "FOR", "ON", "IN", "TO", "AT", "BY", "AGAINST", "WITH", "FROM", "DE", "DEL",
               "LA", "LOS", "LAS", "EL", "DES", "DU", "ET", "PARA", "PER", "DI", "Y"}


def org_name(tokens: list[str]) -> str:
    single = len(tokens) == 1
    out = []
    for i, t in enumerate(tokens):
        if acronym(t, single) or re.fullmatch(r"(?:[A-Z]\.){2,}", t):
            out.append(t)
        elif i > 0 and t.upper() in LOWER_WORDS:
            out.append(t.lower())
        elif len(t) == 2 and t.isalpha() and t.upper() not in PARTICLES:
            out.append(t.upper())  # US, UK, UN
        else:
            out.append(title_case([t]) if i == 0 else title_case(["X", t]).split(" ", 1)[1])
    return " ".join(out)


def org_forms(raw: str) -> list[str]:
    """Display forms of one dictionary name: the name and a "(ABC)" acronym tail."""
    if any(ord(c) < 32 for c in raw):
        return []
    raw = raw.replace("`", "'")
    forms = []
    acr = re.findall(r"\(([A-Z][A-Z.\-]{1,9})\)", raw)
    main = raw.split("(")[0].split("+")[0]
    toks = raw_tokens(main)
    if toks:
        forms.append(org_name(toks))
    forms += [a for a in acr if a.replace(".", "").isalpha()]
    return forms


def curated_keys(data_dir: Path) -> set[str]:
    """Registry keys of the curated files (normalised the way the registry does it)."""
    sys.path.insert(0, str(ROOT / "src"))
    from tieline.actors.registry import normalize  # noqa: PLC0415 - only the build needs it

    keys: set[str] = set()
    for f in ("countries.jsonl", "igos.jsonl", "leaders.jsonl", "igo_heads.jsonl", "orgs.jsonl"):
        path = data_dir / f
        if not path.exists():
            continue
        for line in path.open(encoding="utf-8"):
            r = json.loads(line)
            for k in ("name", "iso3"):
                if r.get(k):
                    keys.add(normalize(str(r[k])))
            for k in ("aliases", "adjectives", "demonyms", "capitals", "seats", "military_seats",
                      "legislature_seats"):
                for a in r.get(k) or []:
                    keys.add(normalize(a))
    keys.discard("")
    return keys


def build_orgs(src: Path, out: Path, data_dir: Path, stats: Stats) -> int:
    sys.path.insert(0, str(ROOT / "src"))
    from tieline.actors.registry import normalize  # noqa: PLC0415

    isos = {json.loads(line)["iso3"] for line in (data_dir / "countries.jsonl").open(encoding="utf-8")}
    taken = curated_keys(data_dir)
    drop_single = {normalize(w) for w in ORG_WORDS | LEAD_WORDS | ROLE_WORDS}
    recs: dict[str, dict] = {}
    seen_keys: dict[str, str] = {}
    for fname in ORG_FILES:
        for e in read_entries(src / fname, stats):
            cleaned = clean_name(e["name"])
            if cleaned is None:
                continue
            tokens = raw_tokens(e["name"].split("(")[0])
            roles = [r for r in (parse_code(c, stats) for c in e["codes"]) if r]
            if not roles or not tokens:
                continue
            if is_person_entry(e, strip_title(tokens), roles):
                continue
            codes = [r for r in roles if not r["_dated"]] or sorted(
                (r for r in roles if r["_dated"]), key=lambda r: r["start"] or "0000")[-1:]
            r0 = codes[0]
            code = r0["title"].split(" ")[0]
            if code[:3] in FICTIONAL:
                continue
            if code.startswith("MNC"):
                stats["orgs_mnc_left_out"] += 1
                continue
            sector = r0["sector"]
            if sector is None and code[:3] not in SECTORS:
                chunks = [code[i:i + 3] for i in range(3, len(code), 3)]
                sector = "REL" if any(c in RELIGION_CODES for c in chunks) else None
            if sector is None:
                stats["orgs_no_sector"] += 1  # country headers, territories
                continue
            sector = specific_sector(code, sector)
            country = r0["country"] if r0["country"] in isos else None
            upper = [t.upper().strip(".,") for t in tokens]
            if fname != "Phoenix.MilNonState.actors.txt":
                if upper[0] in ROLE_WORDS or any(t in ROLE_WORDS for t in upper[:3]) and \
                        "OF" in upper:
                    stats["orgs_role_phrase"] += 1
                    continue
                org_word = any(t in ORG_WORDS or t in FUNCTION_WORDS or t.endswith(NOUN_ENDINGS) for t in upper)
                if not org_word and len(tokens) > 1 and looks_like_person(tokens, 2, 4):
                    stats["orgs_person_like"] += 1
                    continue
            main_parts = {p for t in upper for p in t.split("-")}
            names = org_forms(e["name"])
            for a in e["aliases"]:
                at = raw_tokens(a.split("(")[0])
                parts = {p for t in at for p in t.upper().split("-")}
                if at and looks_like_person(at, 2, 4) and not parts & main_parts:
                    stats["org_aliases_person"] += 1  # a leader listed under the group
                    continue
                names += org_forms(a)
            forms, keys = [], set()
            for n in names:
                k = normalize(n)
                if not k or k in keys:
                    continue
                if k in taken:
                    stats["org_aliases_curated"] += 1
                    continue
                if " " not in k and (k in drop_single or len(k) < 3) and not n.isupper():
                    stats["org_aliases_common"] += 1
                    continue
                keys.add(k)
                forms.append(n)
            if not forms or normalize(forms[0]) in GENERIC_NAMES:
                continue
            kind = "group" if sector in GROUP_SECTORS else "organization"
            rid = "org:" + (slug(forms[0]) or "x")
            first = next((seen_keys[k] for k in keys if k in seen_keys), None)
            if first is not None and recs[first]["code"] == code:  # same body, listed twice
                rec = recs[first]
                rec["aliases"] += [f for f in forms if f != rec["name"] and f not in rec["aliases"]]
                for k in keys:
                    seen_keys.setdefault(k, first)
                stats["orgs_merged"] += 1
                continue
            while rid in recs:
                rid += "-" + (country or sector).lower()
            recs[rid] = {"id": rid, "name": forms[0], "kind": kind, "country": country, "sector": sector,
                         "aliases": forms[1:], "code": code, "source": "phoenix"}
            for k in keys:
                seen_keys.setdefault(k, rid)
    with out.open("w", encoding="utf-8") as f:
        for r in sorted(recs.values(), key=lambda r: r["id"]):
            f.write(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n")
    return len(recs)


# --------------------------------------------------------------------------- agents
def plurals(w: str) -> list[str]:
    """PETRARCH's regular plurals of the last word of an agent."""
    head, _, last = w.rpartition(" ")
    pre = head + " " if head else ""
    if last.endswith("man"):
        return [pre + last[:-3] + "men"]
    if last.endswith("y") and len(last) > 2 and last[-2] not in "aeiou":
        return [pre + last[:-1] + "ies"]
    if last.endswith(("s", "x", "z", "ch", "sh")):
        return [pre + last + "es"]
    return [pre + last + "s"]


# Sectors set here over Phoenix's (documented choices of this project): a crowd of protesters
# is civilian (Phoenix: OPP); the organised opposition stays OPP.  A government body's specific
# sub-code wins over GOV for organisations and agents (GOVLEG -> LEG, GOVMIL -> MIL).
# "security forces" are the armed forces at large in news usage (Phoenix: COP).
AGENT_SECTOR_OVERRIDES = {"protester": "CVL", "demonstrator": "CVL", "marcher": "CVL", "security force": "MIL",
                          "security forces": "MIL"}


# Agents news uses that Phoenix's list lacks: added with their plural, a Phoenix entry of the same
# word wins.
AGENT_EXTRAS = {"attacker": "UAF", "hostage-taker": "UAF", "sniper": "UAF", "shooter": "UAF"}


def build_agents(src: Path, out: Path, stats: Stats) -> int:
    subst: dict[str, list[str]] = {}
    agents: dict[str, dict] = {w: {"agent": w, "forms": plurals(w), "sector": sec}
                               for w, sec in AGENT_EXTRAS.items()}
    for raw in (src / "Phoenix.agents.txt").open(encoding="utf-8", errors="replace"):
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        m = re.match(r"^(![A-Z]+!)\s*=\s*(.+)$", line.strip())
        if m:
            subst[m.group(1)] = [x.strip() for x in m.group(2).split(",") if x.strip()]
            continue
        m = re.match(r"^(.*?)\s*(\{[^}]*\})?\s*\[~?([A-Z]*)\]\s*$", line)
        if not m:
            stats["agents_unparsed"] += 1
            continue
        name, plur, code = m.group(1), m.group(2), m.group(3)
        chunks = [code[i:i + 3] for i in range(0, len(code), 3)]
        sector = specific_sector(code, next((c for c in chunks if c in SECTORS - NONSTATE), None))
        if sector is None and any(c in RELIGION_CODES for c in chunks):
            sector = "REL"
        if sector is None:
            stats["agents_no_sector"] += 1
            continue
        variants = [name.strip()]
        for key, vals in subst.items():
            if any(key in v for v in variants):
                variants = [v.replace(key, ("_" if not v.split(key)[0].endswith(("_", " ")) and
                                              v.split(key)[0] else "") + x + "_").replace("__", "_")
                            for v in variants for x in vals]
        for v in variants:
            words = " ".join(t for t in re.split(r"[_\s]+", v) if t).lower()
            if not words or not re.fullmatch(r"[a-z][a-z0-9'.\- ]*", words):
                stats["agents_unparsed"] += 1
                continue
            forms = [words]
            if plur is None:
                forms += plurals(words)
            else:
                forms += [" ".join(t for t in re.split(r"[_\s]+", x) if t).lower()
                          for x in plur.strip("{}").split(",") if x.strip()]
            sec = AGENT_SECTOR_OVERRIDES.get(words, sector)
            rec = agents.setdefault(words, {"agent": words, "forms": [], "sector": sec})
            rec["forms"] += [f for f in forms[1:] if f not in rec["forms"] and f != words]
    with out.open("w", encoding="utf-8") as f:
        for r in sorted(agents.values(), key=lambda r: r["agent"]):
            f.write(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n")
    return len(agents)


# --------------------------------------------------------------------------- main
def load_curated(paths: list[Path]):
    """Persons of the curated files (leaders.jsonl and any other non-Phoenix person file).
    full: multi-word names/aliases; single: one-word alias -> {(country, first-name initials)}."""
    full, single, first = set(), defaultdict(set), defaultdict(set)
    for path in paths:
        for line in path.open(encoding="utf-8"):
            r = json.loads(line)
            if r.get("kind") != "person" or r.get("source") == "phoenix":
                continue
            forms = [norm(a) for a in [r["name"]] + r.get("aliases", [])]
            if forms[0]:
                first[forms[0].split()[0]].add(r.get("country"))
            initials = frozenset(f[0] for f in forms if " " in f)
            for n in forms:
                if " " in n:
                    full.add(n)
                else:
                    single[n].add((r.get("country"), initials))
    return full, single, first


def curated(name: str, forms: set[str], ctry: str | None, full, single, first) -> bool:
    """Same multi-word name/alias; or a one-word alias (a distinctive surname) of a leader
    of the same country that is also this person's surname with the same first initial;
    or a one-word ruler name ("FAHD_") that is the first name of a curated leader of that country."""
    if any(f in full for f in forms if " " in f):
        return True
    n = norm(name)
    if " " not in n and ctry in first.get(n, ()):
        return True
    for f in forms:
        toks = f.split()
        for c, initials in single.get(toks[-1], ()):
            if c == ctry and (len(toks) == 1 or toks[0][0] in initials):
                return True
    return False


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--src", type=Path, default=SRC)
    ap.add_argument("--out", type=Path, default=DATA / "phoenix_persons.jsonl")
    ap.add_argument("--leaders", type=Path, default=DATA / "leaders.jsonl",
                    help="curated person file; every other non-Phoenix *.jsonl person file "
                         "next to it (e.g. igo_heads.jsonl) is treated as curated as well")
    ap.add_argument("--orgs", type=Path, default=DATA / "phoenix_orgs.jsonl")
    ap.add_argument("--agents", type=Path, default=DATA / "phoenix_agents.jsonl")
    args = ap.parse_args(argv)

    stats = Stats()
    curated_files = [args.leaders] if args.leaders.exists() else []
    curated_files += [p for p in sorted(args.leaders.parent.glob("*.jsonl"))
                      if p.resolve() not in (args.leaders.resolve(), args.out.resolve())
                      and not p.name.startswith("phoenix_")]
    lead_full, lead_single, lead_first = load_curated(curated_files)
    persons: dict[tuple[str, str | None], dict] = {}

    for fname in FILES:
        for e in read_entries(args.src / fname, stats):
            stats["entries"] += 1
            cleaned = clean_name(e["name"])
            if cleaned is None:
                stats["unparsed_person_entries"] += 1
                continue
            main_name, extra_names = cleaned
            full_tokens = raw_tokens(main_name)
            tokens = strip_title(full_tokens)
            if len(tokens) == 1 and len(full_tokens) > 1:   # "KING_HUSSEIN_": keep the title
                tokens = full_tokens
            roles = [r for r in (parse_code(c, stats) for c in e["codes"]) if r]
            if roles and all(r["country"] in FICTIONAL for r in roles):
                stats["fictional_entries"] += 1
                continue
            dated = [r for r in roles if r["_dated"]]
            ruler_list = "CountryInfo.txt" in e["comment"] or "IGOrulers.txt" in e["comment"]
            if ruler_list:
                ok = looks_like_person(tokens, 1, 10, STRONG_ORG_WORDS)
            else:
                ok = bool(dated) and looks_like_person(tokens, 2)
            if not ok:
                if ruler_list:
                    stats["unparsed_person_entries"] += 1
                else:
                    stats["non_person_entries"] += 1
                continue
            if not roles:
                stats["unparsed_person_entries"] += 1
                continue
            name = title_case(tokens)
            aliases = []
            if full_tokens != tokens:
                aliases.append(title_case(full_tokens))
            for a in list(e["aliases"]) + extra_names:
                at = raw_tokens(a)
                if not at or not all(NAME_TOKEN_RE.match(t) for t in at):
                    stats["aliases_dropped"] += 1
                    continue
                aliases.append(title_case(at))
                st = strip_title(at)
                if st != at:
                    aliases.append(title_case(st))
            # record country: default code, else latest dated role
            defaults = [r for r in roles if not r["_dated"]]
            ctry = next((r["country"] for r in defaults if r["country"]), None)
            if ctry is None:
                by_start = sorted((r for r in dated if r["country"]),
                                  key=lambda r: r["start"] or "0000")
                ctry = by_start[-1]["country"] if by_start else None
            key = (norm(name), ctry)
            rec = persons.get(key)
            if rec is None:
                rec = persons[key] = {"name": name, "country": ctry, "aliases": [], "roles": []}
            else:
                stats["merged_duplicate_entries"] += 1
            rec["aliases"].extend(aliases)
            rec["roles"].extend(roles)

    # skip persons curated in leaders.jsonl; finalise records
    out, ids = [], set()
    for (_, ctry), rec in sorted(persons.items(), key=lambda kv: (kv[1]["country"] or "~", kv[1]["name"])):
        forms = {norm(rec["name"])} | {norm(a) for a in rec["aliases"]}
        if curated(rec["name"], forms, ctry, lead_full, lead_single, lead_first):
            stats["skipped_in_leaders"] += 1
            continue
        seen, aliases = {rec["name"].casefold()}, []
        for a in rec["aliases"] + [fold(rec["name"])] + [fold(a) for a in rec["aliases"]]:
            if a.casefold() not in seen:
                seen.add(a.casefold())
                aliases.append(a)
        roles, rseen = [], set()
        for r in sorted(rec["roles"], key=lambda r: (not r["_dated"], r["start"] or "0000", r["end"] or "9999")):
            r = {k: v for k, v in r.items() if k != "_dated"}
            sig = tuple(r.values())
            if sig in rseen:
                continue
            rseen.add(sig)
            roles.append(r)
        base = slug(rec["name"]) or "unnamed"
        pid = f"person:{base}"
        if pid in ids:
            pid = f"person:{base}-{(ctry or 'igo').lower()}"
        n = 2
        while pid in ids:
            pid = f"person:{base}-{(ctry or 'igo').lower()}-{n}"
            n += 1
        ids.add(pid)
        out.append({"id": pid, "name": rec["name"], "kind": "person", "country": ctry,
                    "aliases": aliases, "roles": roles, "source": "phoenix"})

    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as f:
        for r in out:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")

    size = args.out.stat().st_size
    print(f"wrote {args.out} ({len(out)} persons, {sum(len(r['roles']) for r in out)} roles, "
          f"{size / 1e6:.2f} MB)")
    print(f"  dictionary entries read:        {stats['entries']}")
    print(f"  persons written:                {len(out)}")
    print(f"  skipped (curated elsewhere):    {stats['skipped_in_leaders']}"
          f"  [{', '.join(p.name for p in curated_files)}]")
    print(f"  merged duplicate entries:       {stats['merged_duplicate_entries']}")
    print(f"  non-person entries left out:    {stats['non_person_entries']}")
    print(f"  person entries unparsed:        {stats['unparsed_person_entries']}")
    print(f"  codes unparsed (bad code/date): {stats['codes_unparsed']}")
    print(f"  empty codes ([---]):            {stats['codes_empty']}")
    print(f"  aliases dropped (not a name):   {stats['aliases_dropped']}")
    print(f"  orphan lines:                   {stats['orphan_lines']}")
    print(f"  fictional (Kinakuta) entries:   {stats['fictional_entries']}")
    ostats = Stats()
    n_orgs = build_orgs(args.src, args.orgs, args.leaders.parent, ostats)
    n_agents = build_agents(args.src, args.agents, ostats)
    print(f"wrote {args.orgs} ({n_orgs} organisations and groups, {args.orgs.stat().st_size / 1e6:.2f} MB)")
    print(f"wrote {args.agents} ({n_agents} agents, {args.agents.stat().st_size / 1e6:.2f} MB)")
    for k, v in sorted(ostats.items()):
        if k.startswith(("org", "agent")):
            print(f"  {k}: {v}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
