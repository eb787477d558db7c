"""Event tables for event-data users: CAMEO rows as ICEWS and GDELT lay them out, and POLECAT rows.

``tieline export --format cameo OUT/`` writes ``OUT/events.cameo.tsv`` and ``--format polecat``
writes ``OUT/events.polecat.tsv``: tab-separated, UTF-8, one header line, one row per source and
target of an event (an event with two actors and one recipient gives two rows, with the same
``event_id``), negated events left out (neither ICEWS nor GDELT has a "did not" event).

The CAMEO code of an event comes from its PLOVER type, mode and context through the CAMEO to
PLOVER table inverted (``data/cameo.json``, written by ``scripts/build_cameo_export.py``; see
:func:`cameo_code`), its Goldstein score from the CAMEO codes table.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from collections.abc import Iterator
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from tieline.records import ActorRef, Document, Event
from tieline.store import SQLStore

CAMEO_COLUMNS = (
    "event_id", "date", "date_source", "source_name", "source_country", "source_sector", "source_code",
    "target_name", "target_country", "target_sector", "target_code", "cameo_code", "cameo_root",
    "cameo_name", "quad_class", "goldstein", "plover_type", "plover_mode", "plover_context", "certainty",
    "place", "place_country", "latitude", "longitude", "publisher", "source_url", "published", "doc_id",
    "story_id", "sentence",
)
# POLECAT's weekly files, column for column; those tieline has nothing for stay empty.
POLECAT_COLUMNS = (
    "Event ID", "Event Date", "Event Type", "Event Mode", "Intensity", "Quad Code", "Contexts",
    "Actor Name", "Actor Country", "Actor COW", "Primary Actor Sector", "Actor Sectors", "Actor Title",
    "Actor Name Raw", "Wikipedia Actor ID", "Recipient Name", "Recipient Country", "Recipient COW",
    "Primary Recipient Sector", "Recipient Sectors", "Recipient Title", "Recipient Name Raw",
    "Wikipedia Recipient ID", "Placename", "City", "District", "Province", "Country", "Latitude",
    "Longitude", "GeoNames ID", "Raw Placename", "Feature Type", "Source", "Publication Date",
    "Story People", "Story Organizations", "Story Locations", "Language", "Version",
)
# GDELT's QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict
_QUAD_CLASS = {"01": 1, "02": 1, "03": 1, "04": 1, "05": 1, "06": 2, "07": 2, "08": 2, "09": 3, "10": 3,
               "11": 3, "12": 3, "13": 3, "14": 4, "15": 4, "16": 4, "17": 4, "18": 4, "19": 4, "20": 4}
FILES = {"cameo": "events.cameo.tsv", "polecat": "events.polecat.tsv"}


@cache
def table() -> dict[str, Any]:
    """The CAMEO codes and the PLOVER -> CAMEO mapping (``data/cameo.json``)."""
    raw = resources.files("tieline.report").joinpath("data/cameo.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(raw)
    return data


def cameo_code(event: str, mode: str | None = None, context: str | None = None) -> str:
    """The CAMEO code for a PLOVER event: ``cameo_code("CONSULT", "visit") == "042"``.

    A hand-chosen code for the (type, mode, context) first (``preferred``), then the most general
    code of the type whose mode and context both match, then whose mode matches, then whose
    context matches among codes without a mode, else the type's default."""
    t = table()
    spec = t["plover"].get(event)
    if spec is None:
        raise ValueError(f"unknown PLOVER type {event!r}")
    mode, context = mode or None, context or None
    for key in (f"{event}|{mode or ''}|{context or ''}", f"{event}|{mode or ''}|"):
        if key in t["preferred"]:
            return str(t["preferred"][key][0])
    rows = spec["codes"]
    tiers = []
    if mode:
        tiers += [[r for r in rows if r[1] == mode and r[2] == context],
                  [r for r in rows if r[1] == mode]]
    if context:
        tiers.append([r for r in rows if not r[1] and r[2] == context])
    for tier in tiers:
        if tier:
            return str(min(tier, key=lambda r: (len(r[0]), r[0]))[0])
    return str(spec["default"])


def cameo_info(code: str) -> tuple[str | None, str, float | None]:
    """(name, root code, Goldstein score) of a CAMEO code."""
    entry = table()["codes"].get(code)
    if entry is None:
        return None, code[:2], None
    return entry[0], entry[1], entry[2]


def _day(value: str | None) -> str | None:
    return value[:10] if value and len(value) >= 10 and value[4] == "-" and value[7] == "-" else None


def _pairs(e: Event) -> list[tuple[ActorRef | None, ActorRef | None]]:
    sources: list[ActorRef | None] = list(e.actor) or [None]
    targets: list[ActorRef | None] = list(e.recipient) or [None]
    return [(s, t) for s in sources for t in targets]


def _code(ref: ActorRef | None) -> str | None:
    if ref is None or not (ref.country or ref.sector):
        return None
    return f"{ref.country or ''}{ref.sector or ''}"


def _events(store: SQLStore) -> Iterator[tuple[Event, Document | None]]:
    docs = {d.id: d for d in store.documents(text=False)}
    for e in store.events():
        if e.certainty != "negated":
            yield e, docs.get(e.doc_id)


