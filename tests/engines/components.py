"""Test components for the engines: a stage that fails on a marked document."""

from __future__ import annotations

from tieline.records import Analysis


class Boom:
    """Raises on any document whose text says "explode"; passes the others through."""

    name = "boom"

    def __call__(self, a: Analysis) -> Analysis:
        if "explode" in a.doc.text:
            raise RuntimeError("component failed")
        return a
