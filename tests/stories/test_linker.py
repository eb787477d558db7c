from __future__ import annotations

import dataclasses

from tieline.records import ActorRef, Amount, Document, Event, Mention
from tieline.stories import StoryLinker, compatible

US = ActorRef("country:USA", "United States", "Washington", "USA", "GOV")
KZ = ActorRef("country:KAZ", "Kazakhstan", "Astana", "KAZ", "GOV")
POTUS = ActorRef("person:a-president", "A President", "the president", "USA", "GOV")
RU = ActorRef("country:RUS", "Russia", "Moscow", "RUS", "GOV")


def ev(i: str, doc: str, kind: str = "CONSULT", date: str | None = "2018-01-16", start: int = 0,
       actor: ActorRef = KZ, recipient: ActorRef = US, amounts: list[Amount] | None = None,
       source: str = "text") -> Event:
    return Event(i, doc, kind, [actor], [recipient], "s", start, start + 1, date=date, date_source=source,  # type: ignore[arg-type]
                 amounts=amounts or [])


DOCS = {d: Document(d, "x", source=f"src-{d}", published="2018-01-17") for d in ("a", "b", "c")}


def test_same_happening_in_two_sources_is_one_story_with_date_conflict() -> None:
    stories = StoryLinker().link([ev("a1", "a", date="2018-01-16"), ev("a2", "a", "SUPPORT", start=5),
                                  ev("b1", "b", date="2018-01-17")], DOCS)
    assert len(stories) == 1
    s = stories[0]
    assert s.sources == 2 and sorted(s.doc_ids) == ["a", "b"] and len(s.event_ids) == 3
    assert s.event == "CONSULT"
    (c,) = s.conflicts
    assert c.field == "date" and [v["value"] for v in c.values] == ["2018-01-16", "2018-01-17"]


def test_two_meetings_a_week_apart_stay_apart() -> None:
    stories = StoryLinker().link([ev("a1", "a", date="2018-01-09"), ev("b1", "b", date="2018-01-16")], DOCS)
    assert len(stories) == 2 and all(not s.conflicts for s in stories)


def test_day_and_month_precision_are_compatible() -> None:
    assert compatible("2018-01-16", "2018-01") and compatible("2018", "2018-01-16")
    assert not compatible("2018-02", "2018-01-16")
    stories = StoryLinker().link([ev("a1", "a", date="2018-01-16"), ev("b1", "b", date="2018-01")], DOCS)
    assert len(stories) == 1 and not stories[0].conflicts and stories[0].date == "2018-01-16"


def test_amounts_that_disagree_are_a_conflict() -> None:
    a = ev("a1", "a", "COOPERATE", amounts=[Amount(7.5e9, "USD", "$7.5 billion")])
    b = ev("b1", "b", "COOPERATE", amounts=[Amount(7.0e9, "USD", "$7 billion")])
    (s,) = StoryLinker().link([a, b], DOCS)
    assert [c.field for c in s.conflicts] == ["amount"]


def test_unrelated_dyad_in_the_same_article_is_its_own_story() -> None:
    stories = StoryLinker().link([ev("a1", "a"), ev("a2", "a", "ASSAULT", "2014-03", 9, RU,
                                                    ActorRef(None, None, "Ukraine", "UKR", "GOV"))], DOCS)
    assert len(stories) == 2


def test_ids_are_deterministic() -> None:
    events = [ev("a1", "a"), ev("b1", "b", date="2018-01-17")]
    assert [s.id for s in StoryLinker().link(events, DOCS)] == [s.id for s in StoryLinker().link(events[::-1], DOCS)]


def test_summary_reads_like_a_sentence() -> None:
    (s,) = StoryLinker().link([ev("a1", "a", actor=KZ, recipient=POTUS)], DOCS)
    assert s.summary == "2018-01-16 — Kazakhstan meets A President"


SENATOR = ActorRef("person:a-senator", "A Senator", "the senator", "USA", "LEG")
SECRETARY = ActorRef("person:a-secretary", "A Secretary", "the secretary", "USA", "GOV")


