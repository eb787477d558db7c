"""Story summaries read like news lines: resolved actor, present tense, what it is about, certainty in words."""

from __future__ import annotations

import pytest

from tieline.records import ActorRef, Event, Mention
from tieline.stories.summary import parse_all, present, summarize

NO = ActorRef("country:NOR", "Norway", "Norway", "NOR", "GOV")
FI = ActorRef("country:FIN", "Finland", "Helsinki", "FIN", "GOV")
MINISTER = ActorRef("country:NOR", "Norway", "Norway's foreign minister", "NOR", "GOV")

CASES = [
    ("THREATEN", [MINISTER], "Norway's foreign minister threatened on Tuesday to close the port of Tromso to "
     "Finnish ships if Helsinki raises its tariffs.", "threatened", "asserted",
     "Norway threatens to close the port of Tromso to Finnish ships"),
    ("AGREE", [NO], "Norway did not sign the fisheries accord with Finland on Monday, officials said.", "sign",
     "negated", "Norway does not sign the fisheries accord with Finland"),
    ("CONSULT", [NO], "Norway's prime minister will visit Helsinki next week to discuss Arctic shipping.", "visit",
     "planned", "Norway plans to visit Helsinki to discuss Arctic shipping"),
    ("REQUEST", [NO], "Norway urged Finland to accept a 30-day moratorium on seal hunting.", "urged", "asserted",
     "Norway urges Finland to accept a 30-day moratorium on seal hunting"),
    ("ACCUSE", [NO], "Norway may accuse Finland of dumping timber, a trade official said.", "accuse", "hedged",
     "Norway may accuse Finland of dumping timber"),
    ("SANCTION", [NO], "Norway imposed sanctions on Finland.", "sanctions", "asserted",
     "Norway imposes sanctions on Finland"),
]


