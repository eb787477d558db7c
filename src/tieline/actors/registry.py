"""The actor registry: who is who, as of when.

A :class:`Registry` holds every known actor as an :class:`Entry`: countries
(``country:KAZ``), intergovernmental organisations (``igo:nato``), persons
(``person:ilham-aliyev``) with dated :class:`Role` records, and any
organisation or group a user adds.  It is built from the JSON Lines files in
``data/`` (``countries.jsonl``, ``igos.jsonl``, ``leaders.jsonl``,
``igo_heads.jsonl``, ``orgs.jsonl``, ``phoenix_persons.jsonl``, ``phoenix_orgs.jsonl``) plus user files in the same
shapes (``.jsonl``, ``.json``, ``.yaml``/``.yml`` or ``.csv``; see
:meth:`Registry.load`).  Curated records beat converted Phoenix ones: when a
person is known to a curated file, Phoenix roles for that person are ignored
(Phoenix stops in about 2018 and its open-ended roles would keep a retired
leader in office forever).

Dates
    Role ``start`` is inclusive, ``end`` exclusive, ``end: null`` means
    ongoing.  A date argument ``on`` may be a day (``2018-01-16``), a month
    (``2018-01``) or a year (``2018``): a role is active when it overlaps that
    period, and where several overlap, the one that covers the most of it wins
    (a president who left office in March of a year is not "the president" of
    that year; the successor, in office for the other nine months, is).  ``on=None`` means "now": the ongoing roles.

Alias keys (:func:`normalize`)
    Every name, alias, adjective, demonym, capital and seat is indexed under a
    key made like this, and text is looked up through the same function:

    1. Unicode NFKD with combining marks removed (``Türkiye`` = ``Turkiye``),
       then ``casefold``.
    2. A possessive ``'s`` is dropped; apostrophes of any shape are removed
       (``N'Djamena`` = ``Ndjamena``); dots are removed (``U.S.`` = ``US``);
       hyphens, dashes, commas and other punctuation become spaces
       (``Kassym-Jomart`` = ``Kassym Jomart``); runs of spaces collapse.
       A leading ``the`` is dropped (``the Kremlin`` = ``Kremlin``).
    3. Transliteration folding, word by word (:func:`fold_word`), so that the
       usual romanisations of Russian and Central Asian names meet:

       * ``dzh`` -> ``j`` (Dzhaparov = Japarov);
       * a word-initial ``ye`` -> ``e`` (Yevgeny = Evgeny, Yerlan = Erlan);
       * ``y``/``i``/``j`` between a vowel and a final ``ev``/``eva`` is
         dropped (Mirziyoyev = Mirziyoev, Aliyev = Alijev = Aliev,
         Tolstoyev = Tolstoev);
       * ``y``/``i`` between a consonant and a final ``ev``/``eva`` is dropped
         (Lavrentyev = Lavrentiev = Lavrentev; Aliev -> Alev, the same for all
         spellings of it, so nothing is lost);
       * a final ``iy``/``yy``/``ii``/``ij``/``yj`` -> ``y``, and a final
         ``ski`` -> ``sky`` (Zelenskiy = Zelenskyy = Zelenskii = Zelenski =
         Zelensky);
       * doubled letters are single (Kassym = Kasym, Mohammed = Mohamed).

       ``kh``/``h`` and ``zh``/``j`` are deliberately *not* folded: they tell
       apart names that are really different (Khan/Han, Zhang/Jang).
"""

from __future__ import annotations

import csv
import gc
import hashlib
import json
import os
import pickle
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

__all__ = [
    "ActorState", "Entry", "Hit", "Registry", "Role", "active_overlap", "fold_word", "key_words", "normalize",
    "period",
]

DATA_DIR = Path(__file__).parent / "data"
#: Built-in files, in load order; the first five are curated (orgs.jsonl: parties and armed groups as of
#: today, over Phoenix's older codes), the last two converted from Phoenix.
BUILTIN_FILES: tuple[str, ...] = (
    "countries.jsonl", "igos.jsonl", "leaders.jsonl", "igo_heads.jsonl", "orgs.jsonl", "phoenix_persons.jsonl",
    "phoenix_orgs.jsonl",
)
CACHE_VERSION = "tieline-registry-3"

#: Rank of a source: lower wins.
SOURCE_RANK: dict[str, int] = {"user": 0, "curated": 0, "builtin": 0, "phoenix": 1}
#: Rank of the way a key names an entry: lower wins when one surface names several entries.
FORM_RANK: dict[str, int] = {
    "name": 0, "alias": 1, "capital": 2, "seat": 2, "military_seat": 2, "legislature_seat": 2,
    "adjective": 3, "demonym": 3, "surname": 5,
}
#: Sector preference when two roles are equally active.
SECTOR_RANK: dict[str, int] = {"GOV": 0, "MIL": 1, "IGO": 1, "LEG": 2, "JUD": 2}
#: Sector a country gets from a seat of each kind.
SEAT_SECTORS: dict[str, str] = {"seat": "GOV", "military_seat": "MIL", "legislature_seat": "LEG",
                                "capital": "GOV"}
