"""Checking request parameters: every bad value becomes a :class:`BadParam` (HTTP 400) with a
message that says what was wrong and what is accepted."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, cast

import yaml

from tieline import api
from tieline.errors import BadParam as BadParam  # re-export: its old home
from tieline.errors import NotFound as NotFound
from tieline.records import PLOVER_TYPES

if TYPE_CHECKING:
    from tieline.api import Tieline
    from tieline.report.timeline import Subject

MAX_LIMIT = 200  # the most rows one request returns
DEFAULT_LIMIT = 50
MAX_OFFSET = 100_000
MAX_SEARCH_WINDOW = 1_000  # offset + limit for full-text search (ranked results are fetched from the top)
CERTAINTIES: tuple[str, ...] = ("asserted", "hedged", "planned", "negated")

_CODE = re.compile(r"^[A-Za-z]{3}$")




@cache
def quad_types() -> dict[str, list[str]]:
    """The PLOVER types of each quad (``data/quads.yaml`` of :mod:`tieline.events`), by quad key."""
    raw = yaml.safe_load(resources.files("tieline.events").joinpath("data/quads.yaml").read_text("utf-8"))
    return {key: list(spec["types"]) for key, spec in raw["quads"].items()}


@cache
def event_types() -> tuple[str, ...]:
    """Every PLOVER type the app accepts as a filter: the record contract's and the quads'."""
    types = dict.fromkeys(PLOVER_TYPES)
    for ts in quad_types().values():
        types.update(dict.fromkeys(ts))
    return tuple(types)


def day(value: str | None, param: str) -> str | None:
    """A date as YYYY, YYYY-MM or YYYY-MM-DD (a real calendar date), or None: the check the CLI
    makes too (:func:`tieline.api.check_day`)."""
    return api.check_day(value, param)


def period(start: str | None, end: str | None, start_param: str = "start",
           end_param: str = "end") -> tuple[str | None, str | None]:
    """Both dates of a period, the first not after the last (:func:`tieline.api.check_period`)."""
    return api.check_period(start, end, start_param, end_param)


def side(t: Tieline, value: str, param: str) -> Subject:
    """A timeline side as the CLI reads it (:meth:`tieline.api.Tieline.subject`): a country (code
    or name) or an actor (a person's name or registry id)."""
    try:
        return cast("Subject", t.subject((value or "").strip()[:120], param))
    except BadParam:
        raise
    except ValueError as exc:  # a lower layer's own check, said as this parameter's
        raise BadParam(param, str(exc)) from None


def country(value: str, param: str) -> str:
    """An ISO-3 code from a code or a country name ("kaz", "Kazakhstan" → "KAZ")."""
    from tieline.actors import country_code

    s = (value or "").strip()
    code = country_code(s) if 0 < len(s) <= 60 else None
    if code:
        return code
    if _CODE.match(s):  # a code the registry does not know may still be in a user's store
        return s.upper()
    raise BadParam(param, f"unknown country {value[:60]!r}; give an ISO-3 code (KAZ, USA) "
                          "or a country name")


def choices(values: list[str] | None, allowed: list[str] | tuple[str, ...], param: str,
            upper: bool = False) -> list[str]:
    """Repeated or comma-separated values, each one of ``allowed``."""
    out: list[str] = []
    for raw in values or []:
        for v in raw.split(","):
            v = v.strip().upper() if upper else v.strip()
            if not v:
                continue
            if v not in allowed:
                raise BadParam(param, f"{v[:40]!r} is not one of {', '.join(allowed)}")
            out.append(v)
    return list(dict.fromkeys(out))


def texts(values: list[str] | None, param: str, max_items: int = 20, max_len: int = 200) -> list[str]:
    """Repeated or comma-separated free-text values (source names), bounded in number and length."""
    out = [v.strip() for raw in values or [] for v in raw.split(",") if v.strip()]
    if len(out) > max_items:
        raise BadParam(param, f"at most {max_items} values")
    if any(len(v) > max_len for v in out):
        raise BadParam(param, f"values are at most {max_len} characters")
    return list(dict.fromkeys(out))


def window(limit: int, offset: int, cap: int | None = None) -> tuple[int, int]:
    """Check a page (limit, offset) against the bounds; ``cap`` bounds offset + limit."""
    if not 1 <= limit <= MAX_LIMIT:
        raise BadParam("limit", f"must be between 1 and {MAX_LIMIT}")
    if not 0 <= offset <= MAX_OFFSET:
        raise BadParam("offset", f"must be between 0 and {MAX_OFFSET}")
    if cap is not None and offset + limit > cap:
        raise BadParam("offset", f"offset + limit is at most {cap} for this query")
    return limit, offset
