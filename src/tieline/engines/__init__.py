"""Engines run the per-document pipeline over many documents: here, in one process or several."""

from tieline.engines.local import LocalEngine

__all__ = ["LocalEngine"]
