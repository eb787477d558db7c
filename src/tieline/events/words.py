"""Word lists read from the YAML data files, checked: YAML reads a bare on/no/yes/true as a boolean."""

from __future__ import annotations

from typing import Any


def word(w: Any, where: str) -> str:
    if not isinstance(w, str):
        raise ValueError(f"{where}: {w!r} is not a word; quote it in the YAML file")
    return w.lower()


def wordset(ws: Any, where: str) -> frozenset[str]:
    return frozenset(word(w, where) for w in ws or ())
