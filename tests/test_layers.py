"""The packages of tieline import one way: no package reaches itself through imports, counting the
imports inside functions (which would only hide a cycle, not remove it)."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"


def _modules() -> dict[str, Path]:
    out = {}
    for p in (SRC / "tieline").rglob("*.py"):
        parts = p.relative_to(SRC).with_suffix("").parts
        out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = p
    return out


def _package(module: str) -> str:
    return ".".join(module.split(".")[:2])


def _imported(node: ast.Import | ast.ImportFrom, mods: dict[str, Path]) -> list[str]:
    if isinstance(node, ast.Import):
        return [a.name for a in node.names]
    if not node.module:
        return []
    return [f"{node.module}.{a.name}" if f"{node.module}.{a.name}" in mods else node.module for a in node.names]


def package_graph() -> dict[str, set[str]]:
    """Package -> the other tieline packages (or top-level modules) it imports anywhere."""
    mods = _modules()
    graph: dict[str, set[str]] = {}
    for name, path in mods.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Import | ast.ImportFrom):
                continue
            for target in _imported(node, mods):
                while target and target not in mods:
                    target = target.rpartition(".")[0]
                if target.startswith("tieline.") and _package(target) != _package(name):
                    graph.setdefault(_package(name), set()).add(_package(target))
    return graph


def _cycle_through(start: str, graph: dict[str, set[str]]) -> list[str] | None:
    paths = [[start]]
    seen = set()
    while paths:
        path = paths.pop()
        for nxt in sorted(graph.get(path[-1], ())):
            if nxt == start:
                return path + [nxt]
            if nxt not in seen:
                seen.add(nxt)
                paths.append(path + [nxt])
    return None


def test_no_import_cycles_between_packages() -> None:
    graph = package_graph()
    cycles = [" -> ".join(c) for p in sorted(graph) if (c := _cycle_through(p, graph))]
    assert not cycles, "import cycles: " + "; ".join(cycles)


def test_stages_and_engines_do_not_import_the_api() -> None:
    graph = package_graph()
    low = ["tieline.actors", "tieline.events", "tieline.nlp", "tieline.quotes", "tieline.stories",
           "tieline.ingest", "tieline.store", "tieline.engines", "tieline.pipeline", "tieline.records",
           "tieline.reports", "tieline.report"]
    upward = {p: graph[p] & {"tieline.api", "tieline.cli", "tieline.web", "tieline.watch"}
              for p in low if p in graph}
    assert not any(upward.values()), upward
