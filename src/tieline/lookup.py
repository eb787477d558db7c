"""``tieline actors show``: what the registry and the resolver know about a name, as of a date.

It sits above the pipeline (it runs the nlp, dates and actors stages on the name), so it lives
here rather than in :mod:`tieline.actors`, which the pipeline imports.

:func:`show` answers one name; :func:`show_many` a stream of ``{"id", "name", "on"?, "context"?}``
objects (the batch form ``tieline actors show --json --input NAMES.jsonl``), with the registry and
the language model loaded once for all of them.

Order of the answer
    1. With no ``context``: the registry's best entry for the name itself (a name or an alias:
       "Nazarbayev", "al-Shabab", "IAEA"), its country, sector and role on the date.
    2. Otherwise (a phrase the registry has no key for, or a name given with its context), the
       resolver reads the name as a short text published on that date, after the context text
       when there is one (so "the PRI" in a Mexican story, or "soldiers" in a story about
       Pakistan, is read as a reader of that story would).  The answer is the mention that covers
       the most of the name: a person (with the role held on that date), a country's body or a
       generic agent with a country ("Pakistani soldiers" -> PAK MIL), an organisation or IGO.
       The resolver's country and sector stand: a body is not its country's government.
    An answer with a country or a sector but no actor id ("protesters" in a story about a country)
    is still an answer; only a name with nothing at all is "no actor known".
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from tieline.actors.registry import Registry
from tieline.pipeline import analyze

__all__ = ["known", "show", "show_many"]


def _empty(name: str, on: str | None) -> dict[str, Any]:
    return {"actor_id": None, "name": name, "kind": None, "country": None, "sector": None, "role": None,
            "on": on, "evidence": None}


def known(info: Mapping[str, Any] | None) -> bool:
    """Whether an answer says anything: an actor, a country or a sector."""
    return bool(info) and any(info.get(k) for k in ("actor_id", "country", "sector"))  # type: ignore[union-attr]


def _resolve(name: str, on: str | None, context: str | None) -> dict[str, Any] | None:
    reg = Registry.default()
    ctx = (context or "").strip()
    if ctx:
        pos = ctx.find(name)
        if pos >= 0:
            text, lo = ctx, pos
        else:
            text = ctx + "\n\n" + name
            lo = len(ctx) + 2
    else:
        text, lo = name, 0
    hi = lo + len(name)
    a = analyze(text, published=on, components=("nlp", "dates", "actors"))
    cands = [m for m in a.mentions if m.start < hi and m.end > lo and
             (m.actor_id or m.country or m.sector) and m.label != "PRON"]
    if not cands:
        return None

    def score(m: Any) -> tuple[int, int, int]:
        cover = min(m.end, hi) - max(m.start, lo)
        return (cover, 1 if m.actor_id else 0, 1 if m.sector else 0)

    m = max(cands, key=score)
    role = m.role
    if m.actor_id and m.kind == "person":
        st = reg.state(m.actor_id, on)
        if st is not None and st.role_title and not role:
            role = st.role_title
    return {"actor_id": m.actor_id, "name": m.name, "kind": m.kind, "country": m.country, "sector": m.sector,
            "role": role, "on": on,
            "evidence": {"text": m.text, "method": m.method, "label": m.label, "confidence": m.confidence}}


def show(name: str, on: str | None = None, context: str | None = None) -> dict[str, Any]:
    """The actor a name means on a date (see the module notes); never None."""
    name = (name or "").strip()
    if not name:
        return _empty(name, on)
    if not context:
        info = Registry.default().show(name, on)
        if info.get("actor_id"):
            return info
    res = _resolve(name, on, context)
    if res is not None:
        return res
    if context:  # the name alone, then
        info = Registry.default().show(name, on)
        if info.get("actor_id"):
            return info
    return _empty(name, on)


def show_many(items: Iterable[Mapping[str, Any]]) -> Iterator[dict[str, Any]]:
    """One answer per ``{"id", "name", "on"?, "context"?}`` object, with its ``id``, in order.

    A malformed item (no name) gets ``{"id": ..., "error": ...}``.
    """
    for it in items:
        rid = it.get("id")
        name = it.get("name")
        if not isinstance(name, str) or not name.strip():
            yield {"id": rid, "error": "no name"}
            continue
        on = it.get("on") or None
        ctx = it.get("context") or None
        info = show(name, str(on) if on else None, str(ctx) if ctx else None)
        yield {"id": rid, **info}
