"""The actor graph: who has ties with whom, and of what kind.

Nodes are countries (``level="country"``, the default) or actors - persons,
organizations, countries acting as such (``level="actor"``).  A directed edge
``u -> v`` gathers the stories in which ``u`` acts on ``v``; each story counts once
however many sources report it.  Edge attributes:

* ``weight``            - stories on the edge;
* one count per PLOVER quad (``verbal_cooperation`` ... ``material_conflict``, ``other``);
* ``balance``           - (cooperation - conflict) / (cooperation + conflict), or ``None``;
* ``quad`` / ``colour`` - the dominant quad and its colour (how plots draw the edge);
* ``types``             - "CONSULT:3;AGREE:1", ``first`` / ``last`` - the date range.

Node attributes: ``label``, ``kind``, ``country``, ``events`` (stories touching it).

Dates follow :mod:`tieline.daterange` (an event whose date overlaps ``start``..``end`` is kept;
undated events too).  Events count by :mod:`tieline.certainty`: never negated ones; planned and hedged ones only when
``include`` names them.
"""

from __future__ import annotations

import io
import json
from collections import Counter
from collections.abc import Iterable
from typing import Any

import networkx as nx

from tieline.certainty import counts, parse_include
from tieline.events.quads import quad, quads
from tieline.store import SQLStore
from tieline.words import count

LEVELS = ("country", "actor")


def _rows(store: SQLStore, country: str | None, start: str | None, end: str | None) -> list[dict[str, Any]]:
    return store.event_sides(country, start, end)


def _country_names() -> dict[str, str]:
    from tieline.actors import Registry

    reg = Registry.default()
    return {e.country: e.name for i in reg.ids() if i.startswith("country:") and (e := reg.get(i)) and e.country}


def build_graph(store: SQLStore, country: str | None = None, start: str | None = None,
                end: str | None = None, level: str = "country",
                include: str | Iterable[str] | None = None) -> nx.DiGraph:
    """The graph of ties in the store (see the module docstring for its attributes)."""
    inc = parse_include(include)
    if level not in LEVELS:
        raise ValueError(f"level must be one of {', '.join(LEVELS)}, not {level!r}")
    names = _country_names() if level == "country" else {}
    events: dict[str, dict[str, Any]] = {}
    for r in _rows(store, country, start, end):
        if not counts(r["certainty"], inc):
            continue
        ev = events.setdefault(r["id"], {"event": r["event"], "date": r["date"], "story": r["story_id"] or r["id"],
                                         "actor": [], "recipient": []})
        if level == "country":
            if not r["country"]:
                continue
            node = (r["country"], names.get(r["country"], r["country"]), "country", r["country"])
        else:
            key = r["actor_id"] or (f"country:{r['country']}" if r["country"] else None)
            if not key:
                continue
            kind = key.split(":", 1)[0] if ":" in key else "actor"
            node = (key, r["name"] or key, kind, r["country"])
        if r["side"] in ("actor", "recipient") and node not in ev[r["side"]]:
            ev[r["side"]].append(node)

    g: nx.DiGraph[str] = nx.DiGraph(level=level, country=country or "", start=start or "", end=end or "",
                   include=",".join(sorted(inc)))
    seen: set[tuple[str, str, str]] = set()
    touching: dict[str, set[str]] = {}
    # one story counts once per pair: by the event with a recipient before a joint act ("A met B"
    # before "the two leaders agreed"), then by id, so every backend's row order gives one graph
    for _, ev in sorted(events.items(), key=lambda kv: (not kv[1]["recipient"], kv[0])):
        pairs = [(s, d) for s in ev["actor"] for d in ev["recipient"]]
        if not ev["recipient"]:  # "A and B met": a tie between the joint actors (in a stable order)
            joint = sorted(ev["actor"])
            pairs = [(joint[0], d) for d in joint[1:]]
        for src, dst in pairs:
                if src[0] == dst[0]:
                    continue  # a country acting on itself is not a tie between two
                if src[3] and src[3] == dst[3] and "country" in (src[2], dst[2]):
                    continue  # nor a country and its own leader named side by side
                for n in (src, dst):
                    if n[0] not in g:
                        g.add_node(n[0], label=n[1], kind=n[2], country=n[3] or "")
                    touching.setdefault(n[0], set()).add(ev["story"])
                if (src[0], dst[0], ev["story"]) in seen:
                    continue  # one story, one count, however many reports
                seen.add((src[0], dst[0], ev["story"]))
                if not g.has_edge(src[0], dst[0]):
                    g.add_edge(src[0], dst[0], weight=0, types=Counter(), first=None, last=None,
                               **{q.key: 0 for q in quads()})
                d = g.edges[src[0], dst[0]]
                d["weight"] += 1
                d["types"][ev["event"]] += 1
                d[quad(ev["event"]).key] += 1
                if ev["date"]:
                    d["first"] = min(d["first"] or ev["date"], ev["date"])
                    d["last"] = max(d["last"] or ev["date"], ev["date"])
    for n, stories in touching.items():
        g.nodes[n]["events"] = len(stories)
    for _, _, d in g.edges(data=True):
        coop = d["verbal_cooperation"] + d["material_cooperation"]
        conf = d["verbal_conflict"] + d["material_conflict"]
        d["balance"] = None if coop + conf == 0 else round((coop - conf) / (coop + conf), 3)
        top = max(quads(), key=lambda q: (d[q.key], q.key != "other"))
        d["quad"], d["colour"] = top.label, top.colour
        d["types"] = ";".join(f"{t}:{n}" for t, n in sorted(d["types"].items(), key=lambda kv: (-kv[1], kv[0])))
    return g


