"""Events inside direct quotations, coded in the speaker's name; targets deep in a complement;
events whose only known side is an IGO (our own sentences, run through the whole pipeline)."""

from tieline.pipeline import DEFAULT_COMPONENTS, analyze


def _events(text: str, published: str = "2024-05-14"):
    return analyze(text, published, doc_id="q", components=DEFAULT_COMPONENTS)


def test_quotes_run_before_events() -> None:
    assert DEFAULT_COMPONENTS.index("quotes") < DEFAULT_COMPONENTS.index("events")


def test_a_quoted_threat_is_the_speakers() -> None:
    a = _events('"If they go ahead, we will impose sanctions on Canada," '
                'Mexican President Claudia Sheinbaum said on Monday.')
    threats = [e for e in a.events if e.event in ("THREATEN", "SANCTION")]
    assert threats, a.events
    e = threats[0]
    assert {r.country for r in e.actor} == {"MEX"}
    assert {r.country for r in e.recipient} == {"CAN"}
    q = a.quotes[0]
    assert e.id in q.event_ids and q.id in e.quote_ids


def test_a_quote_without_a_known_speaker_is_not_coded() -> None:
    a = _events('"We will attack Canada," a man shouted outside.')
    assert not [e for e in a.events if e.event == "ASSAULT"]


def test_the_target_of_a_threatened_act_is_the_recipient() -> None:
    a = _events("Brazil threatened on Tuesday to impose sanctions against Venezuela.")
    e = next(e for e in a.events if e.event == "THREATEN")
    assert [r.country for r in e.recipient] == ["VEN"]


def test_an_igo_acting_alone_is_recorded() -> None:
    a = _events("The African Union condemned the coup in Niger on Wednesday.")
    e = next(e for e in a.events if e.event == "ACCUSE")
    assert any((r.actor_id or "").startswith("igo:") for r in e.actor)


def test_quads_follow_the_2021_manual() -> None:
    from tieline.events.quads import quad

    assert quad("ACCUSE").key == quad("REQUEST").key == "verbal_conflict"
    assert quad("SANCTION").key == "material_conflict"
    assert quad("CONCEDE").key == "verbal_cooperation"


def test_what_analysts_say_would_happen_is_not_an_event() -> None:
    assert not _events("Analysts say Iran would welcome the closure of the base.").events
    assert [e.event for e in _events("Officials said Iran welcomed the closure of the base.").events] == ["SUPPORT"]


def test_a_side_reporting_an_attack_on_it_accuses_the_attacker() -> None:
    evs = _events("Ukraine said Russian forces attacked Ukrainian villages overnight.").events
    kinds = {e.event: e for e in evs}
    assert {"ASSAULT", "ACCUSE"} <= set(kinds)
    acc = kinds["ACCUSE"]
    assert [r.country for r in acc.actor] == ["UKR"] and [r.country for r in acc.recipient] == ["RUS"]
    assert kinds["ASSAULT"].confidence < 0.8


def test_a_claim_is_an_accusation_but_a_report_by_a_third_party_is_not() -> None:
    evs = _events("Syria claimed that Israel attacked an air base on Monday.").events
    assert any(e.event == "ACCUSE" and [r.country for r in e.actor] == ["SYR"] for e in evs)
    evs = _events("Brazil said Russia attacked Ukraine on Monday.").events
    assert not any(e.event == "ACCUSE" for e in evs)


def test_warnings_that_threaten_and_warnings_that_do_not() -> None:
    e = next(e for e in _events("Iran warned that it would respond if Israel attacked.").events)
    assert e.event == "THREATEN" and [r.country for r in e.recipient] == ["ISR"]
    e = next(e for e in _events("China warned Japan against interfering in its affairs.").events)
    assert e.event == "THREATEN" and [r.country for r in e.recipient] == ["JPN"]
    assert not _events("The WHO warned of a new wave of infections.").events


def test_a_noun_event_names_its_own_agent() -> None:
    e = next(e for e in _events("Following the Israeli airstrike on Damascus, Iran vowed revenge.").events
             if e.event == "ASSAULT")
    assert [r.country for r in e.actor] == ["ISR"] and [r.country for r in e.recipient] == ["SYR"]
    e = next(e for e in _events("The attack by Russian forces on the port of Odesa killed four people.").events)
    assert e.event == "ASSAULT" and [(r.country, r.sector) for r in e.actor] == [("RUS", "MIL")]


def test_a_protest_with_no_stated_target_is_against_the_government_of_its_place() -> None:
    e = next(e for e in _events("Thousands of Kenyans protested in Nairobi on Tuesday.").events)
    assert e.event == "PROTEST" and [r.country for r in e.recipient] == ["KEN"]


def test_an_arrest_with_no_named_victim_targets_the_people_of_its_place() -> None:
    e = next(e for e in _events("Sudan's government lifted a state of emergency in Darfur on Sunday.").events)
    assert e.event == "CONCEDE" and [(r.country, r.sector) for r in e.recipient] == [("SDN", "CVL")]