IGO_KINDS = frozenset({"organization", "organ", "agency", "court", "mission", "bank", "forum"})
PERSON_ROLES_OF_HEAD = ("head_of_state", "head_of_government")

_POSSESSIVE = re.compile(r"[’‘`´ʼʻ′']s\b|(?<=s)[’‘`´ʼʻ′'](?=\s|$)", re.I)
_QUOTES = "’‘`´ʼʻ′'"
# One translation: apostrophes and dots vanish, other punctuation becomes a space.
_TRANSLATE: dict[int, str | None] = {ord(c): None for c in _QUOTES + "."}
_TRANSLATE.update({ord(c): " " for c in "!\"#$%&()*+,-/:;<=>?@[\\]^_{|}~‐‑‒–—―…·•«»“”„"})
_NON_WORD = re.compile(r"[^\w\s]")
_VOWEL_Y_EV = re.compile(r"(?<=[aeiou])[yij](?=eva?$)")
_CONS_Y_EV = re.compile(r"(?<=[^aeiouy])[yi](?=eva?$)")
_FINAL_IY = re.compile(r"(?:iy|yy|ii|ij|yj)$")
_DOUBLE = re.compile(r"(\w)\1+")


# --------------------------------------------------------------------------- normalisation


@lru_cache(maxsize=65536)
def fold_word(word: str) -> str:
    """Transliteration folding of one lower-case word (the rules of the module docstring)."""
    if len(word) < 3 or not word.isalpha():
        return word
    w = word
    if "dzh" in w:
        w = w.replace("dzh", "j")
    if w.startswith("ye"):
        w = w[1:]
    if w.endswith(("ev", "eva")):
        w = _CONS_Y_EV.sub("", _VOWEL_Y_EV.sub("", w))
    elif w.endswith(("iy", "yy", "ii", "ij", "yj")):
        w = _FINAL_IY.sub("y", w)
    elif w.endswith("ski"):
        w = w[:-1] + "y"
    return _DOUBLE.sub(r"\1", w)


def _strip_marks(text: str) -> str:
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@lru_cache(maxsize=131072)
def key_words(text: str) -> tuple[str, ...]:
    """The normalised, folded words of a surface form (see :func:`normalize`)."""
    s = _strip_marks(text).casefold()
    if "s" in s and any(q in s for q in _QUOTES):
        s = _POSSESSIVE.sub("", s)
    s = s.translate(_TRANSLATE)
    if not s.isascii():
        s = _NON_WORD.sub(" ", s)
    return tuple(fold_word(w) for w in s.split())


def normalize(text: str, drop_article: bool = True) -> str:
    """The lookup key of a surface form: ``"U.S."`` -> ``"us"``, ``"Mirziyoyev"`` -> ``"mirziyoev"``."""
    words = key_words(text)
    if drop_article and len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def _caps(alias: str) -> tuple[int, ...]:
    """Per word of an alias: 2 = must be upper case in text (acronyms: US, WHO), 1 = capitalised, 0 = any."""
    s = _strip_marks(alias).translate(_TRANSLATE)
    if not s.isascii():
        s = _NON_WORD.sub(" ", s)
    words = s.split()
    if len(words) > 1 and words[0].lower() == "the":
        words = words[1:]
    return tuple(2 if len(w) > 1 and w.isupper() else 1 if w[:1].isupper() else 0 for w in words)


# --------------------------------------------------------------------------- dates


@lru_cache(maxsize=4096)
def period(on: str | None) -> tuple[str, str] | None:
    """``[lo, hi)`` ISO days of a day, month or year (None for None or an unreadable value)."""
    if not on:
        return None
    s = on.strip()[:10]
    try:
        if len(s) >= 10:
            d = date.fromisoformat(s)
            return d.isoformat(), (d + timedelta(days=1)).isoformat()
        if len(s) == 7:
            y, m = int(s[:4]), int(s[5:7])
            nxt = date(y + (m == 12), m % 12 + 1, 1)
            return date(y, m, 1).isoformat(), nxt.isoformat()
        if len(s) == 4:
            y = int(s)
            return date(y, 1, 1).isoformat(), date(y + 1, 1, 1).isoformat()
    except ValueError:
        return None
    return None


def _day(value: Any, end: bool = False) -> str | None:
    """A role bound as an ISO day; partial dates widen to the start (or, for an end, past the end)."""
    if value in (None, ""):
        return None
    p = period(str(value))
    if p is None:
        return None
    return p[1] if end and len(str(value).strip()) < 10 else p[0]


def _days_between(a: str, b: str) -> int:
    return (date.fromisoformat(b) - date.fromisoformat(a)).days


