"""One sentence per PLOVER type, and the argument rules (passive, host, reported speech...)."""

from __future__ import annotations

import pytest
from event_helpers import A, Coder, country, names, one

XI = A("Xi Jinping", "CHN", "p:xi")
LULA = A("Lula da Silva", "BRA", "p:lula")


TYPE_CASES = [
    ("Xi Jinping met Lula da Silva in Beijing on Monday.", [XI, LULA], "CONSULT",
     ["Xi Jinping"], ["Lula da Silva"]),
    ("The German chancellor praised Poland for its handling of the border crisis.",
     [A("The German chancellor", "DEU", label="ROLE"), country("Poland", "POL")], "SUPPORT",
     ["The German chancellor"], ["Poland"]),
    ("Kenya and Ethiopia agreed to a joint plan for the new railway line.",
     [country("Kenya", "KEN"), country("Ethiopia", "ETH")], "AGREE", ["Kenya", "Ethiopia"], []),
    ("Germany urged Russia to withdraw its troops.", [country("Germany", "DEU"), country("Russia", "RUS")],
     "REQUEST", ["Germany"], ["Russia"]),
    ("Ukraine accused Russia of shelling a hospital.", [country("Ukraine", "UKR"), country("Russia", "RUS")],
     "ACCUSE", ["Ukraine"], ["Russia"]),
    ("Iran rejected France's proposal.", [country("Iran", "IRN"), country("France", "FRA")],
     "REJECT", ["Iran"], ["France"]),
    ("North Korea threatened South Korea with military action.",
     [country("North Korea", "PRK"), country("South Korea", "KOR")], "THREATEN", ["North Korea"], ["South Korea"]),
    ("Thousands of Serbians protested against the government in Belgrade.",
     [A("Serbians", "SRB", sector="CVL", kind="group", label="NORP")], "PROTEST", ["Serbians"], ["Serbia"]),
    ("The European Union imposed sanctions on Belarus.",
     [A("The European Union", "EUR", "igo:eu", "IGO", "organization", label="ORG"), country("Belarus", "BLR")],
     "SANCTION", ["The European Union"], ["Belarus"]),
    ("Russia deployed thousands of troops along the border.", [country("Russia", "RUS")], "MOBILIZE",
     ["Russia"], []),
    ("Turkish police arrested a German journalist in Istanbul.",
     [A("Turkish police", "TUR", sector="COP", kind="group"), A("German journalist", "DEU", sector="MED")],
     "COERCE", ["Turkish police"], ["German journalist"]),
    ("Russia attacked Ukraine's power grid overnight.", [country("Russia", "RUS"), country("Ukraine", "UKR")],
     "ASSAULT", ["Russia"], ["Ukraine"]),
    ("The World Bank gave new aid to Pakistan.",
     [A("The World Bank", "IGO", "igo:wb", "IGO", "organization", label="ORG"), country("Pakistan", "PAK")],
     "AID", ["The World Bank"], ["Pakistan"]),
    ("Rwanda withdrew its troops from Congo.", [country("Rwanda", "RWA"), country("Congo", "COD")],
     "RETREAT", ["Rwanda"], ["Congo"]),
    ("Washington lifted sanctions on Venezuela.", [country("Washington", "USA"), country("Venezuela", "VEN")],
     "CONCEDE", ["Washington"], ["Venezuela"]),
    ("Brazil signed a trade deal with Argentina.", [country("Brazil", "BRA"), country("Argentina", "ARG")],
     "COOPERATE", ["Brazil"], ["Argentina"]),
]


@pytest.mark.parametrize(("text", "actors", "kind", "actor", "recipient"), TYPE_CASES)
def test_each_plover_type(code: Coder, text: str, actors: list[A], kind: str, actor: list[str],
                          recipient: list[str]) -> None:
    ev = one(code(text, actors), kind)
    assert names(ev.actor) == actor
    assert names(ev.recipient) == recipient
    assert ev.certainty == "asserted"
    assert 0 < ev.confidence <= 1


def test_all_sixteen_types_are_covered() -> None:
    from tieline.records import PLOVER_TYPES

    assert {case[2] for case in TYPE_CASES} == set(PLOVER_TYPES)


def test_x_and_y_met_gives_both_actors(code: Coder) -> None:
    ev = one(code("Xi Jinping and Lula da Silva met in Beijing on Monday.", [XI, LULA]))
    assert ev.event == "CONSULT"
    assert names(ev.actor) == ["Xi Jinping", "Lula da Silva"]
    assert ev.recipient == []


def test_host_receives_visitor(code: Coder) -> None:
    ev = one(code("Lula da Silva received Xi Jinping at the presidential palace on Monday.", [XI, LULA]))
    assert (ev.event, ev.mode) == ("CONSULT", "visit")
    assert names(ev.actor) == ["Xi Jinping"]  # the visitor
    assert names(ev.recipient) == ["Lula da Silva"]  # the host