def test_a_demand_targets_the_subject_of_its_that_clause() -> None:
    e = next(e for e in _events("Chile demanded on Tuesday that Peru withdraw its troops.").events)
    assert e.event == "REQUEST" and [r.country for r in e.recipient] == ["PER"]


def test_a_since_phrase_starts_a_span_and_dates_nothing() -> None:
    evs = _events("Norway has criticized Iran repeatedly since it took office in 2021.").events
    assert evs and all(e.date != "2021" for e in evs)


def test_a_later_sentence_without_a_time_takes_the_day_the_lede_gives() -> None:
    text = ("Chile's president hosted a summit of Andean leaders in Santiago on Thursday. "
            "The talks were long.\n\nPeru and Bolivia signed a new border agreement with Chile there.")
    a = analyze(text, "2025-06-13", doc_id="lede", components=DEFAULT_COMPONENTS)
    agree = next(e for e in a.events if e.event == "AGREE")
    assert agree.date == "2025-06-12" and agree.date_source == "inferred"


def test_a_body_in_the_object_leaves_room_for_the_country_named_after_it() -> None:
    e = next(e for e in _events("Chile requested World Trade Organization consultations with Peru.").events)
    assert e.event == "REQUEST" and "PER" in {r.country for r in e.recipient}


def test_dates_of_when_clauses_possessors_and_recent_present_perfects() -> None:
    e = next(e for e in _events("Mali fell into chaos in 2012 when rebels seized the north and soldiers "
                                "ousted the president.").events if e.trigger in ("seized", "ousted"))
    assert e.date == "2012"
    text = ("Chile and Peru traded accusations over fishing rights on Tuesday in a long dispute. "
            "The quarrel over the maritime boundary has lasted for many decades now. "
            "Fishermen from both countries say that catches have fallen in recent seasons. "
            "The sea is rich in anchovies and the industry employs many thousands of people. "
            "Peru has deployed troops to the border with Chile.")
    e = next(e for e in _events(text).events if e.event == "MOBILIZE")
    assert e.date == "2024-05" and e.date_source == "published"


def test_what_an_actor_is_prevented_from_doing_is_no_event() -> None:
    assert not [e for e in _events("Brazil wants to stop Venezuela from attacking Guyana.").events
                if e.event == "ASSAULT"]


def test_an_armed_group_attack_with_no_named_victim_targets_the_people_of_its_place() -> None:
    e = next(e for e in _events("Al-Shabab fighters attacked a hotel in the Somali town of Kismayo on Friday.").events
             if e.event == "ASSAULT")
    assert [(r.country, r.sector) for r in e.recipient] == [("SOM", "CVL")]
    e = next(e for e in _events("North Korea fired two ballistic missiles into the sea on Friday.").events)
    assert e.recipient == []


def test_gunmen_opposition_parties_and_calls_for_someone_to_act() -> None:
    e = next(e for e in _events("Gunmen stormed a hotel in the Kenyan city of Mombasa on Tuesday.").events)
    assert e.event == "ASSAULT" and [r.sector for r in e.actor] == ["UAF"]
    e = next(e for e in _events("Opposition parties in Kenya rejected the budget on Friday.").events)
    assert e.event == "REJECT" and [r.sector for r in e.actor] == ["OPP"]
    e = next(e for e in _events("The UN envoy called for Iran to release the prisoners.").events)
    assert e.event == "REQUEST" and [r.country for r in e.recipient] == ["IRN"]


def test_it_after_a_speaker_country_is_that_country_and_scare_quotes_are_narration() -> None:
    e = next(e for e in _events('Iran said it conducted a "successful test" on Friday.').events)
    assert e.event == "MOBILIZE" and [r.country for r in e.actor] == ["IRN"]


def test_aid_or_troops_sent_into_a_country_target_that_country() -> None:
    e = next(e for e in _events("Sri Lanka opened an embassy in Tehran on Wednesday.").events)
    assert [r.country for r in e.recipient] == ["IRN"]


def test_a_political_speaker_quoting_the_other_sides_act_accuses_it() -> None:
    text = ('"Russia is attacking our cities every night," Ukrainian President Volodymyr Zelenskyy '
            'said on Monday.')
    evs = _events(text).events
    acc = [e for e in evs if e.event == "ACCUSE"]
    assert acc and [r.country for r in acc[0].actor] == ["UKR"] and [r.country for r in acc[0].recipient] == ["RUS"]


def test_he_in_a_speakers_own_words_is_not_the_speaker_and_a_bare_place_is_not_a_party() -> None:
    evs = _events('"He was hunted down by our soldiers," the Kenyan president William Ruto said on Friday.').events
    assert all("William Ruto" not in {r.name for r in e.recipient} for e in evs)


