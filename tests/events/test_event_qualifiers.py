"""Certainty, dates, places and amounts of events."""

from __future__ import annotations

import pytest
from event_helpers import A, Coder, country, names, one

from tieline.events.amounts import find_money, is_money
from tieline.nlp.places import dateline, geocode

# --- certainty ----------------------------------------------------------------------------


def test_asserted(code: Coder) -> None:
    assert one(code("Putin met Lukashenko in Minsk.", [A("Putin", "RUS"), A("Lukashenko", "BLR")])).certainty == "asserted"


@pytest.mark.parametrize("text", [
    "It is widely believed that Putin met Lukashenko in secret.",
    "Putin reportedly met Lukashenko in secret.",
    "Putin is said to have met Lukashenko in secret.",
    "Putin may have met Lukashenko in secret.",
    "According to sources, Putin met Lukashenko in secret.",
])
def test_hedged(code: Coder, text: str) -> None:
    ev = one(code(text, [A("Putin", "RUS"), A("Lukashenko", "BLR")]))
    assert (ev.event, ev.certainty) == ("CONSULT", "hedged")


@pytest.mark.parametrize(("text", "kind"), [
    ("Modi will visit Washington next week.", "AGREE"),
    ("Modi is expected to visit Washington next week.", "AGREE"),
    ("Modi is to visit Washington next week.", "AGREE"),
    ("Modi plans to visit Washington next week.", "AGREE"),
    ("India said Modi would attend the summit in Washington.", "AGREE"),
])
def test_planned_cooperation_is_agree(code: Coder, text: str, kind: str) -> None:
    actors = [A("Modi", "IND"), country("Washington", "USA")] + ([country("India", "IND")] if "India" in text else [])
    ev = one(code(text, actors))
    assert (ev.event, ev.certainty) == (kind, "planned")


def test_planned_conflict_keeps_its_type(code: Coder) -> None:
    ev = one(code("The European Union will impose sanctions on Iran.",
                  [A("The European Union", "EUR", "igo:eu", "IGO", "organization"), country("Iran", "IRN")]))
    assert (ev.event, ev.certainty) == ("SANCTION", "planned")


@pytest.mark.parametrize("text", [
    "Biden did not meet Putin during the summit.",
    "Biden never met Putin during the summit.",
])
def test_negated(code: Coder, text: str) -> None:
    ev = one(code(text, [A("Biden", "USA"), A("Putin", "RUS")]))
    assert (ev.event, ev.certainty) == ("CONSULT", "negated")


def test_refused_to_is_reject_not_negated(code: Coder) -> None:
    ev = one(code("Hungary refused to sign the agreement with Ukraine.",
                  [country("Hungary", "HUN"), country("Ukraine", "UKR")]))
    assert (ev.event, ev.certainty) == ("REJECT", "asserted")


# --- dates --------------------------------------------------------------------------------

JP, KR = country("Japan", "JPN"), country("South Korea", "KOR")


def test_date_from_the_sentence(code: Coder) -> None:
    ev = one(code("On March 3, 2021, Japan praised South Korea.", [JP, KR]))
    assert (ev.date, ev.date_text, ev.date_source) == ("2021-03-03", "March 3, 2021", "text")


def test_date_attached_to_the_trigger_wins(code: Coder) -> None:
    ev = one(code("In 2019 Japan said it had praised South Korea on May 4, 2018.", [JP, KR]))
    assert ev.date == "2018-05-04"


def test_date_inherited_from_the_paragraph(code: Coder) -> None:
    ev = one(code("On March 3, 2021, the summit opened in Tokyo. Japan praised South Korea for its help.",
                  [JP, KR]))
    assert (ev.date, ev.date_source) == ("2021-03-03", "inferred")


def test_date_from_publication(code: Coder) -> None:
    ev = one(code("Japan praised South Korea for its help.", [JP, KR], published="2022-05-01"))
    assert (ev.date, ev.date_text, ev.date_source) == ("2022-05-01", None, "published")


def test_no_date(code: Coder) -> None:
    ev = one(code("Japan praised South Korea for its help.", [JP, KR], published=None))
    assert ev.date is None and ev.date_text is None


def test_date_not_inherited_from_another_paragraph(code: Coder) -> None:
    ev = one(code("On March 3, 2021, the summit opened in Tokyo.\nJapan praised South Korea.", [JP, KR],
                  published="2022-05-01"))
    assert (ev.date, ev.date_source) == ("2022-05-01", "published")


def test_relative_date_resolves_against_publication(code: Coder) -> None:
    ev = one(code("Japan praised South Korea on Tuesday.", [JP, KR], published="2018-01-18"))
    assert ev.date == "2018-01-16"


def test_weekday_of_a_future_clause_is_ahead(code: Coder) -> None:
    # the cue comes after the date, so only the trigger's "will" tells the tense (issue 15)
    ev = one(code("On Tuesday, Japan will meet South Korea in Tokyo.", [JP, KR], published="2018-01-18"))
    assert (ev.date, ev.date_text) == ("2018-01-23", "Tuesday")
    ev = one(code("On Tuesday, Japan met South Korea in Tokyo.", [JP, KR], published="2018-01-18"))
    assert ev.date == "2018-01-16"