def to_json(g: nx.DiGraph) -> str:
    """Node-link JSON (networkx's ``node_link_data``), for d3, Gephi's JSON importer and friends."""
    return json.dumps(nx.node_link_data(g, edges="edges"), ensure_ascii=False, indent=1)


def to_graphml(g: nx.DiGraph) -> str:
    """GraphML for Gephi, Cytoscape, igraph (``None`` attributes are written as empty strings)."""
    h = g.copy()
    for _, d in h.nodes(data=True):
        for k, v in list(d.items()):
            d[k] = "" if v is None else v
    for _, _, d in h.edges(data=True):
        for k, v in list(d.items()):
            d[k] = "" if v is None else v
    for k, v in list(h.graph.items()):
        h.graph[k] = "" if v is None else v
    buf = io.BytesIO()
    nx.write_graphml(h, buf, encoding="utf-8")
    return buf.getvalue().decode("utf-8")


def edge_table(g: nx.DiGraph) -> list[dict[str, Any]]:
    """Edges as rows, heaviest first: what the HTML report and ``--format text`` list."""
    rows = []
    for u, v, d in g.edges(data=True):
        rows.append({"source": u, "source_label": g.nodes[u].get("label", u), "target": v,
                     "target_label": g.nodes[v].get("label", v), **d})
    rows.sort(key=lambda r: (-r["weight"], r["source"], r["target"]))
    return rows


def render_text(g: nx.DiGraph) -> str:
    lines = [f"{count(g.number_of_nodes(), 'actor')}, {count(g.number_of_edges(), 'tie')}", ""]
    for r in edge_table(g):
        bal = "n/a" if r["balance"] is None else f"{r['balance']:+.2f}"
        lines.append(f"{r['source_label']} -> {r['target_label']}: {count(r['weight'], 'story')}, balance {bal} "
                     f"({r['types']})")
    return "\n".join(lines)


def render_html(g: nx.DiGraph, title: str) -> str:
    """One self-contained page: the drawn graph and the table of ties."""
    import base64

    from tieline.report.html import _env, _version
    from tieline.report.plots import graph_plot

    css = _env().loader.get_source(_env(), "base.css")[0]  # type: ignore[union-attr]
    return _env().get_template("graph.html").render(
        title=title, graph=g, edges=edge_table(g), quads=quads(), version=_version(), css=css,
        graph_png=base64.b64encode(graph_plot(g, title)).decode("ascii"))