def test_visit(code: Coder) -> None:
    ev = one(code("Indian Prime Minister Narendra Modi visited Mauritius last week.",
                  [A("Narendra Modi", "IND"), country("Mauritius", "MUS")]))
    assert (ev.event, ev.mode) == ("CONSULT", "visit")
    assert names(ev.actor) == ["Narendra Modi"] and names(ev.recipient) == ["Mauritius"]


def test_talks_between(code: Coder) -> None:
    ev = one(code("Talks between Armenia and Azerbaijan resumed in Geneva on Tuesday.",
                  [country("Armenia", "ARM"), country("Azerbaijan", "AZE")]))
    assert ev.event == "CONSULT"
    assert {r.country for r in ev.actor + ev.recipient} == {"ARM", "AZE"}
    assert ev.event_loc is not None and ev.event_loc.name == "Geneva"


def test_held_talks_with(code: Coder) -> None:
    ev = one(code("Egypt held talks with Qatar on Sunday.", [country("Egypt", "EGY"), country("Qatar", "QAT")]))
    assert ev.event == "CONSULT" and ev.trigger == "talks"
    assert names(ev.actor) == ["Egypt"] and names(ev.recipient) == ["Qatar"]


def test_passive_voice_reads_the_agent_as_actor(code: Coder) -> None:
    ev = one(code("Ukraine was attacked by Russia overnight.", [country("Ukraine", "UKR"), country("Russia", "RUS")]))
    assert ev.event == "ASSAULT"
    assert names(ev.actor) == ["Russia"] and names(ev.recipient) == ["Ukraine"]


def test_reported_speech_keeps_its_own_subject(code: Coder) -> None:
    events = code("The Kremlin said Putin met Erdogan in Sochi.",
                  [A("The Kremlin", "RUS", "c:RUS", kind="country", label="ORG"), A("Putin", "RUS"),
                   A("Erdogan", "TUR")])
    ev = one(events)
    assert ev.event == "CONSULT"
    assert names(ev.actor) == ["Putin"] and names(ev.recipient) == ["Erdogan"]


def test_thanked_for_is_support_to_the_object(code: Coder) -> None:
    ev = one(code("Zelensky thanked Macron for France's military help.", [A("Zelensky", "UKR"), A("Macron", "FRA")]))
    assert ev.event == "SUPPORT"
    assert names(ev.actor) == ["Zelensky"] and names(ev.recipient) == ["Macron"]


def test_called_x_strong_is_praise(code: Coder) -> None:
    ev = one(code('Biden called Finland "a strong and reliable ally".', [A("Biden", "USA"), country("Finland", "FIN")]))
    assert ev.event == "SUPPORT"
    assert names(ev.recipient) == ["Finland"]


def test_compound_title_collapses_to_one_actor(code: Coder) -> None:
    ev = one(code("Kazakh President Kassym-Jomart Tokayev thanked Chinese leader Xi Jinping.",
                  [A("Kazakh", "KAZ", "c:KAZ", kind="country", label="NORP"),
                   A("Kassym-Jomart Tokayev", "KAZ"), A("Chinese", "CHN", "c:CHN", kind="country", label="NORP"), XI]))
    assert names(ev.actor) == ["Kassym-Jomart Tokayev"]
    assert names(ev.recipient) == ["Xi Jinping"]


def test_complement_of_a_trigger_is_one_event(code: Coder) -> None:
    events = code("Turkey threatened to withdraw from the alliance.", [country("Turkey", "TUR")])
    assert [e.event for e in events] == ["THREATEN"]


def test_intention_to_cooperate_is_agree(code: Coder) -> None:
    ev = one(code("Norway hopes to serve as a mediator between Colombia and Venezuela.",
                  [country("Norway", "NOR"), country("Colombia", "COL"), country("Venezuela", "VEN")]))
    assert ev.event == "AGREE" and ev.trigger == "hopes"
    assert names(ev.actor) == ["Norway"]
    assert names(ev.recipient) == ["Colombia", "Venezuela"]
    assert ev.certainty == "asserted"


def test_the_two_leaders_are_the_participants_before(code: Coder) -> None:
    events = code("Macron thanked Scholz for his support as the two leaders met in Berlin.",
                  [A("Macron", "FRA"), A("Scholz", "DEU")])
    met = one(events, "CONSULT")
    assert {r.country for r in met.actor} == {"FRA", "DEU"}


def test_relative_clause_takes_the_group_and_its_head(code: Coder) -> None:
    ev = one(code("Ambassador Jane Roe headed a delegation that met in Kabul with Afghan officials.",
                  [A("Jane Roe", "GBR"), A("Afghan officials", "AFG", kind="group")]))
    assert ev.event == "CONSULT"
    assert names(ev.actor) == ["Jane Roe"] and names(ev.recipient) == ["Afghan officials"]
    assert ev.event_loc is not None and ev.event_loc.name == "Kabul"