def active_overlap(start: str | None, end: str | None, on: str | None) -> int:
    """How many days of the period ``on`` a ``[start, end)`` role covers (0: not active).

    With ``on=None`` ("now") an ongoing role covers 1 and an ended one 0.  A role
    with neither bound is not dated and never counts as active here.
    """
    if start is None and end is None:
        return 0
    if on is None:
        return 1 if end is None else 0
    p = period(on)
    if p is None:
        return 1 if end is None else 0
    lo, hi = p
    a = max(lo, start) if start else lo
    b = min(hi, end) if end else hi
    return _days_between(a, b) if a < b else 0


# --------------------------------------------------------------------------- records


@dataclass(slots=True)
class Role:
    """One dated role of a person: start inclusive, end exclusive (None: ongoing)."""

    title: str | None = None
    role: str | None = None
    country: str | None = None
    sector: str | None = None
    start: str | None = None
    end: str | None = None
    head_of_state: bool = False
    head_of_government: bool = False
    org: str | None = None
    to: str | None = None

    def as_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"title": self.title, "role": self.role, "country": self.country,
                             "sector": self.sector, "start": self.start, "end": self.end}
        if self.org:
            d["org"] = self.org
        if self.to:
            d["to"] = self.to
        return d


@dataclass(slots=True)
class Entry:
    """A canonical actor known to the registry."""

    id: str
    name: str
    kind: str  # person | country | organization | group
    country: str | None = None  # ISO-3 (a person's base country, an organisation's seat)
    sector: str | None = None  # base sector: countries GOV, IGOs IGO, persons None
    aliases: list[str] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    source: str = "curated"
    extra: dict[str, Any] = field(default_factory=dict)  # adjectives, capitals, head_role, parent...

    @property
    def rank(self) -> int:
        return SOURCE_RANK.get(self.source, 0)


@dataclass(frozen=True, slots=True)
class ActorState:
    """Where an actor stood on a date: its country, sector and (for persons) role."""

    country: str | None
    sector: str | None
    role_title: str | None = None
    role: str | None = None


#: One way a key names an entry: (entry id, form, the alias as written in the data).  Forms: name,
#: alias, adjective, demonym, capital, seat, military_seat, legislature_seat (and surname in lookups).
#: A plain tuple, so that the cached index unpickles fast.
Hit = tuple[str, str, str]


def _entry_to_raw(e: Entry) -> str:
    """An entry as one compact JSON string (strings unpickle fast; entries are parsed on use)."""
    roles = [[r.title, r.role, r.country, r.sector, r.start, r.end, r.head_of_state, r.head_of_government,
              r.org, r.to] for r in e.roles]
    return json.dumps([e.id, e.name, e.kind, e.country, e.sector, e.aliases, roles, e.source, e.extra or None],
                      ensure_ascii=False, separators=(",", ":"))


def _entry_from_raw(raw: str) -> Entry:
    eid, name, kind, country, sector, aliases, roles, source, extra = json.loads(raw)
    return Entry(eid, name, kind, country, sector, list(aliases), [Role(*r) for r in roles], source,
                 dict(extra) if extra else {})


# --------------------------------------------------------------------------- reading files


def _read_records(path: Path) -> list[dict[str, Any]]:
    suffix = path.suffix.lower()
    text = path.read_text(encoding="utf-8")
    if suffix == ".jsonl":
        return [json.loads(line) for line in text.splitlines() if line.strip()]
    if suffix in (".json", ".yaml", ".yml"):
        data = json.loads(text) if suffix == ".json" else yaml.safe_load(text)
        if isinstance(data, dict):
            data = data.get("actors", [data])
        if not isinstance(data, list):
            raise ValueError(f"{path}: expected a list of actor records")
        return [d for d in data if isinstance(d, dict)]
    if suffix == ".csv":
        return _csv_records(text)
    raise ValueError(f"{path}: unsupported actor file type {suffix!r} (use .jsonl, .json, .yaml or .csv)")


def _csv_records(text: str) -> list[dict[str, Any]]:
    """CSV rows (id,name,kind,country,sector,aliases,role,title,start,end); rows sharing an id merge."""
    out: dict[str, dict[str, Any]] = {}
    for row in csv.DictReader(text.splitlines()):
        row = {k.strip().lower(): (v or "").strip() for k, v in row.items() if k}
        name = row.get("name", "")
        rid = row.get("id") or ""
        if not rid and not name:
            continue
        kind = row.get("kind") or ("person" if row.get("role") or row.get("title") else "organization")
        rid = rid or _slug_id(kind, name)
        has_role = bool(row.get("role") or row.get("title") or row.get("start"))
        rec = out.setdefault(rid, {"id": rid, "name": name, "kind": kind, "country": row.get("country") or None,
                                   "sector": None if has_role else row.get("sector") or None,
                                   "aliases": [], "roles": [], "source": "user"})
        rec["aliases"] += [a.strip() for a in row.get("aliases", "").split("|") if a.strip()]
        if row.get("role") or row.get("title") or row.get("start"):
            rec["roles"].append({"title": row.get("title") or None, "role": row.get("role") or None,
                                 "country": row.get("country") or None, "sector": row.get("sector") or None,
                                 "start": row.get("start") or None, "end": row.get("end") or None})
    return list(out.values())