def _event(kind: str, actor: list[ActorRef], text: str, trigger: str, certainty: str, **kw: object) -> Event:
    return Event("e", "d", kind, actor, [FI], text, 0, len(text), trigger=trigger, certainty=certainty,  # type: ignore[arg-type]
                 mode="visit" if trigger == "visit" else None, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(("kind", "actor", "text", "trigger", "certainty", "want"), CASES)
def test_a_clause_from_the_headline_sentence(kind: str, actor: list[ActorRef], text: str, trigger: str,
                                             certainty: str, want: str) -> None:
    e = _event(kind, actor, text, trigger, certainty)
    parse_all([text])
    assert summarize(e, "2031-05-01", None) == f"2031-05-01 — {want}"


def test_the_subject_named_by_a_mention_when_the_event_left_it_unresolved() -> None:
    text = "Oslo announced it was cutting ties with Finland over the pipeline dispute."
    e = _event("SANCTION", [], text, "cutting", "asserted")
    parse_all([text])
    oslo = Mention("d", 0, 0, 4, "Oslo", "GPE", "country:NOR", "Norway", "NOR", "GOV")
    assert summarize(e, None, None, mentions=[oslo]) == "undated — Norway cuts ties with Finland over the pipeline dispute"


def test_never_a_fragment() -> None:
    text = "Several months later, Norway invaded."
    e = Event("e", "d", "ASSAULT", [NO], [], text, 0, len(text), trigger="invaded")
    parse_all([text])
    s = summarize(e, "2031", "Oslo").split(" — ", 1)[1]
    assert ":" not in s and s.startswith("Norway") and not s.endswith(("invaded", "in", "to"))


def test_without_a_parse_the_template_reads() -> None:
    e = Event("e", "d", "CONSULT", [NO], [FI], "no such sentence", 0, 1, certainty="planned")
    assert summarize(e, "2031-05-01", "Oslo") == "2031-05-01 — Norway plans to meet Finland in Oslo"


def test_present_tense() -> None:
    assert [present(v) for v in ("meet", "urge", "deny", "push", "go", "be")] == [
        "meets", "urges", "denies", "pushes", "goes", "is"]
    assert present("meet", plural=True) == "meet"


def _bare(kind: str, actor: list[ActorRef], recipient: list[ActorRef], text: str, trigger: str,
          certainty: str = "asserted") -> str:
    e = Event("e", "d", kind, actor, recipient, text, 0, len(text), trigger=trigger, certainty=certainty)  # type: ignore[arg-type]
    parse_all([text])
    return summarize(e, "2031-05-01", None).split(" — ", 1)[1]


def test_an_unresolved_actor_is_the_subject_as_written_never_dropped() -> None:
    s = _bare("ACCUSE", [], [FI], "Norwegian fishing officials accused Finland on Friday of breaking the quota deal.",
              "accused")
    assert s.startswith("Norwegian fishing officials accuse Finland of breaking the quota deal")


def test_a_plural_subject_takes_a_plural_verb() -> None:
    gunmen = ActorRef(None, "Gunmen", "Gunmen", "NOR", None)
    s = _bare("ASSAULT", [gunmen], [], "Gunmen stormed a ferry terminal in the port of Bergen on Sunday.", "stormed")
    assert s == "Gunmen storm a ferry terminal in the port of Bergen"


def test_a_passive_without_an_agent_says_whom_it_happened_to() -> None:
    mayor = ActorRef("person:a-mayor", "Ola Nordmann", "Ola Nordmann", "NOR", "GOV")
    s = _bare("COERCE", [], [mayor], "Ola Nordmann was arrested in Tromso on Monday over the harbor fraud.",
              "arrested")
    assert s == "Ola Nordmann is arrested in Tromso over the harbor fraud"


def test_a_quoted_complement_is_kept() -> None:
    s = _bare("REQUEST", [NO], [FI], "Norway demanded that Helsinki \u201cmust immediately lift its timber duties.\u201d",
              "demanded")
    assert s.startswith("Norway demands that Helsinki must immediately lift its timber duties")


def test_a_thing_does_not_plan() -> None:
    s = _bare("COERCE", [], [FI], "Such shipments would breach the fishing treaty with Finland.", "breach",
              certainty="planned")
    assert s.startswith("Such shipments would breach the fishing treaty")


def test_the_fallback_is_the_whole_sentence_when_nothing_says_who() -> None:
    s = _bare("ASSAULT", [], [], "Three ferry workers aboard were injured.", "injured")
    assert s == "Three ferry workers aboard were injured" or s.startswith("Three ferry workers")
    assert not s.endswith("aboard")


def test_three_sides_are_listed_with_commas() -> None:
    from tieline.records import ActorRef
    from tieline.stories.summary import names
    refs = [ActorRef(f"country:{c}", n, n, c, "GOV") for c, n in (("BFA", "Burkina Faso"), ("MLI", "Mali"),
                                                                 ("NER", "Niger"))]
    assert names(refs) == "Burkina Faso, Mali and Niger"


def test_a_states_unnamed_official_reads_as_the_state() -> None:
    text = "A Foreign Ministry spokesperson in Oslo urged Finland to reopen the border crossing."
    official = ActorRef(None, None, "A Foreign Ministry spokesperson", "NOR", "GOV")  # type: ignore[arg-type]
    e = _event("REQUEST", [official], text, "urged", "asserted")
    parse_all([text])
    assert summarize(e, None, None).split(" — ", 1)[1].startswith("Norway urges Finland to reopen the border")


def test_the_resolved_recipient_first_when_no_one_resolved_the_actor() -> None:
    text = "Fishing cooperatives across the north sharply criticized Finland over the new quotas."
    finland = ActorRef("country:FIN", "Finland", "Finland", "FIN", "GOV")
    e = Event("e", "d", "ACCUSE", [], [finland], text, 0, len(text), trigger="criticized")
    parse_all([text])
    line = summarize(e, None, None).split(" — ", 1)[1]
    assert line.startswith("Finland is criticized by fishing cooperatives") and "quotas" in line


def test_a_many_word_proper_name_is_one_actor() -> None:
    text = "Friends of the Arctic Islands collaborated with Finland on a survey of seal colonies."
    group = ActorRef(None, "Friends of the Arctic Islands", "Friends of the Arctic Islands")
    e = _event("COOPERATE", [group], text, "collaborated", "asserted")
    parse_all([text])
    assert "Friends of the Arctic Islands collaborates with Finland" in summarize(e, None, None)


def test_a_noun_trigger_inside_a_series_reads_with_its_verb() -> None:
    text = "Since leaving office, Norway's former envoy has leveled a string of criticisms on how the council works."
    envoy = ActorRef("person:an-envoy", "Ola Envoy", "Norway's former envoy", "NOR", "GOV")
    e = Event("e", "d", "ACCUSE", [envoy], [], text, 0, len(text), trigger="criticisms")
    parse_all([text])
    assert summarize(e, None, None) == "undated — Ola Envoy levels a string of criticisms on how the council works"


def test_those_who_stand_accused_are_accused() -> None:
    text = "Two Norwegian sailors stand accused of the 2029 sabotage of the harbor cable."
    sailors = ActorRef(None, "Norway", "Norwegian sailors", "NOR", None)  # type: ignore[arg-type]
    e = Event("e", "d", "ACCUSE", [sailors], [], text, 0, len(text), trigger="accused")
    parse_all([text])
    assert summarize(e, None, None).split(" — ", 1)[1].startswith("Norway is accused of the 2029 sabotage")


def test_the_doer_named_after_the_reporting_verb_not_the_source() -> None:
    text = "A Western diplomatic source said Oslo in recent years imposed strict limits on Finnish trawlers."
    e = Event("e", "d", "COERCE", [], [FI], text, 0, len(text), trigger="imposed")
    parse_all([text])
    oslo = Mention("d", 0, text.index("Oslo"), text.index("Oslo") + 4, "Oslo", "GPE", "country:NOR", "Norway", "NOR",
                   "GOV")
    line = summarize(e, None, None, mentions=[oslo]).split(" — ", 1)[1]
    assert line.startswith("Norway imposes strict limits on Finnish trawlers")


def test_the_silent_e_of_a_short_verb_is_kept() -> None:
    text = "Norway is hoping to win fishing rights in Finnish waters."
    e = Event("e", "d", "REQUEST", [NO], [FI], text, 0, len(text), trigger="hoping")
    parse_all([text])
    assert "Norway hopes to win fishing rights" in summarize(e, None, None)


def test_what_was_said_after_a_comma_and_a_quote_mark_is_kept() -> None:
    text = 'On Monday, Norway said in a statement, "The fisheries accord with Finland is a model for the region."'
    e = Event("e", "d", "SUPPORT", [NO], [FI], text, 0, len(text), trigger="said")
    parse_all([text])
    line = summarize(e, None, None).split(" — ", 1)[1]
    assert line.startswith("Norway says") and "the fisheries accord with Finland is a model" in line


def test_the_silent_e_in_the_present_tense_too() -> None:
    text = "Norway hopes to win fishing rights in Finnish waters."
    e = Event("e", "d", "REQUEST", [NO], [FI], text, 0, len(text), trigger="hopes")
    parse_all([text])
    assert "Norway hopes to win fishing rights" in summarize(e, None, None)


# -- subjects the sentence leaves unnamed, resolved from what it (or the one before) names ----------------
FRONT = ActorRef("org:north-front", "North Front", "North Front", "NOR", "REB")


def _m(sentence: int, start: int, text: str, label: str, ref: ActorRef) -> Mention:
    return Mention("d", sentence, start, start + len(text), text, label, ref.actor_id, ref.name, ref.country,
                   ref.sector)


def _open(kind: str, text: str, trigger: str, recipient: list[ActorRef], start: int = 0,
          sentence: int = 0) -> Event:
    return Event("e", "d", kind, [], recipient, text, start, start + len(text), sentence=sentence,
                 trigger=trigger)


def test_a_side_clause_pronoun_is_the_one_group_its_sentence_named() -> None:
    text = "Few neighbours have dealt with the North Front since they seized the port of Vardo in 2031."
    e = _open("ASSAULT", text, "seized", [])
    parse_all([text])
    front = _m(0, text.index("North"), "North Front", "ORG", FRONT)
    assert summarize(e, None, None, mentions=[front]) == "undated — North Front seizes the port of Vardo"


def test_a_pronoun_is_not_resolved_when_two_could_be_meant_or_in_a_main_clause() -> None:
    text = "The North Front met the Coast League before they seized the port of Vardo."
    league = ActorRef("org:coast-league", "Coast League", "Coast League", "NOR", "REB")
    e = _open("ASSAULT", text, "seized", [])
    parse_all([text])
    ms = [_m(0, text.index("North"), "North Front", "ORG", FRONT), _m(0, text.index("Coast"), "Coast League", "ORG", league)]
    assert "North Front seizes" not in summarize(e, None, None, mentions=ms)
    text = "They seized the port of Vardo after the North Front called for it."
    e = _open("ASSAULT", text, "seized", [])
    parse_all([text])
    assert not summarize(e, None, None, mentions=[_m(0, text.index("North"), "North Front", "ORG", FRONT)]
                         ).split(" — ")[1].startswith("North Front")


def test_both_countries_are_the_two_the_sentence_before_named() -> None:
    before = "Oslo and Helsinki quarrelled over fishing rights for months."
    text = "Both countries recalled their ambassadors over the dispute."
    start = len(before) + 1
    e = _open("SANCTION", text, "recalled", [], start=start, sentence=1)
    parse_all([text])
    ms = [_m(0, 0, "Oslo", "GPE", NO), _m(0, before.index("Helsinki"), "Helsinki", "GPE", FI)]
    assert summarize(e, None, None, mentions=ms) == "undated — Norway and Finland recall their ambassadors over the dispute"
    # three countries before: no telling which two
    se = ActorRef("country:SWE", "Sweden", "Stockholm", "SWE", "GOV")
    ms.append(_m(0, before.index("fishing"), "Stockholm", "GPE", se))
    assert "Norway and Finland" not in summarize(e, None, None, mentions=ms)


def test_the_militant_group_is_the_articles_one_armed_group() -> None:
    text = "The militant group attacked a police post near Kirkenes."
    e = _open("ASSAULT", text, "attacked", [])
    parse_all([text])
    known = {"north front": FRONT}
    assert summarize(e, None, None, known) == "undated — North Front attacks a police post near Kirkenes"
    league = ActorRef("org:coast-league", "Coast League", "Coast League", "NOR", "REB")
    assert "North Front" not in summarize(e, None, None, {"north front": FRONT, "coast league": league})


def test_a_spokesman_keeps_whom_he_speaks_for() -> None:
    text = "A spokesman for Norwegian Prime Minister Kari Lund rejected the accusations on Friday."
    lund = ActorRef("person:kari-lund", "Kari Lund", "Kari Lund", "NOR", "GOV")
    e = _open("REJECT", text, "rejected", [FI])
    parse_all([text])
    m = _m(0, text.index("Kari"), "Kari Lund", "PERSON", lund)
    assert summarize(e, None, None, mentions=[m]) == \
        "undated — A spokesman for Norwegian Prime Minister Kari Lund rejects the accusations"


def test_an_attempt_reads_as_one() -> None:
    text = "A former guard told the court that he tried to kill the Finnish envoy in Oslo."
    e = Event("e", "d", "ASSAULT", [ActorRef(None, "A former guard", "A former guard")], [FI], text, 0, len(text),
              trigger="kill")
    parse_all([text])
    line = summarize(e, None, None).split(" — ", 1)[1]
    assert "tries to kill" in line and " kills " not in line


def test_a_name_opening_the_sentence_is_not_the_doer_of_another_subjects_clause() -> None:
    # "pressure" tagged a verb with no subject: Lund said it, the plan yields to it
    text = "Kari Lund said the plan caves to Swedish demands and yields to pressure from foreign courts."
    lund = ActorRef("person:kari-lund", "Kari Lund", "Kari Lund", "NOR", "LEG")
    e = _open("COERCE", text, "pressure", [NO])
    parse_all([text])
    m = _m(0, text.index("Kari"), "Kari Lund", "PERSON", lund)
    assert not summarize(e, None, None, mentions=[m]).split(" — ", 1)[1].startswith("Kari Lund pressures")


def test_a_phrase_cut_short_goes_whole() -> None:
    text = ("Norway's prime minister met the leaders of the three Baltic countries on Monday in the second round of "
            "the Nordic-Baltic talks at the level of heads of government, on the sidelines of the Arctic Council.")
    e = _event("CONSULT", [NO], text, "met", "asserted")
    parse_all([text])
    line = summarize(e, None, None).split(" — ", 1)[1]
    assert line.startswith("Norway meets the leaders of the three Baltic countries")
    assert "sidelines" not in line or "sidelines of" in line


def test_what_a_governing_verb_denies_stays_denied() -> None:
    text = "Officials in Oslo warned that Norway can't afford to defend Finland's northern border alone."
    e = _event("AID", [NO], text, "defend", "asserted")
    parse_all([text])
    line = summarize(e, None, None).split(" — ", 1)[1]
    assert "cannot afford to defend" in line and "defends" not in line


def test_a_bracket_the_cut_leaves_open_is_dropped() -> None:
    from tieline.stories.summary import _tidy

    assert _tidy("The envoy defies calls by the [U.N. Security Council") == \
        "The envoy defies calls by the U.N. Security Council"
    assert _tidy("Kenya meets Chad (in Nairobi) and [the AU] agrees") == "Kenya meets Chad (in Nairobi) and [the AU] agrees"


def test_of_one_verb_used_twice_the_summary_reads_the_events_own() -> None:
    text = ("Norway's coast guard said it seized two Finnish trawlers off Tromso on Monday and later seized "
            "a cargo ship carrying 40 tonnes of illegal cod.")
    second = text.index("seized", text.index("seized") + 1)
    first = _event("COERCE", [NO], text, "seized", "asserted", trigger_start=text.index("seized"))
    later = _event("COERCE", [NO], text, "seized", "asserted", trigger_start=second)
    parse_all([text])
    assert "trawlers" in summarize(first, "2031-05-01", None)
    assert "cargo ship" in summarize(later, "2031-05-01", None)
    assert "trawlers" not in summarize(later, "2031-05-01", None)


def test_a_bare_word_the_event_kept_reads_as_the_sentence_says_it() -> None:
    text = "Nordic naval and coast guard chiefs are holding talks this week on patrols in the Baltic."
    bare = ActorRef(None, "naval", "naval", None, "MIL")
    e = Event("e", "d", "CONSULT", [bare], [], text, 0, len(text), trigger="talks")
    parse_all([text])
    s = summarize(e, "2031-05-01", None).split(" — ", 1)[1]
    assert s.startswith("Nordic naval and coast guard chiefs hold talks"), s


def test_a_cut_sentence_never_ends_on_an_adverb_that_leads_on() -> None:
    from tieline.stories.summary import _trim_words

    assert _trim_words(["others", "found", "it", "distasteful,", "especially"]) == ["others", "found", "it", "distasteful,"]


def test_a_day_with_a_side_clause_is_still_a_time_left_out() -> None:
    text = "Norway issued its appeal Friday, which is the tenth anniversary of the Tromso accord."
    e = _event("REQUEST", [NO], text, "appeal", "asserted")
    parse_all([text])
    assert "Friday" not in summarize(e, "2031-05-01", None)
