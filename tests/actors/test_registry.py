"""Tests for tieline.actors.registry: normalisation, loading, roles by date."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from tieline.actors.registry import ActorState, Registry, active_overlap, fold_word, normalize, period

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def reg() -> Registry:
    return Registry.load(data_dir=FIXTURES, use_cache=False)


# --- normalisation ------------------------------------------------------------------


@pytest.mark.parametrize("variants", [
    ["Nazarbayev", "Nazarbaev", "Nazarbaiev", "NAZARBAYEV", "nazarbayev"],
    ["Tokayev", "Tokaev", "Tokajev"],
    ["Aliyev", "Aliev", "Alijev"],
    ["Lavrentyev", "Lavrentiev", "Lavrentev"],
    ["Zelenskiy", "Zelenskyy", "Zelenskii", "Zelensky", "Zelenski"],
    ["Kassym-Jomart", "Kassym Jomart", "Kasym-Jomart"],
    ["Dzhaparov", "Japarov"],
    ["Yevgeny", "Evgeny"],
    ["Nazarbayeva", "Nazarbaeva"],
    ["U.S.", "US", "u.s."],
    ["Türkiye", "Turkiye"],
    ["N'Djamena", "N’Djamena", "Ndjamena"],
    ["Russia's", "Russia’s", "Russia"],
    ["the Kremlin", "Kremlin"],
    ["Washington, D.C.", "Washington DC"],
])
def test_spelling_variants_share_a_key(variants: list[str]) -> None:
    assert len({normalize(v) for v in variants}) == 1, {v: normalize(v) for v in variants}


@pytest.mark.parametrize("a,b", [("Khan", "Han"), ("Zhang", "Jang"), ("Iran", "Iraq"), ("Austria", "Australia"),
                                 ("Niger", "Nigeria")])
def test_different_names_stay_different(a: str, b: str) -> None:
    assert normalize(a) != normalize(b)


def test_fold_word_rules() -> None:
    assert fold_word("nazarbayev") == "nazarbaev"
    assert fold_word("kassym") == "kasym"
    assert fold_word("zelenskyy") == "zelensky"
    assert fold_word("us") == "us"  # short words are left alone


def test_period_and_overlap() -> None:
    assert period("2018") == ("2018-01-01", "2019-01-01")
    assert period("2018-12") == ("2018-12-01", "2019-01-01")
    assert period("2018-01-16") == ("2018-01-16", "2018-01-17")
    assert period(None) is None and period("soon") is None
    assert active_overlap("2019-03-20", None, "2019") == 287
    assert active_overlap("1990-04-24", "2019-03-20", "2019-03-20") == 0  # end is exclusive
    assert active_overlap("2019-03-20", None, "2019-03-20") == 1  # start is inclusive
    assert active_overlap("2019-03-20", None, None) == 1 and active_overlap("2001-01-01", "2002-01-01", None) == 0


# --- loading ------------------------------------------------------------------------


def test_loads_every_shape(reg: Registry) -> None:
    assert reg.get("country:KAZ") is not None
    assert reg.get("igo:nato").kind == "organization"  # type: ignore[union-attr]
    assert reg.get("person:antonio-guterres") is not None
    assert "person:yerlan-karin" in reg


def test_curated_beats_phoenix(reg: Registry) -> None:
    # Phoenix's open-ended KAZGOV role would keep Nazarbayev in office forever: it is ignored.
    e = reg.get("person:nursultan-nazarbayev")
    assert e is not None and e.source == "curated"
    assert all(r.title != "KAZGOV" for r in e.roles)
    assert "Nursultan Nazarbaiev" in e.aliases  # Phoenix aliases are kept
    # a Phoenix twin under another id (same name up to spelling, same country) folds into the curated one
    assert "person:nursultan-nazarbaev" not in reg
    assert [x.id for x in reg.lookup("Nursultan Nazarbaev")] == ["person:nursultan-nazarbayev"]


def test_lookup_ranks_curated_and_active_first(reg: Registry) -> None:
    # "Trump" names the curated president and a Phoenix businessman: curated first.
    assert [e.id for e in reg.lookup("Trump", "2018-01-16")][:2] == ["person:donald-trump", "person:donald-trumpet"]
    assert reg.lookup("Tokaev")[0].id == "person:kassym-jomart-tokayev"
    assert reg.lookup("Nazarbaiev")[0].id == "person:nursultan-nazarbayev"
    assert reg.lookup("U.S.")[0].id == "country:USA"
    assert reg.lookup("Kazakh")[0].id == "country:KAZ"
    assert reg.lookup("nobody at all") == []
    # a surname that is no alias: persons whose name ends with it
    assert reg.lookup("Karin")[0].id == "person:yerlan-karin"


def test_user_files_in_every_format(tmp_path: Path) -> None:
    reg = Registry.load([FIXTURES / "user_actors.csv", FIXTURES / "user_actors.yaml", FIXTURES / "user_actors.json"],
                        data_dir=FIXTURES, use_cache=False)
    assert reg.lookup("Kaz Inform")[0].id == "org:kazinform"
    assert reg.state("org:kazinform", "2020") == ActorState("KAZ", "MED")
    assert reg.state("person:aigerim-sample", "2021-05-01").sector == "GOV"  # type: ignore[union-attr]
    assert reg.state("person:aigerim-sample", "2023-05-01").sector == "LEG"  # type: ignore[union-attr]
    assert reg.state("person:aigerim-sample", "2019-05-01").sector is None  # type: ignore[union-attr]
    assert reg.lookup("SPI")[0].id == "org:steppe-institute"
    # the JSON user record adds an alias and keeps the built-in roles
    naz = reg.lookup("Elbasy")[0]
    assert naz.id == "person:nursultan-nazarbayev" and naz.roles
    with pytest.raises(FileNotFoundError):
        Registry.load([tmp_path / "missing.jsonl"], data_dir=FIXTURES, use_cache=False)


def test_add_extends_a_loaded_registry() -> None:
    reg = Registry.load(data_dir=FIXTURES, use_cache=False)
    reg.add([{"id": "person:dana-example", "name": "Dana Example", "kind": "person", "country": "GEO",
              "aliases": ["Example"], "roles": [{"title": "Foreign Minister of Georgia", "role": "foreign_minister",
                                                 "country": "GEO", "sector": "GOV", "start": "2020-01-01",
                                                 "end": None}]}])
    assert reg.lookup("Dana Example")[0].id == "person:dana-example"
    assert reg.holder("foreign_minister", "GEO", "2024-02-02").id == "person:dana-example"  # type: ignore[union-attr]


def test_cache_roundtrip_and_invalidation(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIELINE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("TIELINE_NO_CACHE", raising=False)
    data = tmp_path / "data"
    data.mkdir()
    for f in FIXTURES.glob("*.jsonl"):
        (data / f.name).write_text(f.read_text("utf-8"), "utf-8")
    first = Registry.load(data_dir=data)
    assert list((tmp_path / "cache").glob("registry-*.pkl"))
    second = Registry.load(data_dir=data)
    assert len(second) == len(first)
    assert second.state("person:donald-trump", "2018").sector == "GOV"  # type: ignore[union-attr]
    assert second.holder("president", "KAZ", "2020-06-01").id == "person:kassym-jomart-tokayev"  # type: ignore[union-attr]
    # a changed file makes a new cache entry
    extra = {"id": "person:new-one", "name": "New One", "kind": "person", "country": "KAZ", "aliases": [],
             "roles": [], "source": "curated"}
    with (data / "leaders.jsonl").open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(extra) + "\n")
    os.utime(data / "leaders.jsonl", (time.time() + 5, time.time() + 5))
    third = Registry.load(data_dir=data)
    assert "person:new-one" in third and "person:new-one" not in second
    # entries of a cached registry can still be replaced by user records
    third.add([{"id": "person:donald-trump", "name": "Donald Trump", "kind": "person", "country": "USA",
                "aliases": ["The Donald"]}])
    assert third.lookup("The Donald")[0].id == "person:donald-trump"
    assert third.state("person:donald-trump", "2019").sector == "GOV"  # type: ignore[union-attr]


# --- roles by date ------------------------------------------------------------------


def test_holder_by_date(reg: Registry) -> None:
    assert reg.holder("president", "KAZ", "2018-06-01").id == "person:nursultan-nazarbayev"  # type: ignore[union-attr]
    assert reg.holder("president", "KAZ", "2020-06-01").id == "person:kassym-jomart-tokayev"  # type: ignore[union-attr]
    assert reg.holder("president", "KAZ", "2019").id == "person:kassym-jomart-tokayev"  # most of the year
    assert reg.holder("president", "KAZ", "2019-03-19").id == "person:nursultan-nazarbayev"  # type: ignore[union-attr]
    assert reg.holder("president", "KAZ", None).id == "person:kassym-jomart-tokayev"  # now
    assert reg.holder("president", "USA", "2019-06-25").id == "person:donald-trump"  # type: ignore[union-attr]
    assert reg.holder("president", "USA", "2022-06-25").id == "person:joe-biden"  # type: ignore[union-attr]
    assert reg.holder("president", "KAZ", "1980-01-01") is None
    assert reg.holder("head_of_state", "GBR", "2020-01-01").id == "person:elizabeth-ii"  # type: ignore[union-attr]
    # the leader of a monarchy is its head of government
    assert reg.holder("leader", "GBR", "2020-01-01").id == "person:boris-johnson"  # type: ignore[union-attr]
    assert reg.holder("leader", "USA", "2019-01-01").id == "person:donald-trump"  # type: ignore[union-attr]
    assert reg.holder("ambassador", "USA", "2020-01-01", to="igo:un").id == "person:kelly-craft"  # type: ignore[union-attr]
    assert reg.holder("secretary_general", "igo:un", "2020-01-01").id == "person:antonio-guterres"  # type: ignore[union-attr]
    assert reg.first_holder("president", "KAZ").id == "person:nursultan-nazarbayev"  # type: ignore[union-attr]


def test_state_by_date(reg: Registry) -> None:
    naz = "person:nursultan-nazarbayev"
    assert reg.state(naz, "2018-01-16") == ActorState("KAZ", "GOV", "President of Kazakhstan", "president")
    assert reg.state(naz, "2023-05-01") == ActorState("KAZ", None)  # a former president is not GOV
    trump = "person:donald-trump"
    assert reg.state(trump, "2018").sector == "GOV"  # type: ignore[union-attr]
    assert reg.state(trump, "2022-03-01").sector is None  # type: ignore[union-attr]
    assert reg.state(trump, "2025-06-01").sector == "GOV"  # type: ignore[union-attr]
    tok = "person:kassym-jomart-tokayev"
    assert reg.state(tok, "2018-01-17").sector == "LEG"  # type: ignore[union-attr]
    assert reg.state(tok, "2019-06-25").sector == "GOV"  # type: ignore[union-attr]
    # Phoenix: a dated role, then the undated default (ELI)
    assert reg.state("person:yerlan-karin", "2018-05-05").sector == "GOV"  # type: ignore[union-attr]
    assert reg.state("person:yerlan-karin", "2020-05-05") == ActorState("KAZ", "ELI")
    assert reg.state("country:USA", "1999") == ActorState("USA", "GOV")
    assert reg.state("igo:un", "1999") == ActorState(None, "IGO")
    assert reg.state("person:antonio-guterres", "2020").country is None  # type: ignore[union-attr]
    assert reg.state("person:nobody", "2020") is None


def test_show(reg: Registry) -> None:
    out = reg.show("Nazarbaiev", on="2018-01-16")
    assert {"actor_id", "name", "country", "sector", "role", "evidence"} <= set(out)
    assert out["actor_id"] == "person:nursultan-nazarbayev" and out["sector"] == "GOV"
    assert out["evidence"]["date_range"] == ["1990-04-24", "2019-03-20"]
    assert out["evidence"]["alias"] == "Nursultan Nazarbaiev" or out["evidence"]["key"] == "nazarbaev"
    later = reg.show("Nazarbayev", on="2023-01-01")
    assert later["sector"] is None and later["evidence"]["role"] is None
    missing = reg.show("Nobody Known")
    assert missing["actor_id"] is None
    json.dumps(out)  # JSON-ready


def test_country_lookup(reg: Registry) -> None:
    assert reg.country("KAZ").id == "country:KAZ"  # type: ignore[union-attr]
    assert reg.country("kaz").id == "country:KAZ"  # type: ignore[union-attr]
    assert reg.country("Kazakh").id == "country:KAZ"  # type: ignore[union-attr]
    assert reg.country("Moscow") is None  # a capital is not a country name
    assert reg.describe("person:donald-trump")["roles"][0]["start"] == "2017-01-20"  # type: ignore[index]


def test_builtin_registry_loads_fast_and_resolves() -> None:
    """The built-in files: all load, and (once cached) in well under a second."""
    Registry.reset_default()
    t0 = time.perf_counter()
    reg = Registry.load()
    first = time.perf_counter() - t0
    t0 = time.perf_counter()
    reg = Registry.load()
    second = time.perf_counter() - t0
    print(f"built-in registry: {len(reg)} actors; first load {first:.2f}s, cached {second:.3f}s")
    naz = reg.lookup("Nazarbaev", "2018-01-16")[0]
    assert naz.kind == "person" and naz.country == "KAZ"
    assert reg.holder("president", "KAZ", "2018-06-01").id == naz.id  # type: ignore[union-attr]
    assert reg.holder("president", "KAZ", "2020-06-01").id == reg.lookup("Tokaev")[0].id  # type: ignore[union-attr]
    assert reg.state(naz.id, "2023-06-01").sector != "GOV"  # type: ignore[union-attr]