def cameo_rows(store: SQLStore) -> Iterator[dict[str, Any]]:
    """One CAMEO row (:data:`CAMEO_COLUMNS`) per source and target of each event not negated."""
    for e, doc in _events(store):
        code = cameo_code(e.event, e.mode, e.context)
        name, root, goldstein = cameo_info(code)
        day = _day(e.date)
        loc = e.event_loc
        for src, tgt in _pairs(e):
            yield {
                "event_id": e.id, "date": day or _day(doc.published if doc else None),
                "date_source": e.date_source if day else "published",
                "source_name": src.name or src.text if src else None, "source_country": src.country if src else None,
                "source_sector": src.sector if src else None, "source_code": _code(src),
                "target_name": tgt.name or tgt.text if tgt else None, "target_country": tgt.country if tgt else None,
                "target_sector": tgt.sector if tgt else None, "target_code": _code(tgt),
                "cameo_code": code, "cameo_root": root, "cameo_name": name, "quad_class": _QUAD_CLASS.get(root),
                "goldstein": goldstein, "plover_type": e.event, "plover_mode": e.mode, "plover_context": e.context,
                "certainty": e.certainty, "place": loc.name if loc else None,
                "place_country": loc.country if loc else None, "latitude": loc.lat if loc else None,
                "longitude": loc.lon if loc else None, "publisher": doc.source if doc else None,
                "source_url": doc.url if doc else None, "published": doc.published if doc else None,
                "doc_id": e.doc_id, "story_id": e.story_id, "sentence": e.event_text,
            }


def _story_names(store: SQLStore) -> dict[str, dict[str, str]]:
    """Per document: the people, organizations and places it mentions, ``;``-separated (POLECAT)."""
    groups = {"PERSON": "people", "ORG": "organizations", "GPE": "locations", "LOC": "locations"}
    found: dict[str, dict[str, dict[str, None]]] = defaultdict(lambda: defaultdict(dict))
    for r in store.named_mentions():
        found[r["doc_id"]][groups[r["label"]]][r["name"] or r["text"]] = None
    return {d: {k: ";".join(v) for k, v in g.items()} for d, g in found.items()}


def polecat_rows(store: SQLStore) -> Iterator[dict[str, Any]]:
    """One POLECAT row (:data:`POLECAT_COLUMNS`) per actor and recipient of each event not negated."""
    from importlib.metadata import PackageNotFoundError, version

    from tieline.events.quads import quad

    try:
        ours = f"tieline {version('tieline')}"
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        ours = "tieline"
    names = _story_names(store)
    for e, doc in _events(store):
        day = _day(e.date) or _day(doc.published if doc else None)
        loc = e.event_loc
        q = quad(e.event)
        story = names.get(e.doc_id, {})
        for src, tgt in _pairs(e):
            yield {
                "Event ID": e.id, "Event Date": day, "Event Type": e.event, "Event Mode": e.mode,
                "Intensity": None, "Quad Code": q.label.upper() if q.cooperative is not None else None,
                "Contexts": e.context, "Actor Name": src.name if src else None,
                "Actor Country": src.country if src else None, "Actor COW": None,
                "Primary Actor Sector": src.sector if src else None, "Actor Sectors": src.sector if src else None,
                "Actor Title": None, "Actor Name Raw": src.text if src else None, "Wikipedia Actor ID": None,
                "Recipient Name": tgt.name if tgt else None, "Recipient Country": tgt.country if tgt else None,
                "Recipient COW": None, "Primary Recipient Sector": tgt.sector if tgt else None,
                "Recipient Sectors": tgt.sector if tgt else None, "Recipient Title": None,
                "Recipient Name Raw": tgt.text if tgt else None, "Wikipedia Recipient ID": None,
                "Placename": loc.name if loc else None, "City": None, "District": None, "Province": None,
                "Country": loc.country if loc else None, "Latitude": loc.lat if loc else None,
                "Longitude": loc.lon if loc else None, "GeoNames ID": None,
                "Raw Placename": loc.name if loc else None, "Feature Type": None,
                "Source": doc.source if doc else None, "Publication Date": _day(doc.published) if doc else None,
                "Story People": story.get("people"), "Story Organizations": story.get("organizations"),
                "Story Locations": story.get("locations"), "Language": "en", "Version": ours,
            }


def write_event_table(store: SQLStore, out: Path, fmt: str) -> dict[str, int]:
    """Write ``events.cameo.tsv`` or ``events.polecat.tsv`` into ``out``; returns the row count."""
    if fmt not in FILES:
        raise ValueError(f"unknown event table {fmt!r}; choose one of {', '.join(FILES)}")
    columns, rows = (CAMEO_COLUMNS, cameo_rows(store)) if fmt == "cameo" else (POLECAT_COLUMNS, polecat_rows(store))
    out.mkdir(parents=True, exist_ok=True)
    n = 0
    with (out / FILES[fmt]).open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter="\t", lineterminator="\n")
        w.writerow(columns)
        for row in rows:
            w.writerow(["" if row[c] is None else _cell(row[c]) for c in columns])
            n += 1
    return {FILES[fmt]: n}


def _cell(value: Any) -> Any:
    # one row a line whatever the sentence holds: tabs and line breaks become spaces
    return " ".join(value.split()) if isinstance(value, str) else value
