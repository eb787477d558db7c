"""PLOVER quad categories: cooperation vs conflict, verbal vs material (data in ``data/quads.yaml``)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml


@dataclass(frozen=True)
class Quad:
    key: str
    label: str
    colour: str
    cooperative: bool | None  # None for "other"
    material: bool | None

    @property
    def sign(self) -> int:
        """+1 for cooperation, -1 for conflict, 0 for other: the unit of a cooperation balance."""
        return 0 if self.cooperative is None else (1 if self.cooperative else -1)


@cache
def _table() -> tuple[dict[str, Quad], Quad]:
    raw = yaml.safe_load(resources.files("tieline.events").joinpath("data/quads.yaml").read_text("utf-8"))
    by_type: dict[str, Quad] = {}
    for key, spec in raw["quads"].items():
        q = Quad(key, spec["label"], spec["colour"], key.endswith("cooperation"), key.startswith("material"))
        for t in spec["types"]:
            by_type[t] = q
    o = raw["other"]
    return by_type, Quad("other", o["label"], o["colour"], None, None)


def quad(event_type: str | None) -> Quad:
    """The quad of a PLOVER event type: ``quad("THREATEN").label == "Verbal conflict"``."""
    by_type, other = _table()
    return by_type.get((event_type or "").upper(), other)


def quads() -> list[Quad]:
    """The four quads in their canonical order, then "other"."""
    by_type, other = _table()
    return list(dict.fromkeys(by_type.values())) + [other]