def slug(name: str) -> str:
    """A stable slug of a name: normalised and folded words joined by ``-``."""
    return "-".join(w for w in key_words(name) if w.isalnum()) or "x"


def _slug_id(kind: str, name: str) -> str:
    prefix = "person" if kind == "person" else "org" if kind == "organization" else kind
    return f"{prefix}:{slug(name)}"


def _role(d: Mapping[str, Any], default_country: str | None) -> Role:
    org = d.get("org")
    country = d.get("country") if "country" in d else default_country
    if country is None and not org:
        country = default_country
    return Role(
        title=d.get("title"), role=d.get("role"), country=country, sector=d.get("sector"),
        start=_day(d.get("start")), end=_day(d.get("end"), end=True),
        head_of_state=bool(d.get("head_of_state")), head_of_government=bool(d.get("head_of_government")),
        org=org, to=d.get("to"),
    )


def _entry(rec: Mapping[str, Any], source: str | None = None) -> Entry | None:
    """An :class:`Entry` from one record of any of the supported shapes (None when unusable)."""
    src = source or rec.get("source") or "curated"
    if rec.get("iso3"):
        iso = str(rec["iso3"]).upper()
        extra: dict[str, Any] = {k: list(rec.get(k) or []) for k in ("adjectives", "demonyms", "capitals",
                                                                   "seats", "military_seats", "legislature_seats")}
        extra["status"] = rec.get("status")
        return Entry(f"country:{iso}", rec.get("name") or iso, "country", iso, "GOV",
                     list(rec.get("aliases") or []), [], src if source else "curated", extra)
    name = rec.get("name")
    if not name:
        return None
    rid = rec.get("id")
    kind = rec.get("kind") or ("person" if str(rid or "").startswith("person:") else "organization")
    if str(rid or "").startswith("igo:") or (kind in IGO_KINDS and rec.get("sector") == "IGO"):
        extra = {k: rec.get(k) for k in ("head_title", "head_role", "parent")}
        extra["igo_kind"] = kind
        return Entry(rid or _slug_id("igo", name), name, "organization", rec.get("country"),
                     rec.get("sector") or "IGO", list(rec.get("aliases") or []), [], src, extra)
    if kind == "person":
        country = rec.get("country")
        roles = [_role(r, country) for r in rec.get("roles") or [] if isinstance(r, Mapping)]
        return Entry(rid or _slug_id("person", name), name, "person", country, rec.get("sector"),
                     list(rec.get("aliases") or []), roles, src)
    if kind not in ("organization", "group", "country"):
        kind = "organization"
    roles = [_role(r, rec.get("country")) for r in rec.get("roles") or [] if isinstance(r, Mapping)]
    return Entry(rid or _slug_id(kind, name), name, kind, rec.get("country"), rec.get("sector"),
                 list(rec.get("aliases") or []), roles, src)


# --------------------------------------------------------------------------- the registry


USER_SUFFIXES = (".jsonl", ".json", ".yaml", ".yml", ".csv")


def user_actors_dir() -> Path:
    """Where ``tieline actors add`` keeps user actor files (``TIELINE_ACTORS_DIR`` to move it)."""
    if os.environ.get("TIELINE_ACTORS_DIR"):
        return Path(os.environ["TIELINE_ACTORS_DIR"])
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "tieline" / "actors"


def user_actor_files() -> list[Path]:
    d = user_actors_dir()
    return sorted(p for p in d.iterdir() if p.suffix.lower() in USER_SUFFIXES) if d.is_dir() else []


def _cache_dir() -> Path | None:
    if os.environ.get("TIELINE_NO_CACHE"):
        return None
    if os.environ.get("TIELINE_CACHE_DIR"):
        return Path(os.environ["TIELINE_CACHE_DIR"])
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "tieline"


def _stamp(paths: Sequence[Path]) -> str:
    h = hashlib.sha1(CACHE_VERSION.encode())
    h.update(Path(__file__).read_bytes())
    for p in paths:
        try:
            st = p.stat()
            h.update(f"{p.resolve()}\x1f{st.st_mtime_ns}\x1f{st.st_size}\n".encode())
        except OSError:
            h.update(f"{p}\x1fmissing\n".encode())
    return h.hexdigest()[:20]


