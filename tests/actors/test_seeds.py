"""The actor stage on the two seed articles (../shared), against the gold actors, with the built-in registry."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pytest

from tieline.records import Analysis, Mention

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SEEDS = SHARED / "corpus" / "seeds" / "seeds.jsonl"
GOLD = SHARED / "gold" / "seeds.gold.json"

if not SEEDS.exists() or not GOLD.exists():  # pragma: no cover
    pytest.skip("../shared is not beside the repository", allow_module_level=True)

try:
    from tieline.nlp import load_model

    load_model()
except Exception as exc:  # pragma: no cover
    pytest.skip(f"spaCy model not available: {exc}", allow_module_level=True)


@lru_cache(maxsize=1)
def analyses() -> dict[str, Analysis]:
    from tieline.pipeline import analyze

    out = {}
    for line in SEEDS.read_text("utf-8").splitlines():
        if line.strip():
            d = json.loads(line)
            out[d["id"]] = analyze(d["text"], d.get("published"), doc_id=d["id"],
                                   components=("nlp", "dates", "actors"))
    return out


@lru_cache(maxsize=1)
def gold() -> dict[str, dict]:
    return json.loads(GOLD.read_text("utf-8"))["actors"]


def mentions_of(key: str, doc: str | None = None) -> list[Mention]:
    """Name mentions (PERSON / GPE / ...) whose text is one of a gold actor's aliases."""
    aliases = {a for a in gold()[key]["aliases"]} | {gold()[key]["name"]}
    out = []
    for did, a in analyses().items():
        if doc is None or did == doc:
            out += [m for m in a.mentions if m.text in aliases]
    return out


def test_one_actor_for_nazarbayev_across_both_articles() -> None:
    ms = mentions_of("nazarbayev")
    docs = {m.doc_id for m in ms}
    assert docs == {"tracing-ties", "nazarbaev-thanks-trump"}
    assert len({m.actor_id for m in ms}) == 1 and ms[0].actor_id is not None
    assert {m.text for m in ms} >= {"Nazarbaev", "Nazarbayev", "Nursultan Nazarbaev", "Nursultan Nazarbayev"}


@pytest.mark.parametrize("key", ["nazarbayev", "tokayev", "trump", "obama", "umarov", "krol", "haley", "ghani",
                                 "abdullah", "kushkumbaev", "temirgali"])
def test_persons_have_their_gold_country(key: str) -> None:
    ms = [m for m in mentions_of(key) if m.label == "PERSON"]
    assert ms, key
    assert {m.country for m in ms} == {gold()[key]["country"]}, [(m.text, m.country) for m in ms]
    assert len({m.actor_id for m in ms}) == 1


@pytest.mark.parametrize("key", ["umarov", "krol", "haley", "ghani", "abdullah"])
def test_officials_are_gov_in_2018(key: str) -> None:
    ms = [m for m in mentions_of(key, "nazarbaev-thanks-trump") if m.label == "PERSON"]
    assert ms and all(m.sector == "GOV" for m in ms)


def test_white_house_head_is_trump() -> None:
    (m,) = [m for m in analyses()["tracing-ties"].mentions if m.text == "the White House head"]
    assert m.actor_id == mentions_of("trump")[0].actor_id and (m.country, m.sector) == ("USA", "GOV")


def test_dated_states_in_the_undated_article() -> None:
    a = analyses()["tracing-ties"]
    text = a.doc.text

    def after(anchor: str, surface: str) -> Mention:
        pos = text.index(anchor)
        return next(m for m in a.mentions if m.start > pos and m.text == surface)

    # "On January 17, 2018, Trump received Nazarbayev ..." / "On June 25, 2019, ... Trump sent ... to Tokayev"
    for anchor, surface, country in (("2018", "Trump", "USA"), ("2018", "Nazarbayev", "KAZ"),
                                     ("2019", "Trump", "USA"), ("2019", "Tokayev", "KAZ"),
                                     ("2015", "Obama", "USA")):
        m = after(anchor, surface)
        assert (m.country, m.sector) == (country, "GOV"), (anchor, surface, m)


def test_trump_is_gov_in_the_2018_article() -> None:
    ms = [m for m in mentions_of("trump", "nazarbaev-thanks-trump") if m.label == "PERSON"]
    assert ms and all((m.country, m.sector) == ("USA", "GOV") for m in ms)


def test_the_kazakh_president_and_pronouns() -> None:
    a = analyses()["nazarbaev-thanks-trump"]
    naz = mentions_of("nazarbayev")[0].actor_id
    roles = [m for m in a.mentions if m.label == "ROLE" and m.text.lower().endswith("kazakh president")]
    assert roles and all(m.actor_id == naz for m in roles)
    prons = [m for m in a.mentions if m.label == "PRON"]
    assert prons and all(m.method == "coref" and m.actor_id for m in prons)
    # most pronouns of this article are Nazarbaev's
    assert sum(m.actor_id == naz for m in prons) > len(prons) / 2


def test_countries_and_metonyms() -> None:
    for key, surfaces in (("kazakhstan", {"Kazakhstan", "Kazakh", "Akorda"}), ("usa", {"Washington", "U.S."}),
                          ("russia", {"Russia", "Moscow"})):
        ms = mentions_of(key)
        assert {m.text for m in ms} >= surfaces, key
        assert {m.country for m in ms} == {gold()[key]["country"]}


def test_state_at_and_helpers() -> None:
    from tieline.actors import country_code, describe, state_at

    naz = mentions_of("nazarbayev")[0].actor_id
    assert naz is not None
    assert state_at(naz, "2018-01-16") == ("KAZ", "GOV")
    assert state_at(naz, "2023-06-01") == ("KAZ", None)
    assert state_at("person:not-a-known-one", "2020") is None
    assert country_code("Kazakh") == "KAZ" and country_code("kaz") == "KAZ" and country_code("Trump") is None
    info = describe(naz)
    assert info is not None and info["roles"]