def letter(i: str, doc: str, date: str, text: str) -> Event:
    return Event(i, doc, "REQUEST", [SENATOR], [SECRETARY], text, 0, len(text), date=date, date_source="text",
                 trigger="urged")


def test_two_different_letters_between_the_same_pair_a_day_apart_stay_two_stories() -> None:
    a = letter("a1", "a", "2031-04-02", "The senator urged the secretary in a letter to restore funding "
                                         "for the river dam project in the northern valley.")
    b = letter("b1", "b", "2031-04-03", "In another letter, the senator urged the secretary to speed up "
                                         "visas for interpreters stranded abroad.")
    stories = StoryLinker().link([a, b], DOCS)
    assert len(stories) == 2 and all(not s.conflicts for s in stories)


def test_one_letter_in_two_reports_is_one_story() -> None:
    a = letter("a1", "a", "2031-04-02", "The senator urged the secretary in a letter to restore funding "
                                         "for the river dam project in the northern valley.")
    b = letter("b1", "b", "2031-04-03", "A letter urging the secretary to restore the dam project's "
                                         "funding was sent by the senator.")
    (s,) = StoryLinker().link([a, b], DOCS)
    assert s.sources == 2 and [c.field for c in s.conflicts] == ["date"]


def test_a_conflict_lists_each_article_on_one_side_only() -> None:
    stories = StoryLinker().link([ev("a1", "a", date="2018-01-16"), ev("a2", "a", date="2018-01-18", start=50),
                                  ev("b1", "b", date="2018-01-17")], DOCS)
    for s in stories:
        for c in s.conflicts:
            cited = [d for v in c.values for d in v["doc_ids"]]
            assert len(cited) == len(set(cited)), c


def test_a_stored_story_that_comes_back_unchanged_keeps_its_summary() -> None:
    events = [ev("a1", "a"), ev("b1", "b", date="2018-01-17")]
    (s,) = StoryLinker().link(events, DOCS)
    stored = dataclasses.replace(s, summary="2018-01-16 — as stored")
    (again,) = StoryLinker().link(events, DOCS, previous=[stored])
    assert again.summary == "2018-01-16 — as stored" and again.id == s.id
    (grown,) = StoryLinker().link(events + [ev("c1", "c", date="2018-01-16")], DOCS, previous=[stored])
    assert grown.summary != stored.summary


def test_a_story_takes_the_date_its_text_or_context_gives_before_the_publication_date() -> None:
    from tieline.records import ActorRef, Document, Event
    from tieline.stories.linker import StoryLinker

    usa = ActorRef("country:USA", "United States", "US", "USA", "GOV")
    kaz = ActorRef("country:KAZ", "Kazakhstan", "Kazakhstan", "KAZ", "GOV")
    evs = [Event("e1", "d", "AGREE", [kaz], [usa], "Kazakhstan will join.", 0, 20, sentence=0,
                 date="2025-11-07", date_source="published", certainty="planned"),
           Event("e2", "d", "CONSULT", [usa], [kaz], "They met.", 21, 30, sentence=1,
                 date="2025-11-06", date_source="inferred")]
    docs = {"d": Document("d", "x", published="2025-11-07")}
    stories = StoryLinker(parse=False).link(evs, docs)
    assert [s.date for s in stories if "e2" in s.event_ids] == ["2025-11-06"]


NOR = ActorRef("country:NOR", "Norway", "Norway", "NOR", "GOV")
ENVOY = ActorRef("person:an-envoy", "An Envoy", "the envoy", None, "IGO")
REBELS = ActorRef(None, "rebels", "rebels", "NOR", "REB")
VILLAGERS = ActorRef(None, "villagers", "villagers", "NOR", "CVL")


def said(i: str, doc: str, kind: str, actor: list[ActorRef], recipient: list[ActorRef], text: str, trigger: str,
         start: int, date: str = "2031-04-02", source: str = "inferred") -> Event:
    return Event(i, doc, kind, actor, recipient, text, start, start + len(text), date=date,  # type: ignore[arg-type]
                 date_source=source, trigger=trigger)