def test_no_done_event_is_dated_after_publication() -> None:
    text = ("The court gave the ministers until June 30 to reply. Kenya criticized Somalia over the border "
            "dispute, officials said.")
    for e in _events(text, "2024-05-14").events:
        assert e.certainty == "planned" or not e.date or e.date <= "2024-05-14"


def test_a_sentence_with_its_own_time_frame_does_not_inherit_an_earlier_year() -> None:
    text = ("The port has seen many attacks. The worst attack, in 2009, killed 25 people. "
            "Hours after this week's siege ended, Kenya said its forces killed ten militants.")
    e = next(e for e in _events(text, "2025-03-12").events if e.trigger == "killed" and e.sentence == 2)
    assert e.date != "2009"


def test_a_time_inside_the_noun_an_act_is_about_dates_it() -> None:
    e = next(e for e in _events("Al-Shabab claimed responsibility for the hotel attack on Tuesday.",
                                "2025-03-12").events)
    assert e.date == "2025-03-11"


def test_people_named_by_a_nationality_adjective_and_agreements_upon_a_pact() -> None:
    e = next(e for e in _events("Thousands of Iraqi Kurds demonstrated in Kirkuk on Sunday.").events)
    assert e.event == "PROTEST" and [r.country for r in e.actor] == ["IRQ"]
    e = next(e for e in _events("Chile and Peru have agreed upon a new trade pact.").events)
    assert e.event == "AGREE" and {r.country for r in e.actor} == {"CHL", "PER"}
    e = next(e for e in _events("Angry French farmers blocked roads near Paris on Monday.").events)
    assert e.event == "PROTEST" and e.mode == "obstruct"


def test_concern_over_another_states_conduct_and_protests_at_its_embassy() -> None:
    e = next(e for e in _events("Canada expressed concern over China's treatment of the Uyghurs.").events)
    assert e.event == "ACCUSE" and [r.country for r in e.recipient] == ["CHN"]
    e = next(e for e in _events("Hundreds of Georgians protested outside the Russian embassy in Tbilisi.").events)
    assert e.event == "PROTEST" and [r.country for r in e.recipient] == ["RUS"]


def test_a_domestic_opposition_with_no_named_target_opposes_its_own_government() -> None:
    e = next(e for e in _events("Opposition parties in Kenya rejected the budget on Friday.").events)
    assert e.event == "REJECT" and [r.country for r in e.actor] == ["KEN"]
    assert [(r.country, r.sector) for r in e.recipient] == [("KEN", "GOV")]
    assert not next(e for e in _events("Kenya rejected the proposal on Friday.").events).recipient


def test_deployed_troops_are_the_side_that_mobilizes() -> None:
    e = next(e for e in _events("Several hundred Nigerian troops were deployed to the border on Thursday.").events)
    assert e.event == "MOBILIZE" and [r.country for r in e.actor] == ["NGA"]


def test_a_quoted_account_of_unnamed_attackers_or_ones_own_soldiers_accuses_no_one() -> None:
    evs = _events('"Our brave soldiers shot dead two militants," Kenyan President William Ruto said.').events
    assert not [e for e in evs if e.event == "ACCUSE"]


def test_a_relaxation_of_sanctions_is_not_a_sanction() -> None:
    evs = _events("Washington refused any relaxation of sanctions on Iran.").events
    assert not [e for e in evs if e.event == "SANCTION"]


def test_the_time_an_accusation_is_about_is_not_its_date() -> None:
    text = "China's envoy blamed the United States for disrupting the deal by withdrawing from it in 2018."
    e = next(e for e in _events(text, "2025-03-12").events if e.event == "ACCUSE")
    assert e.date != "2018"


def test_announced_coercion_is_a_threat() -> None:
    e = next(e for e in _events("Kenya announced that it will extend the curfew in Nairobi.").events)
    assert (e.event, e.certainty) == ("THREATEN", "planned")


def test_the_purpose_of_a_protest_ranks_below_the_protest() -> None:
    evs = _events("Thousands of Kenyans rallied against the government in Nairobi to demand lower taxes.").events
    best = max(evs, key=lambda e: e.confidence)
    assert best.event == "PROTEST"


def test_an_intention_whose_complement_gives_no_event_is_coded_itself() -> None:
    e = next(e for e in _events("Jordan and Britain have agreed to undertake joint military exercises.").events)
    assert e.event == "AGREE" and {r.country for r in e.actor} == {"JOR", "GBR"}


def test_saying_another_side_must_act_is_a_request_to_it() -> None:
    e = next(e for e in _events("A senior British minister reiterated that Libya must hand over the suspects.").events)
    assert e.event == "REQUEST" and [r.country for r in e.recipient] == ["LBY"]


def test_beating_up_detainees_is_an_assault_and_a_won_match_is_not() -> None:
    e = next(e for e in _events("Israeli soldiers beat up Palestinian detainees in the West Bank.").events)
    assert (e.event, e.mode) == ("ASSAULT", "beat")
    assert not _events("Brazil beat Argentina two to one on Sunday.").events
