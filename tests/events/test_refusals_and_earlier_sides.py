"""Refusals told as negated cooperation, one act named twice in a sentence, and the attacker of an
agentless killing taken from what the document told just before (our own sentences, run through
the whole pipeline)."""

import pytest

from tieline.pipeline import analyze


def _events(text: str, published: str = "2024-05-14"):
    return analyze(text, published, doc_id="r").events


@pytest.mark.parametrize("text", [
    "The Kremlin did not invite Ukrainian officials to the ceremony.",
    "Germany will not attend the summit in Moscow next week.",
    "President Macron said he does not want to meet with Putin before the election.",
])
def test_negated_cooperation_of_ones_own_will_is_a_refusal(text: str) -> None:
    evs = _events(text)
    assert [e.event for e in evs] and all(e.event == "REJECT" and e.certainty == "asserted" for e in evs), \
        [(e.event, e.certainty) for e in evs]


@pytest.mark.parametrize("text", [
    "Biden did not meet Putin during the summit in Geneva.",  # a joint act: may fail for either side
    "The Iranian envoy has not visited Iraq for over a year.",  # a state that lasted
])
def test_a_non_occurrence_stays_a_negated_event(text: str) -> None:
    assert all(e.certainty == "negated" and e.event != "REJECT" for e in _events(text))


def test_an_act_noun_that_is_the_subject_of_its_verb_is_one_event() -> None:
    evs = _events("Coordinated airstrikes by the Nigerian army killed 30 Boko Haram fighters on Monday.")
    assert [e.event for e in evs] == ["ASSAULT"]
    assert {r.country for r in evs[0].actor} == {"NGA"}


def test_the_earlier_act_names_who_did_it() -> None:
    evs = _events("Coordinated airstrikes by the Nigerian army killed 30 Boko Haram fighters on Monday. "
                  "The army said the airstrikes targeted two camps and killed Abu Musa, a senior commander.")
    last = [e for e in evs if e.sentence == 1 and e.event == "ASSAULT"]
    assert last and all({r.country for r in e.actor} == {"NGA"} for e in last)


def test_an_agentless_killing_right_after_an_attack_is_the_attackers() -> None:
    evs = _events("Russian forces shelled the Ukrainian city of Kharkiv on Sunday. "
                  "Four Ukrainian soldiers were killed, officials said.")
    e = next(e for e in evs if e.sentence == 1 and e.event == "ASSAULT")
    assert {r.country for r in e.actor} == {"RUS"}
    assert {r.country for r in e.recipient} == {"UKR"}


def test_the_owner_of_what_is_acted_on_is_the_recipient() -> None:
    e = next(e for e in _events("Tehran has threatened to close or suspend British operations at the port.")
             if e.event == "THREATEN")
    assert {r.country for r in e.recipient} == {"GBR"}
    e = next(e for e in _events("The Philippine coast guard seized two Chinese fishing vessels on Monday.")
             if e.event == "COERCE")
    assert {r.country for r in e.recipient} == {"CHN"}


def test_denying_a_request_made_before_answers_the_one_who_asked() -> None:
    evs = _events("Iranian President Raisi asked French President Macron for a trade loan. "
                  "Macron denied the request.")
    e = next(e for e in evs if e.event == "REJECT")
    assert {r.country for r in e.actor} == {"FRA"} and {r.country for r in e.recipient} == {"IRN"}


def test_a_state_its_refugees_and_its_police_are_different_sides() -> None:
    from tieline.events.coder import _same
    from tieline.records import ActorRef
    state = ActorRef("country:TUR", "Turkey", "Turkey", "TUR", "GOV")
    refugees = ActorRef("country:TUR", "Turkey", "Turkish refugees", "TUR", "REF")
    assert not _same(state, refugees) and _same(state, state)


def test_an_aspect_verb_before_its_complement_is_not_an_attack_by_its_subject() -> None:
    evs = _events("The army continues to ignore appeals from the African Union to free the detainees.")
    assert "ASSAULT" not in [e.event for e in evs]