# --- places -------------------------------------------------------------------------------

def test_place_from_in_phrase(code: Coder) -> None:
    ev = one(code("Putin met Lukashenko in Minsk.", [A("Putin", "RUS"), A("Lukashenko", "BLR")]))
    assert ev.event_loc is not None
    assert (ev.event_loc.name, ev.event_loc.country) == ("Minsk", "BLR")
    assert ev.event_loc.lat is not None and ev.event_loc.lon is not None


def test_seat_of_power_is_its_city(code: Coder) -> None:
    ev = one(code("Trump received Macron at the White House.", [A("Trump", "USA"), A("Macron", "FRA")]))
    assert ev.event_loc is not None and (ev.event_loc.name, ev.event_loc.country) == ("Washington", "USA")


def test_dateline_places_the_events_of_its_paragraph(code: Coder) -> None:
    text = "KYIV, Ukraine — Zelensky thanked Macron for his support.\nLater, Zelensky met Scholz."
    events = code(text, [A("Zelensky", "UKR"), A("Macron", "FRA"), A("Zelensky", "UKR", nth=1), A("Scholz", "DEU")])
    assert [(e.event, e.event_loc.name if e.event_loc else None) for e in events] == [
        ("SUPPORT", "Kyiv"), ("CONSULT", "Kyiv")]  # the second: same (publication) date, main event


def test_dateline_and_geocoder() -> None:
    assert dateline("WASHINGTON -- The president said") == "Washington"
    assert dateline("ASTANA — Officials") == "Astana"
    assert dateline("Breaking News") is None
    place = geocode("Washington")
    assert place is not None and place.country == "USA"  # the largest namesake wins
    kremlin = geocode("the Kremlin")
    assert kremlin is not None and kremlin.name == "Moscow"
    assert geocode("Ukraine") is not None and geocode("Ukraine").country == "UKR"  # type: ignore[union-attr]


# --- amounts ------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "value", "unit"), [
    ("$7.5 billion", 7.5e9, "USD"),
    ("€2 million", 2e6, "EUR"),
    ("1.2 trillion rubles", 1.2e12, "RUB"),
    ("$300m", 3e8, "USD"),
    ("5 billion tenge", 5e9, "KZT"),
    ("US$40", 40.0, "USD"),
    ("30 million Canadian dollars", 3e7, "CAD"),
    ("£1,200", 1200.0, "GBP"),
])
def test_money_forms(text: str, value: float, unit: str) -> None:
    [(amount, _s, _e)] = find_money(f"They spent {text} on it.")
    assert (amount.value, amount.unit, amount.text) == (value, unit, text)
    assert is_money(amount)


@pytest.mark.parametrize("text", ["20 percent", "a 25% tariff", "in 2015", "At 77, he", "26 years in office"])
def test_not_money(text: str) -> None:
    assert find_money(text) == []


def test_amounts_attach_to_the_event(code: Coder) -> None:
    ev = one(code("Kenya signed contracts worth $3.2 billion with Germany to build 450 new electric buses.",
                  [country("Kenya", "KEN"), country("Germany", "DEU")]))
    assert ev.event == "COOPERATE"
    assert [(a.value, a.unit) for a in ev.amounts] == [(3.2e9, "USD"), (450.0, "buses")]


def test_counts_skip_percentages_years_and_definites(code: Coder) -> None:
    ev = one(code("In 2015 the two leaders said Mali arrested 12 soldiers, 20 percent of the unit.",
                  [country("Mali", "MLI")]))
    assert [(a.value, a.unit) for a in ev.amounts] == [(12.0, "soldiers")]


def test_aid_with_money(code: Coder) -> None:
    ev = one(code("Japan gave $300m in aid to Ukraine.", [JP, country("Ukraine", "UKR")]))
    assert ev.event == "AID" and names(ev.recipient) == ["Ukraine"]
    assert [(a.value, a.unit) for a in ev.amounts] == [(3e8, "USD")]


def test_present_perfect_background_has_no_date(code: Coder) -> None:
    text = ("Japan praised South Korea on Monday. The two countries signed a new defense pact. "
            "Officials also discussed trade. Japan has long criticized North Korea.")
    events = code(text, [JP, KR, country("Japan", "JPN", nth=1), country("North Korea", "PRK")],
                  published="2024-05-01")
    ev = one(events, "ACCUSE")
    assert ev.date is None


def test_attack_casualties_share_one_unit() -> None:
    from tieline.pipeline import analyze
    e = analyze("Gunmen stormed a hotel in Mogadishu on Tuesday, leaving at least five people dead.",
                "2024-05-14", doc_id="k").events[0]
    assert [(a.value, a.unit) for a in e.amounts] == [(5.0, "killed")]
    e = analyze("Security forces in Kenya say they killed all six attackers.", "2024-05-14", doc_id="k").events[0]
    assert [(a.value, a.unit) for a in e.amounts] == [(6.0, "killed")]
