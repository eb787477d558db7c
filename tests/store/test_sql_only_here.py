"""Every SQL statement of tieline lives in :mod:`tieline.store` (issue 17): the other packages call
named store methods, never ``query``/``execute`` with a statement of their own."""

from __future__ import annotations

import ast
import re
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "tieline"
STATEMENT = re.compile(r"^\s*(SELECT|INSERT|UPDATE|DELETE|WITH|CREATE|DROP|ALTER)\b.*\b(FROM|INTO|SET|TABLE|VALUES)\b",
                       re.IGNORECASE | re.DOTALL)
RAW_CALLS = {"query", "execute", "executemany"}


def _offences(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and STATEMENT.match(node.value):
            out.append(f"{path.relative_to(SRC.parent)}:{node.lineno}: SQL text {node.value[:40]!r}")
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in RAW_CALLS
                and isinstance(node.func.value, ast.Attribute | ast.Name)
                and "store" in ast.unparse(node.func.value)):
            out.append(f"{path.relative_to(SRC.parent)}:{node.lineno}: raw store.{node.func.attr}()")
    return out


def test_no_sql_outside_the_store() -> None:
    found = [o for p in sorted(SRC.rglob("*.py")) if "store" not in p.relative_to(SRC).parts[:1]
             for o in _offences(p)]
    assert found == [], "SQL belongs in tieline.store (a named method); found:\n" + "\n".join(found)


def test_the_check_sees_sql() -> None:
    """The scan is not vacuous: the store itself is full of statements."""
    assert _offences(SRC / "store" / "base.py")