def test_refusing_to_yield_is_a_rejection_and_own_troops_are_no_recipient() -> None:
    e = next(e for e in _events("Russia said it will not withdraw its troops from the border."))
    assert (e.event, e.certainty) == ("REJECT", "asserted") and e.recipient == []
    e = next(e for e in _events("Russia withdrew its troops from the border on Friday."))
    assert e.event == "RETREAT" and e.recipient == []


def test_rebels_neutralized_in_a_report_of_the_forces_are_attacked_by_them() -> None:
    evs = _events("Both the Malian army and the UN mission say huge quantities of ammunition were seized in "
                  "Kidal and several rebels were either neutralized or captured.")
    e = next(e for e in evs if e.event == "ASSAULT")
    assert {r.country for r in e.actor} == {"MLI"} and [r.text for r in e.recipient] == ["rebels"]


@pytest.mark.parametrize("text", [
    "Erdogan warned that Russian bases would be at risk if Turkey is attacked.",
    "Relations may sour further with Erdogan warning that Russian bases are now at risk if Turkey is attacked.",
])
def test_a_warning_that_anothers_assets_are_at_risk_threatens_their_owner(text: str) -> None:
    e = next(e for e in _events(text) if e.event == "THREATEN")
    assert {r.country for r in e.actor} == {"TUR"} and {r.country for r in e.recipient} == {"RUS"}


def test_a_frame_preposition_hung_on_the_object_still_counts() -> None:
    e = next(e for e in _events("In Paris, Iranian President Raisi asked French President Macron for a trade loan."))
    assert e.event == "REQUEST"
    assert {r.country for r in e.actor} == {"IRN"} and {r.country for r in e.recipient} == {"FRA"}


def test_two_joined_verbs_of_one_strike_on_the_same_side_are_one_event() -> None:
    evs = _events("Russian troops attacked and shelled Ukrainian positions near Bakhmut on Sunday.")
    assert [e.event for e in evs] == ["ASSAULT"]
    evs = _events("Russian troops shelled Kharkiv and killed four Polish aid workers on Sunday.")
    assert len([e for e in evs if e.event == "ASSAULT"]) == 2  # two sides hit: two events


@pytest.mark.parametrize("text", [
    "Analysts told reporters that the Indian leader's trip is aimed at boosting cooperation with Japan and Australia.",
    "Jane Doe, a senior fellow at the Brookings Institution, told reporters that Vietnam and the Philippines are "
    "both concerned about Chinese pressure at sea.",
])
def test_what_analysts_say_is_commentary_not_an_event(text: str) -> None:
    assert _events(text) == []


def test_a_verb_tagged_as_a_noun_and_a_purpose_adjunct_keep_the_main_subject() -> None:
    evs = _events("Chancellor Olaf Scholz is expected visit Brazil and Chile next month, in a move to "
                  "deepen trade links after meeting with U.S. President Joe Biden.")
    plan = next(e for e in evs if e.event == "AGREE")
    assert {r.country for r in plan.actor} == {"DEU"} and {r.country for r in plan.recipient} == {"BRA", "CHL"}
    meeting = next(e for e in evs if e.event == "CONSULT")
    assert {r.country for r in meeting.actor} == {"DEU"} and {r.country for r in meeting.recipient} == {"USA"}


def test_a_cameo_phrase_still_codes_a_verb_whose_own_frames_do_not_fit() -> None:
    evs = _events("Israeli intelligence officials have shared evidence with Jordan about the smuggling network.")
    e = next(e for e in evs if e.event == "COOPERATE")
    assert {r.country for r in e.actor} == {"ISR"} and {r.country for r in e.recipient} == {"JOR"}


def test_an_unnamed_organization_in_a_place_is_a_side_of_that_country() -> None:
    e = next(e for e in _events("The Nigerian government on Monday banned the largest separatist organization "
                                "in Nigeria."))
    assert e.event == "COERCE" and {r.country for r in e.recipient} == {"NGA"}


def test_the_purpose_of_a_rally_is_the_protest_of_those_who_gather() -> None:
    evs = _events("Thousands of Kenyans were converging Thursday for a rally in Nairobi to protest the new tax law.")
    e = next(e for e in evs if e.event == "PROTEST")
    assert {r.country for r in e.actor} == {"KEN"}