def test_no_event_without_a_political_actor(code: Coder) -> None:
    assert code("The neighbours met in the garden and praised the weather.", []) == []
    assert code("Local fans attacked the referee.", [A("Local fans", None, sector=None, kind="group")]) == []


def test_several_events_in_one_sentence(code: Coder) -> None:
    events = code("Canada criticized China and threatened to expel its diplomats.",
                  [country("Canada", "CAN"), country("China", "CHN")])
    assert [e.event for e in events] == ["ACCUSE", "THREATEN"]
    assert names(events[1].recipient) == ["China"]  # shared with the first verb


def test_quotations_and_headlines_are_not_coded(code: Coder) -> None:
    text = ("Putin Meets Xi In Beijing\n"
            '"We will attack Ukraine," Putin said on Monday.\n'
            "Putin met Xi in Beijing on Monday.")
    events = code(text, [A("Putin", "RUS", nth=0), A("Xi", "CHN", nth=0), country("Ukraine", "UKR"),
                         A("Putin", "RUS", nth=1), A("Putin", "RUS", nth=2), A("Xi", "CHN", nth=1)])
    assert [(e.event, e.sentence) for e in events] == [("CONSULT", 2)]


def test_question_is_not_an_event(code: Coder) -> None:
    assert code("Reporters asked whether Spain would recognize Palestine.",
                [country("Spain", "ESP"), country("Palestine", "PSE")]) == []


def test_noun_adjunct_with_partner(code: Coder) -> None:
    ev = one(code("After a meeting with Indian diplomats in Delhi, the Nepali foreign minister said ties were strong.",
                  [A("Indian diplomats", "IND", kind="group"), A("the Nepali foreign minister", "NPL", label="ROLE")]))
    assert ev.event == "CONSULT" and ev.trigger == "meeting"
    assert names(ev.actor) == ["the Nepali foreign minister"] and names(ev.recipient) == ["Indian diplomats"]
    assert ev.event_loc is not None and ev.event_loc.country == "IND"


def test_state_at_sets_country_and_sector_at_the_event_date(code: Coder) -> None:
    from tieline.events import EventCoder

    def state(actor_id: str, on: str) -> tuple[str, str] | None:
        return ("USA", "ELI") if actor_id == "p:trump" and on < "2017-01-20" else None

    ev = one(code("On June 1, 2016, Trump praised Nigeria.", [A("Trump", "USA", "p:trump", "GOV"),
                                                               country("Nigeria", "NGA")],
                  coder=EventCoder(state_at=state)))
    assert (ev.actor[0].country, ev.actor[0].sector) == ("USA", "ELI")
    assert ev.recipient[0].sector == "GOV"  # not in the registry: left as the mention had it


def test_event_id_and_text_are_deterministic(code: Coder) -> None:
    from tieline.records import stable_id

    text = "Intro line here.\nChile congratulated Peru on its election."
    actors = [country("Chile", "CHL"), country("Peru", "PER")]
    first, second = one(code(text, actors, doc_id="d1")), one(code(text, actors, doc_id="d1"))
    assert first.id == second.id
    start = text.index("Chile")
    assert first.id == stable_id("d1", start, text.index("congratulated"), "SUPPORT")
    assert (first.event_text, first.start, first.end) == (text[start:], start, len(text))
    assert first.trigger == "congratulated" and first.sentence == 1


def test_offer_to_mediate_is_agree(code: Coder) -> None:
    ev = one(code("Qatar offered to mediate between Israel and Hamas.",
                  [country("Qatar", "QAT"), country("Israel", "ISR"), A("Hamas", "PSE", sector="REB", kind="group")]))
    assert (ev.event, ev.trigger) == ("AGREE", "offered")
    assert names(ev.actor) == ["Qatar"]


def test_counterpart_apposition_and_a_call(code: Coder) -> None:
    events = code("Erdogan called his Azerbaijani counterpart Ilham Aliyev on Friday and urged him to resume talks.",
                  [A("Erdogan", "TUR"), A("Ilham Aliyev", "AZE"), A("him", "AZE", "t:ilham aliyev", label="PRON")])
    call, req = one(events, "CONSULT"), one(events, "REQUEST")
    assert (call.mode, names(call.actor), names(call.recipient)) == ("phone", ["Erdogan"], ["Ilham Aliyev"])
    assert names(req.actor) == ["Erdogan"] and names(req.recipient) == ["him"]


def test_his_country_is_the_possessors_country(code: Coder) -> None:
    ev = one(code("Ruto said his country had signed a trade deal with Japan.",
                  [A("Ruto", "KEN"), A("his", "KEN", "t:ruto", label="PRON"), country("Japan", "JPN")]))
    assert ev.event == "COOPERATE"
    assert [r.country for r in ev.actor] == ["KEN"] and ev.actor[0].text == "his country"
    assert names(ev.recipient) == ["Japan"]
