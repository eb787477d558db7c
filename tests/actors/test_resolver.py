"""Tests for tieline.actors.resolver on sentences written for these tests (fixture registry)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tieline.actors import ActorResolver, Registry
from tieline.records import Analysis, Document, Mention

FIXTURES = Path(__file__).parent / "fixtures"

try:
    from tieline.nlp import Parser, load_model

    load_model()
except Exception as exc:  # pragma: no cover - the model ships with the lock file
    pytest.skip(f"spaCy model not available: {exc}", allow_module_level=True)

try:
    from tieline.nlp.dates import TimeTagger
except ImportError:  # pragma: no cover
    TimeTagger = None  # type: ignore[assignment,misc]


@pytest.fixture(scope="module")
def resolver() -> ActorResolver:
    return ActorResolver(Registry.load(data_dir=FIXTURES, use_cache=False))


def run(resolver: ActorResolver, text: str, published: str | None = None) -> Analysis:
    a = Parser()(Analysis(Document("t", text, published=published)))
    if TimeTagger is not None:
        a = TimeTagger()(a)
    a = resolver(a)
    for m in a.mentions:  # the record contract: offsets, sentence index, text order
        assert a.doc.text[m.start:m.end] == m.text
        assert 0 <= m.sentence < len(a.sentences)
        s = a.sentences[m.sentence]
        assert s.start <= m.start < s.end
    assert [m.start for m in a.mentions] == sorted(m.start for m in a.mentions)
    return a


def find(a: Analysis, text: str, label: str | None = None) -> Mention:
    ms = [m for m in a.mentions if m.text == text and (label is None or m.label == label)]
    assert ms, f"no mention {text!r}; have {[(m.text, m.label, m.actor_id) for m in a.mentions]}"
    return ms[0]


def ids(a: Analysis) -> list[str | None]:
    return [m.actor_id for m in a.mentions]


# --- titles resolved by date ---------------------------------------------------------


@pytest.mark.parametrize("phrase", ["The Kazakh president", "The president of Kazakhstan"])
def test_role_phrase_by_publication_date(resolver: ActorResolver, phrase: str) -> None:
    text = f"{phrase} opened a new railway bridge over the river."
    early = find(run(resolver, text, "2018-06-01"), phrase)
    late = find(run(resolver, text, "2020-06-01"), phrase)
    assert early.label == late.label == "ROLE"
    assert early.actor_id == "person:nursultan-nazarbayev" and early.sector == "GOV" and early.country == "KAZ"
    assert late.actor_id == "person:kassym-jomart-tokayev" and late.method == "role"


def test_role_phrase_by_date_in_text(resolver: ActorResolver) -> None:
    text = ("In March 2018, the Kazakh president toured the new port. "
            "In July 2021, the Kazakh president toured it again.")
    a = run(resolver, text, "2024-01-10")
    first, second = [m for m in a.mentions if m.label == "ROLE"]
    assert first.actor_id == "person:nursultan-nazarbayev"
    assert second.actor_id == "person:kassym-jomart-tokayev"


def test_white_house_head(resolver: ActorResolver) -> None:
    a = run(resolver, "The White House head signed the order after a short ceremony.", "2019-05-10")
    m = find(a, "The White House head")
    assert (m.label, m.actor_id, m.country, m.sector) == ("ROLE", "person:donald-trump", "USA", "GOV")
    b = run(resolver, "The White House chief of staff declined to comment.", "2019-05-10")
    assert "person:donald-trump" not in ids(b)


def test_igo_head(resolver: ActorResolver) -> None:
    a = run(resolver, "The UN chief urged both sides to show restraint.", "2020-02-02")
    m = find(a, "The UN chief")
    assert m.actor_id == "person:antonio-guterres" and m.sector == "IGO" and m.country is None


def test_counterpart(resolver: ActorResolver) -> None:
    a = run(resolver, "Trump welcomed his Kazakh counterpart at the White House.", "2018-01-16")
    assert find(a, "his", "PRON").actor_id == "person:donald-trump"
    m = find(a, "Kazakh counterpart", "ROLE")
    assert m.actor_id == "person:nursultan-nazarbayev" and m.role == "president"


# --- the same person on different dates ------------------------------------------------


@pytest.mark.parametrize("published,sector", [("2018-03-01", "GOV"), ("2023-03-01", None)])
def test_nazarbayev_sector_depends_on_date(resolver: ActorResolver, published: str, sector: str | None) -> None:
    m = find(run(resolver, "Nazarbayev spoke at an investment forum on Tuesday.", published), "Nazarbayev")
    assert (m.actor_id, m.country, m.sector) == ("person:nursultan-nazarbayev", "KAZ", sector)


@pytest.mark.parametrize("published,sector", [("2018-03-01", "GOV"), ("2022-03-01", None), ("2025-03-01", "GOV")])
def test_trump_sector_depends_on_date(resolver: ActorResolver, published: str, sector: str | None) -> None:
    m = find(run(resolver, "Donald Trump spoke to reporters in Florida.", published), "Donald Trump")
    assert (m.actor_id, m.country, m.sector) == ("person:donald-trump", "USA", sector)


def test_former_title_is_not_gov(resolver: ActorResolver) -> None:
    a = run(resolver, "Former U.S. President Barack Obama gave a speech in Chicago.", "2018-04-04")
    m = find(a, "Barack Obama")
    assert m.actor_id == "person:barack-obama" and m.sector is None


def test_no_date_at_all_uses_latest_date_in_document(resolver: ActorResolver) -> None:
    text = ("The Kazakh president addressed the nation.\n\n"
            "Officials said a cabinet reshuffle was announced on June 5, 2020.")
    a = run(resolver, text, None)
    assert find(a, "The Kazakh president").actor_id == "person:kassym-jomart-tokayev"


# --- names, transliterations, NER errors -------------------------------------------------


def test_transliterations_and_surnames_link_to_one_actor(resolver: ActorResolver) -> None:
    text = ("Nursultan Nazarbaev chaired the meeting in Astana. Later, Nazarbaev told reporters that "
            "Nazarbaiev-era reforms would continue.")
    a = run(resolver, text, "2018-02-02")
    naz = [m for m in a.mentions if m.text.startswith("Nazarba") or m.text.startswith("Nursultan")]
    assert len(naz) >= 2
    assert {m.actor_id for m in naz} == {"person:nursultan-nazarbayev"}


def test_registry_beats_ner_labels(resolver: ActorResolver) -> None:
    text = "Kassym-Jomart Tokayev and Kazakh diplomats met Russian officials."
    a = run(resolver, text, "2020-02-02")
    m = find(a, "Kassym-Jomart Tokayev")
    assert (m.label, m.kind, m.actor_id, m.sector) == ("PERSON", "person", "person:kassym-jomart-tokayev", "GOV")
    kaz = [x for x in a.mentions if x.text.startswith("Kazakh")]
    assert kaz and kaz[0].actor_id == "country:KAZ" and kaz[0].sector == "GOV"
    assert find(a, "Russian officials").actor_id == "country:RUS"


@pytest.mark.parametrize("text,name,country,sector", [
    ("Kazakh economist Aidos Serikbayev said the currency would recover.", "Aidos Serikbayev", "KAZ", "EDU"),
    ("U.S. Ambassador Jane Doerr met students at the university.", "Jane Doerr", "USA", "GOV"),
    ("Marat Tulegenov, a Kazakh political analyst, said the vote was fair.", "Marat Tulegenov", "KAZ", None),
    ("The British ambassador to the United Nations, Tom Examplewood, voted against.", "Tom Examplewood",
     "GBR", "GOV"),
    ("Kremlin spokesman Ivan Placeholderov declined to comment.", "Ivan Placeholderov", "RUS", "GOV"),
])
def test_new_actor_takes_country_from_context(resolver: ActorResolver, text: str, name: str, country: str,
                                              sector: str | None) -> None:
    m = find(run(resolver, text, "2021-06-06"), name)
    assert m.method == "new" and m.kind == "person" and m.actor_id and m.actor_id.startswith("person:")
    assert (m.country, m.sector) == (country, sector)


def test_new_actor_surname_links_back(resolver: ActorResolver) -> None:
    text = ("Kazakh economist Aidos Serikbayev expects growth to slow. "
            "Serikbayev said exports would suffer. Serikbaev added that prices may rise.")
    a = run(resolver, text, "2021-06-06")
    ms = [m for m in a.mentions if "Serikba" in m.text]
    assert len(ms) == 3 and len({m.actor_id for m in ms}) == 1
    assert [m.method for m in ms] == ["new", "surname", "surname"]
    assert all(m.country == "KAZ" for m in ms)


def test_known_person_next_to_title(resolver: ActorResolver) -> None:
    a = run(resolver, "The U.S. ambassador to the United Nations, Kelly Craft, called for a vote.", "2020-03-03")
    m = find(a, "Kelly Craft")
    assert (m.actor_id, m.country, m.sector) == ("person:kelly-craft", "USA", "GOV")
    role = find(a, "The U.S. ambassador to the United Nations", "ROLE")
    assert role.actor_id == "person:kelly-craft"


# --- countries, metonyms, ambiguity ------------------------------------------------------


def test_metonyms(resolver: ActorResolver) -> None:
    text = ("Washington and Moscow traded accusations, while the Kremlin denied the report "
            "and the Pentagon said nothing. Akorda said Astana would stay neutral.")
    a = run(resolver, text, "2022-02-02")
    expect = {"Washington": ("country:USA", "GOV"), "Moscow": ("country:RUS", "GOV"),
              "Kremlin": ("country:RUS", "GOV"), "Pentagon": ("country:USA", "MIL"),
              "Akorda": ("country:KAZ", "GOV"), "Astana": ("country:KAZ", "GOV")}
    for text_, (aid, sector) in expect.items():
        m = find(a, text_)
        assert (m.actor_id, m.sector, m.kind) == (aid, sector, "country"), text_


def test_capital_as_a_place(resolver: ActorResolver) -> None:
    m = find(run(resolver, "The two delegations met in Astana on Friday.", "2022-02-02"), "Astana")
    assert m.country == "KAZ" and m.sector is None


def test_adjectives_and_bodies(resolver: ActorResolver) -> None:
    text = ("American companies welcomed the deal. Russia's Foreign Ministry objected, "
            "the Russian military held drills and ethnic Kazakhs celebrated.")
    a = run(resolver, text, "2022-02-02")
    assert (find(a, "American").country, find(a, "American").sector) == ("USA", "BUS")
    fm = find(a, "Russia's Foreign Ministry")
    assert (fm.label, fm.actor_id, fm.sector) == ("ORG", "country:RUS", "GOV")
    assert find(a, "Russian military").sector == "MIL"
    assert (find(a, "Kazakhs").country, find(a, "Kazakhs").sector) == ("KAZ", "CVL")


def test_ambiguous_country_names(resolver: ActorResolver) -> None:
    a = run(resolver, "The storm hit Atlanta, Georgia, on Tuesday before moving north.", "2022-02-02")
    assert "country:GEO" not in ids(a)
    b = run(resolver, "Georgia signed a trade agreement with Turkey on Monday.", "2022-02-02")
    geo = find(b, "Georgia")
    assert geo.actor_id == "country:GEO" and geo.confidence < 0.9


def test_acronyms_need_capitals(resolver: ActorResolver) -> None:
    a = run(resolver, "The WHO warned that hospitals who ignore the rules put us all at risk.", "2022-02-02")
    assert ids(a).count("igo:who") == 1
    assert "country:USA" not in ids(a)


def test_dateline_is_not_an_actor(resolver: ActorResolver) -> None:
    a = run(resolver, "MOSCOW -- Officials in the capital announced new fuel prices.", "2022-02-02")
    assert "country:RUS" not in ids(a)


# --- pronouns ----------------------------------------------------------------------------


def test_pronouns_follow_the_subject(resolver: ActorResolver) -> None:
    text = ("Tokayev met Putin in Moscow on Monday. He said the talks were useful and praised his hosts.\n\n"
            "Putin spoke later. Tokayev, he said, was a reliable partner.")
    a = run(resolver, text, "2021-04-04")
    prons = [m for m in a.mentions if m.label == "PRON"]
    assert [(p.text, p.actor_id) for p in prons] == [
        ("He", "person:kassym-jomart-tokayev"), ("his", "person:kassym-jomart-tokayev"),
        ("he", "person:vladimir-putin")]
    assert all(p.method == "coref" and p.kind == "person" and p.country for p in prons)


def test_bare_role_refers_back(resolver: ActorResolver) -> None:
    text = "Ghani arrived in the capital on Monday. Aides said the president was tired."
    a = run(resolver, text, "2019-09-09")
    m = find(a, "the president", "ROLE")
    assert m.actor_id == "person:ashraf-ghani" and m.method == "coref" and m.country == "AFG"


def test_unknown_entities_are_kept(resolver: ActorResolver) -> None:
    a = run(resolver, "Reporters from Interfax and the Steppe Herald asked about Zhanaozen.", "2021-01-01")
    unknown = [m for m in a.mentions if m.actor_id is None and m.method != "agent"]  # generic agents: method agent
    assert unknown and all(m.method == "ner" for m in unknown)


def test_parses_when_no_parse_is_given(resolver: ActorResolver) -> None:
    a = resolver(Analysis(Document("t", "Putin called Tokayev.", published="2021-01-01")))
    assert ids(a) == ["person:vladimir-putin", "person:kassym-jomart-tokayev"]
