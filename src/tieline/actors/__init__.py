"""Actors: who is who, as of when.

* :class:`Registry` - every known country, IGO and person with dated roles
  (``data/*.jsonl`` plus user files); ``Registry.default()`` is the shared one.
* :class:`ActorResolver` - the ``actors`` pipeline component: fills
  ``Analysis.mentions`` with resolved mentions (see :mod:`tieline.actors.resolver`).
* :func:`state_at` - an actor's (country, sector) on a date.
* :func:`describe`, :func:`country_code` - helpers for export and the CLI.
"""

from __future__ import annotations

from typing import Any

from tieline.actors.registry import ActorState, Entry, Registry, Role, normalize
from tieline.actors.resolver import ActorResolver

__all__ = [
    "ActorResolver", "ActorState", "Entry", "Registry", "Role", "country_code", "describe", "normalize",
    "state_at",
]


def state_at(actor_id: str, on: str | None) -> tuple[str | None, str | None] | None:
    """(country, sector) of a registry actor on a date (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``;
    None = now); None when the registry does not know the actor."""
    st = Registry.default().state(actor_id, on)
    return None if st is None else (st.country, st.sector)


def describe(actor_id: str) -> dict[str, Any] | None:
    """A registry actor as a dict (actor_id, name, kind, country, sector, aliases, roles), or None."""
    return Registry.default().describe(actor_id)


def country_code(name: str) -> str | None:
    """ISO-3 code of a country given by code, name, alias, adjective or demonym ("Uzbek" -> "UZB")."""
    e = Registry.default().country(name)
    return e.country if e is not None else None