def test_two_different_appeals_by_one_envoy_in_one_article_stay_apart() -> None:
    a = said("a1", "a", "REQUEST", [ENVOY], [NOR], "The envoy called on Norway to lift the ban on his visits.",
             "called", 0)
    b = said("a2", "a", "REQUEST", [ENVOY], [NOR], "In his last report the envoy highlighted the curbs on "
             "fishing cooperatives in the north.", "highlighted", 100)
    assert len(StoryLinker().link([a, b], DOCS)) == 2


def test_one_appeal_told_twice_in_one_article_is_one_story() -> None:
    a = said("a1", "a", "REQUEST", [NOR], [VILLAGERS], "Officials are pleading with villagers to go home.",
             "pleading", 0, "2031-04-02", "text")
    b = said("a2", "a", "REQUEST", [NOR], [VILLAGERS], "Norway is pleading with villagers to return where troops "
             "protect them.", "pleading", 300, "2031-04", "published")
    assert len(StoryLinker().link([a, b], DOCS)) == 1


def test_an_appeal_and_the_fighting_behind_it_are_two_happenings() -> None:
    a = said("a1", "a", "REQUEST", [NOR], [VILLAGERS], "Officials are pleading with villagers to go home.",
             "pleading", 0)
    b = said("a2", "a", "ASSAULT", [REBELS], [VILLAGERS], "Rebels attacked ten villages near the border.",
             "attacked", 100)
    assert len(StoryLinker().link([a, b], DOCS)) == 2


def test_statements_by_two_speakers_of_one_country_are_two_happenings() -> None:
    spokesman = ActorRef(None, "a spokesman", "a spokesman", "USA", "GOV")
    a = said("a1", "a", "THREATEN", [POTUS], [RU], "The president threatened to use force against Russia.",
             "threatened", 0, "2031-04", "text")
    b = said("a2", "a", "ACCUSE", [spokesman], [RU], "A spokesman accused Russia of stalling the talks.",
             "accused", 100)
    assert len(StoryLinker().link([a, b], DOCS)) == 2


def test_a_meeting_holds_what_its_participants_said_at_it() -> None:
    g7 = ActorRef("igo:g7", "Group of Seven", "the G7", None, "IGO")
    a = said("a1", "a", "CONSULT", [g7], [], "G7 ministers met in a lakeside town.", "met", 0)
    b = said("a2", "a", "REQUEST", [US], [g7], "Washington urged its G7 partners to focus on the ceasefire.",
             "urged", 100)
    c = said("a3", "a", "SUPPORT", [RU], [US], "Moscow welcomed the proposal of Washington.", "welcomed", 200)
    stories = StoryLinker().link([a, b, c], DOCS)
    assert sorted(len(s.event_ids) for s in stories) == [1, 2]
    (meeting,) = [s for s in stories if len(s.event_ids) == 2]
    assert set(meeting.event_ids) == {"a1", "a2"}


def test_one_country_s_own_attack_in_two_sources_needs_the_same_day_and_words() -> None:
    a = said("a1", "a", "ASSAULT", [REBELS], [VILLAGERS], "Rebels stormed a ferry terminal in Bergen.", "stormed", 0,
             "2031-04-02", "text")
    b = said("b1", "b", "ASSAULT", [REBELS], [VILLAGERS], "Rebels claimed the ferry terminal siege in Bergen.",
             "claimed", 0, "2031-04-02", "text")
    c = said("c1", "c", "ASSAULT", [REBELS], [VILLAGERS], "Rebels shelled a ferry terminal in Bergen.", "shelled",
             0, "2031-04-03", "text")
    stories = StoryLinker().link([a, b, c], DOCS)
    assert sorted(len(s.doc_ids) for s in stories) == [1, 2]


def test_a_summary_names_a_resolved_actor_from_another_event_of_the_story() -> None:
    someone = ActorRef(None, None, "Unnamed officials", None, None)
    a = said("a1", "a", "CONSULT", [someone], [NOR, US], "Unnamed officials met the envoys of Norway and the US.",
             "met", 0, "2031-04-02", "text")
    b = said("a2", "a", "SUPPORT", [US], [NOR], "Washington praised Norway for hosting the talks.", "praised", 100,
             "2031-04-02", "text")
    (s,) = StoryLinker(parse=False).link([a, b], DOCS)
    assert "United States" in s.summary and "Unnamed" not in s.summary