def test_calling_for_sanctions_against_a_country_addresses_it() -> None:
    e = next(e for e in _events("The French president on Sunday called for sanctions against Iran."))
    assert e.event == "REQUEST" and {r.country for r in e.recipient} == {"IRN"}


@pytest.mark.parametrize("text, kind", [
    ("Israel has reinforced its troops along the border with Lebanon.", "MOBILIZE"),
    ("Ukrainian forces have retaken a strategic village in the Kharkiv region from Russia.", "ASSAULT"),
    ("Turkish police dispersed a demonstration by Kurdish students in Ankara on Friday.", "COERCE"),
    ("The United Nations on Tuesday reduced food aid to Myanmar.", "SANCTION"),
])
def test_troops_territory_crowds_and_aid_phrases(text: str, kind: str) -> None:
    assert kind in [e.event for e in _events(text)]


def test_a_meeting_after_another_act_is_its_own_event() -> None:
    evs = _events("Chancellor Olaf Scholz strengthened ties with Brazil after meeting with U.S. President Joe Biden.")
    e = next(e for e in evs if e.event == "CONSULT")
    assert {r.country for r in e.recipient} == {"USA"}


def test_ending_mediation_efforts_is_a_halt_of_mediation() -> None:
    e = next(e for e in _events("Egyptian officials on Monday ended mediation efforts between Hamas and Israel."))
    assert e.event == "SANCTION" and {r.country for r in e.actor} == {"EGY"}


def test_a_name_misread_as_the_object_of_said_is_the_doer_of_the_reported_act() -> None:
    evs = _events("A European diplomatic source said Moscow in the last two years imposed onerous controls "
                  "on Polish trucks at the border.")
    e = next(e for e in evs if e.event == "COERCE")
    assert {r.country for r in e.actor} == {"RUS"} and {r.country for r in e.recipient} == {"POL"}


def test_an_official_announcing_the_leaders_intention_is_its_source_too() -> None:
    evs = _events("Speaking to reporters in Washington on Monday, National Security Adviser Jake Sullivan said "
                  "the president would meet with Xi Jinping later this year.", published="2023-06-14")
    e = next(e for e in evs if e.event == "AGREE")
    assert "Jake Sullivan" in [r.text for r in e.actor] and {r.country for r in e.recipient} == {"CHN"}


def test_stepping_up_efforts_is_what_the_efforts_are_for_not_a_show_of_force() -> None:
    evs = _events("India and China have stepped up efforts to build ties with Indian Ocean countries.")
    assert "MOBILIZE" not in [e.event for e in evs]


def test_what_another_side_is_called_on_to_do_is_not_its_act() -> None:
    evs = _events('"We called for Iran to show good faith by agreeing to new inspections," the French foreign '
                  'minister said on Friday.')
    assert "AGREE" not in [e.event for e in evs] and "REQUEST" in [e.event for e in evs]


def test_a_shipment_arriving_is_no_visit() -> None:
    assert _events("The first shipment of Russia's wheat bought by the Egyptian government arrived in Alexandria.") == []
    e = next(e for e in _events("Chinese President Xi Jinping arrived in Manila on Monday."))
    assert e.event == "CONSULT"


def test_an_act_done_in_an_effort_to_move_another_side_addresses_it() -> None:
    evs = _events("Iran staged two naval missile tests near the strait in an effort to pressure "
                  "Saudi Arabia into new talks.")
    e = next(e for e in evs if e.event == "MOBILIZE")
    assert {r.country for r in e.recipient} == {"SAU"}


def test_on_the_orders_of_a_judge_the_judge_acts() -> None:
    evs = _events("Carlos Ruiz returned to prison in Caracas on Monday on the orders of Judge Maria Lopez, "
                  "a Venezuelan judge.")
    e = next(e for e in evs if e.event == "COERCE")
    assert [r.text for r in e.actor] == ["Maria Lopez"] and "Carlos Ruiz" in [r.text for r in e.recipient]


