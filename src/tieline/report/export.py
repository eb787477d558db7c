"""Export in the record contract (shared spec/records.md): JSONL, CSV or Parquet."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tieline.records import to_dict
from tieline.store import SQLStore

FORMATS = ("jsonl", "csv", "parquet")
EVENT_TABLES = ("cameo", "polecat")  # one event table for event-data users: tieline.report.cameo
FILES = ("documents", "actors", "events", "quotes", "stories")


def _roles(actor_id: str) -> list[dict[str, Any]]:
    try:
        from tieline.actors import describe
    except ImportError:
        return []
    info = describe(actor_id)
    return info.get("roles", []) if info else []


def records(store: SQLStore, name: str) -> Iterator[dict[str, Any]]:
    """The contract's records for one file, as plain dicts."""
    if name == "documents":
        for d in store.documents(text=False):
            yield {"id": d.id, "title": d.title, "source": d.source, "url": d.url,
                   "published": d.published, "sha256": d.sha256}
    elif name == "actors":
        for a in store.actors():
            yield {"actor_id": a["actor_id"], "name": a["name"], "kind": a["kind"], "country": a["country"],
                   "sector": a["sector"], "aliases": a["aliases"], "roles": a["roles"] or _roles(a["actor_id"])}
    elif name == "events":
        for e in store.events():
            d = to_dict(e)
            for side in ("actor", "recipient"):
                d[side] = [{k: r[k] for k in ("actor_id", "name", "text", "country", "sector")} for r in d[side]]
            yield {k: d[k] for k in ("id", "doc_id", "event", "mode", "context", "actor", "recipient", "date",
                                     "date_text", "date_source", "event_loc", "event_text", "start", "end",
                                     "certainty", "amounts", "quote_ids", "story_id", "confidence", "trigger",
                                     "sentence", "method", "trigger_start")}
    elif name == "quotes":
        for q in store.quotes():
            yield {k: v for k, v in to_dict(q).items()}
    elif name == "stories":
        for s in store.stories():
            yield to_dict(s)
    else:
        raise ValueError(f"unknown record file {name!r}")


def _flat(value: Any) -> Any:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (list, dict)) else value


def export(store: SQLStore, out: Path, fmt: str = "jsonl") -> dict[str, int]:
    """Write the five record files into ``out``; returns the row count of each.  ``cameo`` and
    ``polecat`` write one event table instead (:mod:`tieline.report.cameo`)."""
    if fmt in EVENT_TABLES:
        from tieline.report.cameo import write_event_table

        return write_event_table(store, out, fmt)
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    out.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    for name in FILES:
        rows = list(records(store, name))
        counts[name] = len(rows)
        path = out / f"{name}.{fmt}"
        if fmt == "jsonl":
            with path.open("w", encoding="utf-8") as f:
                for r in rows:
                    f.write(json.dumps(r, ensure_ascii=False) + "\n")
        elif fmt == "csv":
            cols = list(rows[0]) if rows else []
            with path.open("w", encoding="utf-8", newline="") as f:
                w = csv.writer(f)
                w.writerow(cols)
                for r in rows:
                    w.writerow([_flat(r[c]) for c in cols])
        else:
            import pyarrow as pa
            import pyarrow.parquet as pq

            # nested fields travel as JSON text: one stable schema whatever the rows hold
            table = pa.Table.from_pylist([{k: _flat(v) for k, v in r.items()} for r in rows])
            pq.write_table(table, path)
    return counts