FI = ActorRef("country:FIN", "Finland", "Helsinki", "FIN", "GOV")
NO = ActorRef("country:NOR", "Norway", "Oslo", "NOR", "GOV")
SE = ActorRef("country:SWE", "Sweden", "Stockholm", "SWE", "GOV")


def test_tariffs_and_the_counter_tariffs_in_one_article_are_two_happenings() -> None:
    tariffs = ev("t1", "a", "SANCTION", date="2031-05-06", actor=NO, recipient=FI)
    answer = dataclasses.replace(ev("t2", "a", "SANCTION", date="2031-05-06", start=40, recipient=NO),
                                 actor=[])  # "Helsinki quickly retaliated with duties on Norwegian salmon"
    assert len(StoryLinker(parse=False).link([tariffs, answer], DOCS)) == 2


def test_two_governments_accepting_one_proposal_are_two_happenings() -> None:
    a = ev("p1", "a", "AGREE", date="2031-05-06", actor=FI, recipient=NO)
    b = ev("p2", "a", "AGREE", date="2031-05-06", start=40, actor=SE, recipient=NO)
    assert len(StoryLinker(parse=False).link([a, b], DOCS)) == 2


def test_a_meeting_does_not_take_in_what_a_non_participant_said_that_day() -> None:
    said = ev("m1", "a", "AGREE", date="2031-05-06", actor=SE, recipient=NO)
    meeting = ev("m2", "a", "CONSULT", date="2031-05-06", start=40, actor=FI, recipient=NO)
    stories = StoryLinker(parse=False).link([said, meeting], DOCS)
    assert len(stories) == 2


def test_an_undated_act_takes_the_date_its_sentence_gives_another() -> None:
    # "The north fell into chaos in 2019, when rebels seized the capital and drove the governor out."
    seized = ev("s1", "a", "COERCE", date="2019", actor=NO, recipient=NO)
    drove = dataclasses.replace(ev("s2", "a", "COERCE", date="2031-05", source="published", start=30,
                                   actor=NO, recipient=NO), sentence=seized.sentence)
    today = ev("s3", "a", "MOBILIZE", date="2031-05-04", start=200, actor=NO, recipient=NO)
    stories = StoryLinker(parse=False).link([seized, drove, today], DOCS)
    assert {frozenset(s.event_ids) for s in stories} == {frozenset({"s1", "s2"}), frozenset({"s3"})}


def test_an_undated_order_in_a_report_of_fighting_is_its_own_happening() -> None:
    fighting = dataclasses.replace(ev("f1", "a", "ASSAULT", date="2031-05-04", actor=NO, recipient=NO),
                                   event_text="Rebels attacked a dozen villages near the northern lakes on Tuesday.")
    order = dataclasses.replace(ev("f2", "a", "COERCE", date="2031-05", source="published", start=90, actor=NO,
                                   recipient=NO),
                                sentence=3, event_text="The interior minister says the army was ordered to seal the eastern "
                                           "border crossings to traders.")
    retold = dataclasses.replace(ev("f3", "a", "ASSAULT", date="2031-05", source="published", start=190, actor=NO,
                                    recipient=NO),
                                 sentence=5, event_text="Residents say the rebels burned villages near the lakes.")
    stories = StoryLinker(parse=False).link([fighting, order, retold], DOCS)
    assert {frozenset(s.event_ids) for s in stories} == {frozenset({"f1", "f3"}), frozenset({"f2"})}