def test_preparing_to_use_force_is_mobilizing_not_threatening() -> None:
    e = next(e for e in _events("Russia is preparing to attack Ukraine from the north, Ukrainian officials said."))
    assert e.event == "MOBILIZE" and {r.country for r in e.recipient} == {"UKR"}
    e = next(e for e in _events("Iran vowed to strike Israel if attacked."))
    assert e.event == "THREATEN"


@pytest.mark.parametrize("text", [
    "Critics blame the ruling party in Kenya for rising food prices.",
    "Analysts raise concerns about China's growing naval presence.",
])
def test_unnamed_commentators_do_not_act(text: str) -> None:
    assert _events(text) == []


@pytest.mark.parametrize("text", [
    "Such shipments would breach a U.N. arms embargo on Libya.",
    "The lawsuits claim that the state government has exceeded its powers.",
])
def test_things_do_not_speak_or_deal(text: str) -> None:
    assert _events(text) == []


def test_an_attack_noun_subject_still_acts() -> None:
    evs = _events("Coordinated airstrikes by the Nigerian army killed 30 Boko Haram fighters on Monday.")
    assert [e.event for e in evs] == ["ASSAULT"]


def test_a_meeting_someone_said_would_happen_in_a_month_is_dated_ahead() -> None:
    e = next(e for e in _events("Biden said he would meet with Kishida in November.", published="2023-06-14"))
    assert (e.event, e.certainty, e.date) == ("AGREE", "planned", "2023-11")


def test_a_negated_concern_aimed_at_no_one_is_no_event() -> None:
    evs = _events("Kenyan Finance Minister Jane Wambui spoke on Monday. “I'm not concerned about a few weeks "
                  "of swings in the currency,” she said.")
    assert not [e for e in evs if e.event == "ACCUSE"], [(e.event, e.certainty) for e in evs]
    evs = _events("Kenyan Foreign Minister Jane Wambui did not criticize Japan on Monday.")
    assert [(e.event, e.certainty) for e in evs] == [("ACCUSE", "negated")]


def test_the_two_leaders_are_the_pair_of_the_sentence_before() -> None:
    evs = _events("The Kenyan president met the Tanzanian president in Nairobi on Monday. "
                  "The two leaders agreed to reopen the border crossing.")
    agree = [e for e in evs if e.event == "AGREE"]
    assert agree and {r.country for e in agree for r in [*e.actor, *e.recipient]} == {"KEN", "TZA"}


@pytest.mark.parametrize("text", [
    # the infinitive is what the farmers ask for, hung by the parser on "calling" as an adverbial clause
    "Kenya's tea farmers and traders are calling on authorities at home and in Europe to loosen export "
    "restrictions put in place over the drought.",
    "More than a million Kenyan tourists visited Tanzania from January through June.",  # travel, not a meeting
    "A Kenyan activist said authorities should declare a state of emergency over the spate of kidnappings.",
])
def test_what_is_asked_for_travelled_or_talked_about_is_no_act(text: str) -> None:
    evs = _events(text)
    assert all(e.event in ("REQUEST", "ACCUSE") for e in evs), [(e.event, e.trigger) for e in evs]


def test_a_state_protesting_is_not_its_own_target() -> None:
    evs = _events("Kenya protested on Monday over the killing of two of its citizens.")
    assert [e.event for e in evs] == ["PROTEST"] and all(r.country != "KEN" for r in evs[0].recipient)


def test_a_counterfactual_meeting_did_not_happen() -> None:
    (e,) = [e for e in _events("Had the ferry strike ended sooner, Macron would have met Sanchez in Bilbao "
                               "last week.") if e.event == "CONSULT"]
    assert e.certainty == "negated"


def test_a_standing_pair_and_both_of_one_countrys_leaders_are_named_sides() -> None:
    from tieline.actors.groups import event_countries

    (agree,) = [e for e in _events("The two Koreas agreed on Tuesday to reopen the liaison office at "
                                   "the border village.") if e.event == "AGREE"]
    assert [r.actor_id for r in agree.actor] == ["group:koreas"] and event_countries(agree) == {"PRK", "KOR"}
    (accuse,) = [e for e in _events("Both Ghanaian leaders criticized the election commission on Monday.")
                 if e.event == "ACCUSE"]
    assert [r.country for r in accuse.actor] == ["GHA"]