class Registry:
    """Every known actor, indexed by normalised alias, role and date.

    Build with :meth:`load` (or :meth:`default` for the shared built-in
    instance); extend with :meth:`add`.
    """

    def __init__(self) -> None:
        self._entries: dict[str, Entry] = {}  # materialised entries
        self._raw: dict[str, str] = {}  # compact entries (from the cache), materialised on use
        self.keys: dict[str, list[Hit]] = {}  # normalised key -> hits
        self.caps: dict[str, tuple[int, ...]] = {}  # key -> case demand per word (least strict alias)
        self.first: dict[str, int] = {}  # first word of a key -> most words of any key starting so
        self.surnames: dict[str, list[str]] = {}  # last word of a person's name -> entry ids
        self.by_role: dict[tuple[str, str], list[tuple[str, int]]] = {}  # (role, country|org) -> (id, i)
        self.sources: list[str] = []
        self._keys_of: dict[str, set[str]] | None = {}  # entry id -> its keys (to unindex it)
        self._roles_of: dict[str, set[tuple[str, str]]] | None = {}
        self._surnames_of: dict[str, set[str]] | None = {}

    # ---- building

    @classmethod
    def load(cls, extra_paths: Iterable[str | Path] = (), data_dir: str | Path | None = None,
             use_cache: bool = True) -> Registry:
        """The registry of the built-in files (from ``data_dir``, default ``data/``) plus ``extra_paths``.

        Extra files are user actors in the built-in shapes: ``.jsonl`` (one record a line),
        ``.json``/``.yaml`` (a list, or ``{"actors": [...]}``) or ``.csv`` with columns
        ``id,name,kind,country,sector,aliases,role,title,start,end`` (aliases ``|``-separated;
        several rows with one id give one actor with several roles).  User records win
        over built-in ones with the same id.  The built index is cached as a pickle under
        ``~/.cache/tieline`` (``TIELINE_CACHE_DIR`` to move it, ``TIELINE_NO_CACHE=1`` to skip),
        keyed by the files' paths, sizes and modification times.
        """
        base = Path(data_dir) if data_dir is not None else DATA_DIR
        builtin = [base / f for f in BUILTIN_FILES if (base / f).exists()]
        extras = [Path(p) for p in extra_paths]
        for p in extras:
            if not p.exists():
                raise FileNotFoundError(f"actor file {p} does not exist")
        paths = builtin + extras
        cache = _cache_dir() if use_cache else None
        cache_file = cache / f"registry-{_stamp(paths)}.pkl" if cache else None
        if cache_file is not None and cache_file.exists():
            gc_was = gc.isenabled()
            gc.disable()  # many small containers: collecting while unpickling them doubles the time
            try:
                with cache_file.open("rb") as fh:
                    reg = pickle.load(fh)
                if isinstance(reg, cls):
                    return reg
            except Exception:  # a stale or broken cache is rebuilt
                pass
            finally:
                if gc_was:
                    gc.enable()
        reg = cls()
        for p in builtin:
            reg._add_records(_read_records(p), None, p.name)
        for p in extras:
            reg._add_records(_read_records(p), "user", str(p))
        if cache_file is not None:
            try:
                cache_file.parent.mkdir(parents=True, exist_ok=True)
                tmp = cache_file.with_suffix(f".{os.getpid()}.tmp")
                with tmp.open("wb") as fh:
                    pickle.dump(reg, fh, protocol=pickle.HIGHEST_PROTOCOL)
                tmp.replace(cache_file)
            except OSError:
                pass
        return reg

    _DEFAULT: Registry | None = None

    @classmethod
    def default(cls) -> Registry:
        """The shared registry: built-in files plus the user's (``tieline actors add``), once per process."""
        if cls._DEFAULT is None:
            cls._DEFAULT = cls.load(extra_paths=user_actor_files())
        return cls._DEFAULT

    @classmethod
    def reset_default(cls) -> None:
        cls._DEFAULT = None

    def add(self, records: Iterable[Mapping[str, Any] | Entry], source: str = "user") -> list[Entry]:
        """Add actors (records in the file shapes, or :class:`Entry` objects); returns the entries added."""
        recs = list(records)
        out: list[Entry] = []
        for r in recs:
            e = r if isinstance(r, Entry) else _entry(r, source if not isinstance(r, Entry) else None)
            if e is not None:
                out.append(self._merge(e))
        self._reindex([e.id for e in out])
        return out

    def _add_records(self, recs: Iterable[Mapping[str, Any]], source: str | None, where: str) -> None:
        self.sources.append(where)
        ids = []
        for r in recs:
            e = _entry(r, source)
            if e is not None:
                ids.append(self._merge(e).id)
        self._reindex(ids)

    def _merge(self, e: Entry) -> Entry:
        """Put an entry in, merging with one of the same id (or a curated twin of a Phoenix person)."""
        old = self.get(e.id)
        if old is None and e.kind == "person" and e.rank > 0:
            twin = self._twin(e)
            if twin is not None:
                old = twin
        if old is None:
            self._entries[e.id] = e
            return e
        if e.rank > old.rank:  # lower priority: only its aliases are taken
            old.aliases += [a for a in [e.name, *e.aliases] if a not in old.aliases and a != old.name]
            return old
        if e.source == "user" and old.source != "user":  # a user record replaces the built-in one
            e.aliases += [a for a in [old.name, *old.aliases] if a not in e.aliases and a != e.name]
            if not e.roles:
                e.roles = old.roles
            e.extra = {**old.extra, **e.extra}
            self._unindex(old)
            self._entries[e.id] = e
            return e
        if old.rank > e.rank:  # a curated record arrives after a Phoenix one: it takes over
            old.roles = []
            old.source = e.source
            old.name = e.name
        old.aliases += [a for a in [e.name, *e.aliases] if a not in old.aliases and a != old.name]
        old.roles += [r for r in e.roles if r not in old.roles]
        old.country = old.country or e.country
        old.sector = old.sector or e.sector
        for k, v in e.extra.items():
            old.extra.setdefault(k, v)
        return old

    def _twin(self, e: Entry) -> Entry | None:
        """A better-ranked person with the same normalised name and country."""
        for h in self.keys.get(normalize(e.name), []):
            other = self.get(h[0])
            if other is not None and other.kind == "person" and other.rank < e.rank and \
                    h[1] in ("name", "alias") and (other.country == e.country or not e.country):
                return other
        return None

    def _unindex(self, e: Entry) -> None:
        self._reverse()
        assert self._keys_of is not None and self._roles_of is not None and self._surnames_of is not None
        for key in self._keys_of.pop(e.id, ()):
            hits = [h for h in self.keys.get(key, []) if h[0] != e.id]
            if hits:
                self.keys[key] = hits
            else:
                self.keys.pop(key, None)
        for rk in self._roles_of.pop(e.id, ()):
            self.by_role[rk] = [x for x in self.by_role.get(rk, []) if x[0] != e.id]
        for sk in self._surnames_of.pop(e.id, ()):
            self.surnames[sk] = [x for x in self.surnames.get(sk, []) if x != e.id]

    def _reindex(self, ids: Iterable[str]) -> None:
        for eid in dict.fromkeys(ids):
            e = self.get(eid)
            if e is None:
                continue
            self._unindex(e)
            self._index(e)

    def _forms(self, e: Entry) -> Iterator[tuple[str, str]]:
        yield e.name, "name"
        for a in e.aliases:
            yield a, "alias"
        if e.kind == "country":
            yield e.country or "", "alias"
            for form, key in (("adjective", "adjectives"), ("demonym", "demonyms"), ("capital", "capitals"),
                              ("seat", "seats"), ("military_seat", "military_seats"),
                              ("legislature_seat", "legislature_seats")):
                for a in e.extra.get(key) or []:
                    yield a, form

    def _index(self, e: Entry) -> None:
        for alias, form in self._forms(e):
            if not alias:
                continue
            if form == "alias" and e.kind == "country" and alias == e.country:
                if len(alias) == 3:  # the ISO code itself: only as written in capitals
                    self._put(alias, (e.id, "alias", alias))
                continue
            self._put(alias, (e.id, form, alias))
        if e.kind == "person":
            for n in [e.name, *e.aliases]:
                words = key_words(n)
                if len(words) >= 2 and len(words[-1]) >= 3:
                    lst = self.surnames.setdefault(words[-1], [])
                    if e.id not in lst:
                        lst.append(e.id)
                        if self._surnames_of is not None:
                            self._surnames_of.setdefault(e.id, set()).add(words[-1])
            for i, r in enumerate(e.roles):
                where = r.country or r.org
                if not where:
                    continue
                keys = {r.role} if r.role else set()
                if r.head_of_state:
                    keys.add("head_of_state")
                if r.head_of_government:
                    keys.add("head_of_government")
                targets = [(k, where) for k in keys]
                if r.org and r.country:
                    targets.append((r.role or "", r.org))
                for t in targets:
                    self.by_role.setdefault(t, []).append((e.id, i))
                    if self._roles_of is not None:
                        self._roles_of.setdefault(e.id, set()).add(t)

    def _put(self, alias: str, hit: Hit) -> None:
        key = normalize(alias)
        if not key:
            return
        hits = self.keys.setdefault(key, [])
        if not any(h[0] == hit[0] and h[1] == hit[1] for h in hits):
            hits.append(hit)
            if self._keys_of is not None:
                self._keys_of.setdefault(hit[0], set()).add(key)
        caps = _caps(alias)
        words = key.split()
        if len(caps) != len(words):
            caps = tuple(1 if c else 0 for c in caps[:len(words)]) + (0,) * max(0, len(words) - len(caps))
        old = self.caps.get(key)
        self.caps[key] = caps if old is None else tuple(min(a, b) for a, b in zip(old, caps, strict=False))
        first = words[0]
        if self.first.get(first, 0) < len(words):
            self.first[first] = len(words)

    # ---- queries

    def get(self, actor_id: str) -> Entry | None:
        """The entry of an actor id, or None."""
        e = self._entries.get(actor_id)
        if e is None:
            raw = self._raw.pop(actor_id, None)
            if raw is None:
                return None
            e = self._entries[actor_id] = _entry_from_raw(raw)
        return e

    def ids(self) -> list[str]:
        return [*self._entries, *self._raw]

    def __contains__(self, actor_id: object) -> bool:
        return actor_id in self._entries or actor_id in self._raw

    def __len__(self) -> int:
        return len(self._entries) + len(self._raw)

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        raw = dict(self._raw)
        raw.update((i, _entry_to_raw(e)) for i, e in self._entries.items())
        state["_raw"], state["_entries"] = raw, {}
        for k in ("_keys_of", "_roles_of", "_surnames_of"):  # rebuilt when an entry is replaced
            state[k] = None
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)

    def _reverse(self) -> None:
        """Rebuild the reverse indexes (entry -> keys, roles, surnames) left out of the cache."""
        if self._keys_of is not None:
            return
        keys_of: dict[str, set[str]] = {}
        for key, hits in self.keys.items():
            for h in hits:
                keys_of.setdefault(h[0], set()).add(key)
        roles_of: dict[str, set[tuple[str, str]]] = {}
        for rk, lst in self.by_role.items():
            for eid, _ in lst:
                roles_of.setdefault(eid, set()).add(rk)
        surnames_of: dict[str, set[str]] = {}
        for sk, ids in self.surnames.items():
            for eid in ids:
                surnames_of.setdefault(eid, set()).add(sk)
        self._keys_of, self._roles_of, self._surnames_of = keys_of, roles_of, surnames_of

    def hits(self, key: str) -> list[Hit]:
        """The hits of an already normalised key."""
        return self.keys.get(key, [])

    def lookup(self, surface: str, on: str | None = None, surnames: bool = True) -> list[Entry]:
        """Entries a surface form may name, best first.

        Order: curated before Phoenix; persons with a role active on ``on`` (any role,
        any date when ``on`` is None) before the others; names and aliases before
        adjectives, capitals and seats.  When no key matches and ``surnames`` is set,
        persons whose name ends with the surface form (one word) are returned.
        """
        key = normalize(surface)
        hits = list(self.keys.get(key, []))
        if not hits and surnames and len(key.split()) == 1:
            hits = [(i, "surname", surface) for i in self.surnames.get(key, [])]
        best: dict[str, tuple[int, int, int, int]] = {}
        for h in hits:
            e = self.get(h[0])
            if e is None:
                continue
            active = 0 if e.kind != "person" or self.active_roles(e, on) else 1
            rank = (e.rank, active, FORM_RANK.get(h[1], 4), len(best))
            if e.id not in best or rank < best[e.id]:
                best[e.id] = rank
        return [e for i, _ in sorted(best.items(), key=lambda kv: kv[1]) if (e := self.get(i)) is not None]

    def country(self, code_or_name: str) -> Entry | None:
        """The country entry of an ISO-3 code, a name, an alias, an adjective or a demonym."""
        s = code_or_name.strip()
        if len(s) == 3 and s.isalpha():
            e = self.get(f"country:{s.upper()}")
            if e is not None:
                return e
        for h in self.keys.get(normalize(s), []):
            if h[1] in ("name", "alias", "adjective", "demonym") and h[0].startswith("country:"):
                return self.get(h[0])
        return None

    def active_roles(self, e: Entry, on: str | None) -> list[tuple[int, Role]]:
        """(days covered, role) for the dated roles of ``e`` active on ``on``, best first: state
        sectors (GOV, then MIL/IGO, then LEG/JUD) before the rest, then the longest cover."""
        out = [(active_overlap(r.start, r.end, on), r) for r in e.roles]
        out = [(d, r) for d, r in out if d > 0]
        out.sort(key=lambda x: (SECTOR_RANK.get(x[1].sector or "", 5), -x[0],
                                not (x[1].head_of_state or x[1].head_of_government)))
        return out

    def state(self, actor_id: str, on: str | None = None) -> ActorState | None:
        """Country and sector of an actor on a date (None for an unknown id).

        Countries are state actors (sector GOV); IGOs have no country and sector IGO; a
        person takes the country and sector of the role active on that date, and without
        one their base country with sector None (a former president is not GOV), or the
        sector of an undated role (Phoenix's default ``ELI`` for ex-officials), or, for a
        person with no dated roles at all, the sector of the record itself (a user's
        ``{"name": "...", "sector": "MED"}``).
        """
        e = self.get(actor_id)
        if e is None:
            return None
        if e.kind == "country":
            return ActorState(e.country, "GOV")
        if e.kind != "person":  # a body whose standing changed ("the Taliban" govern since 2021)
            act = self.active_roles(e, on) if e.roles and on else []
            if act:
                r = act[0][1]
                return ActorState(r.country or e.country, r.sector, r.title, r.role)
            return ActorState(e.country, e.sector)
        act = self.active_roles(e, on)
        if act:
            r = act[0][1]
            country = r.country if (r.country or r.org) else e.country
            return ActorState(country, r.sector, r.title, r.role)
        undated = [r for r in e.roles if r.start is None and r.end is None]
        if undated:
            r = undated[0]
            return ActorState(r.country or e.country, r.sector, None, None)
        dated = any(r.start or r.end for r in e.roles)
        return ActorState(e.country, None if dated else e.sector, None, None)

    def holder(self, role: str, country: str, on: str | None = None, to: str | None = None) -> Entry | None:
        """Who held ``role`` in ``country`` (ISO-3, or an IGO id for its head) on ``on``.

        ``role`` is a role name of the data (president, prime_minister, foreign_minister,
        ambassador, secretary_general...), ``head_of_state`` / ``head_of_government`` (the
        flags of the data), or ``leader`` (the chief executive: the head of state, unless that
        is a monarch or a ceremonial president, then the head of government).  ``president``
        falls back to a head of state titled President, ``prime_minister`` to a head of
        government.  ``to`` narrows ambassadors ("the U.S. ambassador to the United Nations":
        ``holder("ambassador", "USA", on, to="igo:un")``).
        """
        found = self._holders(role, country, on, to)
        return found[0] if found else None

    def _holders(self, role: str, country: str, on: str | None, to: str | None = None) -> list[Entry]:
        if role == "leader":
            hos = self._holders("head_of_state", country, on)
            if hos:
                top = self.state(hos[0].id, on)
                if top is not None and top.role not in ("monarch",) and \
                        country not in _ceremonial_presidencies():
                    return hos
            return self._holders("head_of_government", country, on) or hos
        if role in ("ambassador", "un_ambassador"):
            keys = [("ambassador", country), ("un_ambassador", country)]
        else:
            keys = [(role, country)]
        scored: list[tuple[tuple[int, int, int], Entry]] = []
        for k in keys:
            for eid, i in self.by_role.get(k, []):
                e = self.get(eid)
                if e is None:
                    continue
                r = e.roles[i]
                if to is not None and r.to != to and not (r.role == "un_ambassador" and to == "igo:un"):
                    continue
                if to is None and role == "ambassador" and r.role == "un_ambassador":
                    continue
                days = active_overlap(r.start, r.end, on)
                if days <= 0:
                    continue
                scored.append(((-days, e.rank, 0 if r.head_of_state or r.head_of_government else 1), e))
        if not scored:
            fallback = {"president": ("head_of_state", ("president",)),
                        "prime_minister": ("head_of_government", ("minister", "premier")),
                        "chancellor": ("head_of_government", ("chancellor",))}.get(role)
            if fallback:
                flag, words = fallback
                for e in self._holders(flag, country, on):
                    st = self.state(e.id, on)
                    if st and st.role_title and any(w in st.role_title.lower() for w in words):
                        return [e]
            return []
        scored.sort(key=lambda x: x[0])
        out: list[Entry] = []
        for _, e in scored:
            if e not in out:
                out.append(e)
        return out

    def first_holder(self, role: str, country: str) -> Entry | None:
        """The earliest known holder of a role ("the first president of Uzbekistan")."""
        best: tuple[str, Entry] | None = None
        for eid, i in self.by_role.get((role, country), []):
            e = self.get(eid)
            if e is None:
                continue
            r = e.roles[i]
            if r.start and (best is None or r.start < best[0]):
                best = (r.start, e)
        return best[1] if best else None

    def show(self, name: str, on: str | None = None) -> dict[str, Any]:
        """What ``tieline actors show NAME --on DATE`` prints: the best entry for a name, as of a date."""
        key = normalize(name)
        entries = self.lookup(name, on)
        if not entries:
            return {"actor_id": None, "name": name, "country": None, "sector": None, "role": None,
                    "kind": None, "on": on, "evidence": {"alias": name, "key": key, "matched": None}}
        e = entries[0]
        st = self.state(e.id, on) or ActorState(None, None)
        hit = next((h for h in self.keys.get(key, []) if h[0] == e.id), None)
        act = self.active_roles(e, on) if e.kind == "person" else []
        role_ev = act[0][1].as_dict() if act else None
        return {
            "actor_id": e.id, "name": e.name, "kind": e.kind, "country": st.country, "sector": st.sector,
            "role": st.role_title or st.role, "on": on,
            "evidence": {"alias": hit[2] if hit else name, "key": key,
                         "form": hit[1] if hit else "surname", "source": e.source,
                         "role": role_ev,
                         "date_range": [role_ev["start"], role_ev["end"]] if role_ev else None},
            "others": [x.id for x in entries[1:6]],
        }

    def describe(self, actor_id: str) -> dict[str, Any] | None:
        """An entry as a plain dict in the shape of ``actors.jsonl`` of the record contract."""
        e = self.get(actor_id)
        if e is None:
            return None
        return {"actor_id": e.id, "name": e.name, "kind": e.kind, "country": e.country,
                "sector": e.sector, "aliases": list(e.aliases), "roles": [r.as_dict() for r in e.roles],
                "source": e.source}


@lru_cache(maxsize=1)
def _ceremonial_presidencies() -> frozenset[str]:
    path = DATA_DIR / "patterns.yaml"
    if not path.exists():
        return frozenset()
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return frozenset(data.get("ceremonial_presidencies") or [])