def test_another_kind_of_force_joins_the_fighting_only_through_its_parties_or_its_words() -> None:
    militia = ActorRef("org:lake-militia", "Lake Militia", "the Lake Militia", "NOR", "REB")
    raid = dataclasses.replace(ev("k1", "a", "ASSAULT", date="2031-05-06", actor=militia, recipient=NO),
                               event_text="The Lake Militia stormed a ferry terminal in the north on Tuesday.")
    troops = dataclasses.replace(ev("k2", "a", "MOBILIZE", date="2031-05-06", start=80, actor=NO, recipient=militia),
                                 sentence=2, event_text="Hundreds of soldiers were sent to drive the militia out.")
    closure = dataclasses.replace(ev("k3", "a", "COERCE", date="2031-05-06", start=160, actor=NO, recipient=NO),
                                  sentence=4, event_text="Separately, regulators shut down nine radio stations "
                                                         "accused of spreading propaganda.")
    stories = StoryLinker(parse=False).link([raid, troops, closure], DOCS)
    assert {frozenset(s.event_ids) for s in stories} == {frozenset({"k1", "k2"}), frozenset({"k3"})}



def test_a_threat_answered_in_kind_is_its_own_happening() -> None:
    a = said("x1", "a", "THREATEN", [NOR], [RU], "Oslo warned Moscow it would close its ports to Russian trawlers.",
             "warned", 0)
    b = said("x2", "a", "THREATEN", [RU], [NOR], "Moscow threatened to cut gas deliveries to Norway.", "threatened",
             100)
    assert len(StoryLinker().link([a, b], DOCS)) == 2


def test_a_speaker_s_statement_is_checked_against_its_own_not_the_other_side_s() -> None:
    ban = said("r1", "a", "REJECT", [NOR], [ENVOY], "Norway barred the envoy from entering the country.", "barred", 0,
               "2031-04-02", "text")
    appeal = said("r2", "a", "REQUEST", [ENVOY], [NOR], "The envoy called on Norway to lift the travel ban.", "called",
                  100)
    charge = said("r3", "a", "ACCUSE", [NOR], [ENVOY], "The ministry accused the envoy of spreading propaganda.",
                  "accused", 200)
    answer = said("r4", "a", "ACCUSE", [ENVOY], [NOR], "The envoy said the decision was a worrying step backwards.",
                  "said", 300)
    assert len(StoryLinker().link([ban, appeal, charge, answer], DOCS)) == 1


def test_a_summary_names_the_subject_only_by_its_own_article_s_words() -> None:
    army = ActorRef("country:NOR", "Norway", "the military", "NOR", "MIL")
    a = said("m1", "a", "MOBILIZE", [army], [], "The military deployed troops to the northern border.", "deployed", 0)
    b = said("m2", "b", "AID", [], [VILLAGERS], "The military rescued the villagers trapped by the floods.", "rescued",
             0, "2031-06-09", "text")
    (story,) = [s for s in StoryLinker().link([a, b], DOCS) if "m2" in s.event_ids]
    assert "Norway" not in (story.summary or "") and "rescues the villagers" in (story.summary or "")


def test_the_one_arrested_is_not_the_one_who_told_of_it() -> None:
    text = "The fisherman told the court that he was arrested in his boat off Tromso."
    man = ActorRef("person:a-fisherman", "Ola Fisher", "he", "NOR", None)
    e = said("p1", "a", "COERCE", [], [man], text, "arrested", 0)
    (story,) = StoryLinker().link([e], DOCS)
    assert (story.summary or "").split(" — ", 1)[1].startswith("Ola Fisher is arrested")


def test_a_trip_planned_to_other_countries_is_not_the_meeting_told_beside_it() -> None:
    fr = ActorRef("country:FRA", "France", "Paris", "FRA", "GOV")
    plan = dataclasses.replace(ev("a1", "a", "AGREE", date="2018-01", actor=KZ, recipient=fr), certainty="planned")
    meeting = ev("a2", "a", "CONSULT", date="2018-01", start=3, actor=KZ, recipient=US)
    stories = StoryLinker().link([plan, meeting], DOCS)
    assert len(stories) == 2


NO = ActorRef("country:NOR", "Norway", "Oslo", "NOR", "GOV")
FI = ActorRef("country:FIN", "Finland", "Helsinki", "FIN", "GOV")


def test_a_story_reads_the_sentence_that_names_who_acted() -> None:
    # the coder left both doers open; the first sentence cannot say who, the second can
    first = "“We want the timber tariffs on Finland lifted for good,” an exporter told reporters."
    second = "Norway first imposed tariffs on Finnish timber, then suspended them for a month."
    text = f"{first} {second}"
    a = Event("a1", "a", "SANCTION", [], [FI], first, 0, len(first), date="2031-04-02", date_source="text",
              trigger="tariffs", sentence=0)
    b = Event("a2", "a", "SANCTION", [], [FI], second, len(first) + 1, len(text), date="2031-04-02",
              date_source="text", trigger="tariffs", sentence=1)
    oslo = Mention("a", 1, b.start, b.start + 6, "Norway", "GPE", "country:NOR", "Norway", "NOR", "GOV")
    (s,) = StoryLinker().link([a, b], {"a": Document("a", text, source="x", published="2031-04-03")}, [oslo])
    assert s.summary == "2031-04-02 — Norway imposes tariffs on Finnish timber"


def test_a_sentence_that_names_only_whom_it_was_done_to_is_not_read_for_its_doer() -> None:
    first = "During the trip, you met the Finnish president and other officials."
    second = "I had met Kari Lund before."
    lund = ActorRef("person:kari-lund", "Kari Lund", "Kari Lund", "FIN", "GOV")
    text = f"{first} {second}"
    a = Event("a1", "a", "CONSULT", [], [lund], first, 0, len(first), date="2031-04-02", date_source="text",
              trigger="met", sentence=0)
    b = Event("a2", "a", "CONSULT", [], [lund], second, len(first) + 1, len(text), date="2031-04-02",
              date_source="text", trigger="met", sentence=1)
    m = Mention("a", 1, b.start + 10, b.start + 19, "Kari Lund", "PERSON", "person:kari-lund", "Kari Lund", "FIN", "GOV")
    (s,) = StoryLinker().link([a, b], {"a": Document("a", text, source="x", published="2031-04-03")}, [m])
    assert "Kari Lund is met" not in s.summary


# One sentence, one verb used twice for two happenings; the article then tells of each.
TWICE = ("Army units said they stormed the occupied school in Kandor and freed all nine hostages, and later "
         "freed 40 prisoners from a rebel camp in the hills.")
SCHOOL = "The nine hostages freed from the school in Kandor were teachers, the army said."
CAMP = "The 40 prisoners freed from the rebel camp in the hills were farmers, the army said."
ARMY = ActorRef("country:XAR", "Xaria", "Army units", "XAR", "MIL")
CAMP_GUARDS = ActorRef(None, "rebels", "rebel", "XAR", "REB")


def _at(i: str, text: str, trigger: str, nth: int, sentence: int, base: int) -> Event:
    at = -1
    for _ in range(nth):
        at = text.index(trigger, at + 1)
    return Event(i, "a", "AID", [ARMY], [CAMP_GUARDS], text, base, base + len(text), sentence=sentence,
                 date="2018-01-16", date_source="text", trigger=trigger, trigger_start=base + at)


def test_one_verb_twice_in_a_sentence_is_two_happenings_and_what_follows_joins_its_own() -> None:
    from tieline.stories.linker import own_clauses

    school = _at("s1", TWICE, "freed", 1, 0, 0)
    camp = _at("s2", TWICE, "freed", 2, 0, 0)
    later_school = _at("s3", SCHOOL, "freed", 1, 1, 200)
    later_camp = _at("s4", CAMP, "freed", 1, 2, 300)
    own = own_clauses([school, camp, later_school, later_camp])
    assert set(own) == {"s1", "s2"} and "school" in own["s1"] and "camp" not in own["s1"]
    assert own["s2"].startswith("freed 40 prisoners")
    stories = StoryLinker(parse=False).link([school, camp, later_camp, later_school], DOCS)
    assert sorted(sorted(s.event_ids) for s in stories) == [["s1", "s3"], ["s2", "s4"]]
    # without trigger offsets (a store written before they were kept) the sentence is one happening
    plain = [dataclasses.replace(e, trigger_start=None) for e in (school, camp, later_school, later_camp)]
    assert len(StoryLinker(parse=False).link(plain, DOCS)) <= 2
